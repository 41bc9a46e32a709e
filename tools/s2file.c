// SPDX-License-Identifier: BSD-2-Clause
// stage2 as /boot/bzboot/bzboot.sys, in one run of clusters: the PBR reads
// it as one contiguous run of sectors from the volume-relative LBA in its
// field, exactly as it reads reserved sectors, so stage1 does not change.
// A file moved since (defragmented, copied back elsewhere) leaves other
// bytes at that LBA: stage1's magic and ABI check and stage2's checksum
// refuse them ("reinstall bzboot").
#include <stdio.h>

#include "fs/fat.h"
#include "tools/bzboot.h"
#include "tools/s2file.h"

int s2file_stage(struct disk *d, uint64_t lba, const uint8_t *stage2,
		 uint16_t sectors, struct fatw **w, uint32_t *s2_rel)
{
	uint32_t first[2], count[2];
	int err;

	*w = fatw_open(d, lba);
	if (!*w)
		return -1;
	err = fatw_put(*w, S2FILE_PATH, stage2, (uint32_t)sectors * 512,
		       FAT_ATTR_READ_ONLY | FAT_ATTR_HIDDEN | FAT_ATTR_SYSTEM);
	if (err == FATW_NOSPACE) {
		bz_error("%s: the reserved sectors of the FAT%d volume at LBA "
			 "%llu have no room for stage2, and there is no room "
			 "for it as " S2FILE_PATH " either: %s",
			 d->path, fatw_type(*w), (unsigned long long)lba,
			 fatw_why(*w));
		return -1;
	}
	if (err)
		return -1;
	/* The PBR reads one run: a file in pieces cannot be booted. */
	if (fatw_extents(*w, first, count, 2) != 1) {
		bz_error(
		    "%s: the free space of the FAT%d volume at LBA %llu is "
		    "in pieces: stage2 as " S2FILE_PATH " needs %u "
		    "contiguous sectors. Free some space, defragment it, "
		    "or make the file system with mkfs.fat -R 72 (stage2 "
		    "then goes into its reserved sectors)",
		    d->path, fatw_type(*w), (unsigned long long)lba, sectors);
		return -1;
	}
	*s2_rel = first[0];
	return 0;
}
