// SPDX-License-Identifier: BSD-2-Clause
// After the hand-off: the x86-64 virtual memory maps of 4- and 5-level
// paging (the kernel's Documentation/arch/x86/x86_64/mm.rst), and where
// the pieces bzboot placed show up in them (protocol/linux_vmap.c). Pure,
// for `bzboot inspect --paging`; not in stage2's core.
#ifndef BZ_PROTOCOL_LINUX_VMAP_H
#define BZ_PROTOCOL_LINUX_VMAP_H

#include <stdint.h>

#include "protocol/linux.h"
#include "protocol/linux_draw.h"

// arch/x86/include/asm/page_64_types.h
#define LINUX_START_KERNEL_MAP	0xFFFFFFFF80000000ull // __START_KERNEL_map
#define LINUX_PAGE_OFFSET_L4	0xFFFF888000000000ull // __PAGE_OFFSET_BASE_L4
#define LINUX_PAGE_OFFSET_L5	0xFF11000000000000ull // __PAGE_OFFSET_BASE_L5
#define LINUX_KERNEL_IMAGE_SIZE (1ull << 30) // with CONFIG_RANDOMIZE_BASE
// arch/x86/boot/compressed/kaslr.c: physical KASLR starts at or below this
#define LINUX_KASLR_PHYS_MIN (512ull << 20)

#define LINUX_VMAP_AREAS 26 // rows of each of mm.rst's two tables

// One of mm.rst's tables as a memory map draw_layout() draws: every row
// an entry (type reserved) with its name and a note; the last one ends at
// 0xFFFFFFFFFFFFFFFF, the drawing's top, the 2^64th byte left out.
struct linux_vmap {
	unsigned levels; // 4 or 5
	struct mem_range area[LINUX_VMAP_AREAS];
	const char *name[LINUX_VMAP_AREAS], *note[LINUX_VMAP_AREAS];
	uint64_t page_offset; // the direct map's base without KASLR
};

// Fills m with the table of levels (4 or 5). 0, or LINUX_EINVAL.
int linux_vmap_init(struct linux_vmap *m, unsigned levels);

// Whether a kernel can run a paging mode, from its xloadflags.
enum linux_paging_fit {
	LINUX_PAGING_YES,
	LINUX_PAGING_NO_32BIT,	// no XLF_KERNEL_64
	LINUX_PAGING_NO_CONFIG, // XLF_5LEVEL, no XLF_5LEVEL_ENABLED
	LINUX_PAGING_NO_FLAGS,	// neither bit 5 nor 6: before Linux 5.3
	LINUX_PAGING_NO_XLF,	// protocol before 2.12: no xloadflags
};

// Where this kernel's pieces are in m's address space for plan p; all
// addresses are those without KASLR (the kernel's nokaslr).
struct linux_vmap_kernel {
	enum linux_paging_fit fit;
	uint64_t load_phys;	   // LOAD_PHYSICAL_ADDR: pref_address
	uint64_t phys_base;	   // where it runs less load_phys
	uint64_t text_virt;	   // _text: __START_KERNEL_map + load_phys
	uint64_t size;		   // init_size up to kernel_alignment
	uint64_t kaslr_virt_last;  // the highest _text KASLR may choose
	uint64_t kaslr_phys_first; // the lowest physical start it may choose
	uint64_t kaslr_phys_last;  // the highest, below ram_top
	uint64_t initrd_virt;	   // the initrd in the direct map; 0: none
	uint64_t dmap_step;	   // the direct map's KASLR step
};

// Fills v for kernel k, plan p, RAM up to ram_top and paging m->levels.
void linux_vmap_kernel(const struct linux_vmap *m, const struct linux_kernel *k,
		       const struct linux_plan *p, uint64_t ram_top,
		       struct linux_vmap_kernel *v);

// Points l at m (its map, names and notes, 16 hex digits, the top line).
void linux_vmap_layout(const struct linux_vmap *m, struct draw_layout *l);

#endif
