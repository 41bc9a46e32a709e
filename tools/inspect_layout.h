// SPDX-License-Identifier: BSD-2-Clause
// bzboot inspect: the memory drawing (inspect_layout.c).
#ifndef BZ_TOOLS_INSPECT_LAYOUT_H
#define BZ_TOOLS_INSPECT_LAYOUT_H

#include <stdint.h>

#include "protocol/linux.h"

#define LOWMEM_END 0xA0000 /* VGA memory and option ROMs from here */

/* One piece of the plan: [start, end), its name and a note beside it. */
struct inspect_item {
	uint64_t start, end;
	const char *label;
	char note[80];
};

/* The pieces, drawn over a memory map (what no piece holds is the map's). */
struct inspect_layout {
	/* In order of precedence: where two overlap, the first wins. */
	struct inspect_item item[16];
	unsigned n;
	const struct mem_range *map;
	const char *const *map_names;
	unsigned nmap;
	uint64_t top;
};

/*
 * The plan p in words, then every piece of it over the memory map l
 * describes, drawn from the top of RAM down. Adds the pieces to l.
 */
void inspect_print_plan(const struct linux_kernel *k,
			const struct linux_plan *p, uint32_t cmdline_len,
			struct inspect_layout *l);

#endif
