// SPDX-License-Identifier: BSD-2-Clause
// bzboot inspect: printing the kernel's setup header (inspect_header.c).
#ifndef BZ_TOOLS_INSPECT_HEADER_H
#define BZ_TOOLS_INSPECT_HEADER_H

#include <stddef.h>
#include <stdint.h>

#include "protocol/linux.h"

#define MIB 0x100000ull

/* n as "63.6 MiB", "512 KiB" or "300 bytes", in buf; returns buf. */
const char *inspect_human(uint64_t n, char *buf, size_t size);

/* One row of inspect's tables: name in 20 columns, then fmt's text and a
 * newline; "" continues the row above. */
void inspect_row(const char *name, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* What the header of the kernel file (len bytes, parsed into k) says. */
void inspect_print_header(const char *path, const uint8_t *file, size_t len,
			  const struct linux_kernel *k);

/* The header fields linux_write_header() sets for plan p and vid_mode,
 * with their values. 0, or a LINUX_E* code (nothing printed then). */
int inspect_print_writes(const uint8_t *file, const struct linux_kernel *k,
			 const struct linux_plan *p, int vid_mode);

#endif
