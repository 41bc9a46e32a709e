// SPDX-License-Identifier: BSD-2-Clause
// bzboot install --set-active: a DOS-style MBR (and SYSLINUX's mbr.bin)
// boots the primary partition whose boot flag is 0x80, and the DOS one
// stops at a table with two; so one is set and the others cleared, as
// SYSLINUX's DOS and Windows installers do with -a.
#include <stdio.h>

#include "stage1/format.h"
#include "tools/active.h"
#include "tools/bzboot.h"

#define ENTRIES	   4
#define ENTRY_SIZE 16

static unsigned flag_off(unsigned i)
{
	return BZ_MBR_PTABLE_OFF + ENTRY_SIZE * i;
}

int active_set(const struct disk *d, uint8_t *mbr, unsigned n)
{
	if (n < 1 || n > ENTRIES) {
		bz_error("%s: partition %u is a logical partition; only a "
			 "primary partition (1-4) can be marked active: "
			 "install without --set-active, or boot a primary "
			 "one",
			 d->path, n);
		return -1;
	}
	for (unsigned i = 0; i < ENTRIES; i++)
		mbr[flag_off(i)] = i + 1 == n ? 0x80 : 0x00;
	return 0;
}

int active_changes(const uint8_t *old, const uint8_t *new)
{
	for (unsigned i = 0; i < ENTRIES; i++)
		if (old[flag_off(i)] != new[flag_off(i)])
			return 1;
	return 0;
}

void active_note(struct plan *p, const uint8_t *old, const uint8_t *new)
{
	for (unsigned i = 0; i < ENTRIES; i++) {
		unsigned off = flag_off(i);

		if (old[off] != new[off])
			plan_note(p, off, 1,
				  "MBR entry %u boot flag 0x%02x -> 0x%02x "
				  "(byte %u)",
				  i + 1, old[off], new[off], off);
	}
}
