// SPDX-License-Identifier: BSD-2-Clause
/* Disk -> partition -> FAT, and the file helpers that turn fs/ error codes
 * into the one-line messages users see. */
#include <stdio.h>
#include <string.h>
#include "cmdline/config_switch.h"
#include "cmdline/progress.h"
#include "console.h"
#include "protocol/boot_msg.h"
#include "memmap.h"
#include "stage1/format.h"
#include "timer.h"
#include "volume.h"

#define CHUNK (16 * DISK_MAX_COUNT * 512)

static uint8_t sector[512]; /* part_find()'s sector buffer */

/* One line: why no partition could be chosen, and what to do. */
static void report_part_error(struct volume *v, unsigned index, int err)
{
	char why[96], list[64];

	if (err == PART_EIO) {
		disk_describe_error(&v->disk, why, sizeof(why));
		printf("bzboot: cannot read the partition table: %s.\n", why);
	} else if (err == PART_ENOPART) {
		part_list_indices(&v->dev, v->disk.sectors, sector, list,
				  sizeof(list));
		printf("bzboot: no partition %u on this disk; it has%s. "
		       "Reinstall with bzboot install --partition N.\n",
		       index, list);
	} else {
		printf("bzboot: partition table: %s. bzboot boots from the "
		       "active FAT partition, else the first FAT one, or the "
		       "one bzboot install --partition names.\n",
		       part_strerror(err));
	}
}

int volume_open(struct volume *v, uint8_t drive, uint32_t index,
		uint64_t volume_lba)
{
	char why[96];
	int err;

	memset(v, 0, sizeof(*v));
	err = disk_init(&v->disk, drive);
	if (err) {
		printf("bzboot: BIOS drive 0x%02x: %s. Check the BIOS boot "
		       "order.\n",
		       drive, disk_strerror(err));
		return err;
	}
	v->dev.read = disk_blockdev_read;
	v->dev.ctx = &v->disk;
	if (index == BZ_S2_PART_VOLUME) {
		/* Loaded by the PBR: its volume, no partition table (there
		 * may be none, or it may not be the disk's business). */
		v->part.start_lba = volume_lba;
		if (v->disk.sectors > volume_lba)
			v->part.sectors = v->disk.sectors - volume_lba;
	} else {
		err = part_find(&v->dev, v->disk.sectors, index, sector,
				&v->part);
		if (err) {
			report_part_error(v, index, err);
			return err;
		}
	}
	err = fat_mount(&v->fat, &v->dev, v->part.start_lba, v->part.sectors);
	if (err) {
		if (err == FAT_EIO)
			disk_describe_error(&v->disk, why, sizeof(why));
		else
			snprintf(why, sizeof(why), "%s",
				 fat_volume_strerror(&v->fat, err));
		if (index == BZ_S2_PART_VOLUME)
			printf("bzboot: the FAT volume at LBA %llu (its boot "
			       "sector loaded bzboot): %s. Check it with "
			       "fsck.fat.\n",
			       (unsigned long long)volume_lba, why);
		else
			printf("bzboot: partition %u (%s at LBA %llu): %s. "
			       "Check it with fsck.fat.\n",
			       v->part.index, v->part.gpt ? "GPT" : "MBR",
			       (unsigned long long)v->part.start_lba, why);
		return err;
	}
	v->mounted = true;
	return 0;
}

void volume_file_report(struct volume *v, const char *path, int err)
{
	char why[96];

	switch (err) {
	case FAT_ENOENT:
	case FAT_ENOTDIR:
		printf("bzboot: " BZ_MSG_FILE_NOT_FOUND ".\n", path,
		       fat_strerror(err));
		break;
	case FAT_EIO:
		disk_describe_error(&v->disk, why, sizeof(why));
		printf("bzboot: %s: %s. The disk may be failing; try again "
		       "or copy the file elsewhere.\n",
		       path, why);
		break;
	case FAT_ECORRUPT:
		printf("bzboot: " BZ_MSG_FILE_CORRUPT ".\n", path,
		       fat_volume_strerror(&v->fat, err));
		break;
	default:
		printf("bzboot: %s: %s.\n", path, fat_strerror(err));
	}
}

void volume_set_cwd(struct volume *v, const char *dir, size_t len)
{
	if (len >= sizeof(v->cwd))
		len = 0;
	memcpy(v->cwd, dir, len);
	v->cwd[len] = '\0';
}

const char *volume_resolve(const struct volume *v, const char *path, char *buf)
{
	return cfg_path_in(v->cwd, path, buf, VOLUME_PATH_MAX);
}

int volume_file_open(struct volume *v, const char *path, struct fat_file *f)
{
	char buf[VOLUME_PATH_MAX];
	const char *full;
	int err;

	if (!v->mounted) {
		printf("bzboot: %s: no FAT filesystem is mounted (see the "
		       "message above).\n",
		       path);
		return FAT_EINVAL;
	}
	full = volume_resolve(v, path, buf);
	if (!full) {
		printf("bzboot: " BZ_MSG_NAME_TOO_LONG ".\n", v->cwd, path,
		       VOLUME_PATH_MAX - 1);
		return FAT_ENAMETOOLONG;
	}
	path = full;
	err = fat_open(&v->fat, path, f);
	if (err)
		volume_file_report(v, path, err);
	return err;
}

int volume_file_read(struct volume *v, struct fat_file *f, const char *path,
		     void *dst, uint32_t len, bool progress)
{
	struct progress pr;
	uint8_t *p = dst;
	uint32_t total = len;

	progress_start(&pr, total, timer_ticks());
	while (len) {
		/* About 1 MiB at a time, a chance to show progress between:
		 * 16 of the largest BIOS calls, so a contiguous run is not
		 * cut into an extra short call per MiB. */
		uint32_t n = len > CHUNK ? CHUNK : len;
		int got = fat_read(f, p, n);
		unsigned pct;

		if (got < 0) {
			if (progress)
				console_putc('\n');
			volume_file_report(v, path, got);
			return got;
		}
		if ((uint32_t)got != n) {
			if (progress)
				console_putc('\n');
			printf("bzboot: " BZ_MSG_FILE_ENDED ".\n", path,
			       (unsigned)(len - got));
			return FAT_ECORRUPT;
		}
		p += n;
		len -= n;
		pct = progress_step(&pr, total - len, timer_ticks());
		if (progress && pct)
			printf(" %u%%", pct);
	}
	return 0;
}
