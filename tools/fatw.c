// SPDX-License-Identifier: BSD-2-Clause
// The FAT writer's volume: mounted with fs/'s checks, its active FAT held
// whole in memory, clusters allocated first fit, and what was staged
// turned into the write plan in the order docs/install.md explains.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "protocol/le.h"
#include "tools/bzboot.h"
#include "tools/fatw_priv.h"

#define BPB_SPC		 0x0D
#define BPB_RESERVED	 0x0E
#define BPB_NFATS	 0x10
#define BPB_FAT32_FLAGS	 0x28
#define BPB_FAT32_FSINFO 0x30
#define FSI_LEAD_SIG	 0x41615252u /* "RRaA" at 0 */
#define FSI_STRUC_SIG	 0x61417272u /* "rrAa" at 484 */
#define FSI_FREE	 488
#define FSI_NEXT	 492

/* --- the FAT ------------------------------------------------------------ */

uint32_t fatw_eoc(const struct fatw *w)
{
	return w->v->type == 12	  ? 0xFFF
	       : w->v->type == 16 ? 0xFFFF
				  : 0x0FFFFFFF;
}

bool fatw_is_eoc(const struct fatw *w, uint32_t val)
{
	return val >= (fatw_eoc(w) & ~7u);
}

uint32_t fatw_get(const struct fatw *w, uint32_t c)
{
	const uint8_t *f = w->fat;

	if (w->v->type == 12) {
		uint32_t off = c + c / 2, val = f[off] | f[off + 1] << 8;

		return c & 1 ? val >> 4 : val & 0xFFF;
	}
	if (w->v->type == 16)
		return le16_get(f + c * 2);
	return le32_get(f + c * 4) & 0x0FFFFFFF;
}

void fatw_set(struct fatw *w, uint32_t c, uint32_t val)
{
	uint8_t *f = w->fat;
	uint32_t off, len;

	if (w->v->type == 12) {
		off = c + c / 2;
		len = 2;
		if (c & 1) {
			f[off] = (uint8_t)((f[off] & 0x0F) | (val << 4 & 0xF0));
			f[off + 1] = (uint8_t)(val >> 4);
		} else {
			f[off] = (uint8_t)val;
			f[off + 1] =
			    (uint8_t)((f[off + 1] & 0xF0) | (val >> 8 & 0x0F));
		}
	} else if (w->v->type == 16) {
		off = c * 2;
		len = 2;
		le16_put(f + off, (uint16_t)val);
	} else {
		/* The top four bits are reserved: kept as they were. */
		off = c * 4;
		len = 4;
		le32_put(f + off, (le32_get(f + off) & 0xF0000000) | val);
	}
	w->fat_dirty[off / 512] = 1;
	w->fat_dirty[(off + len - 1) / 512] = 1;
}

uint32_t fatw_free_clusters(const struct fatw *w)
{
	uint32_t n = 0;

	for (uint32_t c = 2; c <= w->v->clusters + 1; c++)
		n += fatw_get(w, c) == 0;
	return n;
}

uint32_t fatw_cluster_sector(const struct fatw *w, uint32_t c)
{
	return w->v->data_start + ((c - 2) << w->v->spc_shift);
}

/* The first free run of n clusters, or 0. */
static uint32_t first_fit(const struct fatw *w, uint32_t n)
{
	uint32_t start = 0, len = 0;

	for (uint32_t c = 2; c <= w->v->clusters + 1; c++) {
		if (fatw_get(w, c)) {
			len = 0;
			continue;
		}
		if (!len++)
			start = c;
		if (len == n)
			return start;
	}
	return 0;
}

static void note_run(struct fatw *w, uint32_t c)
{
	unsigned k = w->nruns;

	if (k && w->run_first[k - 1] + w->run_count[k - 1] == c) {
		w->run_count[k - 1]++;
	} else if (k < FATW_RUNS) {
		w->run_first[k] = c;
		w->run_count[k] = 1;
		w->nruns++;
	}
}

int fatw_alloc(struct fatw *w, uint32_t n, uint32_t *first)
{
	uint32_t c = first_fit(w, n), prev = 0, got = 0;

	if (fatw_free_clusters(w) < n)
		return -1;
	if (!c)
		c = 2; /* no run is long enough: the first free ones */
	w->nruns = 0;
	for (; got < n; c++) {
		if (fatw_get(w, c))
			continue;
		if (prev)
			fatw_set(w, prev, c);
		else
			*first = c;
		fatw_set(w, c, fatw_eoc(w));
		w->fresh[c] = 1;
		note_run(w, c);
		w->last_alloc = c;
		prev = c;
		got++;
	}
	return 0;
}

unsigned fatw_extents(const struct fatw *w, uint32_t *first, uint32_t *count,
		      unsigned max)
{
	unsigned i;

	for (i = 0; i < w->nruns && i < max; i++) {
		first[i] = fatw_cluster_sector(w, w->run_first[i]);
		count[i] = w->run_count[i];
	}
	return i;
}

static bool grow(void **arr, size_t *cap, size_t n, size_t size)
{
	void *p;

	if (n < *cap)
		return true;
	p = realloc(*arr, (*cap ? *cap * 2 : 16) * size);
	if (!p) {
		bz_error("out of memory");
		return false;
	}
	*arr = p;
	*cap = *cap ? *cap * 2 : 16;
	return true;
}

int fatw_defer_free(struct fatw *w, uint32_t first)
{
	if (!grow((void **)&w->freed, &w->capfreed, w->nfreed,
		  sizeof(*w->freed)))
		return -1;
	w->freed[w->nfreed++] = first;
	return 0;
}

void fatw_free_deferred(struct fatw *w)
{
	for (size_t i = 0; i < w->nfreed; i++) {
		uint32_t c = w->freed[i], next, steps = 0;

		while (c >= 2 && c <= w->v->clusters + 1 &&
		       steps++ <= w->v->clusters) {
			next = fatw_get(w, c);
			fatw_set(w, c, 0);
			if (fatw_is_eoc(w, next))
				break;
			c = next;
		}
	}
	w->nfreed = 0;
}

/* --- sectors ----------------------------------------------------------- */

static struct fatw_sec *find_sec(struct fatw *w, uint32_t rel)
{
	for (size_t i = 0; i < w->nsec; i++)
		if (w->sec[i].rel == rel)
			return &w->sec[i];
	return NULL;
}

static struct fatw_sec *add_sec(struct fatw *w, uint32_t rel)
{
	struct fatw_sec *s;

	if (!grow((void **)&w->sec, &w->capsec, w->nsec, sizeof(*w->sec)))
		return NULL;
	s = &w->sec[w->nsec++];
	s->rel = rel;
	s->dirty = false;
	return s;
}

struct fatw_sec *fatw_sector(struct fatw *w, uint32_t rel)
{
	struct fatw_sec *s = find_sec(w, rel);

	if (s)
		return s;
	s = add_sec(w, rel);
	if (s && disk_read(w->d, w->lba + rel, s->data, 1)) {
		w->nsec--;
		return NULL;
	}
	return s;
}

struct fatw_sec *fatw_sector_new(struct fatw *w, uint32_t rel)
{
	struct fatw_sec *s = find_sec(w, rel);

	if (!s)
		s = add_sec(w, rel);
	if (s) {
		memset(s->data, 0, sizeof(s->data));
		s->dirty = true;
	}
	return s;
}

int fatw_add_extent(struct fatw *w, uint32_t rel, uint32_t count,
		    const uint8_t *data, size_t len)
{
	struct fatw_ext *e;

	if (!grow((void **)&w->ext, &w->capext, w->next, sizeof(*w->ext)))
		return -1;
	e = &w->ext[w->next];
	e->data = calloc(count, 512);
	if (!e->data) {
		bz_error("out of memory");
		return -1;
	}
	memcpy(e->data, data, len);
	e->rel = rel;
	e->count = count;
	w->next++;
	return 0;
}

/* --- open and close ---------------------------------------------------- */

/* FAT dates count from 1980; SOURCE_DATE_EPOCH makes them reproducible. */
static void set_clock(struct fatw *w)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t now = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
	struct tm tm;

	if (!localtime_r(&now, &tm) || tm.tm_year < 80) {
		w->date = (0 << 9) | (1 << 5) | 1; /* 1980-01-01 */
		w->time = 0;
		return;
	}
	w->date = (uint16_t)((tm.tm_year - 80) << 9 | (tm.tm_mon + 1) << 5 |
			     tm.tm_mday);
	w->time = (uint16_t)(tm.tm_hour << 11 | tm.tm_min << 5 | tm.tm_sec / 2);
}

static int load(struct fatw *w, const uint8_t *bs)
{
	struct fat_volume *v = w->v;
	uint16_t flags = le16_get(bs + BPB_FAT32_FLAGS);

	w->reserved = le16_get(bs + BPB_RESERVED);
	w->nfats = bs[BPB_NFATS];
	w->fatsz = v->fat_sectors;
	w->cbytes = (uint32_t)bs[BPB_SPC] * 512;
	w->active = (v->fat_start - w->reserved) / w->fatsz;
	w->mirrored = v->type != 32 || !(flags & 0x80);
	if (v->type == 32) {
		uint8_t fsi[512];
		uint16_t rel = le16_get(bs + BPB_FAT32_FSINFO);

		if (rel && rel < w->reserved &&
		    !disk_read(w->d, w->lba + rel, fsi, 1) &&
		    le32_get(fsi) == FSI_LEAD_SIG &&
		    le32_get(fsi + 484) == FSI_STRUC_SIG)
			w->fsinfo = rel;
	}
	w->fat = disk_read_alloc(w->d, w->lba + v->fat_start, w->fatsz);
	w->fat_dirty = calloc(w->fatsz, 1);
	w->fresh = calloc((size_t)v->clusters + 2, 1);
	if (!w->fat || !w->fat_dirty || !w->fresh) {
		if (w->fat)
			bz_error("out of memory");
		return -1;
	}
	set_clock(w);
	return 0;
}

struct fatw *fatw_open(struct disk *d, uint64_t lba)
{
	struct blockdev dev = disk_blockdev(d);
	struct fatw *w = calloc(1, sizeof(*w));
	uint8_t bs[512];
	int err;

	if (!w || !(w->v = malloc(sizeof(*w->v)))) {
		free(w);
		bz_error("out of memory");
		return NULL;
	}
	w->d = d;
	w->lba = lba;
	err = lba < d->size / DISK_SECTOR
		  ? fat_mount(w->v, &dev, lba, d->size / DISK_SECTOR - lba)
		  : FAT_EINVAL;
	if (err) {
		bz_error("%s: LBA %llu is not a FAT file system bzboot can "
			 "write files into: %s",
			 d->path, (unsigned long long)lba, fat_strerror(err));
	} else if (!disk_read(d, lba, bs, 1) && !load(w, bs)) {
		return w;
	}
	fatw_close(w);
	return NULL;
}

int fatw_type(const struct fatw *w)
{
	return w->v->type;
}

const char *fatw_why(const struct fatw *w)
{
	return w->why;
}

void fatw_close(struct fatw *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->next; i++)
		free(w->ext[i].data);
	free(w->ext);
	free(w->sec);
	free(w->freed);
	free(w->fat);
	free(w->fat_dirty);
	free(w->fresh);
	free(w->v);
	free(w);
}
