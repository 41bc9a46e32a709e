/* SPDX-License-Identifier: BSD-2-Clause */
/* The boot volume: the BIOS disk, the partition bzboot boots from and its
 * FAT filesystem; plus file helpers that print what failed and why. */
#ifndef BZ_STAGE2_VOLUME_H
#define BZ_STAGE2_VOLUME_H

#include <stdbool.h>
#include <stdint.h>
#include "disk.h"
#include "fs/blockdev.h"
#include "fs/fat.h"
#include "fs/part.h"

#define VOLUME_PATH_MAX 512

struct volume {
	char cwd[VOLUME_PATH_MAX]; /* relative names start here (SYSLINUX:
				      the config file's directory) */
	struct disk disk;
	struct blockdev dev;
	struct part_entry part;
	struct fat_volume fat;
	bool mounted;
};

/* Finds partition `index` (Linux numbering: primaries 1-4, logicals 5+,
 * GPT entries 1+) or, for 0, the active FAT partition, else the first FAT
 * one, on the boot drive and mounts it; for BZ_S2_PART_VOLUME (stage2
 * loaded by the PBR) mounts the FAT volume at volume_lba without reading a
 * partition table. Prints one line on failure. */
int volume_open(struct volume *v, uint8_t drive, uint32_t index,
		uint64_t volume_lba);

/* Names not starting with '/' are relative to v->cwd, as in SYSLINUX. */
void volume_set_cwd(struct volume *v, const char *dir, size_t len);

/* The absolute name of path: itself, or cwd/path in buf (of
 * VOLUME_PATH_MAX bytes); NULL if too long. */
const char *volume_resolve(const struct volume *v, const char *path, char *buf);

/* fat_open/fat_read that print "bzboot: <path>: <why>. <what to do>" on
 * failure and return the error; names are relative to v->cwd. */
int volume_file_open(struct volume *v, const char *path, struct fat_file *f);
/* Reads len bytes at the current position to dst. With `progress` set,
 * a load that takes over half a second prints " 12%" steps, at most two
 * a second, then " 100%" (cmdline/progress.h); a short one prints none. */
int volume_file_read(struct volume *v, struct fat_file *f, const char *path,
		     void *dst, uint32_t len, bool progress);
/* One line naming path, what failed, why and what to do. */
void volume_file_report(struct volume *v, const char *path, int err);

#endif
