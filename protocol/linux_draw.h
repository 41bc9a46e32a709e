// SPDX-License-Identifier: BSD-2-Clause
/* The memory drawing of a Linux boot plan (protocol/linux_draw.c), as
 * boot.rst draws memory: one row per run of memory with one owner,
 * highest address first. Pure: rows go to the caller's function, so
 * `bzboot inspect` (tools/inspect_layout.c) and the boot prompt's
 * `layout` (stage2/cmds_layout.c) print the same drawing. */
#ifndef BZ_PROTOCOL_LINUX_DRAW_H
#define BZ_PROTOCOL_LINUX_DRAW_H

#include <stdint.h>

#include "protocol/linux.h"

#define LOWMEM_END 0xA0000 /* VGA memory and option ROMs from here */

/* One piece of the plan: [start, end), its name and a note beside it. */
struct draw_item {
	uint64_t start, end;
	const char *label;
	char note[80];
};

/* The pieces, drawn over a memory map (what no piece holds is the map's). */
struct draw_layout {
	/* In order of precedence: where two overlap, the first wins. */
	struct draw_item item[16];
	unsigned n;
	const struct mem_range *map;
	/* A name for each map entry that is not usable RAM; NULL: the E820
	 * type's name (protocol/e820.h). */
	const char *const *map_names;
	/* A note beside each map entry that is not usable RAM; NULL: none. */
	const char *const *map_notes;
	unsigned nmap;
	uint64_t top; /* the drawing's highest address: the end of RAM */
	/* The note on the top line; NULL: "end of RAM (N MiB)". */
	const char *top_note;
	unsigned width; /* hex digits of an address; 0: 8, or 9 above 4 GiB */
};

/* Adds a piece [start, start + len) to l, the note from fmt (cut at 79
 * characters); nothing when len is 0 or l is full. */
void draw_add(struct draw_layout *l, uint64_t start, uint64_t len,
	      const char *label, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Adds every piece of plan p for kernel k to l. initrd_size is the
 * initrd's size in words ("12.0 MiB"): each caller says it its way. */
void draw_plan_items(struct draw_layout *l, const struct linux_kernel *k,
		     const struct linux_plan *p, uint32_t cmdline_len,
		     const char *initrd_size);

/* Draws l from l->top down: calls row once for each line of the drawing
 * (no newline in it). */
void draw_layout(const struct draw_layout *l,
		 void (*row)(void *ctx, const char *line), void *ctx);

#endif
