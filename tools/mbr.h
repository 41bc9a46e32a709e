// SPDX-License-Identifier: BSD-2-Clause
// The MBR sector as the installer sees it: is its partition table one we can
// install beside, where does the first partition start, and the stage1 patch.
#ifndef BZ_TOOLS_MBR_H
#define BZ_TOOLS_MBR_H

#include <stdint.h>

enum mbr_err {
	MBR_OK = 0,
	MBR_ENOSIG = -1,   /* no 0x55AA at 510 */
	MBR_EGPT = -2,	   /* an entry of type 0xEE */
	MBR_ESTATUS = -3,  /* boot flag neither 0x00 nor 0x80 */
	MBR_ENOPART = -4,  /* all four entries empty */
	MBR_EOVERLAP = -5, /* an entry starts at LBA 0 */
};

struct mbr_scan {
	uint64_t first_lba; /* lowest start LBA of the used entries */
	int entry;	    /* 1-based entry the result or error is about */
	uint8_t flag;	    /* that entry's boot flag */
};

/* Check the table of sec and find the first partition. 0 or MBR_E*. */
int mbr_scan(const uint8_t *sec, struct mbr_scan *scan);

/*
 * Put stage1's boot code (its first BZ_MBR_CODE_SIZE bytes) into sec and
 * tell it where stage2 is. Bytes from BZ_MBR_CODE_SIZE on stay untouched.
 */
void mbr_patch(uint8_t *sec, const uint8_t *stage1, uint16_t s2_sectors,
	       uint64_t s2_lba);

/*
 * The filesystem whose boot sector sec is ("FAT", "NTFS", "exFAT"), or
 * NULL: a disk formatted without a partition table starts with one.
 */
const char *mbr_fs_name(const uint8_t *sec);

#endif
