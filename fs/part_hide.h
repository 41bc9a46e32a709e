// SPDX-License-Identifier: BSD-2-Clause
/* chain.c32's hide, hideall, unhide and unhideall as bzboot does them:
 * the DOS-era "hidden" partition types (type | 0x10) set or cleared in the
 * copies a chainloaded sector is handed (its partition entry, or the MBR
 * loaded as the sector), never on the disk. Which types and which
 * partitions change is SYSLINUX 6.04's rule (com32/chain/mangle.c
 * fliphide, manglepe_hide). Pure. */
#ifndef BZ_FS_PART_HIDE_H
#define BZ_FS_PART_HIDE_H

#include <stdbool.h>
#include <stdint.h>

/* FAT12, FAT16 (<32M, >32M, LBA), NTFS/HPFS/exFAT, FAT32 (CHS, LBA) and
 * their 0x1_ hidden twins. */
bool part_hide_hideable(uint8_t type);

/* The type partition number `index` gets: unhidden if it is the one
 * booted (`target`) or `unhide` is asked, hidden otherwise; a type that
 * cannot be hidden stays as it is. */
uint8_t part_hide_type(uint8_t type, bool target, bool unhide);

/* Whether hide (without `all`) reaches partition index: the primaries
 * 1-4 only; with `all` the logical ones too. */
bool part_hide_reaches(unsigned index, bool all);

/* The four primary entries of an MBR in memory (mbr: 512 bytes, the
 * table at 0x1BE), partition target_index being the one booted (0: none,
 * the MBR itself is booted). */
void part_hide_mbr(uint8_t mbr[512], unsigned target_index, bool unhide);

#endif
