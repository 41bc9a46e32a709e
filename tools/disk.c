// SPDX-License-Identifier: BSD-2-Clause
// The disk bzboot installs to: an image file or a whole-disk block device.
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <linux/fs.h>

#include "tools/bzboot.h"
#include "tools/disk.h"
#include "tools/fault.h"
#include "tools/mounted.h"

/*
 * sysfs gives every partition a 'partition' file; its directory sits inside
 * the whole disk's, whose name we offer instead.
 */
static int refuse_partition(const struct disk *d, dev_t rdev)
{
	char dir[64], link[PATH_MAX], file[PATH_MAX + 16];
	ssize_t n;
	char *slash;

	snprintf(dir, sizeof(dir), "/sys/dev/block/%u:%u", major(rdev),
		 minor(rdev));
	snprintf(file, sizeof(file), "%s/partition", dir);
	if (access(file, F_OK) != 0)
		return 0;
	n = readlink(dir, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = '\0';
	slash = strrchr(link, '/');
	if (slash) {
		*slash = '\0';
		slash = strrchr(link, '/');
	}
	if (slash)
		bz_error("%s is a partition; bzboot installs to the whole "
			 "disk: use /dev/%s",
			 d->path, slash + 1);
	else
		bz_error("%s is a partition; bzboot installs to the whole "
			 "disk: use the disk it is on",
			 d->path);
	return -1;
}

/* The BIOS reads 512-byte sectors; stage1 and the layout assume them. */
static int check_sector_size(const struct disk *d, int ssz)
{
	if (ssz == DISK_SECTOR)
		return 0;
	bz_error("%s has %d-byte logical sectors; bzboot supports only "
		 "512-byte sectors (BIOS boot from 4Kn disks does not work, "
		 "and stage1's offsets count 512-byte sectors): use a disk "
		 "with 512-byte logical sectors (512n or 512e)",
		 d->path, ssz);
	return -1;
}

static int blockdev_check_sector_size(const struct disk *d)
{
	int ssz;

	if (ioctl(d->fd, BLKSSZGET, &ssz) < 0) {
		bz_error("%s: cannot read the logical sector size: %s", d->path,
			 strerror(errno));
		return -1;
	}
	return check_sector_size(d, ssz);
}

static int blockdev_probe(struct disk *d, dev_t rdev)
{
	if (refuse_partition(d, rdev))
		return -1;
	if (blockdev_check_sector_size(d))
		return -1;
	if (ioctl(d->fd, BLKGETSIZE64, &d->size) < 0) {
		bz_error("%s: cannot read the disk size: %s", d->path,
			 strerror(errno));
		return -1;
	}
	d->blockdev = true;
	return 0;
}

static void explain_open_error(const char *path, int err)
{
	if (err == EACCES || err == EPERM)
		bz_error("cannot open %s: %s (writing to a disk needs root: "
			 "run bzboot with sudo)",
			 path, strerror(err));
	else if (err == EBUSY)
		bz_error("cannot open %s: %s (is another program using it?)",
			 path, strerror(err));
	else
		bz_error("cannot open %s: %s", path, strerror(err));
}

int disk_open(struct disk *d, const char *path, bool readonly)
{
	struct stat st;

	/*
	 * No O_EXCL: Linux refuses it for a disk with a mounted partition,
	 * and installing to the running system's disk is the common case.
	 * We only touch sectors no partition covers.
	 */
	d->path = path;
	d->blockdev = false;
	d->rdev = 0;
	d->fd = open(path, (readonly ? O_RDONLY : O_RDWR) | O_CLOEXEC);
	if (d->fd < 0) {
		explain_open_error(path, errno);
		return -1;
	}
	if (fstat(d->fd, &st) < 0) {
		bz_error("cannot stat %s: %s", path, strerror(errno));
		goto fail;
	}
	if (S_ISREG(st.st_mode)) {
		int ssz;

		d->size = (uint64_t)st.st_size;
		/* The test hook: an image file taken for a block device. */
		if (mounted_test_device(&d->rdev, &ssz) &&
		    check_sector_size(d, ssz))
			goto fail;
		return 0;
	}
	d->rdev = (uint64_t)st.st_rdev;
	if (S_ISBLK(st.st_mode) && blockdev_probe(d, st.st_rdev) == 0)
		return 0;
	if (!S_ISBLK(st.st_mode))
		bz_error("%s is neither a disk image file nor a block device",
			 path);
fail:
	close(d->fd);
	d->fd = -1;
	return -1;
}

/* One loop for both directions: rbuf to read into, or wbuf to write. */
static int disk_io(struct disk *d, uint64_t lba, size_t sectors, void *rbuf,
		   const void *wbuf)
{
	size_t len = sectors * DISK_SECTOR, done = 0;
	off_t off = (off_t)(lba * DISK_SECTOR);

	while (done < len) {
		ssize_t n;

		if (wbuf)
			n = fault_pwrite(d->fd, (const char *)wbuf + done,
					 len - done, off);
		else
			n = pread(d->fd, (char *)rbuf + done, len - done, off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			bz_error("cannot %s %s at LBA %llu: %s",
				 wbuf ? "write" : "read", d->path,
				 (unsigned long long)(off / DISK_SECTOR),
				 n < 0 ? strerror(errno) : "end of disk");
			return -1;
		}
		done += (size_t)n;
		off += n;
	}
	return 0;
}

int disk_read(struct disk *d, uint64_t lba, void *buf, size_t sectors)
{
	return disk_io(d, lba, sectors, buf, NULL);
}

void *disk_read_alloc(struct disk *d, uint64_t lba, size_t sectors)
{
	void *buf = malloc(sectors * DISK_SECTOR);

	if (!buf) {
		bz_error("out of memory");
		return NULL;
	}
	if (disk_read(d, lba, buf, sectors)) {
		free(buf);
		return NULL;
	}
	return buf;
}

static int disk_blockdev_read(void *ctx, uint64_t lba, uint32_t count,
			      void *buf)
{
	return disk_read(ctx, lba, buf, count) ? -1 : 0;
}

struct blockdev disk_blockdev(struct disk *d)
{
	struct blockdev dev = {disk_blockdev_read, d};

	return dev;
}

int disk_write(struct disk *d, uint64_t lba, const void *buf, size_t sectors)
{
	return disk_io(d, lba, sectors, NULL, buf);
}

int disk_sync(struct disk *d)
{
	if (fsync(d->fd) < 0) {
		bz_error("cannot flush %s: %s", d->path, strerror(errno));
		return -1;
	}
	/*
	 * Drop the kernel's cached copy so the read-back check sees the
	 * medium; best effort, it needs CAP_SYS_ADMIN.
	 */
	if (d->blockdev)
		(void)ioctl(d->fd, BLKFLSBUF, 0);
	return 0;
}

/* After disk_sync(): a disk that drops writes is caught before anyone
 * boots from it. */
int disk_verify(struct disk *d, uint64_t lba, const void *want, size_t sectors)
{
	uint8_t *got = disk_read_alloc(d, lba, sectors);
	int diff;

	if (!got)
		return -1;
	diff = memcmp(got, want, sectors * DISK_SECTOR);
	free(got);
	if (diff)
		bz_error("%s: reading back LBA %llu-%llu does not give what "
			 "was written: the disk may be failing; do not boot "
			 "from it until bzboot install succeeds",
			 d->path, (unsigned long long)lba,
			 (unsigned long long)(lba + sectors - 1));
	return diff ? -1 : 0;
}

void disk_close(struct disk *d)
{
	if (d->fd >= 0)
		close(d->fd);
	d->fd = -1;
}
