// SPDX-License-Identifier: BSD-2-Clause
// bzboot copy FILE DISK: put a file into the FAT volume bzboot boots from
// (a partition, or a superfloppy), with the installer's FAT writer and
// its write plan: --dry-run, --backup and restore work as for install.
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/fat.h"
#include "fs/part.h"
#include "tools/args.h"
#include "tools/backup.h"
#include "tools/bzboot.h"
#include "tools/copy.h"
#include "tools/disk.h"
#include "tools/fatw.h"
#include "tools/file.h"
#include "tools/mounted.h"
#include "tools/pbr.h"
#include "tools/plan.h"

#define COPY_MAX (256u << 20) /* larger files are not what this is for */

const char cmd_copy_help[] =
    "  copy [--as PATH] [--attr rhs] [--partition N] [--dry-run]\n"
    "       [--backup FILE [--overwrite-backup]] SRC DISK\n"
    "      Write SRC into the FAT volume of DISK bzboot boots from (its\n"
    "      partition N, else the one stage2 would choose; a superfloppy\n"
    "      itself) as PATH (default /SRC's name), making directories on\n"
    "      the way and replacing a file of that name. --attr sets\n"
    "      read-only (r), hidden (h), system (s). No root needed.\n";

struct copy_opts {
	bool dry_run, overwrite_backup;
	const char *as, *attr, *backup_path, *src, *disk_path;
	unsigned partition;
};

static int parse_args(int argc, char **argv, struct copy_opts *o)
{
	struct args a = {.cmd = "copy",
			 .operand = "SRC",
			 .operand2 = "DISK",
			 .value = "a value",
			 .argc = argc,
			 .argv = argv};
	const char *opt, *v;

	while ((opt = args_next2(&a, &o->src, &o->disk_path))) {
		if (!strcmp(opt, "--dry-run"))
			o->dry_run = true;
		else if (!strcmp(opt, "--overwrite-backup"))
			o->overwrite_backup = true;
		else if (!strcmp(opt, "--backup"))
			args_value(&a, &o->backup_path);
		else if (!strcmp(opt, "--as"))
			args_value(&a, &o->as);
		else if (!strcmp(opt, "--attr"))
			args_value(&a, &o->attr);
		else if (!strcmp(opt, "--partition")) {
			char *end;

			if (args_value(&a, &v))
				break;
			o->partition = (unsigned)strtoul(v, &end, 10);
			if (!*v || *end || !o->partition || o->partition > 255)
				return bz_usage_error("copy: --partition takes "
						      "a number from 1 to 255, "
						      "not '%s'",
						      v);
		} else
			return args_unknown(&a, opt);
	}
	return a.err;
}

static int attr_bits(const char *s, uint8_t *attr)
{
	*attr = 0;
	for (; s && *s; s++) {
		if (*s == 'r')
			*attr |= FAT_ATTR_READ_ONLY;
		else if (*s == 'h')
			*attr |= FAT_ATTR_HIDDEN;
		else if (*s == 's')
			*attr |= FAT_ATTR_SYSTEM;
		else
			return bz_usage_error("copy: --attr takes letters of "
					      "'rhs', not '%s'",
					      s);
	}
	return 0;
}

/* The volume: a superfloppy's, else partition n (0: stage2's choice). */
static int volume_lba(struct disk *d, unsigned n, uint64_t *lba)
{
	struct blockdev dev = disk_blockdev(d);
	uint8_t sector[DISK_SECTOR];
	struct part_entry e;
	int err;

	if (!n && pbr_is_fat(d, 0)) {
		*lba = 0;
		return 0;
	}
	err = part_find(&dev, d->size / DISK_SECTOR, n, sector, &e);
	if (err) {
		bz_error("%s: no FAT volume to copy into: %s", d->path,
			 part_strerror(err));
		return -1;
	}
	*lba = e.start_lba;
	return 0;
}

static int run(struct disk *d, struct plan *p, const struct copy_opts *o)
{
	if (mounted_check(p) ||
	    (o->backup_path &&
	     backup_check_new(d, o->backup_path, o->overwrite_backup)))
		return -1;
	if (o->dry_run) {
		plan_print(p);
		return 0;
	}
	if ((o->backup_path &&
	     backup_save(p, o->backup_path, o->overwrite_backup)) ||
	    plan_run(p))
		return -1;
	return 0;
}

static int copy(struct disk *d, const struct copy_opts *o, const uint8_t *buf,
		size_t len, uint8_t attr)
{
	struct plan p = {.d = d, .cmd = "copy"};
	const char *base = strrchr(o->src, '/');
	char dest[1024];
	struct fatw *w = NULL;
	uint64_t lba;
	int err;

	snprintf(dest, sizeof(dest), "%s%s", o->as ? "" : "/",
		 o->as	? o->as
		 : base ? base + 1
			: o->src);
	err = volume_lba(d, o->partition, &lba);
	if (!err && !(w = fatw_open(d, lba)))
		err = -1;
	if (!err) {
		err = fatw_put(w, dest, buf, (uint32_t)len, attr);
		if (err == FATW_NOSPACE)
			bz_error("%s: no room for %s: %s; nothing written",
				 d->path, dest, fatw_why(w));
	}
	err = err || fatw_plan(w, &p) || run(d, &p, o);
	if (!err && !o->dry_run)
		printf("copied: %s to %s on the FAT%d volume at LBA %llu of "
		       "%s (%zu bytes)\n",
		       o->src, dest, fatw_type(w), (unsigned long long)lba,
		       d->path, len);
	fatw_close(w);
	plan_free(&p);
	return err;
}

int cmd_copy(int argc, char **argv)
{
	struct copy_opts o = {0};
	uint8_t *buf = NULL, attr;
	size_t len;
	struct disk d;
	int err;

	err = parse_args(argc, argv, &o);
	if (!err)
		err = attr_bits(o.attr, &attr);
	if (err)
		return err;
	err = file_read(o.src, COPY_MAX, 0, &buf, &len);
	if (err) {
		bz_error("cannot read %s: %s", o.src, strerror(-err));
		return BZ_EXIT_FAIL;
	}
	err = disk_open(&d, o.disk_path, o.dry_run);
	if (!err) {
		err = copy(&d, &o, buf, len, attr);
		disk_close(&d);
	}
	free(buf);
	return err ? BZ_EXIT_FAIL : BZ_EXIT_OK;
}
