// SPDX-License-Identifier: BSD-2-Clause
// Where `bzboot check` reads the files a config names: the FAT volume of a
// disk image through fs/ (as stage2 reads it), or a host directory tree
// standing for the volume's root (--root).
#ifndef BZ_TOOLS_CHECK_SRC_H
#define BZ_TOOLS_CHECK_SRC_H

#include <stddef.h>
#include <stdint.h>

#include "fs/blockdev.h"
#include "fs/fat.h"

/* A file shorter than its directory entry says (its cluster chain ends
 * early): stage2's "file ended early". Not a FAT_E* code. */
#define CHECK_EEARLY (-100)

struct check_src {
	struct fat_volume *fat; /* the volume, or NULL for a tree */
	uint64_t missing;	/* CHECK_EEARLY: the bytes not there */
	struct blockdev dev;	/* fat's device: it must outlive fat */
	const char *root;	/* the tree, when fat is NULL */
};

/*
 * Reads path (absolute on the volume; '/'-separated; each name found
 * without regard to case, as FAT finds it) into buf: its first
 * min(size, max) bytes. *size is the whole file's size. With `whole` the
 * rest of the file is read too (and dropped), so a broken cluster chain
 * shows as stage2 would meet it. 0, or a negative FAT_E* code (a tree's
 * errno turned into the FAT code stage2 would see) or CHECK_EEARLY.
 */
int check_src_read(struct check_src *s, const char *path, void *buf, size_t max,
		   uint64_t *size, int whole);

/* The reason for check_src_read()'s error, as fs/ words it. */
const char *check_src_strerror(const struct check_src *s, int err);

#endif
