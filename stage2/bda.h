/* SPDX-License-Identifier: BSD-2-Clause */
/* The BIOS data area at 0x400: the fields stage2 uses, by name. The
 * BIOS changes them behind our back (the tick count), hence volatile. */
#ifndef BZ_STAGE2_BDA_H
#define BZ_STAGE2_BDA_H

#include <stddef.h>
#include <stdint.h>
#include "memmap.h"

#define BDA_ADDR 0x400

/* Shift (bits 0-1), Ctrl (2), Alt (3), Scroll Lock (4), Caps Lock (6). */
#define BDA_KBD_SHIFT_CTRL_ALT_LOCKS 0x5F

struct bios_data_area {
	uint16_t com_port[4];  /* 0x00 I/O base of COM1-4, 0 if absent */
	uint16_t lpt_port[3];  /* 0x08 */
	uint16_t ebda_seg;     /* 0x0E segment of the extended BDA */
	uint8_t _r10[7];       /* 0x10 */
	uint8_t kbd_flags;     /* 0x17 shift, lock and modifier state */
	uint8_t _r18[0x32];    /* 0x18 */
	uint16_t video_cols;   /* 0x4A text columns */
	uint8_t _r4c[0x20];    /* 0x4C */
	uint32_t timer_ticks;  /* 0x6C ticks since midnight, 18.2 Hz */
	uint8_t _r70[2];       /* 0x70 */
	uint16_t reset_flag;   /* 0x72 0x1234: the next reset is warm */
	uint8_t _r74;	       /* 0x74 */
	uint8_t hd_count;      /* 0x75 hard disks the BIOS found */
	uint8_t _r76[0x0E];    /* 0x76 */
	uint8_t video_rows;    /* 0x84 text rows - 1 (EGA and later) */
	uint8_t _r85[0x6B];    /* 0x85 */
	uint8_t intra_app[16]; /* 0xF0 free for programs: A20 probe */
} __attribute__((packed));

_Static_assert(offsetof(struct bios_data_area, ebda_seg) == 0x0E, "0x40E");
_Static_assert(offsetof(struct bios_data_area, kbd_flags) == 0x17, "0x417");
_Static_assert(offsetof(struct bios_data_area, timer_ticks) == 0x6C, "0x46C");
_Static_assert(offsetof(struct bios_data_area, video_cols) == 0x4A, "0x44A");
_Static_assert(offsetof(struct bios_data_area, video_rows) == 0x84, "0x484");
_Static_assert(offsetof(struct bios_data_area, reset_flag) == 0x72, "0x472");
_Static_assert(offsetof(struct bios_data_area, hd_count) == 0x75, "0x475");
_Static_assert(offsetof(struct bios_data_area, intra_app) == 0xF0, "0x4F0");
_Static_assert(BDA_ADDR + sizeof(struct bios_data_area) <= MEM_STACK_LIMIT,
	       "the stack stays above the BIOS data area");

#define BDA ((volatile struct bios_data_area *)BDA_ADDR)

#endif
