// SPDX-License-Identifier: BSD-2-Clause
// bzboot install: stage1 into the MBR's boot code, stage2 into the gap
// between the MBR and the first partition (on GPT, into the BIOS boot
// partition: tools/gpt.c); or, for a disk that is one FAT volume (a
// superfloppy) and with --pbr, the PBR into the volume's boot sector and
// stage2 into its reserved sectors (tools/pbr.c). Nothing else on the disk
// changes. Every write is planned first (tools/plan.c): --dry-run prints
// the plan, --backup saves what it overwrites, then it runs.
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/part.h"
#include "stage1/format.h"
#include "tools/active.h"
#include "tools/args.h"
#include "tools/backup.h"
#include "tools/bzboot.h"
#include "tools/disk.h"
#include "tools/gpt.h"
#include "tools/image.h"
#include "tools/install.h"
#include "tools/mbr.h"
#include "tools/modules.h"
#include "tools/mounted.h"
#include "tools/pbr.h"
#include "tools/plan.h"
#include "tools/preflight.h"
#include "tools/s2img.h"

/* stage2 starts right after the MBR (GPT: in the BIOS boot partition) */
#define S2_LBA 1

struct install_opts {
	bool force;
	bool dry_run;
	bool set_active;
	bool overwrite_backup;
	const char *backup_path;
	bool pbr;	  /* into a partition's boot sector */
	bool active_pmbr; /* GPT: boot flag on the 0xEE entry */
	bool no_modules;
	const char *modules_dir; /* NULL: next to stage2 */
	unsigned partition;	 /* 0: stage2 chooses at boot */
	const char *stage1_path; /* NULL: the built-in image */
	const char *stage2_path;
	const char *disk_path;
};

/* The whole install, planned and checked before anything is written. */
struct install_plan {
	struct image stage1, stage2;
	bool s2_builtin; /* the built-in stage2, whose identity is known */
	uint16_t s2_sectors;
	struct modules_install mods;
	uint8_t mbr[DISK_SECTOR];     /* LBA 0 as read */
	uint8_t new_mbr[DISK_SECTOR]; /* LBA 0 as it will be */
	struct plan writes;
	char summary[256]; /* printed once the writes are done */
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
		} else if (!strcmp(opt, "--dry-run")) {
			o->dry_run = true;
		} else if (!strcmp(opt, "--set-active")) {
			o->set_active = true;
		} else if (!strcmp(opt, "--backup")) {
			args_value(&a, &o->backup_path);
		} else if (!strcmp(opt, "--overwrite-backup")) {
			o->overwrite_backup = true;
		} else if (!strcmp(opt, "--no-modules")) {
			o->no_modules = true;
		} else if (!strcmp(opt, "--modules")) {
			args_value(&a, &o->modules_dir);
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
	if (!a.err && o->overwrite_backup && !o->backup_path)
		return bz_usage_error("install: --overwrite-backup goes with "
				      "--backup FILE");
	return a.err;
}

/* More lines for after the writes. */
__attribute__((format(printf, 2, 3))) static void
summary_add(struct install_plan *p, const char *fmt, ...)
{
	size_t len = strlen(p->summary);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p->summary + len, sizeof(p->summary) - len, fmt, ap);
	va_end(ap);
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

/* --- the modules ------------------------------------------------------- */

/*
 * The modules into the FAT volume at lba, planned after stage2 and before
 * the sector that switches the boot path: until that is written the old
 * boot path runs, and it may already read modules from /boot/bzboot/.
 */
static int add_modules(struct install_plan *p, const struct install_opts *o,
		       uint64_t lba)
{
	struct modules_install *m = &p->mods;

	if (o->no_modules)
		return 0;
	m->volume_lba = lba;
	m->dir = o->modules_dir;
	m->stage2_path = o->stage2_path;
	m->ident = bz_stage2_ident;
	m->ident_known = p->s2_builtin && bz_stage2_ident;
	return modules_plan(&p->writes, m);
}

/* The hook pbr_plan() calls between stage2 and the boot sector. */
struct volume_ctx {
	struct install_plan *p;
	const struct install_opts *o;
	uint64_t lba;
};

static int volume_modules(struct plan *writes, void *ctx, struct fatw *w)
{
	struct volume_ctx *c = ctx;

	(void)writes;	  /* the same plan: c->p->writes */
	c->p->mods.w = w; /* stage2's file and the modules: one writer */
	return add_modules(c->p, c->o, c->lba);
}

/* --- into a FAT volume's boot sector ------------------------------------ */

static int install_volume(struct disk *d, struct install_plan *p,
			  const struct install_opts *o, uint64_t lba,
			  bool partitioned)
{
	struct volume_ctx ctx = {.p = p, .o = o, .lba = lba};
	int err;
	struct pbr_install in = {
	    .volume_lba = lba,
	    .before_boot = volume_modules,
	    .ctx = &ctx,
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
	err = pbr_plan(&p->writes, &in);
	fatw_close(in.w);
	if (err)
		return -1;
	snprintf(p->summary, sizeof(p->summary), "%s", in.summary);
	return 0;
}

/* --set-active: say so after "installed: ...". */
static void append_active(struct install_plan *p, unsigned n)
{
	summary_add(p, "\nset-active: partition %u %s the active one", n,
		    active_changes(p->mbr, p->new_mbr) ? "is now"
						       : "was already");
}

/*
 * --pbr: the partition --partition names, else the one stage2 would
 * choose (the active FAT partition, else the first FAT one). With
 * --set-active the MBR's boot flags are written last: until then the MBR
 * boots what it booted before.
 */
static int install_pbr(struct disk *d, struct install_plan *p,
		       const struct install_opts *o)
{
	struct part_entry e;

	if (find_partition(d, o->partition, &e))
		return -1;
	if (o->set_active) {
		memcpy(p->new_mbr, p->mbr, DISK_SECTOR);
		if (active_set(d, p->new_mbr, e.index))
			return -1;
	}
	if (install_volume(d, p, o, e.start_lba, true))
		return -1;
	if (!o->set_active)
		return 0;
	append_active(p, e.index);
	if (!active_changes(p->mbr, p->new_mbr))
		return 0;
	if (plan_add(&p->writes, 0, p->new_mbr, 1,
		     "the MBR's boot flags; the rest of LBA 0 as it is") ||
	    plan_expect(&p->writes, p->mbr))
		return -1;
	active_note(&p->writes, p->mbr, p->new_mbr);
	return 0;
}

/* --- the plan ---------------------------------------------------------- */

/* What --set-active cannot do: a disk without an MBR table. */
static int refuse_set_active(const struct disk *d, int table, bool volume)
{
	if (volume)
		bz_error("%s is one FAT volume without a partition table: "
			 "there is no partition to mark active (install "
			 "without --set-active)",
			 d->path);
	else if (table == MBR_EGPT)
		bz_error("%s is a GPT disk: its boot flag is the partition's "
			 "Legacy BIOS Bootable attribute, which bzboot does "
			 "not write (that rewrites both GPT headers and entry "
			 "arrays). Set it with 'sfdisk --part-attrs %s N "
			 "LegacyBIOSBootable' and install without "
			 "--set-active",
			 d->path, d->path);
	else
		return 0;
	return -1;
}

/* The MBR (or protective MBR) install: stage2, then LBA 0. */
static int plan_mbr(struct disk *d, struct install_plan *p,
		    const struct install_opts *o, int table,
		    const struct mbr_scan *scan)
{
	uint64_t s2_lba = S2_LBA, vol = 0;
	struct part_entry e = {0};

	/* The partition table decides where stage2 may go: the gap after
	 * the MBR, or a GPT disk's BIOS boot partition. */
	if (table == MBR_EGPT) {
		if (gpt_place_stage2(d, p->s2_sectors, o->force, &s2_lba))
			return -1;
	} else if (preflight_check_gap(d, p->mbr, S2_LBA, p->s2_sectors,
				       o->force)) {
		return -1;
	}
	if (o->partition && set_partition(d, p, o->partition))
		return -1;
	if (o->set_active && find_partition(d, o->partition, &e))
		return -1;

	/* The new MBR: our boot code, the disk's table and signature. */
	memcpy(p->new_mbr, p->mbr, DISK_SECTOR);
	mbr_patch(p->new_mbr, p->stage1.data, p->s2_sectors, s2_lba);
	if (o->active_pmbr) /* the protective entry's flag, when asked */
		p->new_mbr[BZ_MBR_PTABLE_OFF + 16 * (scan->entry - 1)] = 0x80;
	if (o->set_active && active_set(d, p->new_mbr, e.index))
		return -1;

	/* Stage2 and the modules first: until the MBR is written, the old
	 * one boots. */
	if (plan_add(&p->writes, s2_lba, p->stage2.data, p->s2_sectors,
		     "stage2 sectors %llu-%llu%s", (unsigned long long)s2_lba,
		     (unsigned long long)(s2_lba + p->s2_sectors - 1),
		     table == MBR_EGPT ? " (the BIOS boot partition)" : ""))
		return -1;
	if (o->no_modules)
		;
	else if (!modules_volume(d, o->partition, &vol))
		bz_error("warning: no FAT partition to write the modules to; "
			 "installing without them");
	else if (add_modules(p, o, vol))
		return -1;
	if (plan_add(&p->writes, 0, p->new_mbr, 1,
		     "the MBR (disk signature and table kept%s)",
		     active_changes(p->mbr, p->new_mbr) ? ", boot flags set"
							: "") ||
	    plan_expect(&p->writes, p->mbr))
		return -1;
	plan_note(&p->writes, 0, BZ_MBR_CODE_SIZE,
		  "MBR code bytes 0-439 (stage1)");
	active_note(&p->writes, p->mbr, p->new_mbr);
	snprintf(p->summary, sizeof(p->summary),
		 "installed: stage1 in MBR, stage2 at LBA %llu-%llu (%zu "
		 "bytes); partition table and disk signature kept",
		 (unsigned long long)s2_lba,
		 (unsigned long long)(s2_lba + p->s2_sectors - 1),
		 p->stage2.len);
	if (o->active_pmbr)
		summary_add(p, "\nnote: protective MBR entry %d marked active",
			    scan->entry);
	if (o->set_active)
		append_active(p, e.index);
	return 0;
}

static int plan_install(struct disk *d, struct install_plan *p,
			const struct install_opts *o)
{
	struct mbr_scan scan;
	int table;
	bool volume;

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
		    "on an MBR disk, use --set-active",
		    d->path);
		return -1;
	}
	/* A superfloppy: LBA 0 is a FAT boot sector, not a table. */
	volume = !o->pbr && pbr_is_fat(d, 0);
	if (o->set_active && refuse_set_active(d, table, volume))
		return -1;
	if (o->pbr)
		return install_pbr(d, p, o);
	if (!volume)
		return plan_mbr(d, p, o, table, &scan);
	if (table == MBR_OK) {
		bz_error("%s: LBA 0 reads both as a FAT boot sector and as a "
			 "partition table; bzboot will not guess which one to "
			 "keep. Use --pbr to install into a partition, or "
			 "repartition the disk",
			 d->path);
		return -1;
	}
	if (o->partition) {
		bz_error("%s is one FAT volume without a partition table: it "
			 "has no partition %u",
			 d->path, o->partition);
		return -1;
	}
	return install_volume(d, p, o, 0, false);
}

/* --- the command ------------------------------------------------------- */

/* After the checks: print, or save and write. */
static int run_plan(struct disk *d, struct install_plan *p,
		    const struct install_opts *o)
{
	if (mounted_check(&p->writes) ||
	    (o->backup_path &&
	     backup_check_new(d, o->backup_path, o->overwrite_backup)))
		return -1;
	if (o->dry_run) {
		plan_print(&p->writes);
		if (o->backup_path)
			printf(
			    "It would first save those %llu sectors, as they "
			    "are now, to %s.\n",
			    (unsigned long long)plan_sectors(&p->writes),
			    o->backup_path);
		return 0;
	}
	if (o->backup_path &&
	    backup_save(&p->writes, o->backup_path, o->overwrite_backup))
		return -1;
	if (plan_run(&p->writes)) {
		if (o->backup_path)
			bz_error("to put back what was written: bzboot "
				 "restore %s %s",
				 o->backup_path, d->path);
		else
			bz_error("fix the cause and install again: repeating "
				 "the writes is safe");
		return -1;
	}
	printf("%s\n", p->summary);
	if (p->mods.summary[0])
		printf("%s\n", p->mods.summary);
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
	      disk_open(&d, o.disk_path, o.dry_run);
	if (!err) {
		size_t builtin = (size_t)(bz_stage2_end - bz_stage2_start);

		p.s2_builtin = p.stage2.len == builtin &&
			       !memcmp(p.stage2.data, bz_stage2_start, builtin);
		p.s2_sectors = (uint16_t)(p.stage2.len / S2IMG_SECTOR);
		p.writes.d = &d;
		p.writes.cmd = "install";
		err = plan_install(&d, &p, &o) || run_plan(&d, &p, &o);
		plan_free(&p.writes);
		disk_close(&d);
	}
	free(p.stage1.data);
	free(p.stage2.data);
	return err ? BZ_EXIT_FAIL : BZ_EXIT_OK;
}
