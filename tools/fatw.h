// SPDX-License-Identifier: BSD-2-Clause
// The installer's FAT writer: files created or replaced in a FAT12/16/32
// volume, staged in memory and then handed to the write plan
// (tools/plan.h) in an order chosen for what an interruption leaves
// (docs/install.md, "Writing files into the FAT volume").
#ifndef BZ_TOOLS_FATW_H
#define BZ_TOOLS_FATW_H

#include <stdint.h>

#include "tools/disk.h"
#include "tools/plan.h"

#define FATW_NOSPACE 1 /* fatw_put(): no room; nothing was staged */

struct fatw;

/* The FAT volume at lba of d, mounted with fs/'s checks (the ones stage2
 * makes). NULL after a message. */
struct fatw *fatw_open(struct disk *d, uint64_t lba);

/*
 * Stage path (from the root, '/'-separated, ASCII) with len bytes of data
 * and attributes attr (FAT_ATTR_*; archive is added): directories on the
 * way are made, an existing file of that name is replaced (its old
 * clusters are freed, and not reused by this writer, so its bytes stay
 * on the disk until the directory entry is written). 0; FATW_NOSPACE
 * when the volume has no room, with the reason in fatw_why() and nothing
 * staged; -1 after a message.
 */
int fatw_put(struct fatw *w, const char *path, const void *data, uint32_t len,
	     uint8_t attr);

/* Why the last fatw_put() returned FATW_NOSPACE. */
const char *fatw_why(const struct fatw *w);

/* The first sector (volume-relative) and cluster count of each run of
 * clusters the last fatw_put() gave its file: at most `max` runs; the
 * number of runs. */
unsigned fatw_extents(const struct fatw *w, uint32_t *first, uint32_t *count,
		      unsigned max);

/* 12, 16 or 32. */
int fatw_type(const struct fatw *w);

/*
 * Add what was staged to p: new clusters (file data, new directories),
 * then each FAT copy, FAT32's FSInfo, and the sectors of existing
 * directories last. Marks the volume's FATs and data volatile for the
 * backup's identity. 0, or -1 after a message.
 */
int fatw_plan(struct fatw *w, struct plan *p);

void fatw_close(struct fatw *w);

#endif
