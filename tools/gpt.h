// SPDX-License-Identifier: BSD-2-Clause
// bzboot install on a GPT disk: where stage2 goes.
#ifndef BZ_TOOLS_GPT_H
#define BZ_TOOLS_GPT_H

#include <stdbool.h>
#include <stdint.h>

#include "tools/disk.h"

/*
 * Where s2_sectors of stage2 go on the GPT disk d: the start of its BIOS
 * boot partition (the first one if there are several), which must hold all
 * of them and be empty or bzboot's (any data when force). 0 with *lba set,
 * or -1 after saying why and what to do.
 */
int gpt_place_stage2(struct disk *d, uint16_t s2_sectors, bool force,
		     uint64_t *lba);

#endif
