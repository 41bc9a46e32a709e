// SPDX-License-Identifier: BSD-2-Clause
/* The one way the pure fs/ code reaches a disk: a sector-read callback.
 * stage2 backs it with INT 13h; the host tests with an in-memory image. */
#ifndef BZ_FS_BLOCKDEV_H
#define BZ_FS_BLOCKDEV_H

#include <stdint.h>

#define BLOCKDEV_SECTOR_SIZE 512u

struct blockdev {
	/* Read `count` 512-byte sectors starting at absolute `lba` into `buf`.
	 * Returns 0 or a negative value (any negative = I/O error). The
	 * implementation splits large requests itself; callers should ask for
	 * whole contiguous runs at once (that is what makes BIOS loading
	 * fast). */
	int (*read)(void *ctx, uint64_t lba, uint32_t count, void *buf);
	void *ctx;
};

#endif
