// SPDX-License-Identifier: BSD-2-Clause
// The stage images bzboot install writes: built into the tool, or files
// named with --stage1 and --stage2, read and checked before the disk is.
#ifndef BZ_TOOLS_IMAGE_H
#define BZ_TOOLS_IMAGE_H

#include <stddef.h>
#include <stdint.h>

struct image {
	uint8_t *data; /* malloc'd: free() it */
	size_t len;
};

/*
 * stage1's MBR code from path, or the built-in one when path is NULL: one
 * 512-byte sector. 0, or -1 after saying why.
 */
int image_load_stage1(struct image *img, const char *path);

/*
 * A sealed stage2 (tools/s2img.h) from path, or the built-in one when path
 * is NULL, checked as stage1 will check it. 0, or -1 after saying why.
 */
int image_load_stage2(struct image *img, const char *path);

#endif
