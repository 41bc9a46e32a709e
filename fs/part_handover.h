// SPDX-License-Identifier: BSD-2-Clause
/* What a chainloaded boot sector is handed: the 16-byte partition entry
 * DS:SI points at, built as SYSLINUX 6.04's chain.c32 builds it
 * (com32/chain/chain.c setup_handover, utility.c lba2chs), and the
 * partition bzboot's own volume is on. Pure. */
#ifndef BZ_FS_PART_HANDOVER_H
#define BZ_FS_PART_HANDOVER_H

#include <stdbool.h>
#include <stdint.h>

#include "fs/blockdev.h"
#include "fs/part.h"

/* Where chain.c32 puts the entry: 0:07BE, the first entry of an MBR
 * relocated to 0:0600, where DOS-era MBRs leave DS:SI. */
#define PART_HANDOVER_ADDR	0x7BE
#define PART_HANDOVER_TYPE_DISK 0xDA /* the whole disk: "non-FS data" */
#define PART_HANDOVER_TYPE_GPT	0xED /* a GPT partition */

/* The disk as INT 13h AH=08h/48h describe it. cyls = 0: no CHS geometry
 * (the typical one is assumed, as chain.c32 does). */
struct part_geom {
	uint32_t cyls, heads, spt;
	uint64_t sectors; /* 0 if unknown */
	bool hard_disk;	  /* drive >= 0x80 */
};

/* lba as the 3 CHS bytes of an MBR entry (head, sector | cyl bits 8-9,
 * cyl bits 0-7); past the geometry: its last sector. */
void part_lba_to_chs(uint8_t chs[3], const struct part_geom *g, uint64_t lba);

/* The entry for partition e, or for the whole disk when e is NULL: MBR
 * primaries and logicals keep their status and type, with absolute LBA
 * and CHS (a logical's EBR holds them relative); a GPT entry becomes
 * status 0x80, type 0xED; the whole disk 0x80, 0xDA from LBA 0. LBA and
 * size above 32 bits read 0xFFFFFFFF. */
void part_handover_entry(struct mbr_entry *out, const struct part_entry *e,
			 const struct part_geom *g);

/* The partition that starts at lba (chain.c32's `fs`): 0 and *out, or
 * PART_ENOPART, or an error of part_foreach. */
int part_find_lba(const struct blockdev *dev, uint64_t disk_sectors,
		  uint64_t lba, uint8_t sector_buf[512],
		  struct part_entry *out);

#endif
