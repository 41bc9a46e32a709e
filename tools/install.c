// SPDX-License-Identifier: BSD-2-Clause
// bzboot install: stage1 into the MBR's boot code, stage2 into the gap
// between the MBR and the first partition (on GPT, into the BIOS boot
// partition: tools/gpt.c); or, for a disk that is one FAT volume (a
// superfloppy) and with --pbr, the PBR into the volume's boot sector and
// stage2 into its reserved sectors (tools/pbr.c). Nothing else on the disk
// changes.
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/part.h"
#include "stage1/format.h"
#include "tools/args.h"
#include "tools/bzboot.h"
#include "tools/disk.h"
#include "tools/gpt.h"
#include "tools/image.h"
#include "tools/install.h"
#include "tools/mbr.h"
#include "tools/pbr.h"
#include "tools/preflight.h"
#include "tools/s2img.h"

/* stage2 starts right after the MBR (GPT: in the BIOS boot partition) */
#define S2_LBA 1

const char cmd_install_help[] =
    "  install [--force] [--pbr] [--partition N] [--active-pmbr]\n"
    "          [--stage1 FILE] [--stage2 FILE] DISK\n"
    "      Write stage1 into the boot code of DISK's MBR (bytes 0-439)\n"
    "      and stage2 into the sectors after it (LBA 1 on), before the\n"
    "      first partition (on a GPT disk: into its BIOS boot\n"
    "      partition). The partition table, the disk signature and\n"
    "      every partition are kept. DISK is an image file or a whole\n"
    "      disk (/dev/sdX).\n"
    "      A DISK whose LBA 0 is a FAT boot sector (a superfloppy: no\n"
    "      partition table) gets bzboot's PBR there instead, around the\n"
    "      BPB, and stage2 in the volume's reserved sectors (make it\n"
    "      with mkfs.fat -R 72).\n"
    "      --force         overwrite those sectors even if they hold\n"
    "                      data that is not bzboot's (e.g. another\n"
    "                      boot loader's stage)\n"
    "      --pbr           install into the boot sector of the FAT\n"
    "                      partition (--partition N, else the one\n"
    "                      bzboot would choose) and its reserved\n"
    "                      sectors; the MBR is left as it is, for\n"
    "                      another boot loader to chainload bzboot\n"
    "      --active-pmbr   GPT: set the boot flag of the protective\n"
    "                      MBR entry, for BIOSes that boot no disk\n"
    "                      without an active entry (the EFI spec\n"
    "                      forbids the flag; some BIOSes need it)\n"
    "      --partition N   boot from partition N (1-4 primary, 5+\n"
    "                      logical, as Linux numbers them) instead of\n"
    "                      the active FAT one, else the first FAT one\n"
    "      --stage1 FILE   install FILE (512 bytes) instead of the\n"
    "                      built-in stage1\n"
    "      --stage2 FILE   install FILE (a sealed stage2.bin) instead\n"
    "                      of the built-in stage2\n";

struct install_opts {
	bool force;
	bool pbr;		 /* into a partition's boot sector */
	bool active_pmbr;	 /* GPT: boot flag on the 0xEE entry */
	unsigned partition;	 /* 0: stage2 chooses at boot */
	const char *stage1_path; /* NULL: the built-in image */
	const char *stage2_path;
	const char *disk_path;
};

/* The whole write, as planned and checked before anything is written. */
struct install_plan {
	struct image stage1, stage2;
	uint16_t s2_sectors;
	uint8_t mbr[DISK_SECTOR];     /* LBA 0 as read */
	uint8_t new_mbr[DISK_SECTOR]; /* LBA 0 as it will be */
};

/* --- the command line -------------------------------------------------- */

static int parse_args(int argc, char **argv, struct install_opts *o)
{
	struct args a = {.cmd = "install",
			 .operand = "DISK",
			 .value = "a FILE",
			 .argc = argc,
			 .argv = argv};
	const char *opt, *v;
	char *end;

	while ((opt = args_next(&a, &o->disk_path))) {
		if (!strcmp(opt, "--force")) {
			o->force = true;
		} else if (!strcmp(opt, "--pbr")) {
			o->pbr = true;
		} else if (!strcmp(opt, "--active-pmbr")) {
			o->active_pmbr = true;
		} else if (!strcmp(opt, "--partition")) {
			if (args_value(&a, &v))
				break;
			o->partition = (unsigned)strtoul(v, &end, 10);
			if (!*v || *end || o->partition == 0 ||
			    o->partition > 255)
				return bz_usage_error("install: --partition "
						      "takes a number from 1 "
						      "to 255, not '%s'",
						      v);
		} else if (!strcmp(opt, "--stage1")) {
			args_value(&a, &o->stage1_path);
		} else if (!strcmp(opt, "--stage2")) {
			args_value(&a, &o->stage2_path);
		} else {
			return args_unknown(&a, opt);
		}
	}
	return a.err;
}

/* --- the write --------------------------------------------------------- */

static int write_stage2(struct disk *d, const struct install_plan *p,
			uint64_t lba)
{
	if (disk_write(d, lba, p->stage2.data, p->s2_sectors))
		return -1;
	return disk_sync(d);
}

/*
 * Read-modify-write: LBA 0 is read again just before the write, so a table
 * changed since the checks (a partitioner running meanwhile) is not undone.
 */
static int write_mbr(struct disk *d, const struct install_plan *p)
{
	if (disk_check_unchanged(d, 0, p->mbr))
		return -1;
	if (disk_write(d, 0, p->new_mbr, 1))
		return -1;
	return disk_sync(d);
}

/* --- the boot partition ------------------------------------------------ */

/*
 * Partition n (0: the one stage2 would choose), read with the code stage2
 * uses. A number the disk lacks is refused listing those it has.
 */
static int find_partition(struct disk *d, unsigned n, struct part_entry *e)
{
	struct blockdev dev = disk_blockdev(d);
	uint8_t sector[DISK_SECTOR];
	int err;

	err = part_find(&dev, d->size / DISK_SECTOR, n, sector, e);
	if (err == PART_ENOPART && n) {
		char list[128];

		part_list_indices(&dev, d->size / DISK_SECTOR, sector, list,
				  sizeof(list));
		bz_error("%s has no partition %u; it has:", d->path, n);
		fprintf(stderr, "%s\n", list);
		return -1;
	}
	if (err) {
		bz_error("%s: partition table: %s%s", d->path,
			 part_strerror(err),
			 n ? "" : " (name one with --partition N)");
		return -1;
	}
	return 0;
}

/* --partition N: the partition must exist; its number goes into the
 * stage2 header, which is sealed again. */
static int set_partition(struct disk *d, struct install_plan *p, unsigned n)
{
	struct part_entry e;

	if (find_partition(d, n, &e))
		return -1;
	return s2img_set_partition(p->stage2.data, p->stage2.len, n);
}

/* --- into a FAT volume's boot sector ------------------------------------ */

static int install_volume(struct disk *d, struct install_plan *p,
			  const struct install_opts *o, uint64_t lba,
			  bool partitioned)
{
	struct pbr_install in = {
	    .volume_lba = lba,
	    .partitioned = partitioned,
	    .force = o->force,
	    .pbr = bz_pbr_start,
	    .stage2 = p->stage2.data,
	    .s2_sectors = p->s2_sectors,
	};

	if (o->stage1_path) {
		bz_error("%s: --stage1 names MBR code; an install into a FAT "
			 "volume's boot sector uses the built-in PBR",
			 d->path);
		return -1;
	}
	return pbr_install(d, &in);
}

/* --pbr: the partition --partition names, else the one stage2 would
 * choose (the active FAT partition, else the first FAT one). */
static int install_pbr(struct disk *d, struct install_plan *p,
		       const struct install_opts *o)
{
	struct part_entry e;

	if (find_partition(d, o->partition, &e))
		return -1;
	return install_volume(d, p, o, e.start_lba, true);
}

/* --- the command ------------------------------------------------------- */

static int install(struct disk *d, struct install_plan *p,
		   const struct install_opts *o)
{
	uint64_t s2_lba = S2_LBA;
	struct mbr_scan scan;
	int table;

	if (d->size < DISK_SECTOR) {
		bz_error("%s is %llu bytes, too small to hold an MBR", d->path,
			 (unsigned long long)d->size);
		return -1;
	}
	if (disk_read(d, 0, p->mbr, 1))
		return -1;
	table = mbr_scan(p->mbr, &scan);
	if (o->active_pmbr && (o->pbr || table != MBR_EGPT)) {
		bz_error(
		    "%s: --active-pmbr is for installs to a GPT disk's MBR; "
		    "on an MBR disk, mark the boot partition active with "
		    "fdisk",
		    d->path);
		return -1;
	}
	if (o->pbr)
		return install_pbr(d, p, o);

	/* 1. A superfloppy: LBA 0 is a FAT boot sector, not a table. */
	if (pbr_is_fat(d, 0)) {
		if (table == MBR_OK) {
			bz_error(
			    "%s: LBA 0 reads both as a FAT boot sector and "
			    "as a partition table; bzboot will not guess "
			    "which one to keep. Use --pbr to install into "
			    "a partition, or repartition the disk",
			    d->path);
			return -1;
		}
		if (o->partition) {
			bz_error("%s is one FAT volume without a partition "
				 "table: it has no partition %u",
				 d->path, o->partition);
			return -1;
		}
		return install_volume(d, p, o, 0, false);
	}

	/* 2. The partition table decides where stage2 may go: the gap
	 * after the MBR, or a GPT disk's BIOS boot partition. */
	if (table == MBR_EGPT) {
		if (gpt_place_stage2(d, p->s2_sectors, o->force, &s2_lba))
			return -1;
	} else if (preflight_check_gap(d, p->mbr, S2_LBA, p->s2_sectors,
				       o->force)) {
		return -1;
	}
	if (o->partition && set_partition(d, p, o->partition))
		return -1;

	/* 3. The new MBR: our boot code, the disk's table and signature. */
	memcpy(p->new_mbr, p->mbr, DISK_SECTOR);
	mbr_patch(p->new_mbr, p->stage1.data, p->s2_sectors, s2_lba);
	if (o->active_pmbr) {
		/* The one byte of the table bzboot writes, when asked. */
		p->new_mbr[BZ_MBR_PTABLE_OFF + 16 * (scan.entry - 1)] = 0x80;
		printf("note: protective MBR entry %d marked active\n",
		       scan.entry);
	}

	/* 4. Stage2 first: until the MBR is written, the old one boots. */
	if (write_stage2(d, p, s2_lba) || write_mbr(d, p))
		return -1;

	/* 5. Read both back. */
	if (disk_verify(d, s2_lba, p->stage2.data, p->s2_sectors) ||
	    disk_verify(d, 0, p->new_mbr, 1))
		return -1;
	printf("installed: stage1 in MBR, stage2 at LBA %llu-%llu (%zu "
	       "bytes); partition table and disk signature kept\n",
	       (unsigned long long)s2_lba,
	       (unsigned long long)(s2_lba + p->s2_sectors - 1), p->stage2.len);
	return 0;
}

int cmd_install(int argc, char **argv)
{
	struct install_opts o = {0};
	struct install_plan p = {0};
	struct disk d;
	int err;

	err = parse_args(argc, argv, &o);
	if (err)
		return err;
	err = image_load_stage1(&p.stage1, o.stage1_path) ||
	      image_load_stage2(&p.stage2, o.stage2_path) ||
	      disk_open(&d, o.disk_path);
	if (!err) {
		p.s2_sectors = (uint16_t)(p.stage2.len / S2IMG_SECTOR);
		err = install(&d, &p, &o);
		disk_close(&d);
	}
	free(p.stage1.data);
	free(p.stage2.data);
	return err ? BZ_EXIT_FAIL : BZ_EXIT_OK;
}
