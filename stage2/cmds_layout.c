// SPDX-License-Identifier: BSD-2-Clause
/* The cmds module's `layout [label]`: where a boot of that label (or of
 * the default) would put each piece, drawn as `bzboot inspect` draws it
 * (protocol/linux_draw.c), over this machine's own E820 map. Nothing is
 * read but the kernel's header: linux_prepare() stops at the plan. */
#include <stdio.h>
#include <string.h>
#include "boot_linux.h"
#include "cmds_mod.h"
#include "heap.h"
#include "protocol/linux_draw.h"

#define MIB (1024u * 1024u)

static void print_row(void *ctx, const char *line)
{
	(void)ctx;
	printf("%s\n", line);
}

/* The end of the highest usable RAM: the drawing's top. */
static uint64_t ram_top(const struct memory *mem)
{
	uint64_t top = 0;

	for (unsigned i = 0; i < mem->nmap; i++)
		if (mem->map[i].type == MEM_RANGE_USABLE &&
		    mem->map[i].addr + mem->map[i].size > top)
			top = mem->map[i].addr + mem->map[i].size;
	return top;
}

/* "12.0 MiB" as inspect says it, by shifts (stage2 has no 64-bit
 * division); sizes below 1 MiB in KiB. */
static const char *size_words(uint64_t n, char *buf, size_t size)
{
	unsigned tenths;

	if (n >= MIB) {
		tenths = (unsigned)((n * 10 + MIB / 2) >> 20);
		snprintf(buf, size, "%u.%u MiB", tenths / 10, tenths % 10);
	} else {
		tenths = (unsigned)((n * 10 + 512) >> 10);
		snprintf(buf, size, "%u.%u KiB", tenths / 10, tenths % 10);
	}
	return buf;
}

static void draw(const struct memory *mem, const struct linux_load *L)
{
	struct draw_layout *l = heap_alloc(sizeof(*l));
	char h[32];

	if (!l) {
		printf("bzboot: layout: out of loader memory.\n");
		return;
	}
	l->map = mem->map;
	l->nmap = mem->nmap;
	l->top = ram_top(mem);
	draw_plan_items(l, &L->k, &L->plan, (uint32_t)L->cmdline_len,
			size_words(L->plan.initrd_size, h, sizeof(h)));
	draw_layout(l, print_row, NULL);
}

void cmds_layout(const struct cmds_env *e)
{
	const char *line = e->argc > 1 ? e->argv[1] : cfg_default_line(e->cfg);
	struct cfg_boot *b = heap_alloc(sizeof(*b));
	const struct linux_load *L;
	int err;

	if (!b) {
		printf("bzboot: layout: out of loader memory.\n");
		return;
	}
	if (e->argc > 2) {
		printf("bzboot: layout: one label at most; type layout LABEL "
		       "(or layout alone for the default).\n");
		return;
	}
	/* As a boot resolves it: typed, or the config's own default line */
	err = e->argc > 1 ? cfg_resolve(e->cfg, line, b)
			  : cfg_resolve_config(e->cfg, line, b);
	if (err == CFG_EEMPTY) {
		printf("bzboot: layout: the config has no DEFAULT; type "
		       "layout LABEL.\n");
		return;
	}
	if (err) {
		printf("bzboot: layout: %s: %s.\n", line, cfg_strerror(err));
		return;
	}
	if (!b->label) {
		printf("bzboot: layout: %s: no such label; type layout LABEL "
		       "with a label of the config (Tab lists them).\n",
		       line);
		return;
	}
	if (b->type != CFG_KT_LINUX || !b->kernel[0]) {
		printf("bzboot: layout: %s: not a Linux kernel entry; layout "
		       "draws only those.\n",
		       line);
		return;
	}
	L = linux_prepare(e->v, e->mem, b); /* it says why it cannot */
	if (!L)
		return;
	printf("%s: %s, boot protocol %u.%02u, command line %d characters\n",
	       line, b->kernel, L->k.version >> 8, L->k.version & 0xFF,
	       L->cmdline_len);
	draw(e->mem, L);
}
