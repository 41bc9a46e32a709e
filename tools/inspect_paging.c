// SPDX-License-Identifier: BSD-2-Clause
// bzboot inspect --paging: after the hand-off. The kernel's own map of
// the paging mode (protocol/linux_vmap.c, from mm.rst), this kernel's text
// and bzboot's initrd placed in it, drawn as the real-mode layout is
// (protocol/linux_draw.c).
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "protocol/linux_vmap.h"
#include "tools/inspect_header.h"
#include "tools/inspect_paging.h"

static void print_row(void *ctx, const char *line)
{
	(void)ctx;
	printf("%s\n", line);
}

/* A word of the command line before "--", as the decompressor's
 * cmdline_find_option_bool() looks for nokaslr and no5lvl. */
static bool has_word(const char *cmdline, const char *word)
{
	size_t n = strlen(word);

	for (const char *s = cmdline; *s;) {
		size_t len;

		s += strspn(s, " \t\n");
		len = strcspn(s, " \t\n");
		if (len == 2 && !strncmp(s, "--", 2))
			return false;
		if (len == n && !strncmp(s, word, n))
			return true;
		s += len;
	}
	return false;
}

static void print_fit(unsigned levels, const struct linux_vmap_kernel *v,
		      bool no5lvl)
{
	const char *can = "this kernel can run";

	switch (v->fit) {
	case LINUX_PAGING_YES:
		if (levels == 4) {
			inspect_row("paging",
				    "%s 4-level paging: every 64-bit kernel",
				    can);
			inspect_row("", "can (XLF_KERNEL_64)");
		} else {
			inspect_row("paging",
				    "%s 5-level paging: XLF_5LEVEL_ENABLED,",
				    can);
			inspect_row(
			    "", "built with CONFIG_X86_5LEVEL; it turns it on");
			inspect_row("",
				    "when the CPU has LA57 (5-level paging)");
			if (no5lvl)
				inspect_row(
				    "", "but the command line has no5lvl: it "
					"runs 4-level paging");
		}
		return;
	case LINUX_PAGING_NO_32BIT:
		inspect_row("paging",
			    "this kernel cannot run %u-level paging: no "
			    "XLF_KERNEL_64,",
			    levels);
		inspect_row("", "a 32-bit kernel (2- or 3-level paging)");
		return;
	case LINUX_PAGING_NO_CONFIG:
		inspect_row("paging", "this kernel cannot run 5-level paging: "
				      "XLF_5LEVEL without");
		inspect_row("", "XLF_5LEVEL_ENABLED, built without "
				"CONFIG_X86_5LEVEL: it runs 4-level");
		return;
	case LINUX_PAGING_NO_FLAGS:
		inspect_row("paging",
			    "this kernel cannot run 5-level paging as far "
			    "as its header says:");
		inspect_row(
		    "", "no XLF_5LEVEL (kernels before 5.3 set neither bit; "
			"4.14-5.2");
		inspect_row(
		    "", "may have CONFIG_X86_5LEVEL): take it as 4-level only");
		return;
	case LINUX_PAGING_NO_XLF:
		inspect_row("paging",
			    "this kernel cannot be shown in %u-level "
			    "paging: boot protocol",
			    levels);
		inspect_row(
		    "", "before 2.12 has no xloadflags to say it is 64-bit");
		return;
	}
}

static void print_pieces(const struct linux_vmap *m,
			 const struct linux_kernel *k,
			 const struct linux_plan *p,
			 const struct linux_vmap_kernel *v, uint64_t ram_top,
			 bool nokaslr)
{
	unsigned long long po = m->page_offset;
	char h[32];

	inspect_row("kernel text", "0x%llx-0x%llx",
		    (unsigned long long)v->text_virt,
		    (unsigned long long)(v->text_virt + v->size - 1));
	inspect_row("",
		    "_text = __START_KERNEL_map + pref_address (the kernel's");
	inspect_row("", "LOAD_PHYSICAL_ADDR) = 0x%llx + 0x%llx;",
		    LINUX_START_KERNEL_MAP, (unsigned long long)v->load_phys);
	inspect_row("", "it runs at phys 0x%llx: phys_base = 0x%llx, and as",
		    (unsigned long long)p->runtime_start,
		    (unsigned long long)v->phys_base);
	inspect_row("", "page_64.h's __phys_addr() has phys = virt -");
	inspect_row("", "__START_KERNEL_map + phys_base, virt = 0x%llx +",
		    LINUX_START_KERNEL_MAP);
	inspect_row("", "phys - phys_base");
	inspect_row("direct map", "0x%llx-0x%llx: all RAM,", po,
		    po + ram_top - 1);
	inspect_row("", "virt = PAGE_OFFSET 0x%llx + phys", po);
	if (v->initrd_virt)
		inspect_row(
		    "initrd",
		    "0x%llx-0x%llx (%s):", (unsigned long long)v->initrd_virt,
		    (unsigned long long)(v->initrd_virt + p->initrd_size - 1),
		    inspect_human(p->initrd_size, h, sizeof(h)));
	else
		inspect_row("initrd", "none");
	if (v->initrd_virt)
		inspect_row("", "PAGE_OFFSET + phys 0x%x", p->initrd_addr);
	if (nokaslr) {
		inspect_row("KASLR",
			    "off (nokaslr): these addresses are the ones");
		return;
	}
	inspect_row("KASLR",
		    "on unless nokaslr (CONFIG_RANDOMIZE_BASE, Debian's):");
	inspect_row("", "_text at 0x%llx to 0x%llx",
		    (unsigned long long)v->text_virt,
		    (unsigned long long)v->kaslr_virt_last);
	inspect_row("", "in 0x%x steps (below __START_KERNEL_map + 1 GiB);",
		    k->kernel_alignment);
	inspect_row("", "in RAM at 0x%llx to 0x%llx in the same steps,",
		    (unsigned long long)v->kaslr_phys_first,
		    (unsigned long long)v->kaslr_phys_last);
	inspect_row("", "away from the initrd; PAGE_OFFSET moves up in %s",
		    v->dmap_step == 1ull << 30 ? "1 GiB" : "512 GiB");
	inspect_row("", "steps (CONFIG_RANDOMIZE_MEMORY), the initrd with it");
}

void inspect_print_paging(unsigned levels, const struct linux_kernel *k,
			  const struct linux_plan *p, uint64_t ram_top,
			  const char *cmdline)
{
	static struct linux_vmap m;
	static struct draw_layout l;
	struct linux_vmap_kernel v;
	bool nokaslr = has_word(cmdline, "nokaslr");
	char h[32];

	linux_vmap_init(&m, levels);
	linux_vmap_kernel(&m, k, p, ram_top, &v);
	memset(&l, 0, sizeof(l));
	linux_vmap_layout(&m, &l);
	printf("\nAfter the hand-off, %u-level paging (the kernel's "
	       "x86_64/mm.rst):\n",
	       levels);
	print_fit(levels, &v, has_word(cmdline, "no5lvl"));
	if (v.fit == LINUX_PAGING_YES) {
		print_pieces(&m, k, p, &v, ram_top, nokaslr);
		draw_add(&l, v.text_virt, v.size, "this kernel",
			 "_text; phys 0x%llx",
			 (unsigned long long)p->runtime_start);
		if (!nokaslr)
			draw_add(&l, v.text_virt,
				 v.kaslr_virt_last + v.size - v.text_virt,
				 "KASLR: its text range",
				 "_text up to 0x%llx; modules above",
				 (unsigned long long)v.kaslr_virt_last);
		draw_add(&l, v.initrd_virt, p->initrd_size, "initrd",
			 "phys 0x%x", p->initrd_addr);
		draw_add(&l, m.page_offset + p->runtime_start, v.size,
			 "kernel, direct map", "phys 0x%llx",
			 (unsigned long long)p->runtime_start);
		draw_add(&l, m.page_offset, ram_top, "RAM, direct map", "%s",
			 inspect_human(ram_top, h, sizeof(h)));
	}
	putchar('\n');
	draw_layout(&l, print_row, NULL);
}
