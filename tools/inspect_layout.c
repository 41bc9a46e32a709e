// SPDX-License-Identifier: BSD-2-Clause
// bzboot inspect: the plan protocol/ made for the kernel, summed up and
// drawn as boot.rst draws memory, highest address first.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "protocol/linux.h"
#include "tools/inspect_header.h"
#include "tools/inspect_layout.h"

static void add(struct inspect_layout *l, uint64_t start, uint64_t len,
		const char *label, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void add(struct inspect_layout *l, uint64_t start, uint64_t len,
		const char *label, const char *fmt, ...)
{
	struct inspect_item *it;
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

/* What holds [a, ...): a piece of the plan, else what the map says. */
static void owner(const struct inspect_layout *l, uint64_t a,
		  const char **label, const char **note)
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
			*label = l->map_names[i];
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

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void boundary(int width, uint64_t addr, const char *note)
{
	printf("  %0*llX  +------------------------+%s%s\n", width,
	       (unsigned long long)addr, *note ? "  " : "", note);
}

/* boot.rst's style: addresses on the left, highest first. */
static void draw(const struct inspect_layout *l)
{
	uint64_t at[2 * 16 + 2 * 8 + 2];
	unsigned n = 0, i, width = l->top > 0xFFFFFFFFull ? 9 : 8;
	char top_note[48];

	at[n++] = 0;
	at[n++] = l->top;
	for (i = 0; i < l->n; i++) {
		at[n++] = l->item[i].start;
		at[n++] = l->item[i].end;
	}
	for (i = 0; i < l->nmap; i++) {
		at[n++] = l->map[i].addr;
		at[n++] = l->map[i].addr + l->map[i].size;
	}
	qsort(at, n, sizeof(at[0]), cmp_u64);
	snprintf(top_note, sizeof(top_note), "end of RAM (%llu MiB)",
		 (unsigned long long)(l->top / MIB));
	putchar('\n');
	boundary((int)width, l->top, top_note);
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
		printf("  %*s  |  %-22s|%s%s\n", (int)width, "", label,
		       *note ? "  " : "", note);
		boundary((int)width, at[j], "");
		i = j;
	}
}

/* The pieces of the plan, the most specific first. */
static void plan_items(struct inspect_layout *l, const struct linux_kernel *k,
		       const struct linux_plan *p, uint32_t cmdline_len)
{
	uint32_t x = p->real_addr;
	uint32_t heap_end = p->heap_end_ptr + 0x200u;
	char h[32];

	add(l, x, 0x200, "kernel boot sector", "X; jump %04x:0000, SS=DS=%04x",
	    p->jump_cs, p->seg);
	add(l, x + 0x200, k->setup_size - 0x200, "kernel setup", "%u sectors",
	    k->setup_sects);
	add(l, p->clear_addr, p->clear_len, "zeroed",
	    "cleared at the hand-off");
	if (k->version >= 0x0201)
		add(l, x + k->setup_size, heap_end - k->setup_size,
		    "stack / heap", "heap_end_ptr 0x%x, SP 0x%x",
		    p->heap_end_ptr, p->stack_ptr);
	else
		add(l, x + k->setup_size, p->stack_ptr - k->setup_size,
		    "stack / heap", "SP 0x%x (no heap_end_ptr before 2.01)",
		    p->stack_ptr);
	if (k->version >= 0x0202)
		add(l, p->cmdline_addr, p->cmdline_max, "command line",
		    "cmd_line_ptr: %u characters + NUL", cmdline_len);
	else
		add(l, p->cmdline_addr, p->cmdline_max, "command line",
		    "cmd_line_offset 0x%x: %u characters", p->cmdline_addr - x,
		    cmdline_len);
	add(l, p->pm_addr, p->pm_size, "protected-mode kernel",
	    "0x%x bytes from file offset 0x%x", p->pm_size, k->pm_offset);
	if (p->pm_stage_addr != p->pm_addr)
		add(l, p->pm_stage_addr, p->pm_size, "kernel while loading",
		    "moved to 0x%x at the hand-off", p->pm_addr);
	add(l, p->initrd_addr, p->initrd_size, "initrd", "%s",
	    inspect_human(p->initrd_size, h, sizeof(h)));
	if (k->version >= 0x020A)
		add(l, p->runtime_start, p->kernel_end - p->runtime_start,
		    "kernel runtime", "init_size 0x%x: no initrd here",
		    k->init_size);
	else
		add(l, p->runtime_start, p->kernel_end - p->runtime_start,
		    "kernel runtime", "3x its size assumed: no initrd here");
	/* A bzImage that runs above where it is loaded. */
	if (p->pm_stage_addr + p->pm_size < p->runtime_start)
		add(l, p->pm_stage_addr + p->pm_size,
		    p->runtime_start - (p->pm_stage_addr + p->pm_size),
		    "kept free", "no initrd: the kernel runs higher");
	add(l, 0, LINUX_REAL_MIN, "bzboot, BIOS data",
	    "stage2 runs the hand-off from here");
}

void inspect_print_plan(const struct linux_kernel *k,
			const struct linux_plan *p, uint32_t cmdline_len,
			struct inspect_layout *l)
{
	char h[32];

	printf("  real-mode part      0x%x-0x%x; jump %04x:0000, SS=DS=%04x, "
	       "SP 0x%x\n",
	       p->real_addr, p->real_addr + p->real_size - 1, p->jump_cs,
	       p->seg, p->stack_ptr);
	printf("  command line        0x%x: %u characters, %u bytes zeroed\n",
	       p->cmdline_addr, cmdline_len, p->cmdline_max);
	printf("  protected mode      0x%x-0x%x", p->pm_addr,
	       p->pm_addr + p->pm_size - 1);
	if (p->pm_stage_addr != p->pm_addr)
		printf(" (staged at 0x%x while loading)", p->pm_stage_addr);
	printf("\n  kernel runtime      0x%llx-0x%llx: no initrd there\n",
	       (unsigned long long)p->runtime_start,
	       (unsigned long long)p->kernel_end - 1);
	if (p->initrd_size)
		printf(
		    "  initrd              0x%x-0x%llx (%s), below 0x%llx\n",
		    p->initrd_addr,
		    (unsigned long long)(p->initrd_addr + p->initrd_size - 1),
		    inspect_human(p->initrd_size, h, sizeof(h)),
		    (unsigned long long)p->initrd_limit);
	else
		printf("  initrd              none\n");
	if (p->clear_len)
		printf("  zeroed              0x%x-0x%x at the hand-off\n",
		       p->clear_addr, p->clear_addr + p->clear_len - 1);
	plan_items(l, k, p, cmdline_len);
	draw(l);
}
