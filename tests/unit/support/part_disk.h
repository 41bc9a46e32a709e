// SPDX-License-Identifier: BSD-2-Clause
/* The partition tests' disks: MBR and EBR sectors built by hand on a
 * sparse memdisk, and what part_foreach and part_find report on them.
 * The helpers fail the running cmocka test. */
#ifndef BZ_TESTS_UNIT_SUPPORT_PART_DISK_H
#define BZ_TESTS_UNIT_SUPPORT_PART_DISK_H

#include <stdint.h>

#include "fs/part.h"
#include "tests/unit/support/memdisk.h"

#define SEEN_MAX 300

/* Boot code that does not look like a table, no entries, 0x55AA. */
void mbr_init(uint8_t mbr[512]);

/* Entry `slot` (0-3) of the table in mbr (or in an EBR). */
void mbr_set(uint8_t mbr[512], unsigned slot, uint8_t status, uint8_t type,
	     uint32_t start, uint32_t sectors);

/* An EBR at lba: its logical partition (rel. to the EBR) and the link to
 * the next EBR (rel. to the extended partition), type 0 = none. */
void ebr_put(struct memdisk *sp, uint64_t lba, uint8_t type, uint32_t start,
	     uint32_t sectors, uint32_t next, uint32_t next_sectors);

/* Every partition part_foreach reports, in order. */
struct seen {
	unsigned n;
	struct part_entry e[SEEN_MAX];
	int stop_at; /* seen_fn returns 7 at this index; 0: never */
};

int seen_fn(void *ctx, const struct part_entry *e);

/* part_foreach into a cleared *s. */
int seen_walk(struct memdisk *sp, uint64_t disk, struct seen *s);

/* part_find, with *p filled with garbage first. */
int find_part(struct memdisk *sp, uint64_t disk, unsigned index,
	      struct part_entry *p);

#endif
