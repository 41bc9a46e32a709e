// SPDX-License-Identifier: BSD-2-Clause
// The fault-injecting write path (tools/fault.h). Always compiled in, so
// the tests exercise the very binary users run; without the environment
// variable it is one getenv() and a plain pwrite().
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tools/bzboot.h"
#include "tools/fault.h"

#define SECTOR 512

enum fault_mode { FAULT_EIO, FAULT_TORN, FAULT_KILL };

static struct {
	bool parsed, armed, failed;
	unsigned long at;    /* the sector that fails, from 1 */
	unsigned long count; /* sectors written so far */
	enum fault_mode mode;
} f;

static void parse(void)
{
	const char *v = getenv("BZBOOT_FAULT_WRITE");
	char *end;

	f.parsed = true;
	if (!v || !*v)
		return;
	f.armed = true;
	f.at = strtoul(v, &end, 10);
	if (*v < '0' || *v > '9')
		end = (char *)v; /* strtoul takes "-1" and " 1" */
	if (!strcmp(end, ":torn"))
		f.mode = FAULT_TORN;
	else if (!strcmp(end, ":kill"))
		f.mode = FAULT_KILL;
	else if (*end || f.at == 0) {
		/* A typo must not let a test's write through. */
		bz_error("BZBOOT_FAULT_WRITE='%s' is not N, N:torn or N:kill "
			 "(N from 1): every write fails",
			 v);
		f.failed = true;
	}
}

/* The injected failure of the sector at off. */
static ssize_t fail(int fd, const char *buf, off_t off)
{
	if (!f.failed) {
		bz_error("BZBOOT_FAULT_WRITE: write %lu (LBA %lld) fails "
			 "(a test hook)",
			 f.at, (long long)(off / SECTOR));
		if (f.mode == FAULT_KILL)
			raise(SIGKILL);
		if (f.mode == FAULT_TORN &&
		    pwrite(fd, buf, SECTOR / 2, off) != SECTOR / 2)
			bz_error(
			    "BZBOOT_FAULT_WRITE: the torn half failed too");
		f.failed = true;
	}
	errno = EIO;
	return -1;
}

ssize_t fault_pwrite(int fd, const void *buf, size_t len, off_t off)
{
	const char *p = buf;
	size_t done = 0;

	if (!f.parsed)
		parse();
	if (!f.armed)
		return pwrite(fd, buf, len, off);
	while (done < len) {
		size_t n = len - done < SECTOR ? len - done : SECTOR;
		ssize_t got;

		/* Report what went out first; the next call fails. */
		if (f.failed || f.count + 1 == f.at)
			return done ? (ssize_t)done : fail(fd, p, off);
		f.count++;
		got = pwrite(fd, p + done, n, off + (off_t)done);
		if (got <= 0)
			return done ? (ssize_t)done : got;
		done += (size_t)got;
	}
	return (ssize_t)done;
}
