// SPDX-License-Identifier: BSD-2-Clause
// bzboot install into a FAT volume's boot sector: the jump, the code after
// the BPB and the installer's fields are bzboot's; the BPB (bytes 3..0x59)
// stays the file system's. stage2 goes into reserved sectors no FAT
// structure uses.
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/fat.h"
#include "stage1/format.h"
#include "tools/bzboot.h"
#include "protocol/le.h"
#include "tools/pbr.h"
#include "tools/preflight.h"
#include "tools/s2file.h"
#include "tools/s2img.h"

/* BPB fields the placement needs (offsets in the boot sector). */
#define BPB_RESERVED	 0x0E /* u16 reserved sectors, boot sector included */
#define BPB_FAT32_FSINFO 0x30 /* u16 FSInfo sector */
#define BPB_FAT32_BACKUP 0x32 /* u16 backup boot sector (3 sectors) */
#define BACKUP_SECTORS	 3    /* boot sector, FSInfo, and the one after */

/* fat_mount() prints nothing; disk_read() does, so errors are quiet only
 * for sectors inside the image. */
static int mount_volume(struct disk *d, uint64_t lba, struct fat_volume *fat)
{
	struct blockdev dev = disk_blockdev(d);
	uint64_t sectors = d->size / DISK_SECTOR;

	if (lba >= sectors)
		return FAT_EINVAL;
	return fat_mount(fat, &dev, lba, sectors - lba);
}

bool pbr_is_fat(struct disk *d, uint64_t lba)
{
	struct fat_volume *fat = malloc(sizeof(*fat));
	bool ok;

	if (!fat)
		return false;
	ok = mount_volume(d, lba, fat) == 0;
	free(fat);
	return ok;
}

/* Is sector rel (volume-relative) one FAT32 keeps in its reserved area? */
static bool fat32_owns(const uint8_t *bs, uint32_t rel)
{
	uint16_t fsinfo = le16_get(bs + BPB_FAT32_FSINFO);
	uint16_t backup = le16_get(bs + BPB_FAT32_BACKUP);

	if (rel == fsinfo)
		return true;
	return backup && backup != 0xFFFF && rel >= backup &&
	       rel < (uint32_t)backup + BACKUP_SECTORS;
}

/*
 * The first run of s2_sectors reserved sectors after the boot sector that
 * holds nothing of the file system's. 0 if there is none.
 */
static uint32_t place_stage2(const uint8_t *bs, int type, uint16_t sectors)
{
	uint32_t reserved = le16_get(bs + BPB_RESERVED);
	uint32_t start = 1;

	for (uint32_t rel = 1; rel < reserved; rel++) {
		if (type == 32 && fat32_owns(bs, rel)) {
			start = rel + 1;
			continue;
		}
		if (rel + 1 - start == sectors)
			return start;
	}
	return 0;
}

static int check_hidden(const struct disk *d, uint8_t *bs,
			const struct pbr_install *in)
{
	uint32_t hidden = le32_get(bs + BZ_PBR_HIDDEN);

	if (!in->partitioned) {
		/* A superfloppy starts at 0; a volume that says otherwise
		 * is a partition copied out of its disk: the PBR will look
		 * for stage2 where the BPB says. */
		if (hidden)
			printf("note: the boot sector says the volume starts "
			       "at LBA %u of its disk (BPB hidden sectors); "
			       "the PBR reads stage2 from there\n",
			       hidden);
		return 0;
	}
	if (in->volume_lba > UINT32_MAX) {
		bz_error("%s: the partition starts at LBA %llu, past what a "
			 "FAT boot sector can state (2 TiB): install bzboot "
			 "to the MBR instead (without --pbr)",
			 d->path, (unsigned long long)in->volume_lba);
		return -1;
	}
	if (hidden != in->volume_lba) {
		printf("note: the boot sector's hidden sectors said %u, the "
		       "partition starts at %llu: set to %llu (the PBR finds "
		       "stage2 by it)\n",
		       hidden, (unsigned long long)in->volume_lba,
		       (unsigned long long)in->volume_lba);
		le32_put(bs + BZ_PBR_HIDDEN, (uint32_t)in->volume_lba);
	}
	return 0;
}

/* The new boot sector: the PBR's jump and code around the volume's BPB. */
static void patch_pbr(uint8_t *bs, const struct pbr_install *in,
		      uint32_t s2_rel)
{
	memcpy(bs, in->pbr, BZ_PBR_JUMP_SIZE);
	memcpy(bs + BZ_PBR_CODE, in->pbr + BZ_PBR_CODE,
	       BZ_PBR_SIG_OFF - BZ_PBR_CODE);
	le16_put(bs + BZ_PBR_S2_SECTORS, in->s2_sectors);
	le64_put(bs + BZ_PBR_S2_LBA, s2_rel);
	bs[BZ_PBR_SIG_OFF] = 0x55;
	bs[BZ_PBR_SIG_OFF + 1] = 0xAA;
}

/* The volume's sectors that change in use (its FATs and data, FAT32's
 * FSInfo): a backup's identity must not depend on them. */
static void mark_volatile(struct plan *p, uint64_t lba, const uint8_t *bs,
			  int type)
{
	uint32_t reserved = le16_get(bs + BPB_RESERVED);
	uint16_t fsinfo = le16_get(bs + BPB_FAT32_FSINFO);
	uint16_t backup = le16_get(bs + BPB_FAT32_BACKUP);

	plan_volatile(p, lba + reserved, UINT64_MAX - lba - reserved);
	if (type != 32)
		return;
	plan_volatile(p, lba + fsinfo, 1);
	if (backup && backup != 0xFFFF)
		plan_volatile(p, lba + backup + 1, 1); /* its FSInfo copy */
}

/* The byte ranges of the boot sector bzboot sets, for the dry run. */
static void note_pbr(struct plan *p, uint64_t lba, const uint8_t *old,
		     const uint8_t *bs)
{
	uint64_t off = lba * DISK_SECTOR;

	plan_note(p, off, BZ_PBR_JUMP_SIZE, "PBR jump bytes 0-2");
	if (memcmp(old + BZ_PBR_HIDDEN, bs + BZ_PBR_HIDDEN, 4))
		plan_note(p, off + BZ_PBR_HIDDEN, 4,
			  "BPB hidden sectors %u -> %u (where the volume "
			  "starts)",
			  le32_get(old + BZ_PBR_HIDDEN),
			  le32_get(bs + BZ_PBR_HIDDEN));
	plan_note(p, off + BZ_PBR_CODE, DISK_SECTOR - BZ_PBR_CODE,
		  "PBR code, stage2's place and 0x55AA bytes %u-511",
		  BZ_PBR_CODE);
}

int pbr_plan(struct plan *p, struct pbr_install *in)
{
	struct disk *d = p->d;
	struct fat_volume *fat = malloc(sizeof(*fat));
	uint8_t old[DISK_SECTOR], bs[DISK_SECTOR], backup[DISK_SECTOR];
	uint64_t lba = in->volume_lba;
	uint32_t s2_rel;
	uint16_t backup_rel = 0;
	int type, err;

	if (!fat) {
		bz_error("out of memory");
		return -1;
	}
	/* 1. A FAT volume stage2 can read, with room in its reserved area. */
	err = mount_volume(d, lba, fat);
	type = err ? 0 : fat_type(fat);
	free(fat);
	if (err) {
		bz_error(
		    "%s: LBA %llu is not a FAT file system bzboot can boot "
		    "from: %s",
		    d->path, (unsigned long long)lba, fat_strerror(err));
		return -1;
	}
	if (disk_read(d, lba, old, 1))
		return -1;
	/* stage2 for the PBR: it mounts the volume the PBR names. */
	if (s2img_set_partition(in->stage2,
				(size_t)in->s2_sectors * DISK_SECTOR,
				BZ_S2_PART_VOLUME))
		return -1;
	s2_rel = place_stage2(old, type, in->s2_sectors);
	if (!s2_rel) {
		/* No room: stage2 as a file (tools/s2file.c). */
		if (s2file_stage(d, lba, in->stage2, in->s2_sectors, &in->w,
				 &s2_rel))
			return -1;
		in->s2_file = true;
	} else if (preflight_check_free(d, lba + s2_rel, in->s2_sectors,
					in->force)) {
		return -1;
	}

	/* 2. The new boot sector; FAT32's backup follows if it was a copy. */
	memcpy(bs, old, DISK_SECTOR);
	if (check_hidden(d, bs, in))
		return -1;
	patch_pbr(bs, in, s2_rel);
	if (type == 32) {
		backup_rel = le16_get(old + BPB_FAT32_BACKUP);
		if (backup_rel == 0xFFFF || backup_rel == 0 ||
		    disk_read(d, lba + backup_rel, backup, 1))
			backup_rel = 0;
		else if (memcmp(backup, old, DISK_SECTOR)) {
			printf("note: the backup boot sector (sector %u) was "
			       "not a copy of the boot sector; left as it "
			       "was\n",
			       backup_rel);
			backup_rel = 0;
		}
	}

	/* 4. stage2 first (and what before_boot adds), then FAT32's backup
	 * boot sector, the boot sector last: until it is written, the old
	 * one boots. */
	if (!in->s2_file &&
	    plan_add(p, lba + s2_rel, in->stage2, in->s2_sectors,
		     "stage2 in the FAT%d volume's reserved sectors %u-%u",
		     type, s2_rel, s2_rel + in->s2_sectors - 1))
		return -1;
	if (in->before_boot && in->before_boot(p, in->ctx, in->w))
		return -1;
	if (in->w && fatw_plan(in->w, p))
		return -1;
	if (backup_rel) {
		if (plan_add(p, lba + backup_rel, bs, 1,
			     "FAT32 backup boot sector (volume sector %u): a "
			     "copy",
			     backup_rel) ||
		    plan_expect(p, backup))
			return -1;
		note_pbr(p, lba + backup_rel, old, bs);
	}
	if (plan_add(p, lba, bs, 1,
		     "boot sector of the FAT%d volume: bzboot's PBR around its "
		     "BPB",
		     type) ||
	    plan_expect(p, old))
		return -1;
	note_pbr(p, lba, old, bs);
	mark_volatile(p, lba, old, type);
	snprintf(in->summary, sizeof(in->summary),
		 "installed: bzboot's boot sector in the FAT%d volume at LBA "
		 "%llu (BPB kept%s), stage2 %s %u-%u",
		 type, (unsigned long long)lba,
		 backup_rel ? ", backup boot sector updated" : "",
		 in->s2_file ? "as " S2FILE_PATH " (contiguous), its sectors"
			     : "in its reserved sectors",
		 s2_rel, s2_rel + in->s2_sectors - 1);
	return 0;
}
