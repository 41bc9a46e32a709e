// SPDX-License-Identifier: BSD-2-Clause
// bzboot inspect: the memory drawing (inspect_layout.c).
#ifndef BZ_TOOLS_INSPECT_LAYOUT_H
#define BZ_TOOLS_INSPECT_LAYOUT_H

#include <stdint.h>

#include "protocol/linux.h"
#include "protocol/linux_draw.h"

/* The plan p in words: the numbers stage2 prints before it boots. */
void inspect_print_summary(const struct linux_plan *p, uint32_t cmdline_len);

/*
 * The plan p in words, then every piece of it over the memory map l
 * describes, drawn from the top of RAM down. Adds the pieces to l.
 */
void inspect_print_plan(const struct linux_kernel *k,
			const struct linux_plan *p, uint32_t cmdline_len,
			struct draw_layout *l);

#endif
