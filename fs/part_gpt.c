// SPDX-License-Identifier: BSD-2-Clause
/* GPT (UEFI 2.10 section 5.3): the header at LBA 1 or its backup at the
 * last LBA, both CRC-checked, and the entry array they point to. */
#include <stddef.h>
#include <string.h>

#include "fs/part.h"
#include "fs/part_priv.h"

/* Type GUIDs as stored: the first three fields little-endian. */
/* C12A7328-F81F-11D2-BA4B-00A0C93EC93B: EFI System partition */
static const uint8_t guid_esp[16] = {0x28, 0x73, 0x2A, 0xC1, 0x1F, 0xF8,
				     0xD2, 0x11, 0xBA, 0x4B, 0x00, 0xA0,
				     0xC9, 0x3E, 0xC9, 0x3B};
/* EBD0A0A2-B9E5-4433-87C0-68B6B72699C7: Microsoft basic data */
static const uint8_t guid_basic_data[16] = {0xA2, 0xA0, 0xD0, 0xEB, 0xE5, 0xB9,
					    0x33, 0x44, 0x87, 0xC0, 0x68, 0xB6,
					    0xB7, 0x26, 0x99, 0xC7};

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
		err = part_sector_read(w, a->lba + pos / 512);
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

	err = part_sector_read(w, lba);
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
int part_gpt_walk(struct walk *w, uint64_t disk_sectors)
{
	struct gpt_array a;
	int err;

	err = gpt_load(w, 1, &a);
	if (err && disk_sectors > 2 && !gpt_load(w, disk_sectors - 1, &a))
		err = 0;
	return err ? err : gpt_array_walk(w, &a, true);
}

bool part_gpt_type_is_fat(const uint8_t guid[16])
{
	return !memcmp(guid, guid_esp, 16) ||
	       !memcmp(guid, guid_basic_data, 16);
}
