// SPDX-License-Identifier: BSD-2-Clause
/* chain.c32's `swap`: the INT 13h hook (stage2/chain_swap_stub.asm) put
 * in the top KiB of base memory, taken from the BIOS's count so that the
 * booted system leaves it alone, as chain.c32's installer does; the IVT
 * then points at it. Runs just before the jump: from here on a disk call
 * of bzboot's own would reach the other drive. */
#include <stdio.h>
#include <string.h>
#include "chain_opts.h"
#include "protocol/le.h"

#define BDA_BASE_KIB 0x413	/* base memory in KiB (INT 12h's answer) */
#define IVT_INT13    (0x13 * 4) /* offset, segment */
#define SWAP_OLD     0		/* chain_swap_stub.asm's fields */
#define SWAP_DRIVE_A 4
#define SWAP_DRIVE_B 5

extern const uint8_t chain_swap_stub[], chain_swap_stub_end[];
extern const uint16_t chain_swap_entry;
extern const uint8_t _module_end[]; /* stage2/module.ld.S */

bool chain_swap_install(uint8_t drive, uint8_t other, const char *what)
{
	/* volatile: the BIOS's memory, and no pointer arithmetic on a
	 * constant address for gcc to reason about */
	volatile uint16_t *kib = (volatile uint16_t *)BDA_BASE_KIB;
	volatile uint8_t *ivt = (volatile uint8_t *)IVT_INT13;
	uint32_t base = ((uint32_t)*kib - 1) * 1024, old;
	uint8_t *hook = (uint8_t *)base;

	if (*kib < 2 || base < (uint32_t)_module_end) {
		printf("bzboot: %s: swap: no free KiB below the BIOS's %u KiB "
		       "of base memory for the INT 13h hook.\n",
		       what, (unsigned)*kib);
		return false;
	}
	old = (uint32_t)ivt[0] | (uint32_t)ivt[1] << 8 |
	      (uint32_t)ivt[2] << 16 | (uint32_t)ivt[3] << 24;
	memcpy(hook, chain_swap_stub,
	       (size_t)(chain_swap_stub_end - chain_swap_stub));
	le32_put(hook + SWAP_OLD, old);
	hook[SWAP_DRIVE_A] = drive;
	hook[SWAP_DRIVE_B] = other;
	*kib = (uint16_t)(*kib - 1);
	/* the new vector: offset first, then the segment of the KiB */
	ivt[0] = (uint8_t)chain_swap_entry;
	ivt[1] = (uint8_t)(chain_swap_entry >> 8);
	ivt[2] = (uint8_t)(base >> 4);
	ivt[3] = (uint8_t)(base >> 12);
	return true;
}
