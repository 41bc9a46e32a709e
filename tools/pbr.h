// SPDX-License-Identifier: BSD-2-Clause
// bzboot install into a FAT volume's boot sector (the PBR): a superfloppy
// (the whole disk is one FAT volume) or a partition whose MBR stays
// someone else's. stage2 goes into the volume's reserved sectors.
#ifndef BZ_TOOLS_PBR_H
#define BZ_TOOLS_PBR_H

#include <stdbool.h>
#include <stdint.h>

#include "tools/disk.h"
#include "tools/fatw.h"
#include "tools/plan.h"

struct pbr_install {
	uint64_t volume_lba; /* the volume's first sector on the disk */
	bool partitioned;    /* a partition: the BPB's hidden sectors must
				say volume_lba (set if they do not) */
	bool force;	     /* overwrite foreign data in reserved sectors */
	const uint8_t *pbr;  /* 512 bytes: build/stage1/pbr.bin */
	uint8_t *stage2;     /* sealed; its header is patched and resealed */
	uint16_t s2_sectors;
	/* Called after stage2's write is planned, before the boot sector's
	 * (the modules go there), with the FAT writer stage2 as a file was
	 * staged into (NULL if it is in reserved sectors: the callee opens
	 * its own); NULL for none. 0, or -1 to refuse. */
	int (*before_boot)(struct plan *p, void *ctx, struct fatw *w);
	void *ctx;
	/* out: stage2 went into S2FILE_PATH (no room in reserved sectors),
	 * staged in w, which the caller closes (fatw_close) */
	bool s2_file;
	struct fatw *w;
	char summary[200]; /* out: "installed: ...", for after the writes */
};

/* Whether LBA lba of d holds a FAT file system bzboot can read (the same
 * checks stage2 makes). Prints nothing. */
bool pbr_is_fat(struct disk *d, uint64_t lba);

/* Checks everything, then adds to p the writes of stage2, FAT32's backup
 * boot sector (when it was a copy) and the boot sector, in that order.
 * Prints why it refused; 0 or -1. */
int pbr_plan(struct plan *p, struct pbr_install *in);

#endif
