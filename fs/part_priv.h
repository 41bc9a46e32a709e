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

/* True for the FAT type bytes 0x01 0x04 0x06 0x0B 0x0C 0x0E and their
 * hidden variants (+0x10). */
bool part_type_is_fat(uint8_t type);

/* 0 if sector 0 holds an MBR partition table, else PART_ENOSIG or
 * PART_EBADTABLE (PART_EINVAL for NULL). */
int part_mbr_check(const uint8_t mbr[512]);

/* Reports the primaries of table t (LBA 0's, copied out of w->buf), then
 * the logical partitions of each extended one. */
int part_mbr_walk(struct walk *w, const struct mbr_entry t[4]);

/* part_gpt.c */

/* CRC-32 as zlib's crc32() and the GPT compute it (reflected 0xEDB88320,
 * inverted in and out): start with crc = 0, chain by passing the result
 * back. Bitwise, no table: stage2 has no room for 1 KiB of table. Here,
 * not in part.h, as only the GPT reader and its unit test use it. */
uint32_t part_crc32(uint32_t crc, const void *buf, size_t len);

/* True for the EFI System and Microsoft basic data type GUIDs. */
bool part_gpt_type_is_fat(const uint8_t guid[16]);

/* The GPT's partitions: the primary header, else the backup. */
int part_gpt_walk(struct walk *w, uint64_t disk_sectors);

#endif
