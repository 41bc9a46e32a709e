// SPDX-License-Identifier: BSD-2-Clause
/* A BPB copied into a boot-sector file (fs/bpb_copy.h). */
#include <string.h>

#include "fs/bpb_copy.h"
#include "protocol/le.h"

int bpb_bss_match(const uint8_t *file, const uint8_t *sec)
{
	enum bpb_kind kf = bpb_detect(file), ks = bpb_detect(sec);

	if (kf == BPB_UNKNOWN || ks == BPB_UNKNOWN)
		return -1;
	return kf == ks ? (int)kf : -2;
}

void bpb_bss_copy(uint8_t *file, const uint8_t *sec, enum bpb_kind kind)
{
	/* the bytes from 0x18 on each version has */
	static const uint8_t tail[] = {
	    [BPB_V20] = 0x06, [BPB_V30] = 0x06,	  [BPB_V32] = 0x08,
	    [BPB_V34] = 0x0C, [BPB_V40] = 0x2E,	  [BPB_VNT] = 0x3C,
	    [BPB_V70] = 0x42, [BPB_EXFAT] = 0x60,
	};

	if (kind == BPB_UNKNOWN || (unsigned)kind >= sizeof(tail))
		return;
	memcpy(file + 0x0B, sec + 0x0B, 0x0D); /* the DOS 2.0 part */
	memcpy(file + 0x18, sec + 0x18, tail[kind]);
}

bool bpb_syslinux_bss(uint8_t *file, const uint8_t *vol)
{
	/* reserved sectors (0x0E) and FAT count (0x10) */
	if (!le16_get(vol + 0x0E) || !vol[0x10])
		return false;
	memcpy(file + BPB_BSS_START, vol + BPB_BSS_START,
	       BPB_BSS_END - BPB_BSS_START);
	return true;
}
