// SPDX-License-Identifier: BSD-2-Clause
// bzboot install --set-active: the MBR boot flags, the one part of a
// partition table bzboot writes when asked.
#ifndef BZ_TOOLS_ACTIVE_H
#define BZ_TOOLS_ACTIVE_H

#include <stdint.h>

#include "tools/disk.h"
#include "tools/plan.h"

/*
 * In mbr (LBA 0, an MBR table): boot flag 0x80 on primary partition n (1-4),
 * 0x00 on the other three entries. 0, or -1 after saying why not (n is a
 * logical partition).
 */
int active_set(const struct disk *d, uint8_t *mbr, unsigned n);

/* Describe, for the dry run, each boot flag that differs between the LBA 0
 * sectors old and new (the write plan_add() added last). */
void active_note(struct plan *p, const uint8_t *old, const uint8_t *new);

/* Does new change any boot flag of old? */
int active_changes(const uint8_t *old, const uint8_t *new);

#endif
