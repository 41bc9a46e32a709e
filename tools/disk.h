// SPDX-License-Identifier: BSD-2-Clause
// The disk bzboot installs to: an image file or a whole-disk block device,
// read and written in 512-byte sectors at explicit offsets.
#ifndef BZ_TOOLS_DISK_H
#define BZ_TOOLS_DISK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs/blockdev.h"

#define DISK_SECTOR 512

struct disk {
	const char *path;
	int fd;
	bool blockdev;
	uint64_t rdev; /* a block device's number (dev_t), else 0 */
	uint64_t size; /* bytes */
};

/*
 * Open path for reading and writing (only reading when readonly: a dry
 * run) and learn its size. Refuses what is
 * neither a regular file nor a block device, a partition, and a logical
 * sector size other than 512. Every function here prints its own error
 * (naming the disk) and returns -1; 0 on success.
 */
int disk_open(struct disk *d, const char *path, bool readonly);

int disk_read(struct disk *d, uint64_t lba, void *buf, size_t sectors);
/* disk_read() into a malloc'd buffer (free() it); NULL after a message. */
void *disk_read_alloc(struct disk *d, uint64_t lba, size_t sectors);

int disk_write(struct disk *d, uint64_t lba, const void *buf, size_t sectors);

/* d as fs/'s block device, for part_find() and fat_mount() on the host.
 * Its reads print their own errors, as disk_read() does. */
struct blockdev disk_blockdev(struct disk *d);

/* Reading back `sectors` at lba gives `want`: the write reached the disk. */
int disk_verify(struct disk *d, uint64_t lba, const void *want, size_t sectors);

/* Make the writes durable, and make later reads come from the medium. */
int disk_sync(struct disk *d);

void disk_close(struct disk *d);

#endif
