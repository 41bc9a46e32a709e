// SPDX-License-Identifier: BSD-2-Clause
// Is a file system on the disk mounted where bzboot writes? The kernel's
// FAT driver reads the boot sector at mount and writes its dirty flag back
// at unmount, through the partition's page cache, which a write to the
// whole disk does not update: a PBR written under a mounted volume can be
// undone by the unmount.
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "tools/bzboot.h"
#include "tools/mounted.h"

#define MAX_MOUNTS 256

struct mount {
	dev_t dev;
	char source[96];
	char where[128];
};

struct mounts {
	struct mount m[MAX_MOUNTS];
	unsigned n;
};

/* "" normally; the test hook's directory otherwise. */
static const char *sysroot(void)
{
	const char *root = getenv("BZBOOT_TEST_SYSROOT");

	return root ? root : "";
}

static void add(struct mounts *ms, dev_t dev, const char *source,
		const char *where)
{
	struct mount *m = &ms->m[ms->n];

	if (ms->n == MAX_MOUNTS)
		return;
	m->dev = dev;
	snprintf(m->source, sizeof(m->source), "%s", source);
	snprintf(m->where, sizeof(m->where), "%s", where);
	ms->n++;
}

/* A mount's source, when it names a block device, by its number. */
static void add_source(struct mounts *ms, const char *source, const char *where)
{
	char path[PATH_MAX];
	struct stat st;

	if (source[0] != '/')
		return;
	snprintf(path, sizeof(path), "%s%s", sysroot(), source);
	if (stat(path, &st) == 0 && S_ISBLK(st.st_mode))
		add(ms, st.st_rdev, source, where);
}

/* mountinfo: "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTS [TAGS] - FS SOURCE". */
static void read_mountinfo(struct mounts *ms, FILE *f)
{
	char line[1024], where[128], source[96];
	unsigned maj, min;

	while (fgets(line, sizeof(line), f)) {
		const char *dash = strstr(line, " - ");

		if (sscanf(line, "%*s %*s %u:%u %*s %127s", &maj, &min,
			   where) != 3)
			continue;
		if (dash && sscanf(dash, " - %*s %95s", source) == 1) {
			add(ms, makedev(maj, min), source, where);
			add_source(ms, source, where);
		} else {
			add(ms, makedev(maj, min), "?", where);
		}
	}
}

/* mounts: "SOURCE MOUNTPOINT FS OPTS 0 0". */
static void read_mounts(struct mounts *ms, FILE *f)
{
	char line[1024], where[128], source[96];

	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%95s %127s", source, where) == 2)
			add_source(ms, source, where);
}

static void read_all(struct mounts *ms)
{
	char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof(path), "%s/proc/self/mountinfo", sysroot());
	f = fopen(path, "re");
	if (f) {
		read_mountinfo(ms, f);
		fclose(f);
	}
	snprintf(path, sizeof(path), "%s/proc/mounts", sysroot());
	f = fopen(path, "re");
	if (f) {
		read_mounts(ms, f);
		fclose(f);
	}
}

/* One number from a sysfs file of block device dev ("partition",
 * "../dev"...); false if there is none. */
static bool sysfs_read(dev_t dev, const char *name, char *buf, size_t len)
{
	char path[PATH_MAX];
	FILE *f;
	bool ok;

	snprintf(path, sizeof(path), "%s/sys/dev/block/%u:%u/%s", sysroot(),
		 major(dev), minor(dev), name);
	f = fopen(path, "re");
	if (!f)
		return false;
	ok = fgets(buf, (int)len, f) != NULL;
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return ok;
}

static bool sysfs_u64(dev_t dev, const char *name, uint64_t *v)
{
	char buf[32], *end;

	if (!sysfs_read(dev, name, buf, sizeof(buf)))
		return false;
	*v = strtoull(buf, &end, 10);
	return end != buf;
}

/*
 * Is dev a partition of the disk `disk`? Its sysfs directory sits in the
 * disk's, whose "dev" names the disk. start and size are in 512-byte
 * units whatever the sector size.
 */
static bool partition_of(dev_t dev, dev_t disk, uint64_t *start, uint64_t *size,
			 uint64_t *index)
{
	char parent[32], want[32];

	snprintf(want, sizeof(want), "%u:%u", major(disk), minor(disk));
	return sysfs_u64(dev, "partition", index) &&
	       sysfs_read(dev, "../dev", parent, sizeof(parent)) &&
	       !strcmp(parent, want) && sysfs_u64(dev, "start", start) &&
	       sysfs_u64(dev, "size", size);
}

/* The first write of p inside [start, start+size), or NULL. */
static const struct plan_write *written_in(const struct plan *p, uint64_t start,
					   uint64_t size)
{
	for (unsigned i = 0; i < p->n; i++) {
		const struct plan_write *w = &p->w[i];

		if (w->lba < start + size && start < w->lba + w->sectors)
			return w;
	}
	return NULL;
}

static int refuse_mount(const struct plan *p, const struct mount *m,
			const char *what)
{
	bz_error("%s: %s is mounted (%s at %s): a mounted file system may "
		 "write its own copy of those sectors back over bzboot's. "
		 "Unmount it first (umount %s), then run bzboot %s again",
		 p->d->path, what, m->source, m->where, m->where, p->cmd);
	return -1;
}

int mounted_check(const struct plan *p)
{
	dev_t disk = (dev_t)p->d->rdev;
	struct mounts *ms;
	int err = 0;

	if (!disk)
		return 0; /* an image file: its own file system is no risk */
	ms = calloc(1, sizeof(*ms));
	if (!ms) {
		bz_error("out of memory");
		return -1;
	}
	read_all(ms);
	for (unsigned i = 0; i < ms->n && !err; i++) {
		const struct mount *m = &ms->m[i];
		uint64_t start, size, index;
		const struct plan_write *w;
		char what[160];

		if (m->dev == disk) {
			err = refuse_mount(p, m, "the disk itself");
		} else if (partition_of(m->dev, disk, &start, &size, &index) &&
			   (w = written_in(p, start, size))) {
			snprintf(what, sizeof(what),
				 "partition %llu, which holds LBA %llu-%llu "
				 "(%s)",
				 (unsigned long long)index,
				 (unsigned long long)w->lba,
				 (unsigned long long)(w->lba + w->sectors - 1),
				 w->what);
			err = refuse_mount(p, m, what);
		}
	}
	free(ms);
	return err;
}

bool mounted_at(const struct disk *d, uint64_t lba, char *where, size_t len)
{
	dev_t disk = (dev_t)d->rdev;
	struct mounts *ms;
	bool found = false;

	if (!disk || !(ms = calloc(1, sizeof(*ms))))
		return false;
	read_all(ms);
	for (unsigned i = 0; i < ms->n && !found; i++) {
		uint64_t start, size, index;

		found =
		    ms->m[i].dev == disk ||
		    (partition_of(ms->m[i].dev, disk, &start, &size, &index) &&
		     lba >= start && lba - start < size);
		if (found)
			snprintf(where, len, "%s", ms->m[i].where);
	}
	free(ms);
	return found;
}

int mounted_test_device(uint64_t *rdev, int *sector_size)
{
	char path[PATH_MAX];
	unsigned maj, min;
	uint64_t ssz = 512;
	FILE *f;
	int got;

	if (!getenv("BZBOOT_TEST_SYSROOT"))
		return 0;
	snprintf(path, sizeof(path), "%s/devno", sysroot());
	f = fopen(path, "re");
	if (!f)
		return 0;
	got = fscanf(f, "%u:%u", &maj, &min);
	fclose(f);
	if (got != 2)
		return 0;
	*rdev = makedev(maj, min);
	sysfs_u64((dev_t)*rdev, "queue/logical_block_size", &ssz);
	*sector_size = (int)ssz;
	return 1;
}
