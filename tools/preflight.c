// SPDX-License-Identifier: BSD-2-Clause
// What bzboot install refuses, checked before anything is written: a disk
// without an MBR table, GPT (install.c places stage2 there), no room before the
// first partition, a gap in use by someone else.
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

#include "stage1/format.h"
#include "tools/bzboot.h"
#include "protocol/le.h"
#include "tools/mbr.h"
#include "tools/preflight.h"

static int check_table(const struct disk *d, const uint8_t *mbr,
		       uint64_t *first_lba)
{
	struct mbr_scan scan;
	int err = mbr_scan(mbr, &scan);

	*first_lba = scan.first_lba;
	switch (err) {
	case MBR_OK:
		return 0;
	case MBR_ENOSIG:
		bz_error("%s has no MBR partition table: create one first, "
			 "e.g. with fdisk/sfdisk",
			 d->path);
		break;
	case MBR_EGPT:
		bz_error("%s: partition entry %d is a GPT protective entry "
			 "(type 0xEE): on GPT, stage2 goes into the BIOS boot "
			 "partition, not after the MBR",
			 d->path, scan.entry);
		break;
	case MBR_ESTATUS:
		bz_error("%s: LBA 0 is not a partition table (entry %d has "
			 "boot flag 0x%02x): is it a partition or a filesystem "
			 "without one? Install to a partitioned whole disk",
			 d->path, scan.entry, scan.flag);
		break;
	case MBR_ENOPART:
		if (mbr_fs_name(mbr)) {
			bz_error("%s: LBA 0 holds a file system (%s), not "
				 "a partition table: bzboot installs to a "
				 "partitioned whole disk or into a FAT "
				 "volume",
				 d->path, mbr_fs_name(mbr));
			break;
		}
		bz_error("%s has no partition: create one (starting at "
			 "sector 2048) for the kernel and its config first",
			 d->path);
		break;
	case MBR_EOVERLAP:
		bz_error("%s: partition %d starts at LBA 0, over the MBR: "
			 "the partition table is broken; fix it with fdisk",
			 d->path, scan.entry);
		break;
	}
	return -1;
}

static int check_gap(const struct disk *d, uint64_t first_lba, uint64_t s2_lba,
		     uint16_t s2_sectors)
{
	uint64_t gap = first_lba - s2_lba;
	uint64_t need = (s2_lba + (uint64_t)s2_sectors) * DISK_SECTOR;

	if (gap < s2_sectors) {
		bz_error("%s: the gap before the first partition is %llu "
			 "sectors; bzboot's stage2 needs %u: repartition so "
			 "that the first partition starts at sector 63 or "
			 "later (2048 is usual)",
			 d->path, (unsigned long long)gap, s2_sectors);
		return -1;
	}
	if (d->size < need) {
		bz_error("%s is %llu bytes; stage2 needs the first %llu: is "
			 "the image truncated?",
			 d->path, (unsigned long long)d->size,
			 (unsigned long long)need);
		return -1;
	}
	return 0;
}

static bool all_zero(const uint8_t *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (buf[i])
			return false;
	return true;
}

/*
 * Another loader (GRUB's core.img, a vendor tool, disk encryption) may live
 * in the gap, a file system's own data in reserved sectors; ours is known
 * by the stage2 magic in the first sector.
 */
int preflight_check_free(struct disk *d, uint64_t s2_lba, uint16_t s2_sectors,
			 bool force)
{
	uint8_t *old = disk_read_alloc(d, s2_lba, s2_sectors);
	bool ours, empty;

	if (!old)
		return -1;
	ours = le32_get(old + offsetof(struct bz_stage2_header, magic)) ==
	       BZ_S2_MAGIC;
	empty = all_zero(old, (size_t)s2_sectors * DISK_SECTOR);
	free(old);
	if (ours || empty || force)
		return 0;
	bz_error("%s: LBA %llu-%llu hold data that is not bzboot's (another "
		 "boot loader's stage?); rerun with --force to overwrite it",
		 d->path, (unsigned long long)s2_lba,
		 (unsigned long long)(s2_lba + s2_sectors - 1));
	return -1;
}

int preflight_check_gap(struct disk *d, const uint8_t *mbr, uint64_t s2_lba,
			uint16_t s2_sectors, bool force)
{
	uint64_t first_lba;

	if (check_table(d, mbr, &first_lba) ||
	    check_gap(d, first_lba, s2_lba, s2_sectors) ||
	    preflight_check_free(d, s2_lba, s2_sectors, force))
		return -1;
	return 0;
}
