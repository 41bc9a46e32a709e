/* SPDX-License-Identifier: BSD-2-Clause */
/* chain.c32's disk-side options in the chain module (stage2/chain_opts.c):
 * the guid: and label: selectors, hide/unhide, the BPB patches and swap.
 * Nothing here writes to a disk. */
#ifndef BZ_STAGE2_CHAIN_OPTS_H
#define BZ_STAGE2_CHAIN_OPTS_H

#include <stdbool.h>
#include <stdint.h>

#include "cmdline/chain_args.h"
#include "fs/part.h"
#include "fs/part_handover.h"

/* guid:/label: become the hard disk and partition number they name
 * (a->disk = CHAIN_DISK_DRIVE), looked for in BIOS order, the disk GUID
 * before its partitions, as chain.c32 does; other forms are left as they
 * are. False after one line naming what was asked. */
bool chain_gpt_select(struct chain_args *a, const char *what);

/* What the boot sector gets, changed by the options: e is the partition
 * booted (NULL: the whole disk, whose MBR `sector` is), pe its hand-over
 * entry; hide/unhide change pe's type or the MBR's table in `sector`,
 * setbpb and its parts the BPB in `sector`, and swap hooks INT 13h (the
 * last step: nothing may read a disk after it). Returns the DL to hand
 * over, or -1 after one line. */
int chain_apply_opts(const struct chain_args *a, const char *what,
		     uint8_t drive, const struct part_entry *e,
		     const struct part_geom *g, uint8_t sector[512],
		     struct mbr_entry *pe);

/* The INT 13h hook that trades drive numbers `drive` and `other`
 * (stage2/chain_swap.c); false after one line. */
bool chain_swap_install(uint8_t drive, uint8_t other, const char *what);

#endif
