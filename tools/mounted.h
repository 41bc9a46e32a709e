// SPDX-License-Identifier: BSD-2-Clause
// Mounted file systems on the disk bzboot writes: a mounted file system
// keeps its own copy of its boot sector and may write it back over ours,
// so a write into one is refused.
#ifndef BZ_TOOLS_MOUNTED_H
#define BZ_TOOLS_MOUNTED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tools/disk.h"

#include "tools/plan.h"

/*
 * Refuse (-1, after saying which mount and what to do) when the disk of p
 * is a block device that is mounted itself (a superfloppy) or has a
 * mounted partition holding a sector p writes; 0 otherwise (image files
 * always). A mounted partition the plan does not touch is fine: an MBR
 * install on the running system's disk is the common case.
 *
 * Reads /proc/self/mountinfo (each mount's major:minor), /proc/mounts (the
 * device each names, stat'ed: btrfs reports an anonymous major:minor) and
 * /sys/dev/block (a partition's disk, start and size).
 */
int mounted_check(const struct plan *p);

/* Whether LBA lba of d is in a mounted file system (the disk itself, or
 * a partition holding it), and where it is mounted. Quiet. */
bool mounted_at(const struct disk *d, uint64_t lba, char *where, size_t len);

/*
 * The test hook (docs/install.md): with BZBOOT_TEST_SYSROOT=DIR in the
 * environment, an image file is taken for the block device whose number
 * DIR/devno gives ("8:16"), and /proc and /sys are read under DIR. Then 1
 * with *rdev and *sector_size (DIR/sys/dev/block/M:m/queue/
 * logical_block_size) set; 0 without the hook.
 */
int mounted_test_device(uint64_t *rdev, int *sector_size);

#endif
