// SPDX-License-Identifier: BSD-2-Clause
// Whole-file reads and writes for the host tools (stage images, not disks).
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tools/file.h"

static int read_fully(int fd, uint8_t *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = read(fd, buf + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO; /* the file shrank under us */
		done += (size_t)n;
	}
	return 0;
}

int file_read(const char *path, size_t max, size_t extra, uint8_t **buf,
	      size_t *len)
{
	struct stat st;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0) {
		err = -errno;
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		err = -EINVAL;
		goto out;
	}
	if ((uintmax_t)st.st_size > max) {
		err = -EFBIG;
		goto out;
	}
	*len = (size_t)st.st_size;
	*buf = calloc(1, *len + extra);
	if (!*buf) {
		err = -ENOMEM;
		goto out;
	}
	err = read_fully(fd, *buf, *len);
	if (err) {
		free(*buf);
		*buf = NULL;
	}
out:
	close(fd);
	return err;
}

int file_write(const char *path, const uint8_t *buf, size_t len)
{
	size_t done = 0;
	int fd, err = 0;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	while (done < len) {
		ssize_t n = write(fd, buf + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			break;
		}
		done += (size_t)n;
	}
	if (close(fd) < 0 && !err)
		err = -errno;
	return err;
}
