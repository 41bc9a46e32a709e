// SPDX-License-Identifier: BSD-2-Clause
// bzboot install's modules: the build's NAME.bzm files (the directory
// "modules" next to the stage2 installed), each checked as stage2 will
// check it, then written to /boot/bzboot/ of the boot volume, replacing
// older ones. What cannot be written is named in a warning; the install
// goes on, since the core boots Linux without modules.
#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs/part.h"
#include "protocol/bzmod.h"
#include "protocol/le.h"
#include "tools/bzboot.h"
#include "tools/fatw.h"
#include "tools/file.h"
#include "tools/modules.h"
#include "tools/mounted.h"
#include "tools/pbr.h"

#define MAX_MODULES 32
#define MODULE_MAX  (64u << 10) /* the module area below the EBDA */

/* DIR: --modules, else "modules" next to --stage2 FILE, else next to
 * this program (build/bzboot and build/modules/), else the installed
 * place, PREFIX/lib/bzboot/modules for PREFIX/bin/bzboot: found from
 * the program's own path, so a tree moved whole (DESTDIR, dpkg-deb -x)
 * finds its modules too. */
static void modules_dir(const struct modules_install *m, char *out, size_t len)
{
	char buf[PATH_MAX];
	struct stat st;
	ssize_t n;

	if (m->dir) {
		snprintf(out, len, "%s", m->dir);
		return;
	}
	if (m->stage2_path) {
		snprintf(buf, sizeof(buf), "%s", m->stage2_path);
		snprintf(out, len, "%s/modules", dirname(buf));
		return;
	}
	n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	snprintf(out, len, "%s/modules", dirname(buf));
	/* Too long a path is left as it is: the note names it. */
	if (stat(out, &st) && errno == ENOENT &&
	    snprintf(out, len, "%s/../" MODULES_INSTALLED, buf) >= (int)len)
		out[0] = '\0';
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.bzm names in dir, sorted; how many (0 if none or no dir). */
static size_t list(const char *dir, char **names)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)) && n < MAX_MODULES) {
		size_t l = strlen(e->d_name);

		if (l > 4 && !strcmp(e->d_name + l - 4, ".bzm") &&
		    (names[n] = strdup(e->d_name)))
			n++;
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_name);
	return n;
}

static void join(char *out, size_t len, const char *name)
{
	size_t at = strlen(out);

	snprintf(out + at, len - at, "%s%s", at ? ", " : "", name);
}

/* One module: read, checked as stage2 checks it, staged. 0 staged, 1
 * skipped with a warning, FATW_NOSPACE, -1 after a message. */
static int put_one(struct fatw *w, const struct modules_install *m,
		   const char *dir, const char *name)
{
	char path[PATH_MAX], dest[PATH_MAX];
	uint8_t *img;
	size_t len;
	uint32_t ident;
	int err;

	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >=
	    (int)sizeof(path))
		return 1;
	err = file_read(path, MODULE_MAX, 0, &img, &len);
	if (err) {
		bz_error("warning: %s: %s; not installed", path,
			 err == -EFBIG ? "larger than any module"
				       : strerror(-err));
		return 1;
	}
	/* A stage2 named with --stage2 has no identity the tool knows:
	 * then only the module's own header and checksum are checked. */
	ident = m->ident_known || len < sizeof(struct bzmod_header)
		    ? m->ident
		    : le32_get(img + 0x10);
	err = bzmod_check(img, len, ident);
	if (err) {
		bz_error("warning: %s: %s%s; not installed", path,
			 bzmod_strerror(err),
			 err == BZMOD_EIDENT ? " (rebuild it: make)" : "");
		free(img);
		return 1;
	}
	snprintf(dest, sizeof(dest), MODULES_DEST "%s", name);
	err = fatw_put(w, dest, img, (uint32_t)len, 0);
	free(img);
	return err;
}

bool modules_volume(struct disk *d, unsigned n, uint64_t *lba)
{
	struct blockdev dev = disk_blockdev(d);
	uint8_t sector[DISK_SECTOR];
	struct part_entry e;

	if (part_find(&dev, d->size / DISK_SECTOR, n, sector, &e))
		return false;
	*lba = e.start_lba;
	return pbr_is_fat(d, e.start_lba);
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
}

int modules_plan(struct plan *p, struct modules_install *m)
{
	char dir[PATH_MAX], *names[MAX_MODULES];
	char done[256] = "", missing[256] = "", why[512] = "", where[128];
	struct fatw *w;
	size_t n;
	int err = 0;

	modules_dir(m, dir, sizeof(dir));
	n = list(dir, names);
	m->summary[0] = '\0';
	if (!n) {
		snprintf(m->summary, sizeof(m->summary),
			 "note: no modules (*.bzm) in %.300s: none written "
			 "(bzboot boots Linux without them)",
			 dir);
		return 0;
	}
	if (!m->w && mounted_at(p->d, m->volume_lba, where, sizeof(where))) {
		bz_error("warning: no modules written: the boot volume is "
			 "mounted at %s (bzboot does not write into a mounted "
			 "file system): copy %s/*.bzm to %s" MODULES_DEST,
			 where, dir, where);
		free_names(names, n);
		return 0;
	}
	w = m->w ? m->w : fatw_open(p->d, m->volume_lba);
	if (!w) {
		bz_error("warning: no modules written: the boot volume is not "
			 "a FAT volume bzboot can write");
		free_names(names, n);
		return 0;
	}
	for (size_t i = 0; i < n && !err; i++) {
		int r = put_one(w, m, dir, names[i]);

		if (r == 0) {
			join(done, sizeof(done), names[i]);
		} else if (r == FATW_NOSPACE) {
			join(missing, sizeof(missing), names[i]);
			if (!why[0])
				snprintf(why, sizeof(why), "%s", fatw_why(w));
		}
		err = r < 0;
	}
	free_names(names, n);
	if (!err && missing[0])
		bz_error("warning: no room for %s on the boot volume (%s): "
			 "installing without %s; bzboot boots Linux without "
			 "modules, and refuses what needs them",
			 missing, why, strchr(missing, ',') ? "them" : "it");
	if (!err && done[0]) {
		err = m->w ? 0 : fatw_plan(w, p);
		snprintf(m->summary, sizeof(m->summary),
			 "modules: %s in " MODULES_DEST
			 " of the FAT%d volume at LBA %llu",
			 done, fatw_type(w), (unsigned long long)m->volume_lba);
	}
	if (!m->w)
		fatw_close(w);
	return err ? -1 : 0;
}
