// SPDX-License-Identifier: BSD-2-Clause
// The x86-64 virtual memory maps of Documentation/arch/x86/x86_64/mm.rst,
// one row per area of its tables, and this kernel's pieces placed in them
// (protocol/linux_vmap.h).
#include <stddef.h>

#include "protocol/bootparam.h"
#include "protocol/linux_vmap.h"

struct row {
	uint64_t start;
	const char *name, *note;
};

#define HALF_ROWS 13

// The rows up to the KASAN shadow differ between the two modes.
static const struct row head4[HALF_ROWS] = {
    {0x0000000000000000, "user space", "~128 TB: 47 bits, per process"},
    {0x00007FFFFFFFF000, "guard hole", "4 kB"},
    {0x0000800000000000, "non-canonical", "~8 EB: no address here"},
    {0x8000000000000000, "non-canonical", "~8 EB: kernel space below"},
    {0xFFFF800000000000, "guard hole", "8 TB: also for a hypervisor"},
    {0xFFFF880000000000, "LDT remap for PTI", "0.5 TB"},
    {0xFFFF888000000000, "direct map", "64 TB: all RAM, page_offset_base"},
    {0xFFFFC88000000000, "unused hole", "0.5 TB"},
    {0xFFFFC90000000000, "vmalloc/ioremap", "32 TB: vmalloc_base"},
    {0xFFFFE90000000000, "unused hole", "1 TB"},
    {0xFFFFEA0000000000, "vmemmap", "1 TB: struct pages, vmemmap_base"},
    {0xFFFFEB0000000000, "unused hole", "1 TB"},
    {0xFFFFEC0000000000, "KASAN shadow", "16 TB"},
};

static const struct row head5[HALF_ROWS] = {
    {0x0000000000000000, "user space", "~64 PB: 56 bits, per process"},
    {0x00FFFFFFFFFFF000, "guard hole", "4 kB"},
    {0x0100000000000000, "non-canonical", "~8 EB: no address here"},
    {0x8000000000000000, "non-canonical", "~8 EB: kernel space below"},
    {0xFF00000000000000, "guard hole", "4 PB: also for a hypervisor"},
    {0xFF10000000000000, "LDT remap for PTI", "0.25 PB"},
    {0xFF11000000000000, "direct map", "32 PB: all RAM, page_offset_base"},
    {0xFF91000000000000, "unused hole", "3.75 PB"},
    {0xFFA0000000000000, "vmalloc/ioremap", "12.5 PB: vmalloc_base"},
    {0xFFD2000000000000, "unused hole", "0.5 PB"},
    {0xFFD4000000000000, "vmemmap", "0.5 PB: struct pages, vmemmap_base"},
    {0xFFD6000000000000, "unused hole", "2.25 PB"},
    {0xFFDF000000000000, "KASAN shadow", "~8 PB"},
};

// From the last 4 TB on both tables are the same. The fixmap's start
// (FIXADDR_START) varies: its row starts where the modules' end, and
// mm.rst's table leaves out what follows the vsyscall page.
static const struct row tail[HALF_ROWS] = {
    {0xFFFFFC0000000000, "unused hole", "2 TB: vaddr_end for KASLR"},
    {0xFFFFFE0000000000, "cpu_entry_area", "0.5 TB"},
    {0xFFFFFE8000000000, "unused hole", "0.5 TB"},
    {0xFFFFFF0000000000, "%esp fixup stacks", "0.5 TB"},
    {0xFFFFFF8000000000, "unused hole", "444 GB"},
    {0xFFFFFFEF00000000, "EFI region mapping", "64 GB"},
    {0xFFFFFFFF00000000, "unused hole", "2 GB"},
    {0xFFFFFFFF80000000, "kernel text mapping", "512 MB, __START_KERNEL_map"},
    {0xFFFFFFFFA0000000, "modules", "1520 MB"},
    {0xFFFFFFFFFF000000, "fixmap", "from FIXADDR_START, ~-11 MB: varies"},
    {0xFFFFFFFFFF600000, "vsyscall (legacy)", "4 kB"},
    {0xFFFFFFFFFF601000, "unused hole", "not in mm.rst's table"},
    {0xFFFFFFFFFFE00000, "unused hole", "2 MB"},
};

_Static_assert(2 * HALF_ROWS == LINUX_VMAP_AREAS, "mm.rst's rows");

static void put(struct linux_vmap *m, unsigned i, const struct row *r)
{
	m->area[i].addr = r->start;
	m->area[i].type = MEM_RANGE_RESERVED;
	m->name[i] = r->name;
	m->note[i] = r->note;
}

int linux_vmap_init(struct linux_vmap *m, unsigned levels)
{
	const struct row *head = levels == 5 ? head5 : head4;

	if (levels != 4 && levels != 5)
		return LINUX_EINVAL;
	m->levels = levels;
	m->page_offset =
	    levels == 5 ? LINUX_PAGE_OFFSET_L5 : LINUX_PAGE_OFFSET_L4;
	for (unsigned i = 0; i < HALF_ROWS; i++) {
		put(m, i, &head[i]);
		put(m, HALF_ROWS + i, &tail[i]);
	}
	// each row ends where the next starts; the last at the top
	for (unsigned i = 0; i + 1 < LINUX_VMAP_AREAS; i++)
		m->area[i].size = m->area[i + 1].addr - m->area[i].addr;
	m->area[LINUX_VMAP_AREAS - 1].size =
	    UINT64_MAX - m->area[LINUX_VMAP_AREAS - 1].addr;
	return 0;
}

static enum linux_paging_fit fit(const struct linux_kernel *k, unsigned levels)
{
	uint16_t x = k->xloadflags;

	if (k->version < 0x020C)
		return LINUX_PAGING_NO_XLF;
	if (!(x & XLF_KERNEL_64))
		return LINUX_PAGING_NO_32BIT;
	if (levels == 4 || (x & XLF_5LEVEL_ENABLED && x & XLF_5LEVEL))
		return LINUX_PAGING_YES;
	return x & XLF_5LEVEL ? LINUX_PAGING_NO_CONFIG : LINUX_PAGING_NO_FLAGS;
}

/* a: a power of two (the header parser checks kernel_alignment); masks,
 * not division: stage2's 32-bit build has no 64-bit division */
static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

void linux_vmap_kernel(const struct linux_vmap *m, const struct linux_kernel *k,
		       const struct linux_plan *p, uint64_t ram_top,
		       struct linux_vmap_kernel *v)
{
	uint64_t align = k->kernel_alignment, first;

	if (!align || align & (align - 1))
		align = 0x200000; // CONFIG_PHYSICAL_ALIGN's default

	v->fit = fit(k, m->levels);
	// the link address: header.S puts LOAD_PHYSICAL_ADDR in pref_address
	v->load_phys = k->pref_address;
	v->phys_base = p->runtime_start - v->load_phys;
	v->text_virt = LINUX_START_KERNEL_MAP + v->load_phys;
	// init_size covers what kaslr.c places (the larger of the output
	// and the kernel's total size), so the range drawn is at most it
	v->size = align_up(k->init_size, align);
	// find_random_virt_addr(): slots of kernel_alignment from
	// LOAD_PHYSICAL_ADDR up to KERNEL_IMAGE_SIZE
	v->kaslr_virt_last =
	    LINUX_START_KERNEL_MAP + LINUX_KERNEL_IMAGE_SIZE - v->size;
	// choose_random_location(): from min(output, 512 MiB), aligned
	first = p->runtime_start < LINUX_KASLR_PHYS_MIN ? p->runtime_start
							: LINUX_KASLR_PHYS_MIN;
	v->kaslr_phys_first = align_up(first, align);
	v->kaslr_phys_last = ram_top >= v->kaslr_phys_first + v->size
				 ? (ram_top - v->size) & ~(align - 1)
				 : v->kaslr_phys_first;
	v->initrd_virt = p->initrd_size ? m->page_offset + p->initrd_addr : 0;
	// arch/x86/mm/kaslr.c, kernel_randomize_memory(): PUD or P4D steps
	v->dmap_step = m->levels == 5 ? 1ull << 39 : 1ull << 30;
}

void linux_vmap_layout(const struct linux_vmap *m, struct draw_layout *l)
{
	l->map = m->area;
	l->nmap = LINUX_VMAP_AREAS;
	l->map_names = m->name;
	l->map_notes = m->note;
	l->top = UINT64_MAX;
	l->top_note = "the last byte";
	l->width = 16;
}
