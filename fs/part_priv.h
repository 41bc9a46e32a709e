// SPDX-License-Identifier: BSD-2-Clause
/* What the partition-table readers share (part.c: the walk and the choice,
 * part_mbr.c: MBR primaries and EBR chains, part_gpt.c: GPT); not for
 * callers, who include fs/part.h. */
#ifndef BZ_FS_PART_PRIV_H
#define BZ_FS_PART_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs/part.h"

/* One walk over the disk's partitions: every one found goes to fn, one
 * sector at a time through buf. */
struct walk {
	const struct blockdev *dev;
	uint8_t *buf;
	int (*fn)(void *ctx, const struct part_entry *e);
	void *ctx;
};

/* part.c: reads sector lba into w->buf. */
int part_sector_read(struct walk *w, uint64_t lba);

/* part_mbr.c */

/* 0 if sector 0 holds an MBR partition table, else PART_ENOSIG or
 * PART_EBADTABLE (PART_EINVAL for NULL). */
int part_mbr_check(const uint8_t mbr[512]);

/* Reports the primaries of table t (LBA 0's, copied out of w->buf), then
 * the logical partitions of each extended one. */
int part_mbr_walk(struct walk *w, const struct mbr_entry t[4]);

/* part_gpt.c */

/* True for the EFI System and Microsoft basic data type GUIDs. */
bool part_gpt_type_is_fat(const uint8_t guid[16]);

/* The GPT's partitions: the primary header, else the backup. */
int part_gpt_walk(struct walk *w, uint64_t disk_sectors);

#endif
