// SPDX-License-Identifier: BSD-2-Clause
/* chain.c32's setbpb (and the older sethid, setgeo, setdrv): the fields of
 * a loaded FAT, NTFS or exFAT boot sector's BIOS parameter block set to
 * what the disk really is, in memory only. Which BPB a sector has is
 * guessed as SYSLINUX 6.04 guesses it (com32/chain/utility.c bpb_detect,
 * mangle.c mangle_bpb). Pure. */
#ifndef BZ_FS_BPB_PATCH_H
#define BZ_FS_BPB_PATCH_H

#include <stdbool.h>
#include <stdint.h>

/* The BPB versions chain.c32 tells apart, oldest first. */
enum bpb_kind {
	BPB_UNKNOWN = 0, /* no BPB recognised: nothing is patched */
	BPB_V20,	 /* DOS 2.0: 0x0B-0x17 */
	BPB_V30,	 /* + geometry, 16-bit hidden sectors */
	BPB_V32,	 /* + 0x1E-0x1F */
	BPB_V34,	 /* 32-bit hidden sectors and total */
	BPB_V40,	 /* FAT12/16 extended: drive at 0x24 */
	BPB_VNT,	 /* NTFS: drive at 0x24 */
	BPB_V70,	 /* FAT32: drive at 0x40 */
	BPB_EXFAT,	 /* 64-bit hidden sectors at 0x40, drive at 0x6F */
};

#define BPB_PATCH_HID 0x01 /* hidden sectors */
#define BPB_PATCH_GEO 0x02 /* sectors per track (0x18), heads (0x1A) */
#define BPB_PATCH_DRV 0x04 /* the drive number */

struct bpb_fix {
	uint8_t what;	 /* BPB_PATCH_* */
	uint64_t hidden; /* the partition's LBA (0: the whole disk) */
	/* the BIOS's geometry; 0: none, and the stand-in 255 heads of 63
	 * sectors (hard disk) or 2 of 18 (floppy) goes in, as chain.c32's */
	uint32_t heads, spt;
	bool hard_disk;
	uint8_t drive; /* the DL the sector gets */
	int drvoff;    /* where the drive goes; < 0: where its BPB keeps it */
};

enum bpb_kind bpb_detect(const uint8_t sec[512]);

/* Where kind keeps the drive number; -1 if it has none. */
int bpb_drive_offset(enum bpb_kind kind);

/* Applies f to sec as chain.c32 does, each field only if the detected BPB
 * has it (setdrv=OFF writes at OFF whatever the BPB); returns the kind. */
enum bpb_kind bpb_patch(uint8_t sec[512], const struct bpb_fix *f);

#endif
