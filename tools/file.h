// SPDX-License-Identifier: BSD-2-Clause
// Whole-file reads and writes for the host tools (stage images, not disks).
#ifndef BZ_TOOLS_FILE_H
#define BZ_TOOLS_FILE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Read all of path into a malloc'd buffer with `extra` zero bytes of room
 * after the data (for padding). 0, or -errno (-EFBIG past max bytes).
 */
int file_read(const char *path, size_t max, size_t extra, uint8_t **buf,
	      size_t *len);

/* Create or truncate path and write buf to it. 0, or -errno. */
int file_write(const char *path, const uint8_t *buf, size_t len);

#endif
