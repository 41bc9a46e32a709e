// SPDX-License-Identifier: BSD-2-Clause
// bzboot install on a GPT disk: stage2 goes into the BIOS boot partition,
// as GRUB's core.img does, since GPT leaves no gap after the MBR.
#include <stdio.h>
#include <string.h>

#include "fs/part.h"
#include "tools/bzboot.h"
#include "tools/gpt.h"
#include "tools/preflight.h"

/* 21686148-6449-6E6F-744E-656564454649 ("Hah!IdontNeedEFI"), as on disk:
 * GRUB's BIOS boot partition, which no file system claims. */
static const uint8_t guid_bios_boot[16] = "Hah!IdontNeedEFI";

struct bios_boot {
	struct part_entry e;
	unsigned count;
};

static int find_bios_boot(void *ctx, const struct part_entry *e)
{
	struct bios_boot *b = ctx;

	if (e->gpt && !memcmp(e->type_guid, guid_bios_boot, 16)) {
		if (!b->count++)
			b->e = *e;
	}
	return 0;
}

int gpt_place_stage2(struct disk *d, uint16_t s2_sectors, bool force,
		     uint64_t *lba)
{
	struct blockdev dev = disk_blockdev(d);
	uint8_t sector[DISK_SECTOR];
	struct bios_boot b = {0};
	int err;

	err = part_foreach(&dev, d->size / DISK_SECTOR, sector, find_bios_boot,
			   &b);
	if (err) {
		bz_error("%s: partition table: %s", d->path,
			 part_strerror(err));
		return -1;
	}
	if (!b.count) {
		bz_error("%s is a GPT disk without a BIOS boot partition for "
			 "bzboot's stage2: add one of 1 MiB (type "
			 "21686148-6449-6E6F-744E-656564454649, sfdisk's "
			 "\"BIOS boot\", gdisk's EF02), then install again",
			 d->path);
		return -1;
	}
	if (b.e.sectors < s2_sectors) {
		bz_error("%s: the BIOS boot partition (%u) has %llu sectors; "
			 "stage2 needs %u: make it 1 MiB",
			 d->path, b.e.index, (unsigned long long)b.e.sectors,
			 s2_sectors);
		return -1;
	}
	if (b.count > 1)
		printf("note: %u BIOS boot partitions; stage2 goes into the "
		       "first, partition %u\n",
		       b.count, b.e.index);
	*lba = b.e.start_lba;
	return preflight_check_free(d, *lba, s2_sectors, force);
}
