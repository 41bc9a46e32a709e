// SPDX-License-Identifier: BSD-2-Clause
// The MBR sector as the installer sees it: table checks and the stage1 patch.
#include <stdbool.h>
#include <string.h>

#include "stage1/format.h"
#include "protocol/le.h"
#include "tools/mbr.h"

#define MBR_ENTRIES	4
#define MBR_ENTRY_SIZE	16
#define MBR_BOOTSIG_OFF 510  /* 0x55 0xAA */
#define MBR_TYPE_GPT	0xEE /* protective (or hybrid) GPT entry */

/* Offsets inside one 16-byte partition entry. */
#define ENT_STATUS    0x0
#define ENT_TYPE      0x4
#define ENT_LBA_FIRST 0x8
#define ENT_LBA_COUNT 0xC

static const uint8_t *mbr_entry(const uint8_t *sec, int i)
{
	return sec + BZ_MBR_PTABLE_OFF + i * MBR_ENTRY_SIZE;
}

/*
 * Type 0 marks an unused entry; an entry with sectors but type 0 still
 * covers something, so it counts too (we must not write over it).
 */
static bool entry_used(const uint8_t *e)
{
	return e[ENT_TYPE] != 0 || le32_get(e + ENT_LBA_COUNT) != 0;
}

static int mbr_find_gpt(const uint8_t *sec)
{
	for (int i = 0; i < MBR_ENTRIES; i++)
		if (mbr_entry(sec, i)[ENT_TYPE] == MBR_TYPE_GPT)
			return i + 1;
	return 0;
}

/*
 * Only 0x00 and 0x80 are boot flags. Anything else means the sector is not
 * a partition table: most likely a filesystem's boot sector (a partition,
 * or a "superfloppy"), whose BPB the stage1 code would destroy.
 */
static int mbr_find_bad_status(const uint8_t *sec)
{
	for (int i = 0; i < MBR_ENTRIES; i++) {
		uint8_t st = mbr_entry(sec, i)[ENT_STATUS];

		if (st != 0x00 && st != 0x80)
			return i + 1;
	}
	return 0;
}

int mbr_scan(const uint8_t *sec, struct mbr_scan *scan)
{
	scan->first_lba = UINT64_MAX;
	scan->entry = 0;
	scan->flag = 0;
	if (sec[MBR_BOOTSIG_OFF] != 0x55 || sec[MBR_BOOTSIG_OFF + 1] != 0xAA)
		return MBR_ENOSIG;
	if ((scan->entry = mbr_find_gpt(sec)))
		return MBR_EGPT;
	if ((scan->entry = mbr_find_bad_status(sec))) {
		scan->flag = mbr_entry(sec, scan->entry - 1)[ENT_STATUS];
		return MBR_ESTATUS;
	}
	for (int i = 0; i < MBR_ENTRIES; i++) {
		const uint8_t *e = mbr_entry(sec, i);
		uint64_t lba = le32_get(e + ENT_LBA_FIRST);

		if (!entry_used(e))
			continue;
		if (lba == 0) {
			scan->entry = i + 1;
			return MBR_EOVERLAP;
		}
		if (lba < scan->first_lba) {
			scan->first_lba = lba;
			scan->entry = i + 1;
		}
	}
	return scan->entry ? MBR_OK : MBR_ENOPART;
}

void mbr_patch(uint8_t *sec, const uint8_t *stage1, uint16_t s2_sectors,
	       uint64_t s2_lba)
{
	memcpy(sec, stage1, BZ_MBR_CODE_SIZE);
	le16_put(sec + BZ_MBR_S2_SECTORS, s2_sectors);
	le64_put(sec + BZ_MBR_S2_LBA, s2_lba);
}

/* The BPB's file-system type strings (FAT12/16 at 0x36, FAT32 at 0x52). */
const char *mbr_fs_name(const uint8_t *sec)
{
	if (!memcmp(sec + 0x36, "FAT", 3) || !memcmp(sec + 0x52, "FAT32", 5))
		return "FAT";
	if (!memcmp(sec + 3, "NTFS    ", 8))
		return "NTFS";
	if (!memcmp(sec + 3, "EXFAT   ", 8))
		return "exFAT";
	return NULL;
}
