// SPDX-License-Identifier: BSD-2-Clause
// bzboot restore FILE DISK: put back, byte for byte, the sectors an install
// saved with --backup FILE, after checking that DISK is the disk FILE was
// made from and that nothing but that install changed those sectors since.
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/args.h"
#include "tools/backup.h"
#include "tools/bzboot.h"
#include "tools/disk.h"
#include "tools/mounted.h"
#include "tools/plan.h"
#include "tools/restore.h"

const char cmd_restore_help[] =
    "  restore [--dry-run] [--force] FILE DISK\n"
    "      Write back the sectors bzboot install --backup FILE saved,\n"
    "      byte for byte. Refuses a FILE made from another disk (its\n"
    "      size, MBR disk signature, GPT disk GUID or the sectors\n"
    "      around the saved ones differ) and saved sectors that\n"
    "      something other than that install changed since.\n"
    "      --dry-run       check everything and list what would be\n"
    "                      written; DISK is opened read-only\n"
    "      --force         restore sectors changed since the install\n"
    "                      (never a FILE from another disk)\n";

struct restore_opts {
	bool dry_run, force;
	const char *file, *disk_path;
};

static int parse_args(int argc, char **argv, struct restore_opts *o)
{
	struct args a = {.cmd = "restore",
			 .operand = "FILE",
			 .operand2 = "DISK",
			 .value = "a value",
			 .argc = argc,
			 .argv = argv};
	const char *opt;

	while ((opt = args_next2(&a, &o->file, &o->disk_path))) {
		if (!strcmp(opt, "--dry-run"))
			o->dry_run = true;
		else if (!strcmp(opt, "--force"))
			o->force = true;
		else
			return args_unknown(&a, opt);
	}
	return a.err;
}

/* --- is it the same disk? ---------------------------------------------- */

static int not_this_disk(const char *file, const struct disk *d,
			 const char *check)
{
	bz_error("%s was not made from %s: %s. Restore it to the disk it "
		 "was made from",
		 file, d->path, check);
	return -1;
}

static int check_identity(const char *file, struct disk *d,
			  const struct backup *b)
{
	struct backup_identity now = b->id;
	char why[256];

	if (backup_identity_read(d, &now))
		return -1;
	if (now.size != b->id.size) {
		snprintf(why, sizeof(why),
			 "the size differs (%llu bytes then, %llu now)",
			 (unsigned long long)b->id.size,
			 (unsigned long long)now.size);
		return not_this_disk(file, d, why);
	}
	if ((b->id.flags & BACKUP_ID_MBR) &&
	    (!(now.flags & BACKUP_ID_MBR) || now.mbr_sig != b->id.mbr_sig)) {
		snprintf(why, sizeof(why),
			 "the MBR disk signature differs (0x%08x then, %s%08x "
			 "now)",
			 b->id.mbr_sig,
			 now.flags & BACKUP_ID_MBR ? "0x" : "no MBR table, ",
			 now.mbr_sig);
		return not_this_disk(file, d, why);
	}
	if ((b->id.flags & BACKUP_ID_GPT) &&
	    (!(now.flags & BACKUP_ID_GPT) ||
	     memcmp(now.gpt_guid, b->id.gpt_guid, 16)))
		return not_this_disk(file, d, "the GPT disk GUID differs");
	if (memcmp(now.around_hash, b->id.around_hash, SHA256_SIZE)) {
		snprintf(why, sizeof(why),
			 "the %u sectors around the saved ones (LBA %llu to "
			 "%llu) hash differently (or they were rewritten "
			 "since, e.g. by repartitioning)",
			 b->id.n_around, (unsigned long long)b->id.around[0],
			 (unsigned long long)b->id.around[b->id.n_around - 1]);
		return not_this_disk(file, d, why);
	}
	return 0;
}

/* --- what is on the disk now ------------------------------------------- */

enum state { AS_BEFORE, AS_INSTALLED, PARTLY, CHANGED };

/* Each byte is what the install found or what it wrote: an install
 * interrupted anywhere, even inside a sector, leaves nothing else. */
static enum state state_of(const struct backup_write *w, const uint8_t *now,
			   size_t *at)
{
	size_t len = (size_t)w->sectors * DISK_SECTOR;
	bool before = true, after = true;

	for (size_t i = 0; i < len; i++) {
		if (now[i] != w->old[i] && now[i] != w->new[i]) {
			*at = i;
			return CHANGED;
		}
		before &= now[i] == w->old[i];
		after &= now[i] == w->new[i];
	}
	return before ? AS_BEFORE : after ? AS_INSTALLED : PARTLY;
}

static int refuse_changed(const struct restore_opts *o,
			  const struct backup_write *w, size_t at)
{
	bz_error("%s: LBA %llu (%s) changed since the install %s saved: "
		 "byte %zu is neither what the install found nor what it "
		 "wrote (another program, or a later install?). Restoring "
		 "would undo that change; add --force to restore anyway",
		 o->disk_path, (unsigned long long)(w->lba + at / DISK_SECTOR),
		 w->what, o->file, at % DISK_SECTOR);
	return -1;
}

/* The plan: each saved range not already as it was, in the reverse of
 * the install's order, so the boot code it wrote last goes first. */
static int plan_restore(struct plan *p, const struct backup *b,
			const struct restore_opts *o, unsigned *partly)
{
	for (unsigned k = b->n; k-- > 0;) {
		const struct backup_write *w = &b->w[k];
		uint8_t *now = disk_read_alloc(p->d, w->lba, w->sectors);
		enum state st;
		size_t at = 0;

		if (!now)
			return -1;
		st = state_of(w, now, &at);
		free(now);
		if (st == CHANGED && !o->force)
			return refuse_changed(o, w, at);
		*partly += st == PARTLY;
		if (st != AS_BEFORE && plan_add(p, w->lba, w->old, w->sectors,
						"%s, as it was", w->what))
			return -1;
	}
	return 0;
}

/* --- the command ------------------------------------------------------- */

static int restore(struct disk *d, const struct backup *b,
		   const struct restore_opts *o)
{
	struct plan p = {.d = d, .cmd = "restore"};
	unsigned partly = 0;
	int err;

	err = check_identity(o->file, d, b) || plan_restore(&p, b, o, &partly);
	if (!err && partly)
		printf("note: %u saved range%s partly written (an install "
		       "that was interrupted)\n",
		       partly, partly == 1 ? " was" : "s were");
	if (!err && !p.n)
		printf("restore: %s already holds what %s saved; nothing to "
		       "write\n",
		       d->path, o->file);
	else if (!err)
		err = mounted_check(&p);
	if (!err && p.n && o->dry_run)
		plan_print(&p);
	else if (!err && p.n) {
		err = plan_run(&p);
		if (err)
			bz_error("run bzboot restore %s %s again to finish",
				 o->file, d->path);
		else
			printf("restored: %llu sectors of %s as they were "
			       "before the install (backup made by bzboot "
			       "%s)\n",
			       (unsigned long long)plan_sectors(&p), d->path,
			       b->version);
	}
	plan_free(&p);
	return err;
}

int cmd_restore(int argc, char **argv)
{
	struct restore_opts o = {0};
	struct backup b;
	struct disk d;
	int err;

	err = parse_args(argc, argv, &o);
	if (err)
		return err;
	if (backup_load(o.file, &b))
		return BZ_EXIT_FAIL;
	err = disk_open(&d, o.disk_path, o.dry_run);
	if (!err) {
		err = restore(&d, &b, &o);
		disk_close(&d);
	}
	free(b.buf);
	return err ? BZ_EXIT_FAIL : BZ_EXIT_OK;
}
