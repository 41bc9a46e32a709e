// SPDX-License-Identifier: BSD-2-Clause
// What bzboot install refuses, checked before anything is written.
#ifndef BZ_TOOLS_PREFLIGHT_H
#define BZ_TOOLS_PREFLIGHT_H

#include <stdbool.h>
#include <stdint.h>

#include "tools/disk.h"

/*
 * May s2_sectors of stage2 go into the gap after d's MBR, at s2_lba, given
 * d's LBA 0 (mbr)? Needs an MBR table (not GPT) whose first partition
 * leaves room for them, and those sectors empty or holding a bzboot stage2
 * (any data when force).
 * 0, or -1 after printing why not and what to do.
 */
int preflight_check_gap(struct disk *d, const uint8_t *mbr, uint64_t s2_lba,
			uint16_t s2_sectors, bool force);

/* Are the sectors where stage2 goes empty or a bzboot stage2 (any data
 * when force)? 0, or -1 after naming them and --force. */
int preflight_check_free(struct disk *d, uint64_t s2_lba, uint16_t s2_sectors,
			 bool force);

#endif
