// SPDX-License-Identifier: BSD-2-Clause
/* MBR partition tables: the four primaries at 0x1BE of LBA 0 and the
 * logical partitions in the EBR chain of each extended one. */
#include <stddef.h>
#include <string.h>

#include "fs/part.h"
#include "fs/part_priv.h"

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

static bool has_sig(const uint8_t sector[512])
{
	return sector[MBR_SIG_OFFSET] == 0x55 &&
	       sector[MBR_SIG_OFFSET + 1] == 0xAA;
}

/* Rejects sectors that are not a partition table: a superfloppy's FAT boot
 * sector also ends in 0x55AA, but its bytes at 0x1BE are boot code, which
 * the status-byte check (0x00 or 0x80) catches in practice. */
int part_mbr_check(const uint8_t mbr[512])
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
		err = part_sector_read(w, (uint64_t)p->lba_first + off);
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

int part_mbr_walk(struct walk *w, const struct mbr_entry t[4])
{
	unsigned i, number = 5, budget = PART_MAX_LOGICAL;
	int err;

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
