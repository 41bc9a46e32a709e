/* SPDX-License-Identifier: BSD-2-Clause */
/* The one gateway into the BIOS: bios_int() (stage2/realmode.asm) runs
 * INT n in real mode with the registers of a struct biosregs. */
#ifndef BZ_STAGE2_BIOS_H
#define BZ_STAGE2_BIOS_H

#include <stddef.h>
#include <stdint.h>

/* Layout shared with realmode.asm (BIOSREGS_SIZE): the general registers
 * in pushad order, then GS FS ES DS, then EFLAGS. */
struct biosregs {
	union {
		struct {
			uint32_t edi, esi, ebp, _esp, ebx, edx, ecx, eax;
		};
		struct {
			uint16_t di, hdi, si, hsi, bp, hbp, _sp, _hsp;
			uint16_t bx, hbx, dx, hdx, cx, hcx, ax, hax;
		};
		struct {
			uint8_t _d[16];
			uint8_t bl, bh, _b2, _b3, dl, dh, _d2, _d3;
			uint8_t cl, ch, _c2, _c3, al, ah, _a2, _a3;
		};
	};
	uint16_t gs, fs, es, ds;
	uint32_t eflags;
} __attribute__((packed));

_Static_assert(sizeof(struct biosregs) == 44, "realmode.asm BIOSREGS_SIZE");
_Static_assert(offsetof(struct biosregs, eax) == 28, "pushad order");
_Static_assert(offsetof(struct biosregs, ah) == 29, "pushad order");
_Static_assert(offsetof(struct biosregs, gs) == 32, "segments after GPRs");

#define X86_EFLAGS_CF 0x0001
#define X86_EFLAGS_ZF 0x0040

/* Zero everything, segments 0, and CF set: a BIOS that does nothing at all
 * then reads as a failure rather than success. */
void initregs(struct biosregs *r);
/* realmode.asm takes its arguments on the stack: regparm(0). */
#define ASMLINKAGE __attribute__((regparm(0)))

void ASMLINKAGE bios_int(int intno, const struct biosregs *in,
			 struct biosregs *out);

/* Real-mode far pointer for a linear address below 1 MiB. */
static inline uint16_t rm_seg(uint32_t linear)
{
	return linear >> 4;
}
static inline uint16_t rm_off(uint32_t linear)
{
	return linear & 15;
}

#endif
