// SPDX-License-Identifier: BSD-2-Clause
/* FAT file reads: fat_open, then fat_read along the cluster chain, whole
 * sectors straight into the caller's buffer. Every chain walk is bounded:
 * by the file size, and by a cycle check. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fs/fat.h"
#include "fs/fat_priv.h"

/* Moves to the next cluster of the chain. The cluster holding the last
 * byte must carry the end marker: that is what catches loops. */
static int file_step(struct fat_file *f)
{
	struct fat_volume *v = f->vol;
	uint32_t next;
	int err;

	err = fat_chain_next(v, f->cluster, &next);
	if (err)
		return err;
	if (next == 0)
		return fat_corrupt(v, FAT_CORRUPT_CHAIN_SHORT);
	/* Brent's cycle check: meeting the cluster saved at the last power-
	 * of-two index again is a loop, found within twice its length rather
	 * than at a size the directory entry may put at 4 GiB. */
	if (next == f->mark)
		return fat_corrupt(v, FAT_CORRUPT_CHAIN_LONG);
	f->cluster = next;
	f->index++;
	if ((f->index & (f->index - 1)) == 0)
		f->mark = next;
	if (f->index + 1 == f->clusters) {
		err = fat_chain_next(v, next, &next);
		if (err)
			return err;
		if (next != 0)
			return fat_corrupt(v, FAT_CORRUPT_CHAIN_LONG);
	}
	return FAT_OK;
}

/* Walks forward to chain index `index`: reads only go forward, as
 * stage2 loads files, so the singly linked chain is never walked back. */
static int file_seek_cluster(struct fat_file *f, uint32_t index)
{
	int err;

	while (f->index < index) {
		err = file_step(f);
		if (err)
			return err;
	}
	return FAT_OK;
}

static int file_init(struct fat_volume *v, const struct dir_hit *hit,
		     struct fat_file *f)
{
	uint32_t next;
	int err;

	memset(f, 0, sizeof(*f));
	f->vol = v;
	f->attr = hit->attr;
	f->size = hit->size;
	f->clusters =
	    (uint32_t)(((uint64_t)hit->size + (SECTOR << v->spc_shift) - 1) >>
		       (v->spc_shift + 9));
	if (f->clusters == 0) /* an empty file's cluster is not used */
		return FAT_OK;
	if (hit->cluster == 0)
		return fat_corrupt(v, FAT_CORRUPT_CHAIN_SHORT);
	if (!cluster_valid(v, hit->cluster))
		return fat_corrupt(v, FAT_CORRUPT_CLUSTER_RANGE);
	f->first_cluster = f->cluster = f->mark = hit->cluster;
	if (f->clusters == 1) {
		err = fat_chain_next(v, f->cluster, &next);
		if (err)
			return err;
		if (next != 0)
			return fat_corrupt(v, FAT_CORRUPT_CHAIN_LONG);
	}
	return FAT_OK;
}

int fat_open(struct fat_volume *v, const char *path, struct fat_file *f)
{
	struct dir_hit hit;
	int err;

	if (!v || !path || !f || !v->type)
		return FAT_EINVAL;
	err = fat_path_lookup(v, path, &hit);
	if (err)
		return err;
	if (hit.attr & FAT_ATTR_DIRECTORY)
		return FAT_EISDIR;
	err = file_init(v, &hit, f);
	if (err) /* a read through a failed open must not touch the disk */
		memset(f, 0, sizeof(*f));
	return err;
}

uint32_t fat_size(const struct fat_file *f)
{
	return f->size;
}

/* Whole sectors from f->pos straight into out: one device call for the
 * run of physically contiguous clusters that starts at f->cluster. */
static int read_run(struct fat_file *f, uint8_t *out, uint32_t want,
		    uint32_t *got)
{
	struct fat_volume *v = f->vol;
	uint32_t cmask = (SECTOR << v->spc_shift) - 1;
	uint32_t sector =
	    cluster_sector(v, f->cluster) + (f->pos & cmask) / SECTOR;
	uint32_t run = ((cmask + 1) - (f->pos & cmask)) / SECTOR, prev;
	int err;

	while (run < want) {
		prev = f->cluster;
		err = file_step(f);
		if (err)
			return err;
		if (f->cluster != prev + 1)
			break;
		run += 1u << v->spc_shift;
	}
	if (run > want)
		run = want;
	err = fat_dev_read(v, sector, run, out);
	if (err)
		return err;
	*got = run * SECTOR;
	return FAT_OK;
}

int fat_read(struct fat_file *f, void *buf, uint32_t len)
{
	struct fat_volume *v;
	uint8_t *out = buf;
	uint32_t done = 0, left, in_sec, n, sector, cshift;
	int err;

	if (!f || !f->vol || (!buf && len))
		return FAT_EINVAL;
	v = f->vol;
	cshift = v->spc_shift + 9u;
	if (f->pos >= f->size)
		return 0;
	if (len > f->size - f->pos)
		len = f->size - f->pos;
	if (len > READ_MAX)
		len = READ_MAX;
	while (done < len) {
		left = len - done;
		err = file_seek_cluster(f, f->pos >> cshift);
		if (err)
			return err;
		in_sec = f->pos % SECTOR;
		if (in_sec == 0 && left >= SECTOR) {
			err = read_run(f, out + done, left / SECTOR, &n);
			if (err)
				return err;
		} else {
			/* A partial sector: through the volume's buffer. */
			sector = cluster_sector(v, f->cluster) +
				 (f->pos & ((1u << cshift) - 1)) / SECTOR;
			err = fat_dev_read(v, sector, 1, v->sector);
			if (err)
				return err;
			n = SECTOR - in_sec;
			if (n > left)
				n = left;
			memcpy(out + done, v->sector + in_sec, n);
		}
		done += n;
		f->pos += n;
	}
	return (int)done;
}
