// SPDX-License-Identifier: BSD-2-Clause
/* Partition tables: MBR primaries, the EBR chain of logical partitions and
 * GPT, walked in Linux's number order; the partition stage2 boots from. */
#include <stddef.h>
#include <string.h>

#include "fs/part.h"

/* Type GUIDs as stored: the first three fields little-endian. */
/* C12A7328-F81F-11D2-BA4B-00A0C93EC93B: EFI System partition */
static const uint8_t guid_esp[16] = {0x28, 0x73, 0x2A, 0xC1, 0x1F, 0xF8,
				     0xD2, 0x11, 0xBA, 0x4B, 0x00, 0xA0,
				     0xC9, 0x3E, 0xC9, 0x3B};
/* EBD0A0A2-B9E5-4433-87C0-68B6B72699C7: Microsoft basic data */
static const uint8_t guid_basic_data[16] = {0xA2, 0xA0, 0xD0, 0xEB, 0xE5, 0xB9,
					    0x33, 0x44, 0x87, 0xC0, 0x68, 0xB6,
					    0xB7, 0x26, 0x99, 0xC7};

bool part_type_is_fat(uint8_t type)
{
	/* Hidden variants, as boot managers set them, are the type + 0x10. */
	switch (type & 0xEF) {
	case 0x01: /* FAT12 */
	case 0x04: /* FAT16 < 32 MiB */
	case 0x06: /* FAT16 */
	case 0x0B: /* FAT32 CHS */
	case 0x0C: /* FAT32 LBA */
	case 0x0E: /* FAT16 LBA */
		return true;
	}
	return false;
}

/* DOS (0x05), Windows LBA (0x0F) and Linux (0x85): the types Linux
 * follows as extended partitions. */
static bool type_is_extended(uint8_t type)
{
	return type == 0x05 || type == 0x0F || type == 0x85;
}

uint32_t part_crc32(uint32_t crc, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	unsigned k;

	crc = ~crc;
	while (len--) {
		crc ^= *p++;
		for (k = 0; k < 8; k++)
			crc = crc >> 1 ^ (0xEDB88320u & -(crc & 1));
	}
	return ~crc;
}

static bool has_sig(const uint8_t sector[512])
{
	return sector[MBR_SIG_OFFSET] == 0x55 &&
	       sector[MBR_SIG_OFFSET + 1] == 0xAA;
}

/* Rejects sectors that are not a partition table: a superfloppy's FAT boot
 * sector also ends in 0x55AA, but its bytes at 0x1BE are boot code, which
 * the status-byte check (0x00 or 0x80) catches in practice. */
static int table_check(const uint8_t mbr[512])
{
	unsigned i;

	if (!mbr)
		return PART_EINVAL;
	if (!has_sig(mbr))
		return PART_ENOSIG;
	for (i = 0; i < 4; i++)
		if (mbr[MBR_TABLE_OFFSET + 16 * i] & 0x7F)
			return PART_EBADTABLE;
	return PART_OK;
}

/* --- walking the whole table through the device -------------------------- */

struct walk {
	const struct blockdev *dev;
	uint8_t *buf;
	int (*fn)(void *ctx, const struct part_entry *e);
	void *ctx;
};

static int sector_read(struct walk *w, uint64_t lba)
{
	return w->dev->read(w->dev->ctx, lba, 1, w->buf) < 0 ? PART_EIO : 0;
}

/* Reports MBR entry t as partition `index` at `start`. Out of line: two
 * callers, and stage2 counts bytes. */
__attribute__((noinline)) static int mbr_emit(struct walk *w,
					      const struct mbr_entry *t,
					      unsigned index, uint64_t start)
{
	struct part_entry e;

	memset(&e, 0, sizeof(e));
	e.index = index;
	e.type = t->type;
	e.active = t->status == 0x80;
	e.start_lba = start;
	e.sectors = t->sectors;
	return w->fn(w->ctx, &e);
}

/* Where the entry array is and how to read it, from a checked header. */
struct gpt_array {
	uint64_t lba;
	uint32_t count, size, crc;
};

static bool guid_is_zero(const uint8_t guid[16])
{
	uint8_t any = 0;
	unsigned i;

	for (i = 0; i < 16; i++)
		any |= guid[i];
	return !any;
}

/* Reads the entry array sector by sector: with visit false, checks its
 * CRC; else calls w->fn for every used entry (so the sectors are read
 * twice: the buffer holds one, and nothing is reported before the CRC
 * holds). */
static int gpt_array_walk(struct walk *w, const struct gpt_array *a, bool visit)
{
	uint32_t total = a->count * a->size, pos, k = 0, crc = 0;
	const struct gpt_entry *g;
	struct part_entry e;
	int err;

	for (pos = 0; pos < total; pos += 512) {
		err = sector_read(w, a->lba + pos / 512);
		if (err)
			return err;
		if (!visit) {
			crc = part_crc32(crc, w->buf,
					 total - pos < 512 ? total - pos : 512);
			continue;
		}
		/* Entries are 128 << n bytes: none straddles a sector. */
		for (; k < a->count && k * a->size < pos + 512; k++) {
			g = (const void *)(w->buf + (k * a->size - pos));
			if (guid_is_zero(g->PartitionTypeGUID) ||
			    g->EndingLBA < g->StartingLBA)
				continue;
			memset(&e, 0, sizeof(e));
			e.index = k + 1;
			e.gpt = true;
			memcpy(e.type_guid, g->PartitionTypeGUID, 16);
			e.attrs = g->Attributes;
			e.active = e.attrs & GPT_ATTR_LEGACY_BIOS_BOOTABLE;
			e.start_lba = g->StartingLBA;
			e.sectors = g->EndingLBA - g->StartingLBA + 1;
			err = w->fn(w->ctx, &e);
			if (err)
				return err;
		}
	}
	return crc == a->crc || visit ? 0 : PART_EGPTENTRIES;
}

/* Reads and checks the header at lba and the CRC of its entry array. */
static int gpt_load(struct walk *w, uint64_t lba, struct gpt_array *a)
{
	struct gpt_header *h = (struct gpt_header *)w->buf;
	uint32_t crc, n;
	int err;

	err = sector_read(w, lba);
	if (err)
		return err;
	if (memcmp(h->Signature, "EFI PART", 8) || h->HeaderSize < 92 ||
	    h->HeaderSize > 512 || h->MyLBA != lba)
		return PART_EGPTHDR;
	crc = h->HeaderCRC32;
	h->HeaderCRC32 = 0;
	n = h->SizeOfPartitionEntry;
	/* 128 << n (UEFI 5.3.2), so no entry's first 128 bytes straddle a
	 * sector and one sector of buffer is enough. */
	if (part_crc32(0, h, h->HeaderSize) != crc || n < 128 ||
	    (n & (n - 1)) ||
	    (uint64_t)h->NumberOfPartitionEntries * n > PART_GPT_ARRAY_MAX)
		return PART_EGPTHDR;
	a->lba = h->PartitionEntryLBA;
	a->count = h->NumberOfPartitionEntries;
	a->size = n;
	a->crc = h->PartitionEntryArrayCRC32;
	return gpt_array_walk(w, a, false);
}

/* The primary header at LBA 1; if it or its entries are damaged and the
 * disk size is known, the backup at the last LBA (UEFI 5.3.2: the copy
 * firmware restores the primary from). The primary's error is the one
 * reported when both fail. */
static int gpt_walk(struct walk *w, uint64_t disk_sectors)
{
	struct gpt_array a;
	int err;

	err = gpt_load(w, 1, &a);
	if (err && disk_sectors > 2 && !gpt_load(w, disk_sectors - 1, &a))
		err = 0;
	return err ? err : gpt_array_walk(w, &a, true);
}

/* True if entry e, at offset off <= size of a container of size sectors,
 * ends past the container's end. Differences, not sums: no 32-bit wrap. */
static bool mbr_outside(uint32_t off, const struct mbr_entry *e, uint32_t size)
{
	return e->lba_first > size - off ||
	       e->sectors > size - off - e->lba_first;
}

/* Logical partitions of the extended partition p. In each EBR the first
 * entry that is not empty and not extended is its logical partition,
 * relative to the EBR; the first extended entry links to the next EBR,
 * relative to the extended partition's start. That is how fdisk reads
 * them (usually entries 1 and 2; DR-DOS puts the link first when there is
 * no logical); Linux would also take more logicals from one EBR, which
 * nothing writes. */
static int ebr_walk(struct walk *w, const struct mbr_entry *p, unsigned *number,
		    unsigned *budget)
{
	const struct mbr_entry *t, *data, *link;
	uint32_t off = 0;
	unsigned i;
	int err;

	for (;;) {
		/* Links may go backwards (fdisk writes them so): a loop
		 * shows only as a chain longer than any real one. */
		if (!*budget)
			return PART_ECORRUPT;
		(*budget)--;
		err = sector_read(w, (uint64_t)p->lba_first + off);
		if (err)
			return err;
		/* fdisk leaves a zeroed EBR in an empty extended partition. */
		if (!has_sig(w->buf))
			return 0;
		/* fn leaves the buffer alone: t stays valid across it. */
		t = (const void *)(w->buf + MBR_TABLE_OFFSET);
		data = link = NULL;
		for (i = 4; i--;) {
			if (!t[i].type || !t[i].sectors)
				continue;
			if (type_is_extended(t[i].type))
				link = &t[i];
			else
				data = &t[i];
		}
		if (data) {
			if (mbr_outside(off, data, p->sectors))
				return PART_ECORRUPT;
			err = mbr_emit(w, data, (*number)++,
				       (uint64_t)p->lba_first +
					   (off + data->lba_first));
			if (err)
				return err;
		}
		if (!link)
			return 0;
		/* Offset 0 is the first EBR again and a link to itself is a
		 * loop: said at once rather than after the budget. */
		if (!link->lba_first || link->lba_first == off ||
		    mbr_outside(0, link, p->sectors))
			return PART_ECORRUPT;
		off = link->lba_first;
	}
}

static int walk_disk(struct walk *w, uint64_t disk_sectors)
{
	struct mbr_entry t[4];
	unsigned i, number = 5, budget = PART_MAX_LOGICAL;
	int err;

	if (!w->dev || !w->buf)
		return PART_EINVAL;
	err = sector_read(w, 0);
	if (!err)
		err = table_check(w->buf);
	if (err)
		return err;
	memcpy(t, w->buf + MBR_TABLE_OFFSET, sizeof(t));
	for (i = 0; i < 4; i++)
		if (t[i].type == MBR_TYPE_GPT_PROTECTIVE)
			return gpt_walk(w, disk_sectors);
	/* Empty: type 0 (as fdisk tests) or size 0 (as Linux does). */
	for (i = 0; i < 4; i++) {
		if (!t[i].type || !t[i].sectors)
			continue;
		err = mbr_emit(w, &t[i], i + 1, t[i].lba_first);
		if (err)
			return err;
	}
	for (i = 0; i < 4; i++) {
		if (!type_is_extended(t[i].type) || !t[i].sectors)
			continue;
		err = ebr_walk(w, &t[i], &number, &budget);
		if (err)
			return err;
	}
	return 0;
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
	if (!e->gpt)
		return part_type_is_fat(e->type);
	return !memcmp(e->type_guid, guid_esp, 16) ||
	       !memcmp(e->type_guid, guid_basic_data, 16);
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

	err = table_check(mbr);
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
