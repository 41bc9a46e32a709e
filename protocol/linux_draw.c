// SPDX-License-Identifier: BSD-2-Clause
/* The memory drawing of a Linux boot plan (protocol/linux_draw.h): the
 * plan's pieces over the memory map, highest address first. */
#include <stdarg.h>
#include <stdio.h>

#include "protocol/e820.h"
#include "protocol/linux.h"
#include "protocol/linux_draw.h"

/* mm.rst's x86-64 tables have 26 rows (protocol/linux_vmap.c) */
#define DRAW_MAP_MAX 26
#define ROW_MAX	     160 /* the widest row: address, box, label, an 80-byte note */

void draw_add(struct draw_layout *l, uint64_t start, uint64_t len,
	      const char *label, const char *fmt, ...)
{
	struct draw_item *it;
	va_list ap;

	if (!len || l->n == sizeof(l->item) / sizeof(l->item[0]))
		return;
	it = &l->item[l->n++];
	it->start = start;
	it->end = start + len;
	it->label = label;
	va_start(ap, fmt);
	vsnprintf(it->note, sizeof(it->note), fmt, ap);
	va_end(ap);
}

static const char *map_name(const struct draw_layout *l, unsigned i)
{
	const char *name;

	if (l->map_names)
		return l->map_names[i];
	name = e820_type_name(l->map[i].type);
	return name ? name : "reserved";
}

/* What holds [a, ...): a piece of the plan, else what the map says. */
static void owner(const struct draw_layout *l, uint64_t a, const char **label,
		  const char **note)
{
	*note = "";
	for (unsigned i = 0; i < l->n; i++)
		if (l->item[i].start <= a && a < l->item[i].end) {
			*label = l->item[i].label;
			*note = l->item[i].note;
			return;
		}
	for (unsigned i = 0; i < l->nmap; i++)
		if (l->map[i].type != MEM_RANGE_USABLE && l->map[i].addr <= a &&
		    a < l->map[i].addr + l->map[i].size) {
			*label = map_name(l, i);
			if (l->map_notes)
				*note = l->map_notes[i];
			return;
		}
	for (unsigned i = 0; i < l->nmap; i++)
		if (l->map[i].addr <= a &&
		    a < l->map[i].addr + l->map[i].size) {
			*label = "free";
			return;
		}
	*label = a >= LOWMEM_END && a < LINUX_HIGH_ADDR ? "VGA, option ROMs"
							: "no RAM";
}

/* Insertion sort: a few dozen addresses, and stage2 has no qsort. */
static void sort_u64(uint64_t *at, unsigned n)
{
	for (unsigned i = 1; i < n; i++) {
		uint64_t x = at[i];
		unsigned j = i;

		for (; j > 0 && at[j - 1] > x; j--)
			at[j] = at[j - 1];
		at[j] = x;
	}
}

/* Not inlined: its row buffer would add to draw_layout's stack. */
static __attribute__((noinline)) void
boundary(void (*row)(void *, const char *), void *ctx, int width, uint64_t addr,
	 const char *note)
{
	char line[ROW_MAX];

	snprintf(line, sizeof(line), "  %0*llX  +------------------------+%s%s",
		 width, (unsigned long long)addr, *note ? "  " : "", note);
	row(ctx, line);
}

void draw_layout(const struct draw_layout *l,
		 void (*row)(void *ctx, const char *line), void *ctx)
{
	/* every piece's and map entry's two ends, 0 and the top (the first
	 * DRAW_MAP_MAX entries: the stack is small in stage2) */
	uint64_t at[2 * 16 + 2 * DRAW_MAP_MAX + 2];
	unsigned n = 0, i,
		 width = l->width		  ? l->width
			 : l->top > 0xFFFFFFFFull ? 9
						  : 8;
	char line[ROW_MAX], top_note[48];

	at[n++] = 0;
	at[n++] = l->top;
	for (i = 0; i < l->n; i++) {
		at[n++] = l->item[i].start;
		at[n++] = l->item[i].end;
	}
	for (i = 0; i < l->nmap && i < DRAW_MAP_MAX; i++) {
		at[n++] = l->map[i].addr;
		at[n++] = l->map[i].addr + l->map[i].size;
	}
	sort_u64(at, n);
	/* MiB by a shift: stage2 has no 64-bit division */
	snprintf(top_note, sizeof(top_note), "end of RAM (%llu MiB)",
		 (unsigned long long)(l->top >> 20));
	boundary(row, ctx, (int)width, l->top,
		 l->top_note ? l->top_note : top_note);
	/* From the top down, one row per run of memory with one owner. */
	for (i = n - 1; i > 0;) {
		const char *label, *note, *lab2, *note2;
		unsigned j;

		if (at[i - 1] == at[i] || at[i] > l->top) {
			i--;
			continue;
		}
		owner(l, at[i - 1], &label, &note);
		for (j = i - 1; j > 0; j--) {
			if (at[j - 1] == at[j])
				continue;
			owner(l, at[j - 1], &lab2, &note2);
			if (lab2 != label || note2 != note)
				break;
		}
		snprintf(line, sizeof(line), "  %*s  |  %-22s|%s%s", (int)width,
			 "", label, *note ? "  " : "", note);
		row(ctx, line);
		boundary(row, ctx, (int)width, at[j], "");
		i = j;
	}
}

/* The pieces of the plan, the most specific first. */
void draw_plan_items(struct draw_layout *l, const struct linux_kernel *k,
		     const struct linux_plan *p, uint32_t cmdline_len,
		     const char *initrd_size)
{
	uint32_t x = p->real_addr;
	uint32_t heap_end = p->heap_end_ptr + 0x200u;

	draw_add(l, x, 0x200, "kernel boot sector",
		 "X; jump %04x:0000, SS=DS=%04x", p->jump_cs, p->seg);
	draw_add(l, x + 0x200, k->setup_size - 0x200, "kernel setup",
		 "%u sectors", k->setup_sects);
	draw_add(l, p->clear_addr, p->clear_len, "zeroed",
		 "cleared at the hand-off");
	if (k->version >= 0x0201)
		draw_add(l, x + k->setup_size, heap_end - k->setup_size,
			 "stack / heap", "heap_end_ptr 0x%x, SP 0x%x",
			 p->heap_end_ptr, p->stack_ptr);
	else
		draw_add(l, x + k->setup_size, p->stack_ptr - k->setup_size,
			 "stack / heap",
			 "SP 0x%x (no heap_end_ptr before 2.01)", p->stack_ptr);
	if (k->version >= 0x0202)
		draw_add(l, p->cmdline_addr, p->cmdline_max, "command line",
			 "cmd_line_ptr: %u characters + NUL", cmdline_len);
	else
		draw_add(l, p->cmdline_addr, p->cmdline_max, "command line",
			 "cmd_line_offset 0x%x: %u characters",
			 p->cmdline_addr - x, cmdline_len);
	draw_add(l, p->pm_addr, p->pm_size, "protected-mode kernel",
		 "0x%x bytes from file offset 0x%x", p->pm_size, k->pm_offset);
	if (p->pm_stage_addr != p->pm_addr)
		draw_add(l, p->pm_stage_addr, p->pm_size,
			 "kernel while loading",
			 "moved to 0x%x at the hand-off", p->pm_addr);
	draw_add(l, p->initrd_addr, p->initrd_size, "initrd", "%s",
		 initrd_size);
	if (k->version >= 0x020A)
		draw_add(l, p->runtime_start, p->kernel_end - p->runtime_start,
			 "kernel runtime", "init_size 0x%x: no initrd here",
			 k->init_size);
	else
		draw_add(l, p->runtime_start, p->kernel_end - p->runtime_start,
			 "kernel runtime",
			 "3x its size assumed: no initrd here");
	/* A bzImage that runs above where it is loaded. */
	if (p->pm_stage_addr + p->pm_size < p->runtime_start)
		draw_add(l, p->pm_stage_addr + p->pm_size,
			 p->runtime_start - (p->pm_stage_addr + p->pm_size),
			 "kept free", "no initrd: the kernel runs higher");
	draw_add(l, 0, LINUX_REAL_MIN, "bzboot, BIOS data",
		 "stage2 runs the hand-off from here");
}
