// SPDX-License-Identifier: BSD-2-Clause
// The FAT writer's files: a path walked from the root, what putting a file
// there costs (checked against the free clusters before anything is
// staged), then the directories made, the data's clusters, and the entry
// created or, for an existing file, updated.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/le.h"
#include "tools/bzboot.h"
#include "tools/fatw_name.h"
#include "tools/fatw_priv.h"

#define MAX_DEPTH 16

struct path {
	const char *name[MAX_DEPTH];
	size_t len[MAX_DEPTH];
	unsigned n;
};

static int split(const char *p, struct path *out)
{
	out->n = 0;
	for (;;) {
		const char *end;

		while (*p == '/')
			p++;
		if (!*p)
			return out->n ? 0 : -1;
		end = strchr(p, '/');
		if (!end)
			end = p + strlen(p);
		if (out->n == MAX_DEPTH ||
		    fatw_name_check(p, (size_t)(end - p)))
			return -1;
		out->name[out->n] = p;
		out->len[out->n++] = (size_t)(end - p);
		p = end;
	}
}

/* Walk the directories that exist: *depth of them, *dir the last. */
static int walk(struct fatw *w, const char *path, const struct path *pa,
		unsigned *depth, uint32_t *dir, struct fatw_found *last)
{
	struct fatw_slots sl = {0};
	int err = 0;

	*dir = fatw_root(w);
	last->hit = false;
	for (*depth = 0; *depth < pa->n && !err; ++*depth) {
		unsigned i = *depth;

		if (fatw_dir_slots(w, *dir, &sl) ||
		    fatw_dir_find(w, &sl, pa->name[i], pa->len[i], last)) {
			err = -1; /* a read failed, with a message */
			break;
		}
		if (!last->hit)
			break;
		if (i + 1 == pa->n)
			break; /* the file itself */
		if (!(last->attr & FAT_ATTR_DIRECTORY)) {
			bz_error("%s: %.*s in %s is a file, not a directory",
				 w->d->path,
				 (int)(pa->name[i] + pa->len[i] - path), path,
				 path);
			err = -1;
			break;
		}
		*dir = last->cluster ? last->cluster : fatw_root(w);
		last->hit = false;
	}
	free(sl.pos);
	return err;
}

static uint32_t clusters_for(const struct fatw *w, uint64_t bytes)
{
	return (uint32_t)((bytes + w->cbytes - 1) / w->cbytes);
}

/* What the put costs, in clusters; FATW_NOSPACE if the root is full. */
static int cost(struct fatw *w, const struct path *pa, unsigned depth,
		uint32_t dir, const struct fatw_found *last, uint32_t len,
		uint32_t *need)
{
	uint32_t per = FATW_SLOTS << w->v->spc_shift, grow = 0;
	int err = 0;

	*need = clusters_for(w, len);
	if (last->hit)
		return 0; /* replaced in place */
	err = fatw_dir_grow_cost(
	    w, dir, fatw_dir_entries(pa->name[depth], pa->len[depth]), &grow);
	*need += grow;
	for (unsigned i = depth; i + 1 < pa->n; i++) {
		/* ".", "..", and the entry of what it holds */
		unsigned k =
		    2 + fatw_dir_entries(pa->name[i + 1], pa->len[i + 1]);

		*need += (k + per - 1) / per;
	}
	return err;
}

static int no_room(struct fatw *w, const char *path, uint32_t need)
{
	uint32_t have = fatw_free_clusters(w);
	char why[FATW_WHY_MAX + 256];

	if (w->why[0]) /* a full fixed root: clusters do not help */
		snprintf(why, sizeof(why), "the FAT%d volume at LBA %llu: %s",
			 w->v->type, (unsigned long long)w->lba, w->why);
	else
		snprintf(why, sizeof(why),
			 "%s needs %u clusters of %u bytes (%llu KiB), the "
			 "FAT%d volume at LBA %llu has %u free (%llu KiB)",
			 path, need, w->cbytes,
			 (unsigned long long)need * w->cbytes / 1024,
			 w->v->type, (unsigned long long)w->lba, have,
			 (unsigned long long)have * w->cbytes / 1024);
	why[sizeof(w->why) - 1] = '\0'; /* cut to fit */
	memcpy(w->why, why, sizeof(w->why));
	return FATW_NOSPACE;
}

/* The data into its clusters, one extent per run of adjacent ones. */
static int stage_data(struct fatw *w, const uint8_t *data, uint32_t len,
		      uint32_t first)
{
	uint32_t spc = 1u << w->v->spc_shift, c = first;
	uint64_t off = 0;

	while (off < len) {
		uint32_t start = c, n = 1, next;
		size_t take;

		while ((next = fatw_get(w, c)) == c + 1) {
			c = next;
			n++;
		}
		take = (size_t)(len - off < (uint64_t)n * w->cbytes
				    ? len - off
				    : (uint64_t)n * w->cbytes);
		if (fatw_add_extent(w, fatw_cluster_sector(w, start), n * spc,
				    data + off, take))
			return -1;
		off += take;
		c = next;
	}
	return 0;
}

/* An existing file's 8.3 entry pointed at its new data. */
static int replace(struct fatw *w, uint32_t dir, const struct fatw_found *f,
		   uint8_t attr, uint32_t first, uint32_t len)
{
	struct fatw_slots sl = {0};
	uint8_t raw[11], created[5], *e;
	int err = fatw_dir_slots(w, dir, &sl);

	if (!err && !(e = fatw_slot(w, sl.pos[f->sfn], true)))
		err = -1;
	if (!err) {
		/* The creation stays the first file's. */
		memcpy(created, e + 13, sizeof(created));
		memcpy(raw, e, 11);
		fatw_dir_fill(w, e, raw, attr, first, len);
		memcpy(e + 13, created, sizeof(created));
		if (f->cluster >= 2)
			err = fatw_defer_free(w, f->cluster);
	}
	free(sl.pos);
	return err;
}

int fatw_put(struct fatw *w, const char *path, const void *data, uint32_t len,
	     uint8_t attr)
{
	struct path pa;
	struct fatw_found last = {0};
	uint32_t dir, need = 0, first = 0;
	unsigned depth;
	int err;

	w->why[0] = '\0';
	w->nruns = 0;
	if (split(path, &pa)) {
		bz_error("%s: bzboot writes FAT names of printable ASCII "
			 "without \"*/:<>?\\| (and at most %d directories "
			 "deep), not '%s'",
			 w->d->path, MAX_DEPTH - 1, path);
		return -1;
	}
	err = walk(w, path, &pa, &depth, &dir, &last);
	if (!err && last.hit && (last.attr & FAT_ATTR_DIRECTORY)) {
		bz_error("%s: %s is a directory on the FAT volume", w->d->path,
			 path);
		return -1;
	}
	if (!err)
		err = cost(w, &pa, depth, dir, &last, len, &need);
	if (err == FATW_NOSPACE || (!err && need > fatw_free_clusters(w)))
		return no_room(w, path, need);
	if (err)
		return -1;
	/* From here on nothing is refused: the cost was counted. */
	for (; depth + 1 < pa.n; depth++)
		if (fatw_dir_make(w, dir, pa.name[depth], pa.len[depth], &dir))
			return -1;
	if (!last.hit &&
	    fatw_dir_make_room(w, dir,
			       fatw_dir_entries(pa.name[depth], pa.len[depth])))
		return -1;
	if (len && (fatw_alloc(w, clusters_for(w, len), &first) ||
		    stage_data(w, data, len, first)))
		return -1;
	attr |= FAT_ATTR_ARCHIVE;
	if (last.hit)
		return replace(w, dir, &last, attr, first, len);
	return fatw_dir_add(w, dir, pa.name[depth], pa.len[depth], attr, first,
			    len);
}
