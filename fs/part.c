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

/* --- sector 0 alone ------------------------------------------------------ */

int part_list(const uint8_t mbr[512], struct part_entry out[4])
{
	const struct mbr_entry *t;
	unsigned i;
	int n = 0, err;

	err = part_mbr_check(mbr);
	if (err)
		return err;
	if (!out)
		return PART_EINVAL;
	t = (const void *)(mbr + MBR_TABLE_OFFSET);
	for (i = 0; i < 4; i++) {
		if (t[i].type == 0)
			continue;
		memset(&out[n], 0, sizeof(out[n]));
		out[n].index = i + 1;
		out[n].type = t[i].type;
		out[n].active = t[i].status == 0x80;
		out[n].start_lba = t[i].lba_first;
		out[n++].sectors = t[i].sectors;
	}
	return n;
}

int part_pick_boot(const uint8_t mbr[512], struct part_entry *out)
{
	struct find f = {0, false, out};
	struct part_entry list[4];
	int i, n;

	n = part_list(mbr, list);
	if (n < 0)
		return n;
	if (!out)
		return PART_EINVAL;
	for (i = 0; i < n; i++)
		if (list[i].type == MBR_TYPE_GPT_PROTECTIVE)
			return PART_EGPT;
	for (i = 0; i < n && !find_visit(&f, &list[i]); i++)
		;
	if (!f.found)
		return PART_ENOFAT;
	/* Sector 0 is the MBR itself; an empty FAT entry is a broken table. */
	return out->start_lba && out->sectors ? 0 : PART_EBADENTRY;
}

const char *part_strerror(int err)
{
	/* One string per code, 0 down to PART_ENOPART: no pointer table. */
	const char *s = "no error\0"
			"invalid argument\0"
			"no partition table (no 0x55AA)\0"
			"bad partition table (boot flag)\0"
			"GPT disk\0"
			"no FAT partition\0"
			"partition starts at sector 0 or is empty\0"
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
