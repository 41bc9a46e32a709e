// SPDX-License-Identifier: BSD-2-Clause
// stage2 as a file, for FAT volumes whose reserved sectors have no room
// for it (plain mkfs.fat): /boot/bzboot/bzboot.sys, hidden, system and
// read-only, in one contiguous run of clusters that the PBR loads as it
// loads reserved sectors (docs/install.md, "stage2 as a file").
#ifndef BZ_TOOLS_S2FILE_H
#define BZ_TOOLS_S2FILE_H

#include <stdint.h>

#include "tools/disk.h"
#include "tools/fatw.h"

#define S2FILE_PATH "/boot/bzboot/bzboot.sys"

/*
 * Stage stage2 (sectors * 512 bytes, sealed) as S2FILE_PATH in the FAT
 * volume at lba, into a new writer *w (the caller adds the modules to it,
 * plans and closes it); *s2_rel is the volume-relative sector where it
 * starts, for the PBR's field. Refuses, before anything is written, a
 * volume without a free run of clusters long enough. 0, or -1 after a
 * message.
 */
int s2file_stage(struct disk *d, uint64_t lba, const uint8_t *stage2,
		 uint16_t sectors, struct fatw **w, uint32_t *s2_rel);

#endif
