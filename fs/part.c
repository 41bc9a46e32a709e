// SPDX-License-Identifier: BSD-2-Clause
/* MBR partition table reading: which primary partition holds the FAT
 * volume stage2 boots from. */
#include <stddef.h>
#include <string.h>

#include "fs/part.h"

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

static void entry_read(const uint8_t mbr[512], unsigned i, struct mbr_entry *e)
{
	memcpy(e, mbr + MBR_TABLE_OFFSET + i * sizeof(*e), sizeof(*e));
}

/* Rejects sectors that are not a partition table: a superfloppy's FAT boot
 * sector also ends in 0x55AA, but its bytes at 0x1BE are boot code, which
 * the status-byte check catches in practice. */
static int table_check(const uint8_t mbr[512])
{
	struct mbr_entry e;
	unsigned i;

	if (!mbr)
		return PART_EINVAL;
	if (mbr[MBR_SIG_OFFSET] != 0x55 || mbr[MBR_SIG_OFFSET + 1] != 0xAA)
		return PART_ENOSIG;
	for (i = 0; i < 4; i++) {
		entry_read(mbr, i, &e);
		if (e.status != 0x00 && e.status != 0x80)
			return PART_EBADTABLE;
	}
	return PART_OK;
}

static void entry_fill(const struct mbr_entry *e, unsigned i,
		       struct part_entry *out)
{
	out->index = i + 1;
	out->type = e->type;
	out->active = e->status == 0x80;
	out->start_lba = e->lba_first;
	out->sectors = e->sectors;
}

int part_list(const uint8_t mbr[512], struct part_entry out[4])
{
	struct mbr_entry e;
	unsigned i;
	int n = 0, err;

	err = table_check(mbr);
	if (err)
		return err;
	if (!out)
		return PART_EINVAL;
	for (i = 0; i < 4; i++) {
		entry_read(mbr, i, &e);
		if (e.type != 0)
			entry_fill(&e, i, &out[n++]);
	}
	return n;
}

int part_pick_boot(const uint8_t mbr[512], struct part_entry *out)
{
	struct mbr_entry e;
	int first = -1, active = -1, err;
	unsigned i;

	err = table_check(mbr);
	if (err)
		return err;
	if (!out)
		return PART_EINVAL;
	for (i = 0; i < 4; i++) {
		entry_read(mbr, i, &e);
		if (e.type == MBR_TYPE_GPT_PROTECTIVE)
			return PART_EGPT;
		if (!part_type_is_fat(e.type))
			continue;
		if (first < 0)
			first = (int)i;
		if (active < 0 && e.status == 0x80)
			active = (int)i;
	}
	if (first < 0)
		return PART_ENOFAT;
	i = (unsigned)(active >= 0 ? active : first);
	entry_read(mbr, i, &e);
	/* Sector 0 is the MBR itself; an empty FAT entry is a broken table. */
	if (e.lba_first == 0 || e.sectors == 0)
		return PART_EBADENTRY;
	entry_fill(&e, i, out);
	return PART_OK;
}

const char *part_strerror(int err)
{
	switch (err) {
	case PART_OK:
		return "no error";
	case PART_EINVAL:
		return "invalid argument";
	case PART_ENOSIG:
		return "no partition table (no 0x55AA signature)";
	case PART_EBADTABLE:
		return "invalid partition table (bad boot flag)";
	case PART_EGPT:
		return "disk uses GPT (protective MBR), not MBR partitions";
	case PART_ENOFAT:
		return "no FAT partition in the partition table";
	case PART_EBADENTRY:
		return "FAT partition entry starts at sector 0 or is empty";
	}
	return "unknown partition error";
}
