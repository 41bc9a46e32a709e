// SPDX-License-Identifier: BSD-2-Clause
/* Partition tables, walked in Linux's number order whichever kind LBA 0
 * holds (the readers are part_mbr.c and part_gpt.c); the partition stage2
 * boots from, and the list of numbers a disk has. */
#include <stddef.h>
#include <string.h>

#include "fs/part.h"
#include "fs/part_priv.h"

int part_sector_read(struct walk *w, uint64_t lba)
{
	return w->dev->read(w->dev->ctx, lba, 1, w->buf) < 0 ? PART_EIO : 0;
}

static int walk_disk(struct walk *w, uint64_t disk_sectors)
{
	struct mbr_entry t[4];
	unsigned i;
	int err;

	if (!w->dev || !w->buf)
		return PART_EINVAL;
	err = part_sector_read(w, 0);
	if (!err)
		err = part_mbr_check(w->buf);
	if (err)
		return err;
	memcpy(t, w->buf + MBR_TABLE_OFFSET, sizeof(t));
	for (i = 0; i < 4; i++)
		if (t[i].type == MBR_TYPE_GPT_PROTECTIVE)
			return part_gpt_walk(w, disk_sectors);
	return part_mbr_walk(w, t);
}

int part_foreach(const struct blockdev *dev, uint64_t disk_sectors,
		 uint8_t sector_buf[512],
		 int (*fn)(void *ctx, const struct part_entry *e), void *ctx)
{
	struct walk w = {dev, sector_buf, fn, ctx};

	if (!fn)
		return PART_EINVAL;
	return walk_disk(&w, disk_sectors);
}

struct find {
	unsigned index;
	bool found;
	struct part_entry *out;
};

static bool entry_is_fat(const struct part_entry *e)
{
	return e->gpt ? part_gpt_type_is_fat(e->type_guid)
		      : part_type_is_fat(e->type);
}

static int find_visit(void *ctx, const struct part_entry *e)
{
	struct find *f = ctx;
	bool take, stop;

	if (f->index) {
		take = stop = e->index == f->index;
	} else {
		/* The boot flag counts on primaries only (an MBR's code
		 * looks nowhere else), so once a FAT primary is found the
		 * logicals cannot change the choice. */
		if (f->found && !e->gpt && e->index > 4)
			return 1;
		if (!entry_is_fat(e))
			return 0;
		stop = e->active && (e->gpt || e->index <= 4);
		take = stop || !f->found;
	}
	if (take) {
		*f->out = *e;
		f->found = true;
	}
	return stop;
}

int part_find(const struct blockdev *dev, uint64_t disk_sectors, unsigned index,
	      uint8_t sector_buf[512], struct part_entry *out)
{
	struct find f = {index, false, out};
	struct walk w = {dev, sector_buf, find_visit, &f};
	int err;

	if (!out)
		return PART_EINVAL;
	err = walk_disk(&w, disk_sectors);
	/* Once one is found, a damaged link further on changes nothing. */
	if (!f.found)
		return err < 0 ? err : index ? PART_ENOPART : PART_ENOFAT;
	/* Sector 0 is the MBR itself. */
	return out->start_lba ? 0 : PART_EBADENTRY;
}

/* The list being written: out[0..len), and the end of the longest part
 * of it that " ..." can still follow. */
struct numbers {
	char *out;
	size_t size, len, cut;
};

static int numbers_visit(void *ctx, const struct part_entry *e)
{
	struct numbers *n = ctx;
	char digits[10];
	unsigned v = e->index, k = 0;

	do
		digits[k++] = (char)('0' + v % 10);
	while ((v /= 10) && k < sizeof(digits));
	if (n->size - n->len < 1 + k + 1) { /* " N" and the NUL */
		if (n->size - n->cut >= sizeof(" ..."))
			memcpy(n->out + n->cut, " ...", sizeof(" ..."));
		else
			n->out[n->cut] = 0; /* size < 5: cut is 0 */
		return 1;
	}
	n->out[n->len++] = ' ';
	while (k)
		n->out[n->len++] = digits[--k];
	n->out[n->len] = 0;
	if (n->size - n->len >= sizeof(" ..."))
		n->cut = n->len;
	return 0;
}

int part_list_indices(const struct blockdev *dev, uint64_t disk_sectors,
		      uint8_t sector_buf[512], char *out, size_t size)
{
	struct numbers n = {out, size, 0, 0};
	int err;

	if (!out || !size)
		return PART_EINVAL;
	out[0] = 0;
	err = part_foreach(dev, disk_sectors, sector_buf, numbers_visit, &n);
	return err < 0 ? err : 0;
}

const char *part_strerror(int err)
{
	/* One string per code, 0 down to PART_ENOPART: no pointer table. */
	const char *s = "no error\0"
			"invalid argument\0"
			"no partition table (no 0x55AA)\0"
			"bad partition table (boot flag)\0"
			"no FAT partition\0"
			"partition starts at sector 0\0"
			"read error\0"
			"GPT header damaged: bad signature, CRC or sizes\0"
			"GPT entries damaged: bad CRC\0"
			"extended partition chain loops or points outside\0"
			"no such partition on this disk\0";

	if (err > 0 || err < PART_ENOPART)
		return "unknown partition error";
	while (err++)
		s += strlen(s) + 1;
	return s;
}
