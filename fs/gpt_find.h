// SPDX-License-Identifier: BSD-2-Clause
/* chain.c32's guid: and label: selectors on one disk: the GPT partition
 * whose unique GUID (not its type GUID) or name is the one asked for, or
 * the disk whose GPT disk GUID it is (com32/chain/chain.c find_by_guid,
 * find_by_label). Pure. */
#ifndef BZ_FS_GPT_FIND_H
#define BZ_FS_GPT_FIND_H

#include <stdint.h>

#include "fs/blockdev.h"

/* GPT names are 36 UTF-16 units; chain.c32 compares the low byte of each
 * with the label, case and all. */
#define GPT_FIND_NAME_MAX 36

/* On the disk behind dev (sector_buf: scratch): with guid, the disk (its
 * DiskGUID: *index = 0) or partition (*index = its number, slot + 1)
 * with that GUID, as GPT stores it; with label (guid NULL), the first
 * partition with that name. Returns 0, PART_ENOPART when the disk has no
 * GPT or no such partition, or PART_EIO. The table is only looked
 * through: part_find(*index) then reads it with every check. */
int gpt_find(const struct blockdev *dev, uint8_t sector_buf[512],
	     const uint8_t *guid, const char *label, unsigned *index);

#endif
