// SPDX-License-Identifier: BSD-2-Clause
// What the FAT writer staged, as writes of the plan (tools/plan.h), in the
// order that keeps every existing file readable longest: new clusters,
// each FAT copy, FSInfo, then the existing directories' sectors, whose
// entries are what make the new files exist (docs/install.md).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/le.h"
#include "tools/bzboot.h"
#include "tools/fatw_priv.h"

#define FSI_FREE 488
#define FSI_NEXT 492

struct item {
	uint32_t rel;
	const uint8_t *data;
};

static int cmp_item(const void *a, const void *b)
{
	uint32_t x = ((const struct item *)a)->rel;
	uint32_t y = ((const struct item *)b)->rel;

	return x < y ? -1 : x > y;
}

static bool in_fresh_cluster(const struct fatw *w, uint32_t rel)
{
	if (rel < w->v->data_start)
		return false; /* FAT12/16's fixed root directory */
	return w->fresh[((rel - w->v->data_start) >> w->v->spc_shift) + 2];
}

/* Adds items (sorted here) as writes of consecutive sectors. */
static int add_runs(struct fatw *w, struct plan *p, struct item *it, size_t n,
		    const char *what)
{
	uint8_t *buf;
	size_t i = 0, j;

	qsort(it, n, sizeof(*it), cmp_item);
	buf = malloc(n * 512 + 1);
	if (!buf) {
		bz_error("out of memory");
		return -1;
	}
	while (i < n) {
		for (j = i; j < n && it[j].rel == it[i].rel + (j - i); j++)
			memcpy(buf + (j - i) * 512, it[j].data, 512);
		if (plan_add(p, w->lba + it[i].rel, buf, (uint32_t)(j - i),
			     "%s: FAT%d volume at LBA %llu, its sectors %u-%u",
			     what, w->v->type, (unsigned long long)w->lba,
			     it[i].rel, it[j - 1].rel)) {
			free(buf);
			return -1;
		}
		i = j;
	}
	free(buf);
	return 0;
}

/* 1. The data of new files and new directories' clusters. */
static int plan_new(struct fatw *w, struct plan *p)
{
	size_t n = w->nsec, k = 0;
	struct item *it;
	int err;

	for (size_t i = 0; i < w->next; i++)
		n += w->ext[i].count;
	it = malloc((n + 1) * sizeof(*it));
	if (!it) {
		bz_error("out of memory");
		return -1;
	}
	for (size_t i = 0; i < w->next; i++)
		for (uint32_t s = 0; s < w->ext[i].count; s++)
			it[k++] = (struct item){w->ext[i].rel + s,
						w->ext[i].data + s * 512};
	for (size_t i = 0; i < w->nsec; i++)
		if (w->sec[i].dirty && in_fresh_cluster(w, w->sec[i].rel))
			it[k++] = (struct item){w->sec[i].rel, w->sec[i].data};
	err = add_runs(w, p, it, k, "new clusters");
	free(it);
	return err;
}

/* 2. Every FAT copy (only the active one when FAT32 mirroring is off). */
static int plan_fats(struct fatw *w, struct plan *p)
{
	struct item *it = malloc((w->fatsz + 1) * sizeof(*it));
	char what[40];
	int err = 0;

	if (!it) {
		bz_error("out of memory");
		return -1;
	}
	for (unsigned f = 0; f < w->nfats && !err; f++) {
		uint32_t base = w->reserved + f * w->fatsz;
		size_t k = 0;

		if (!w->mirrored && f != w->active)
			continue;
		for (uint32_t s = 0; s < w->fatsz; s++)
			if (w->fat_dirty[s])
				it[k++] =
				    (struct item){base + s, w->fat + s * 512};
		snprintf(what, sizeof(what), "FAT %u", f + 1);
		err = add_runs(w, p, it, k, what);
	}
	free(it);
	return err;
}

/* 3. FAT32's FSInfo: the free count as it now is, the last cluster
 * allocated as where to look next (as Linux keeps it). */
static int plan_fsinfo(struct fatw *w, struct plan *p)
{
	uint8_t old[512], fsi[512];

	if (!w->fsinfo)
		return 0;
	if (disk_read(w->d, w->lba + w->fsinfo, old, 1))
		return -1;
	memcpy(fsi, old, sizeof(fsi));
	le32_put(fsi + FSI_FREE, fatw_free_clusters(w));
	if (w->last_alloc)
		le32_put(fsi + FSI_NEXT, w->last_alloc);
	if (!memcmp(fsi, old, sizeof(fsi)))
		return 0;
	return plan_add(p, w->lba + w->fsinfo, fsi, 1,
			"FSInfo of the FAT32 volume at LBA %llu (free count, "
			"next free cluster)",
			(unsigned long long)w->lba) ||
	       plan_expect(p, old);
}

/* 4. The sectors of directories that existed: their entries commit. */
static int plan_dirs(struct fatw *w, struct plan *p)
{
	struct item *it = malloc((w->nsec + 1) * sizeof(*it));
	size_t k = 0;
	int err;

	if (!it) {
		bz_error("out of memory");
		return -1;
	}
	for (size_t i = 0; i < w->nsec; i++)
		if (w->sec[i].dirty && !in_fresh_cluster(w, w->sec[i].rel))
			it[k++] = (struct item){w->sec[i].rel, w->sec[i].data};
	err = add_runs(w, p, it, k, "directory entries");
	free(it);
	return err;
}

int fatw_plan(struct fatw *w, struct plan *p)
{
	fatw_free_deferred(w);
	if (plan_new(w, p) || plan_fats(w, p) || plan_fsinfo(w, p) ||
	    plan_dirs(w, p))
		return -1;
	/* A file system rewrites its FATs, data and FSInfo in use. */
	plan_volatile(p, w->lba + w->reserved,
		      UINT64_MAX - w->lba - w->reserved);
	if (w->fsinfo)
		plan_volatile(p, w->lba + w->fsinfo, 1);
	return 0;
}
