// SPDX-License-Identifier: BSD-2-Clause
// Linux memory layout planner for the 16-bit entry: places the real-mode
// block, its heap, the command line, the protected-mode kernel and the initrd.
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "protocol/linux.h"

// boot.rst §Memory Layout: a >= 2.02 bzImage's real-mode block may sit
// anywhere from 0x10000 to the end of low memory, always below 0xA0000.
#define REAL_ADDR_MIN 0x10000u
#define LOWMEM_END    0xA0000u
// Setup (<= 32 KiB) plus stack/heap take the whole 64 KiB segment
// ("It is permitted to give the stack/heap the full 64K segment and locate
// the command line above it", §Memory Layout of The Real-Mode Code).  Fewer
// bytes would save nothing: the command line sits above X+0x10000 and low
// memory below it is ours anyway.
#define REAL_SEG_SIZE 0x10000u
// SP "normally pointing to the top of the heap": 0x10000 is 0 in 16 bits.
// Since 2.6.22 setup turns SP=0 into 0xFFFC, but older setup code takes SP
// as it is; 0xFFF0 (SYSLINUX's choice for this layout) is unambiguous for
// both.  The kernel's init_heap clamps heap_end to SP - STACK_SIZE anyway.
#define STACK_PTR 0xFFF0u
// Setup reads the command line through a segment with 16-bit offsets and
// no x86 kernel accepts more than 2047 characters, so 64 KiB is the most we
// ever reserve for it.
#define CMDLINE_ROOM_MAX 0x10000u
// boot.rst §Loading The Rest of The Kernel: a bzImage's PM part at 1 MiB,
// a zImage's at 0x10000, up to its real-mode part at 0x90000.
#define BZIMAGE_PM_ADDR LINUX_HIGH_ADDR
#define ZIMAGE_PM_ADDR	0x10000u
// The legacy layout (zImage, protocol 2.01 and older): real-mode part at
// 0x90000, stack/heap to 0x9800, the command line above it, nothing above
// 0x9A000 ("too many BIOSes will break above that point"); boot.rst
// §Sample Boot Configuration.
#define LEGACY_REAL_ADDR 0x90000u
#define LEGACY_HEAP_END	 0x9800u
#define LEGACY_END	 0x9A000u
// "old" kernels: clear from the end of setup up to the 32 KiB mark.
#define LEGACY_CLEAR_END 0x8000u
// Where a zImage's PM part waits while the loader still needs low memory:
// the decompressed kernel runs from 1 MiB, so nothing else goes there.
#define ZIMAGE_STAGE_ADDR 0x100000u
// The initrd stays above low memory (the loader, the real-mode kernel and
// the BIOS live there), at a 4 KiB boundary like every other loader's.
#define INITRD_MIN_ADDR 0x100000u
#define INITRD_ALIGN	0x1000u
// ramdisk_image is 32 bits; the 16-bit entry cannot pass ext_ramdisk_*.
#define ADDR_32_END 0x100000000ull

static uint64_t add_sat(uint64_t a, uint64_t b)
{
	return a + b < a ? UINT64_MAX : a + b;
}

static uint64_t range_end(const struct mem_range *r)
{
	return add_sat(r->addr, r->size);
}

// True iff every byte of [a, b) is usable RAM: covered by the union of the
// type-1 entries and by no entry of any other type (a reserved range wins
// over RAM it overlaps).  Works on the raw, unsorted map: the cover grows
// by the furthest-reaching usable entry that contains the current point.
static bool map_usable(const struct linux_plan_req *req, uint64_t a, uint64_t b)
{
	uint64_t pos = a, next;
	unsigned i;

	for (i = 0; i < req->nmap; i++) {
		const struct mem_range *r = &req->map[i];

		if (r->type != MEM_RANGE_USABLE && r->size && r->addr < b &&
		    range_end(r) > a)
			return false;
	}
	while (pos < b) {
		next = pos;
		for (i = 0; i < req->nmap; i++) {
			const struct mem_range *r = &req->map[i];

			if (r->type == MEM_RANGE_USABLE && r->addr <= pos &&
			    range_end(r) > next)
				next = range_end(r);
		}
		if (next == pos)
			return false;
		pos = next;
	}
	return true;
}

// The real-mode block.  A 2.02+ bzImage's at X as low as allowed (boot.rst:
// "as low as the design of the boot loader permits"), with setup, heap and
// stack up to X+0x10000 and the command line right above.  Everything else
// (zImage, 2.01 and older) at 0x90000 (boot.rst: a must for them), stack
// and heap to 0x9800, the command line at 0x99800, below 0x9A000.
static int plan_real(const struct linux_kernel *k,
		     const struct linux_plan_req *req, struct linux_plan *p)
{
	bool legacy = !k->bzimage || k->version < 0x0202;
	uint32_t x, heap_end, room, top;

	// The caller cuts the line to the kernel's limit (and says so);
	// handing over more would be truncated silently by the kernel.
	if (req->cmdline_len > k->cmdline_size)
		return LINUX_ECMDLINE;
	if (req->real_min > LOWMEM_END)
		return LINUX_ENOLOWMEM;
	if (legacy) {
		x = LEGACY_REAL_ADDR;
		heap_end = LEGACY_HEAP_END;
		room = LEGACY_END - (LEGACY_REAL_ADDR + LEGACY_HEAP_END);
	} else {
		x = req->real_min > REAL_ADDR_MIN ? req->real_min
						  : REAL_ADDR_MIN;
		x = (x + 15) & ~15u;
		heap_end = REAL_SEG_SIZE;
		room = CMDLINE_ROOM_MAX;
	}
	// Reserve the kernel's whole window, not just the string: x86 head
	// code (copy_bootdata) copies COMMAND_LINE_SIZE = cmdline_size + 1
	// bytes from cmd_line_ptr without stopping at the NUL.
	if (k->cmdline_size < room)
		room = k->cmdline_size + 1;
	if (req->cmdline_len >= room)
		return LINUX_ECMDLINE;
	top = req->low_top < LOWMEM_END ? req->low_top : LOWMEM_END;
	if (req->real_min > x || x + heap_end + room > top)
		return LINUX_ENOLOWMEM;

	p->real_addr = x;
	p->real_size = k->setup_size;
	// boot.rst, heap_end_ptr: the heap's end minus 0x200.
	p->heap_end_ptr = (uint16_t)(heap_end - 0x200);
	p->stack_ptr = legacy ? LEGACY_HEAP_END : STACK_PTR;
	p->cmdline_addr = x + heap_end;
	p->cmdline_max = room;
	p->seg = (uint16_t)(x >> 4);
	p->jump_cs = (uint16_t)(p->seg + 0x20);
	// 2.00/2.01 setup copies this much from the boot sector on; it must
	// take the command line along (boot.rst, setup_move_size).
	if (k->version >= 0x0200 && k->version < 0x0202)
		p->setup_move_size =
		    (uint16_t)(heap_end + req->cmdline_len + 1);
	// boot.rst's sample loader for "old" kernels.
	if (!k->version) {
		p->clear_addr = x + k->setup_size;
		p->clear_len = LEGACY_CLEAR_END - k->setup_size;
	}
	return 0;
}

// boot.rst, init_size: where the kernel runs (decompresses to) and how
// much contiguous memory it needs there before it reads the memory map.
static int kernel_runtime(const struct linux_kernel *k, uint64_t load,
			  uint64_t *start, uint64_t *size)
{
	uint64_t align = k->kernel_alignment ? k->kernel_alignment : 1;

	if (k->version >= 0x020A) {
		*size = k->init_size;
		if (!k->relocatable) {
			// It moves itself to pref_address, from wherever.
			*start = k->pref_address ? k->pref_address : load;
			return 0;
		}
		if (load < k->pref_address)
			load = k->pref_address;
	} else {
		// No init_size before 2.10: SYSLINUX's fudge of three times
		// the PM part (decompressed image, then BSS and BRK).
		*size = 3 * (uint64_t)k->pm_size;
		if (!k->relocatable) {
			*start = load;
			return 0;
		}
	}
	if (align & (align - 1))
		return LINUX_EBADALIGN;
	if (load > UINT64_MAX - (align - 1))
		return LINUX_ENOHIGHMEM;
	*start = (load + align - 1) & ~(align - 1);
	return 0;
}

// A bzImage's PM part goes to 1 MiB, its default and code32_start's value.
// Relocatable kernels realign themselves from there (to kernel_alignment,
// not below pref_address), and a non-relocatable 2.10+ kernel whose
// pref_address is elsewhere moves itself there: 1 MiB is right for all,
// as long as the memory they move to is RAM and stays free.  A zImage
// goes to 0x10000, must end below its setup at 0x90000, is staged at
// 1 MiB, and decompresses to 1 MiB.
static int plan_kernel(const struct linux_kernel *k,
		       const struct linux_plan_req *req, struct linux_plan *p)
{
	uint64_t pm_end, stage_end, rt_start, rt_size, rt_end;
	int err;

	p->pm_size = k->pm_size;
	if (k->bzimage) {
		p->pm_addr = BZIMAGE_PM_ADDR;
		p->pm_stage_addr = BZIMAGE_PM_ADDR;
	} else {
		p->pm_addr = ZIMAGE_PM_ADDR;
		p->pm_stage_addr = ZIMAGE_STAGE_ADDR;
		if (k->pm_size > LEGACY_REAL_ADDR - ZIMAGE_PM_ADDR)
			return LINUX_EZIMAGETOOBIG;
	}
	pm_end = (uint64_t)p->pm_addr + p->pm_size;
	stage_end = (uint64_t)p->pm_stage_addr + p->pm_size;
	err = kernel_runtime(k, BZIMAGE_PM_ADDR, &rt_start, &rt_size);
	if (err)
		return err;
	// It must run above low memory, where the real-mode block and the
	// command line are (a pref_address there is no kernel's), and end
	// below 2^64.
	if (rt_start < BZIMAGE_PM_ADDR || rt_size > UINT64_MAX - rt_start)
		return LINUX_ENOHIGHMEM;
	rt_end = rt_start + rt_size;
	p->runtime_start = rt_start;
	p->kernel_end = rt_end > stage_end ? rt_end : stage_end;
	if (!map_usable(req, p->pm_addr, pm_end) ||
	    !map_usable(req, p->pm_stage_addr, stage_end))
		return LINUX_ENOHIGHMEM;
	// The pre-2.10 estimate is a guess: keep things out of it, but do not
	// refuse a kernel over it.
	if (k->version >= 0x020A && !map_usable(req, rt_start, rt_end))
		return LINUX_ENOHIGHMEM;
	return 0;
}

// Highest 4 KiB-aligned start A with [A, A+size) below top, or 0.
static uint64_t initrd_try(const struct linux_plan_req *req,
			   const struct linux_plan *p, uint64_t top)
{
	uint64_t size = req->initrd_size, a;

	if (top > p->initrd_limit)
		top = p->initrd_limit;
	if (top < size)
		return 0;
	a = (top - size) & ~(uint64_t)(INITRD_ALIGN - 1);
	if (a < INITRD_MIN_ADDR)
		return 0;
	if (a < p->kernel_end && a + size > p->pm_addr)
		return 0;
	if (!map_usable(req, a, a + size))
		return 0;
	return a;
}

// The start of the kernel would be a place where free memory stops too,
// but nothing goes below it while it sits at the initrd's floor.
_Static_assert(BZIMAGE_PM_ADDR <= INITRD_MIN_ADDR,
	       "kernel above the initrd floor: try its start as a top too");

// boot.rst: the initrd goes as high as possible, whole, at or below
// initrd_addr_max, below mem= and 4 GiB, outside the kernel's runtime
// footprint.  The best start is just below one of the points where free
// memory stops: the limit, the end of a RAM entry or the start of a
// reserved entry; try them all.
static int plan_initrd(const struct linux_kernel *k,
		       const struct linux_plan_req *req, struct linux_plan *p)
{
	uint64_t limit = ADDR_32_END, best, a;
	unsigned i;

	if (!req->initrd_size)
		return 0;
	if (k->version < 0x0200)
		return LINUX_ENOINITRD;
	if ((uint64_t)k->initrd_addr_max + 1 < limit)
		limit = (uint64_t)k->initrd_addr_max + 1;
	if (req->mem_limit && req->mem_limit < limit)
		limit = req->mem_limit;
	p->initrd_limit = limit;

	best = initrd_try(req, p, limit);
	for (i = 0; i < req->nmap; i++) {
		const struct mem_range *r = &req->map[i];

		if (!r->size)
			continue;
		a = initrd_try(req, p,
			       r->type == MEM_RANGE_USABLE ? range_end(r)
							   : r->addr);
		if (a > best)
			best = a;
	}
	// Never drop a requested initrd: the kernel would boot without it.
	if (!best)
		return LINUX_ENOINITRDROOM;
	p->initrd_addr = (uint32_t)best;
	p->initrd_size = req->initrd_size;
	return 0;
}

void linux_plan_req_init(struct linux_plan_req *req,
			 const struct mem_range *map, unsigned nmap,
			 uint32_t low_top, uint32_t cmdline_len,
			 uint64_t initrd_size, uint64_t mem_limit)
{
	memset(req, 0, sizeof(*req));
	req->map = map;
	req->nmap = nmap;
	req->low_top = low_top;
	req->real_min = LINUX_REAL_MIN;
	req->cmdline_len = cmdline_len;
	req->initrd_size = initrd_size;
	req->mem_limit = mem_limit;
}

int linux_plan_layout(const struct linux_kernel *k,
		      const struct linux_plan_req *req, struct linux_plan *p)
{
	int err;

	if (!k || !req || !p || (req->nmap && !req->map))
		return LINUX_EINVAL;
	memset(p, 0, sizeof(*p));
	p->quiet = req->quiet;
	if (k->setup_size > REAL_SEG_SIZE / 2)
		return LINUX_ESETUPTOOBIG;
	err = plan_real(k, req, p);
	if (!err)
		err = plan_kernel(k, req, p);
	if (!err)
		err = plan_initrd(k, req, p);
	return err;
}
