// SPDX-License-Identifier: BSD-2-Clause
// The FAT writer's directories: their slots, a name looked up (long
// names collected as fs/fat_dir.c does), room made for new entries, and
// new entries and directories written.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/le.h"
#include "tools/bzboot.h"
#include "tools/fatw_name.h"
#include "tools/fatw_priv.h"

#define DIR_ENTRIES 65536u /* the FAT specification's limit */

uint32_t fatw_root(const struct fatw *w)
{
	return w->v->type == 32 ? w->v->root_cluster : 0;
}

uint8_t *fatw_slot(struct fatw *w, uint32_t pos, bool write)
{
	struct fatw_sec *s = fatw_sector(w, pos / FATW_SLOTS);

	if (!s)
		return NULL;
	s->dirty |= write;
	return s->data + (pos % FATW_SLOTS) * 32;
}

static int corrupt(struct fatw *w, uint32_t dir)
{
	bz_error("%s: the directory at cluster %u of the FAT%d volume at LBA "
		 "%llu has a broken cluster chain: run fsck.fat on it first",
		 w->d->path, dir, w->v->type, (unsigned long long)w->lba);
	return -1;
}

int fatw_dir_slots(struct fatw *w, uint32_t dir, struct fatw_slots *sl)
{
	uint32_t per = FATW_SLOTS << w->v->spc_shift, first, count;

	free(sl->pos);
	sl->pos = malloc(DIR_ENTRIES * sizeof(*sl->pos));
	sl->n = 0;
	sl->last_cluster = 0;
	if (!sl->pos) {
		bz_error("out of memory");
		return -1;
	}
	if (dir == 0) {
		first = w->v->root_start;
		for (uint32_t i = 0; i < w->v->root_sectors * FATW_SLOTS; i++)
			sl->pos[sl->n++] = first * FATW_SLOTS + i;
		return 0;
	}
	for (uint32_t c = dir;;) {
		if (c < 2 || c > w->v->clusters + 1 ||
		    sl->n + per > DIR_ENTRIES)
			return corrupt(w, dir);
		first = fatw_cluster_sector(w, c);
		for (count = 0; count < per; count++)
			sl->pos[sl->n++] = first * FATW_SLOTS + count;
		sl->last_cluster = c;
		c = fatw_get(w, c);
		if (fatw_is_eoc(w, c))
			return 0;
	}
}

/* name in the directory: long names collected as fs/fat_dir.c does. */
int fatw_dir_find(struct fatw *w, const struct fatw_slots *sl, const char *name,
		  size_t n, struct fatw_found *f)
{
	uint16_t lfn[20 * 13];
	unsigned next = 0, len = 0;
	uint8_t sum = 0;
	bool live = false;

	f->hit = false;
	for (size_t i = 0; i < sl->n; i++) {
		const uint8_t *e = fatw_slot(w, sl->pos[i], false);

		if (!e)
			return -1;
		if (e[0] == 0x00)
			return 0;
		if (e[0] == 0xE5) {
			live = false;
		} else if ((e[11] & 0x3F) == FAT_ATTR_LONG_NAME) {
			unsigned ord = e[0] & 0x3F;
			static const uint8_t at[13] = {
			    1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30};

			if (ord == 0 || ord > 20) {
				live = false;
				continue;
			}
			if (e[0] & 0x40) {
				live = true;
				sum = e[13];
				len = ord * 13;
			} else if (!live || ord != next || e[13] != sum) {
				live = false;
				continue;
			}
			next = ord - 1;
			for (unsigned k = 0; k < 13; k++) {
				uint16_t c = le16_get(e + at[k]);

				lfn[(ord - 1) * 13 + k] = c;
				if (c == 0 && (e[0] & 0x40) &&
				    len > (ord - 1) * 13 + k)
					len = (ord - 1) * 13 + k;
			}
		} else {
			bool long_ok =
			    live && next == 0 && sum == fat_short_checksum(e);

			live = false;
			if (e[11] & FAT_ATTR_VOLUME_ID)
				continue;
			if (!fatw_name_match(long_ok ? lfn : NULL, len, e, name,
					     n))
				continue;
			f->hit = true;
			f->sfn = i;
			f->attr = e[11];
			f->cluster = le16_get(e + 26);
			if (w->v->type == 32)
				f->cluster |= (uint32_t)le16_get(e + 20) << 16;
			f->size = le32_get(e + 28);
			return 0;
		}
	}
	return 0;
}

/* The first run of k free slots: its index, or sl->n minus the free ones
 * at the end when the run must go on into clusters added after them. */
static size_t free_run(struct fatw *w, const struct fatw_slots *sl, unsigned k,
		       size_t *tail)
{
	size_t run = 0;

	for (size_t i = 0; i < sl->n; i++) {
		const uint8_t *e = fatw_slot(w, sl->pos[i], false);

		if (e && e[0] == 0x00) { /* the rest is free */
			run += sl->n - i;
			break;
		}
		run = e && e[0] == 0xE5 ? run + 1 : 0;
		if (run == k)
			return i + 1 - k;
	}
	*tail = run;
	return run >= k ? sl->n - run : SIZE_MAX;
}

/* Clusters a directory needs added to take k more entries. */
int fatw_dir_grow_cost(struct fatw *w, uint32_t dir, unsigned k, uint32_t *cost)
{
	struct fatw_slots sl = {0};
	size_t tail = 0;
	uint32_t per = FATW_SLOTS << w->v->spc_shift;
	int err = fatw_dir_slots(w, dir, &sl);

	*cost = 0;
	if (!err && free_run(w, &sl, k, &tail) == SIZE_MAX) {
		if (dir == 0) {
			snprintf(w->why, sizeof(w->why),
				 "its root directory is full (%zu entries)",
				 sl.n);
			err = FATW_NOSPACE;
		} else {
			*cost = (uint32_t)((k - tail + per - 1) / per);
		}
	}
	free(sl.pos);
	return err;
}

/* The short names a directory holds, for a new one's ~N. */
static int short_names(struct fatw *w, const struct fatw_slots *sl,
		       uint8_t (**names)[11], size_t *n)
{
	*names = malloc((sl->n + 1) * 11);
	*n = 0;
	if (!*names) {
		bz_error("out of memory");
		return -1;
	}
	for (size_t i = 0; i < sl->n; i++) {
		const uint8_t *e = fatw_slot(w, sl->pos[i], false);

		if (!e)
			return -1;
		if (e[0] == 0x00)
			break;
		if (e[0] != 0xE5 && (e[11] & 0x3F) != FAT_ATTR_LONG_NAME)
			memcpy((*names)[(*n)++], e, 11);
	}
	return 0;
}

/* Entries a new name takes: its long name's, and the 8.3 one. */
unsigned fatw_dir_entries(const char *name, size_t n)
{
	uint8_t raw[11];

	return (fatw_short_name(name, n, NULL, 0, raw) ? fatw_lfn_count(n)
						       : 0) +
	       1;
}

/* Clusters added to dir (zeroed) so that k entries fit. */
int fatw_dir_make_room(struct fatw *w, uint32_t dir, unsigned k)
{
	struct fatw_slots sl = {0};
	uint32_t cost, first;
	int err = fatw_dir_grow_cost(w, dir, k, &cost);

	if (err || !cost)
		return err;
	err = fatw_dir_slots(w, dir, &sl);
	if (!err && fatw_alloc(w, cost, &first) == 0) {
		fatw_set(w, sl.last_cluster, first);
		for (uint32_t c = first; !fatw_is_eoc(w, c); c = fatw_get(w, c))
			for (uint32_t s = 0; s < (1u << w->v->spc_shift); s++)
				if (!fatw_sector_new(
					w, fatw_cluster_sector(w, c) + s))
					err = -1;
	} else if (!err) {
		err = -1;
		bz_error("internal error: the FAT writer's room check missed");
	}
	free(sl.pos);
	return err;
}

void fatw_dir_fill(struct fatw *w, uint8_t *e, const uint8_t raw[11],
		   uint8_t attr, uint32_t cluster, uint32_t size)
{
	memset(e, 0, 32);
	memcpy(e, raw, 11);
	e[11] = attr;
	le16_put(e + 14, w->time); /* created */
	le16_put(e + 16, w->date);
	le16_put(e + 18, w->date); /* accessed */
	le16_put(e + 20, w->v->type == 32 ? (uint16_t)(cluster >> 16) : 0);
	le16_put(e + 22, w->time); /* written */
	le16_put(e + 24, w->date);
	le16_put(e + 26, (uint16_t)cluster);
	le32_put(e + 28, size);
}

/* A new entry (long name and 8.3) in dir, which has room for it. */
int fatw_dir_add(struct fatw *w, uint32_t dir, const char *name, size_t n,
		 uint8_t attr, uint32_t cluster, uint32_t size)
{
	struct fatw_slots sl = {0};
	uint8_t(*names)[11] = NULL, raw[11], *e;
	size_t nnames, at, tail;
	unsigned nlfn = 0;
	int err = 0;

	if (fatw_dir_slots(w, dir, &sl) || short_names(w, &sl, &names, &nnames))
		err = -1;

	if (!err &&
	    fatw_short_name(name, n, (const uint8_t(*)[11])names, nnames, raw))
		nlfn = fatw_lfn_count(n);
	at = err ? SIZE_MAX : free_run(w, &sl, nlfn + 1, &tail);
	if (!err && at == SIZE_MAX) {
		bz_error("internal error: the FAT writer's room check missed");
		err = -1;
	}
	for (unsigned i = 0; !err && i < nlfn; i++) {
		e = fatw_slot(w, sl.pos[at + i], true);
		if (!e)
			err = -1;
		else
			fatw_lfn_entry(e, name, n, nlfn - i, i == 0,
				       fat_short_checksum(raw));
	}
	if (!err && !(e = fatw_slot(w, sl.pos[at + nlfn], true)))
		err = -1;
	if (!err)
		fatw_dir_fill(w, e, raw, attr, cluster, size);
	free(names);
	free(sl.pos);
	return err;
}

/* A new directory `name` in parent; *made its cluster. */
int fatw_dir_make(struct fatw *w, uint32_t parent, const char *name, size_t n,
		  uint32_t *made)
{
	static const uint8_t dot[11] = ".          ",
			     dotdot[11] = "..         ";
	struct fatw_sec *s = NULL;
	uint32_t first;

	if (fatw_dir_make_room(w, parent, fatw_dir_entries(name, n)))
		return -1;
	if (fatw_alloc(w, 1, &first)) {
		bz_error("internal error: the FAT writer's room check missed");
		return -1;
	}
	for (uint32_t i = 0; i < (1u << w->v->spc_shift); i++)
		if (!(s = fatw_sector_new(w,
					  fatw_cluster_sector(w, first) + i)))
			return -1;
	s = fatw_sector(w, fatw_cluster_sector(w, first));
	fatw_dir_fill(w, s->data, dot, FAT_ATTR_DIRECTORY, first, 0);
	/* ".." of a directory in the root says 0, FAT32 included. */
	fatw_dir_fill(w, s->data + 32, dotdot, FAT_ATTR_DIRECTORY,
		      parent == fatw_root(w) ? 0 : parent, 0);
	*made = first;
	return fatw_dir_add(w, parent, name, n, FAT_ATTR_DIRECTORY, first, 0);
}
