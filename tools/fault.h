// SPDX-License-Identifier: BSD-2-Clause
// A test hook: writes that fail part way, to show what an interrupted
// install leaves and that bzboot restore undoes it (docs/install.md).
#ifndef BZ_TOOLS_FAULT_H
#define BZ_TOOLS_FAULT_H

#include <stddef.h>
#include <sys/types.h>

/*
 * pwrite(), unless the environment has BZBOOT_FAULT_WRITE=N[:MODE]: then
 * the data goes out one 512-byte sector at a time and the N-th sector of
 * the run (counting from 1) is where the disk "fails":
 *   N       that write fails with EIO, the sector unwritten
 *   N:torn  the sector's first 256 bytes are written, then EIO
 *   N:kill  the process is killed (SIGKILL) before writing it
 * Every write after a failure fails too, as a disk that died would.
 */
ssize_t fault_pwrite(int fd, const void *buf, size_t len, off_t off);

#endif
