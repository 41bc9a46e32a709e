// SPDX-License-Identifier: BSD-2-Clause
/* The loaded boot sector's BPB made true (fs/bpb_patch.h). */
#include <string.h>

#include "fs/bpb_patch.h"
#include "protocol/le.h"

/* chain.c32 tells the old BPBs apart by where the jump at byte 0 lands
 * (the BPB ends where the code starts), the newer by their signature
 * bytes, and any of them only with a media byte of 0xF0-0xFF. */
enum bpb_kind bpb_detect(const uint8_t sec[512])
{
	int jmp = -1;

	if (!memcmp(sec + 0x03, "EXFAT   ", 8))
		return BPB_EXFAT; /* its media byte is 0 */
	if ((sec[0x15] & 0xF0) != 0xF0)
		return BPB_UNKNOWN;
	if (sec[0] == 0xEB) /* jmp short */
		jmp = 2 + (int8_t)sec[1];
	else if (sec[0] == 0xE9) /* jmp near */
		jmp = 3 + (int16_t)le16_get(sec + 1);
	if (jmp >= 0) {
		if (jmp < 0x18 || jmp > 0x1F0)
			return BPB_UNKNOWN;
		if (jmp < 0x1E)
			return BPB_V20;
		if (jmp < 0x20)
			return BPB_V30;
		if (jmp < 0x24)
			return BPB_V32;
		if (jmp < 0x46)
			return BPB_V34;
	}
	/* code past 0x46, or none: the extended boot signatures */
	if ((sec[0x26] & 0xFE) == 0x28 && !memcmp(sec + 0x36, "FAT", 3))
		return BPB_V40;
	if (sec[0x26] == 0x80 && !memcmp(sec + 0x03, "NTFS", 4))
		return BPB_VNT;
	if ((sec[0x42] & 0xFE) == 0x28 && !memcmp(sec + 0x52, "FAT", 3))
		return BPB_V70;
	return BPB_UNKNOWN;
}

int bpb_drive_offset(enum bpb_kind kind)
{
	switch (kind) {
	case BPB_V40:
	case BPB_VNT:
		return 0x24;
	case BPB_V70:
		return 0x40;
	case BPB_EXFAT:
		return 0x6F;
	default:
		return -1;
	}
}

static void put_hidden(uint8_t sec[512], enum bpb_kind k, uint64_t lba)
{
	if (k == BPB_EXFAT) {
		le64_put(sec + 0x40, lba);
	} else if (k >= BPB_V34) { /* past 32 bits: all ones, as chain.c32 */
		le32_put(sec + 0x1C,
			 lba < UINT32_MAX ? (uint32_t)lba : UINT32_MAX);
	} else if (k >= BPB_V30) {
		le16_put(sec + 0x1C, lba < 0xFFFF ? (uint16_t)lba : 0xFFFF);
	}
}

enum bpb_kind bpb_patch(uint8_t sec[512], const struct bpb_fix *f)
{
	enum bpb_kind k = bpb_detect(sec);
	int off = f->drvoff >= 0 ? f->drvoff : bpb_drive_offset(k);
	bool known = f->heads && f->spt;

	if (f->what & BPB_PATCH_HID)
		put_hidden(sec, k, f->hidden);
	if ((f->what & BPB_PATCH_GEO) && k >= BPB_V30 && k <= BPB_V70) {
		le16_put(sec + 0x18, (uint16_t)(known	       ? f->spt
						: f->hard_disk ? 63
							       : 18));
		le16_put(sec + 0x1A, (uint16_t)(known	       ? f->heads
						: f->hard_disk ? 255
							       : 2));
	}
	if ((f->what & BPB_PATCH_DRV) && off >= 0 && off < 512)
		sec[off] = f->drive;
	return k;
}
