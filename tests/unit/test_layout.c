// SPDX-License-Identifier: BSD-2-Clause
// Unit tests for protocol/layout.c: the real-mode block, the kernel and the
// initrd placed from synthetic E820 maps.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "protocol/bootparam.h"
#include "protocol/linux.h"

#define KiB  0x400u
#define MiB  0x100000u
#define GiB  0x40000000ull
#define N(a) (sizeof(a) / sizeof((a)[0]))

// What `qemu-system-x86_64 -m 128` reports.
static const struct mem_range qemu_map[] = {
    {0, 0x9FC00, 1},	      {0x9FC00, 0x400, 2},
    {0xF0000, 0x10000, 2},    {0x100000, 0x7FE0000 - 0x100000, 1},
    {0xFFFC0000, 0x40000, 2},
};

// A modern relocatable bzImage: 10 MiB PM part, decompressing at
// pref_address 16 MiB with init_size 40 MiB, so it occupies
// [1 MiB, 56 MiB) one way or another.
static struct linux_kernel modern(void)
{
	struct linux_kernel k = {
	    .version = 0x020F,
	    .setup_sects = 27,
	    .setup_size = 28 * 512,
	    .pm_offset = 28 * 512,
	    .pm_size = 10 * MiB,
	    .bzimage = true,
	    .relocatable = true,
	    .loadflags = LOADED_HIGH,
	    .xloadflags = XLF_KERNEL_64,
	    .initrd_addr_max = 0x7FFFFFFF,
	    .cmdline_size = 2047,
	    .kernel_alignment = 0x200000,
	    .init_size = 40 * MiB,
	    .pref_address = 0x1000000,
	    .header_end = 0x26C,
	};

	return k;
}

static struct linux_plan_req qemu_req(uint64_t initrd)
{
	struct linux_plan_req r = {
	    .map = qemu_map,
	    .nmap = N(qemu_map),
	    .low_top = 0x9FC00,
	    .real_min = 0x10000,
	    .cmdline_len = 40,
	    .initrd_size = initrd,
	};

	return r;
}

static void test_qemu_typical(void **state)
{
	struct linux_kernel k = modern();
	struct linux_plan_req r = qemu_req(16 * MiB);
	struct linux_plan p;

	(void)state;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.real_addr, 0x10000);
	assert_int_equal(p.real_size, 28 * 512);
	assert_int_equal(p.seg, 0x1000);
	assert_int_equal(p.jump_cs, 0x1020);
	assert_int_equal(p.heap_end_ptr, 0xFE00);
	assert_int_equal(p.stack_ptr, 0xFFF0);
	assert_int_equal(p.cmdline_addr, 0x20000);
	assert_int_equal(p.cmdline_max, 2048);
	assert_int_equal(p.pm_addr, 0x100000);
	assert_int_equal(p.pm_size, 10 * MiB);
	assert_int_equal(p.kernel_end, 0x1000000 + 40 * MiB);
	// Highest page-aligned spot ending at the top of RAM.
	assert_int_equal(p.initrd_addr, 0x7FE0000 - 16 * MiB);
	assert_int_equal(p.initrd_size, 16 * MiB);
	assert_int_equal(p.initrd_limit, 0x80000000);
	assert_false(p.quiet);
}

// The request stage2 and the tool build: every field as given, the lowest
// X bzboot allows, quiet off, whatever the struct held before.
static void test_req_init(void **state)
{
	struct linux_kernel k = modern();
	struct linux_plan_req r, want = qemu_req(16 * MiB);
	struct linux_plan p;

	(void)state;
	memset(&r, 0xA5, sizeof(r));
	linux_plan_req_init(&r, qemu_map, N(qemu_map), 0x9FC00, 40, 16 * MiB,
			    96 * MiB);
	assert_ptr_equal(r.map, qemu_map);
	assert_int_equal(r.nmap, N(qemu_map));
	assert_int_equal(r.low_top, 0x9FC00);
	assert_int_equal(r.real_min, 0x10000);
	assert_int_equal(LINUX_REAL_MIN, 0x10000);
	assert_int_equal(r.cmdline_len, 40);
	assert_int_equal(r.initrd_size, 16 * MiB);
	assert_int_equal(r.mem_limit, 96 * MiB);
	assert_false(r.quiet);
	// It plans like the hand-built request, mem= included.
	want.mem_limit = 96 * MiB;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.real_addr, 0x10000);
	assert_int_equal(p.initrd_addr, 80 * MiB);
	assert_int_equal(linux_plan_layout(&k, &want, &p), 0);
	assert_int_equal(p.initrd_addr, 80 * MiB);
}

static void test_initrd_odd_size(void **state)
{
	struct linux_kernel k = modern();
	struct linux_plan_req r = qemu_req(0x123456);
	struct linux_plan p;

	(void)state;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.initrd_addr, 0x7EBC000);
	assert_int_equal(p.initrd_addr & 0xFFF, 0);
	assert_true(p.initrd_addr + p.initrd_size <= 0x7FE0000);
	assert_true(p.initrd_addr + p.initrd_size > 0x7FE0000 - 0x1000);
}

static void test_no_initrd(void **state)
{
	struct linux_kernel k = modern();
	struct linux_plan_req r = qemu_req(0);
	struct linux_plan p;

	(void)state;
	r.quiet = true;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.initrd_addr, 0);
	assert_int_equal(p.initrd_size, 0);
	assert_true(p.quiet);
}

static void test_initrd_addr_max(void **state)
{
	struct linux_kernel k = modern();
	struct linux_plan_req r = qemu_req(4 * MiB);
	struct linux_plan p;

	(void)state;
	// The last byte may sit on initrd_addr_max itself.
	k.initrd_addr_max = 0x3FFFFFF;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.initrd_addr, 0x4000000 - 4 * MiB);
	assert_int_equal(p.initrd_limit, 0x4000000);
	// Unaligned limit: rounded down to a page.
	k.initrd_addr_max = 0x3FFFFFF + 0x800;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.initrd_addr, 0x4000000 - 4 * MiB);
	// The 2.02 default (896 MiB) is above this RAM: no effect.
	k.initrd_addr_max = 0x37FFFFFF;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.initrd_addr, 0x7FE0000 - 4 * MiB);
}

static void test_mem_limit(void **state)
{
	struct linux_kernel k = modern();
	struct linux_plan_req r = qemu_req(4 * MiB);
	struct linux_plan p;

	(void)state;
	r.mem_limit = 96 * MiB;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.initrd_addr, 92 * MiB);
	assert_int_equal(p.initrd_limit, 96 * MiB);
	r.mem_limit = 96 * MiB + 0x123;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.initrd_addr, 92 * MiB);
	// mem= above RAM changes nothing.
	r.mem_limit = 4 * GiB;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.initrd_addr, 0x7FE0000 - 4 * MiB);
	// mem= right on the kernel's end leaves no room.
	r.mem_limit = 56 * MiB;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ENOINITRDROOM);
	assert_int_equal(p.initrd_limit, 56 * MiB);
}

static void test_initrd_vs_kernel(void **state)
{
	static const struct mem_range map[] = {
	    {0, 0x9F000, 1},
	    {0x100000, 0x8000000 - 0x100000, 1},
	};
	struct linux_kernel k = modern();
	struct linux_plan_req r = qemu_req(8 * MiB);
	struct linux_plan p;

	(void)state;
	r.map = map;
	r.nmap = N(map);
	r.low_top = 0x9F000;
	// Limit 64 MiB, kernel up to 56 MiB: 8 MiB fit exactly above it.
	k.initrd_addr_max = 0x3FFFFFF;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.initrd_addr, 56 * MiB);
	// 12 MiB would reach into init_size: refused, not overlapped.
	r.initrd_size = 12 * MiB;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ENOINITRDROOM);
	// With the limit gone it moves above the kernel instead.
	k.initrd_addr_max = 0x7FFFFFFF;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.initrd_addr, 128 * MiB - 12 * MiB);

	// A non-relocatable 2.10 kernel moves itself to pref_address: the
	// whole stretch from 1 MiB to pref_address + init_size is taken.
	k.relocatable = false;
	k.pref_address = 0x2000000;
	k.init_size = 60 * MiB;
	r.initrd_size = 37 * MiB;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ENOINITRDROOM);
	assert_int_equal(p.kernel_end, 92 * MiB);
	r.initrd_size = 36 * MiB;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.initrd_addr, 92 * MiB);

	// Relocatable: load 1 MiB, raised to pref_address, aligned up.
	k = modern();
	k.pref_address = 0x1100000;
	k.kernel_alignment = 0x1000000;
	r.initrd_size = 0;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.kernel_end, 0x2000000 + 40 * MiB);
}

static void test_old_kernel_fudge(void **state)
{
	static const struct mem_range map[] = {
	    {0, 0x9F000, 1}, {0x100000, 15 * MiB, 1}, // 16 MiB machine
	};
	struct linux_kernel k = modern();
	struct linux_plan_req r = qemu_req(9 * MiB);
	struct linux_plan p;

	(void)state;
	r.map = map;
	r.nmap = N(map);
	r.low_top = 0x9F000;
	// 2.04: no init_size, no relocation; assume 3x the PM part.
	k.version = 0x0204;
	k.relocatable = false;
	k.kernel_alignment = 0;
	k.init_size = 0;
	k.pref_address = 0;
	k.cmdline_size = 255;
	k.pm_size = 2 * MiB;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.kernel_end, 7 * MiB);
	assert_int_equal(p.initrd_addr, 7 * MiB);
	r.initrd_size = 9 * MiB + 1;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ENOINITRDROOM);
}

static void test_initrd_too_big(void **state)
{
	struct linux_kernel k = modern();
	struct linux_plan_req r = qemu_req(GiB);
	struct linux_plan p;

	(void)state;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ENOINITRDROOM);
	assert_int_equal(p.initrd_limit, 0x80000000);
	// Exactly all RAM above the kernel fits; a page more does not.
	r.initrd_size = 0x7FE0000 - 56 * MiB;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.initrd_addr, 56 * MiB);
	r.initrd_size += 1;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ENOINITRDROOM);
	// Bigger than any 32-bit address.
	r.initrd_size = 8 * GiB;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ENOINITRDROOM);
}

static void test_low_memory(void **state)
{
	struct linux_kernel k = modern();
	struct linux_plan_req r = qemu_req(0);
	struct linux_plan p;

	(void)state;
	// X + 64 KiB + 2048 bytes of command line must fit below low_top.
	r.low_top = 0x20000 + 2048;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.real_addr, 0x10000);
	r.low_top = 0x20000 + 2047;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ENOLOWMEM);
	r.low_top = 0x8000;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ENOLOWMEM);
	// real_min rounds up to a paragraph.
	r.low_top = 0x9FC00;
	r.real_min = 0x12345;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.real_addr, 0x12350);
	assert_int_equal(p.seg, 0x1235);
	assert_int_equal(p.jump_cs, 0x1255);
	assert_int_equal(p.cmdline_addr, 0x22350);
	// Never below 0x10000, whatever the loader says.
	r.real_min = 0x7C00;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.real_addr, 0x10000);
	// The block may end at 0xA0000 but not beyond, even if low_top
	// claims more.
	r.low_top = 0xB0000;
	r.real_min = 0xA0000 - 0x10000 - 2048;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	r.real_min += 16;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ENOLOWMEM);
}

static void test_cmdline_limit(void **state)
{
	struct linux_kernel k = modern();
	struct linux_plan_req r = qemu_req(0);
	struct linux_plan p;

	(void)state;
	r.cmdline_len = 2047;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.cmdline_max, 2048);
	r.cmdline_len = 2048;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ECMDLINE);
	// Before 2.06: 255 characters.
	k.version = 0x0205;
	k.cmdline_size = 255;
	r.cmdline_len = 255;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.cmdline_max, 256);
	r.cmdline_len = 256;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ECMDLINE);
	// An absurd cmdline_size reserves at most 64 KiB.
	k = modern();
	k.cmdline_size = 0xFFFFFFFF;
	r.cmdline_len = 5000;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.cmdline_max, 0x10000);
}

static void test_map_with_hole(void **state)
{
	static const struct mem_range map[] = {
	    {0, 0x9FC00, 1},
	    {0x100000, 0x4000000 - 0x100000, 1}, // to 64 MiB
	    // nothing described from 64 to 80 MiB
	    {0x5000000, 0x1000000, 1}, // 80..96 MiB
	};
	struct linux_kernel k = modern();
	struct linux_plan_req r = qemu_req(8 * MiB);
	struct linux_plan p;

	(void)state;
	r.map = map;
	r.nmap = N(map);
	k.init_size = 20 * MiB; // kernel to 36 MiB
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.initrd_addr, 96 * MiB - 8 * MiB);
	// 20 MiB only fits below the hole.
	r.initrd_size = 20 * MiB;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.initrd_addr, 64 * MiB - 20 * MiB);
	// 30 MiB fits nowhere: not across the hole, not over the kernel.
	r.initrd_size = 30 * MiB;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ENOINITRDROOM);
}

static void test_unsorted_overlapping(void **state)
{
	static const struct mem_range map[] = {
	    {0x4F00000, 0x10000, 2},   // reserved inside RAM
	    {0x2000000, 0x3000000, 1}, // 32..80 MiB
	    {0xFFFC0000, 0x40000, 2},
	    {0x9FC00, 0x400, 2},
	    {0x100000, 0x2F00000, 1}, // 1..48 MiB, overlaps
	    {0, 0x9FC00, 1},
	    {0x7000000, 0, 2}, // empty entry: ignored
	};
	struct linux_kernel k = modern();
	struct linux_plan_req r = qemu_req(MiB);
	struct linux_plan p;

	(void)state;
	r.map = map;
	r.nmap = N(map);
	// RAM tops out at 80 MiB but 0x4F00000..0x4F10000 is reserved and
	// wins: only 960 KiB above it, so 1 MiB goes right below.
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.initrd_addr, 0x4F00000 - MiB);
	r.initrd_size = 960 * KiB;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.initrd_addr, 0x4F10000);
	// Across the seam of the two overlapping RAM entries (48 MiB).
	r.initrd_size = 0x4F00000 - 56 * MiB;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.initrd_addr, 56 * MiB);
}

static void test_adjacent_entries(void **state)
{
	static const struct mem_range map[] = {
	    {0x100000, 0x3F00000, 1}, // 1..64 MiB
	    {0x4000000, 0x80000, 1},  // 64..64.5 MiB
	    {0, 0x9FC00, 1},
	};
	struct linux_kernel k = modern();
	struct linux_plan_req r = qemu_req(MiB);
	struct linux_plan p;

	(void)state;
	r.map = map;
	r.nmap = N(map);
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.initrd_addr, 0x4080000 - MiB);
}

static void test_ram_above_4g(void **state)
{
	static const struct mem_range map[] = {
	    {0, 0x9FC00, 1},
	    {0x100000, 0xC0000000 - 0x100000, 1},
	    {0xC0000000, 0x40000000, 2},	 // PCI hole
	    {0x100000000ull, 0x100000000ull, 1}, // 4..8 GiB
	};
	static const struct mem_range across[] = {
	    {0, 0x9FC00, 1},
	    {0x100000, 0x140000000ull - 0x100000, 1}, // to 5 GiB
	};
	struct linux_kernel k = modern();
	struct linux_plan_req r = qemu_req(64 * MiB);
	struct linux_plan p;

	(void)state;
	r.map = map;
	r.nmap = N(map);
	k.initrd_addr_max = 0xFFFFFFFF;
	k.xloadflags |= XLF_CAN_BE_LOADED_ABOVE_4G;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.initrd_addr, 0xC0000000 - 64 * MiB);
	assert_int_equal(p.initrd_limit, 0x100000000ull);
	// RAM running across 4 GiB: the initrd may end exactly there.
	r.map = across;
	r.nmap = N(across);
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.initrd_addr, 0x100000000ull - 64 * MiB);
	// Only RAM above 4 GiB besides the kernel's: no room.
	r.map = map;
	r.nmap = N(map);
	r.initrd_size = 3 * GiB;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ENOINITRDROOM);
}

static void test_kernel_does_not_fit(void **state)
{
	static const struct mem_range small[] = {
	    {0, 0x9FC00, 1},
	    {0x100000, 8 * MiB, 1},
	};
	static const struct mem_range mid[] = {
	    {0, 0x9FC00, 1},
	    {0x100000, 40 * MiB, 1},
	};
	static const struct mem_range holed[] = {
	    {0, 0x9FC00, 1},
	    {0x100000, 64 * MiB, 1},
	    {0x600000, 4 * KiB, 2}, // inside the PM part
	};
	struct linux_kernel k = modern();
	struct linux_plan_req r = qemu_req(0);
	struct linux_plan p;

	(void)state;
	// The PM part itself (10 MiB at 1 MiB) is not in RAM.
	r.map = small;
	r.nmap = N(small);
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ENOHIGHMEM);
	// It is, but init_size at 16 MiB is not.
	r.map = mid;
	r.nmap = N(mid);
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ENOHIGHMEM);
	r.map = holed;
	r.nmap = N(holed);
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ENOHIGHMEM);
	// No map at all.
	r.map = NULL;
	r.nmap = 0;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ENOHIGHMEM);
}

static void test_runtime_out_of_range(void **state)
{
	static const struct mem_range all[] = {
	    {0, UINT64_MAX, 1}, // everything "usable": only the rule counts
	};
	struct linux_kernel k = modern();
	struct linux_plan_req r = qemu_req(0);
	struct linux_plan p;

	(void)state;
	r.map = all;
	r.nmap = N(all);
	r.low_top = 0x9FC00;
	// A non-relocatable kernel that would run in low memory, over the
	// real-mode block and the command line.
	k.relocatable = false;
	k.pref_address = 0x20000;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ENOHIGHMEM);
	k.pref_address = 0xFFFFF;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ENOHIGHMEM);
	k.pref_address = 0x100000;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	// ... or one whose runtime would wrap past 2^64.
	k.pref_address = UINT64_MAX - 0x1000;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ENOHIGHMEM);
	k.pref_address = UINT64_MAX - k.init_size;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.kernel_end, UINT64_MAX);
}

static void test_refusals(void **state)
{
	struct linux_kernel k = modern();
	struct linux_plan_req r = qemu_req(0);
	struct linux_plan p;

	(void)state;
	k.setup_size = 0x8200;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ESETUPTOOBIG);
	k = modern();
	k.kernel_alignment = 0x300000;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_EBADALIGN);
	k = modern();
	assert_int_equal(linux_plan_layout(NULL, &r, &p), LINUX_EINVAL);
	assert_int_equal(linux_plan_layout(&k, NULL, &p), LINUX_EINVAL);
	assert_int_equal(linux_plan_layout(&k, &r, NULL), LINUX_EINVAL);
	r.map = NULL;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_EINVAL);
}

// --- the legacy layout: zImage, 2.01 and older ------------------------

// An "old" kernel (no HdrS): a 4-sector setup and a 400 KiB zImage.
static struct linux_kernel old_kernel(void)
{
	struct linux_kernel k = {
	    .version = 0,
	    .setup_sects = 4,
	    .setup_size = 5 * 512,
	    .pm_offset = 5 * 512,
	    .pm_size = 400 * KiB,
	    .initrd_addr_max = 0x37FFFFFF,
	    .cmdline_size = 255,
	};

	return k;
}

static void test_old_kernel(void **state)
{
	struct linux_kernel k = old_kernel();
	struct linux_plan_req r = qemu_req(0);
	struct linux_plan p;

	(void)state;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	// Real mode at 0x90000, boot.rst's sample layout for it.
	assert_int_equal(p.real_addr, 0x90000);
	assert_int_equal(p.real_size, 5 * 512);
	assert_int_equal(p.seg, 0x9000);
	assert_int_equal(p.jump_cs, 0x9020);
	assert_int_equal(p.stack_ptr, 0x9800);
	assert_int_equal(p.cmdline_addr, 0x99800);
	assert_int_equal(p.cmdline_max, 256);
	assert_int_equal(p.setup_move_size, 0); // not a field before 2.00
	// From the end of setup to the 32 KiB mark: cleared.
	assert_int_equal(p.clear_addr, 0x90A00);
	assert_int_equal(p.clear_len, 0x8000 - 0xA00);
	// The zImage at 0x10000, staged at 1 MiB; it decompresses to 1 MiB
	// (three times its size assumed, no init_size before 2.10).
	assert_int_equal(p.pm_addr, 0x10000);
	assert_int_equal(p.pm_size, 400 * KiB);
	assert_int_equal(p.pm_stage_addr, 0x100000);
	assert_int_equal(p.runtime_start, 0x100000);
	assert_int_equal(p.kernel_end, 0x100000 + 1200 * KiB);
	assert_int_equal(p.initrd_addr, 0);
	// Everything below 0x9A000.
	assert_true(p.cmdline_addr + p.cmdline_max <= 0x9A000);
	// setup_sects 31: the clearing shrinks to what is left.
	k.setup_sects = 31;
	k.setup_size = 32 * 512;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.clear_addr, 0x94000);
	assert_int_equal(p.clear_len, 0x4000);
	// 63 sectors: nothing left to clear.
	k.setup_sects = 63;
	k.setup_size = 64 * 512;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.clear_addr, 0x98000);
	assert_int_equal(p.clear_len, 0);
}

static void test_old_kernel_refusals(void **state)
{
	struct linux_kernel k = old_kernel();
	struct linux_plan_req r = qemu_req(MiB);
	struct linux_plan p;

	(void)state;
	// No initrd before 2.00.
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ENOINITRD);
	// 255 characters at most.
	r = qemu_req(0);
	r.cmdline_len = 255;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	r.cmdline_len = 256;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ECMDLINE);
	// The zImage must end at 0x90000, where its setup goes.
	r.cmdline_len = 0;
	k.pm_size = 0x80000;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.pm_addr + p.pm_size, 0x90000);
	k.pm_size = 0x80001;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_EZIMAGETOOBIG);
	// ... and the caller can name both.
	assert_int_equal(p.pm_addr, 0x10000);
	assert_int_equal(p.pm_size, 0x80001);
}

static void test_legacy_low_memory(void **state)
{
	struct linux_kernel k = old_kernel();
	struct linux_plan_req r = qemu_req(0);
	struct linux_plan p;

	(void)state;
	// Stack/heap and the 256 bytes of command line up to 0x99900.
	r.low_top = 0x99900;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	r.low_top = 0x998FF;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ENOLOWMEM);
	// A loader that wants X above 0x90000 cannot have it here.
	r.low_top = 0x9FC00;
	r.real_min = 0x90010;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ENOLOWMEM);
	r.real_min = 0x90000;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	r.real_min = 0xFFFFFFFF;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ENOLOWMEM);
	// The same for a bzImage: no overflow past 4 GiB.
	k = modern();
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ENOLOWMEM);
}

static void test_legacy_kernel_memory(void **state)
{
	static const struct mem_range low_short[] = {
	    {0, 0x80000, 1}, // 512 KiB of low RAM
	    {0x100000, 64 * MiB, 1},
	};
	static const struct mem_range no_high[] = {
	    {0, 0x9FC00, 1}, {0x100000, 0x40000, 1}, // 256 KiB above 1 MiB
	};
	struct linux_kernel k = old_kernel();
	struct linux_plan_req r = qemu_req(0);
	struct linux_plan p;

	(void)state;
	// The zImage's own place is not all RAM.
	r.map = low_short;
	r.nmap = N(low_short);
	k.pm_size = 0x70001;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ENOHIGHMEM);
	k.pm_size = 0x70000;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	// Nowhere to stage it above 1 MiB.
	k = old_kernel();
	r.map = no_high;
	r.nmap = N(no_high);
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ENOHIGHMEM);
	k.pm_size = 0x40000;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
}

static void test_200_201(void **state)
{
	struct linux_kernel k = old_kernel();
	struct linux_plan_req r = qemu_req(2 * MiB);
	struct linux_plan p;

	(void)state;
	// A 2.00 bzImage: real mode at 0x90000 all the same, PM at 1 MiB.
	k.version = 0x0200;
	k.bzimage = true;
	k.loadflags = LOADED_HIGH;
	k.pm_size = 2 * MiB;
	r.cmdline_len = 40;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.real_addr, 0x90000);
	assert_int_equal(p.seg, 0x9000);
	assert_int_equal(p.jump_cs, 0x9020);
	assert_int_equal(p.heap_end_ptr, 0x9600);
	assert_int_equal(p.stack_ptr, 0x9800);
	assert_int_equal(p.cmdline_addr, 0x99800);
	assert_int_equal(p.cmdline_max, 256);
	// setup_move_size covers the command line and its NUL.
	assert_int_equal(p.setup_move_size, 0x9800 + 40 + 1);
	assert_int_equal(p.clear_len, 0);
	assert_int_equal(p.pm_addr, 0x100000);
	assert_int_equal(p.pm_stage_addr, 0x100000);
	assert_int_equal(p.kernel_end, 0x100000 + 6 * MiB);
	// The initrd: top of RAM (below the 0x37FFFFFF default).
	assert_int_equal(p.initrd_addr, 0x7FE0000 - 2 * MiB);
	// 2.01 zImage.
	k.version = 0x0201;
	k.bzimage = false;
	k.loadflags = 0;
	k.pm_size = 500 * KiB;
	r.cmdline_len = 255;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.setup_move_size, 0x9800 + 256);
	assert_int_equal(p.pm_addr, 0x10000);
	assert_int_equal(p.pm_stage_addr, 0x100000);
	assert_int_equal(p.initrd_addr, 0x7FE0000 - 2 * MiB);
}

static void test_202_zimage(void **state)
{
	struct linux_kernel k = old_kernel();
	struct linux_plan_req r = qemu_req(0);
	struct linux_plan p;

	(void)state;
	k.version = 0x0202;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.real_addr, 0x90000);
	assert_int_equal(p.heap_end_ptr, 0x9600);
	assert_int_equal(p.cmdline_addr, 0x99800);
	assert_int_equal(p.setup_move_size, 0); // 2.02: cmd_line_ptr instead
	assert_int_equal(p.clear_len, 0);
	assert_int_equal(p.pm_addr, 0x10000);
	assert_int_equal(p.pm_stage_addr, 0x100000);
	// A zImage that says cmdline_size 2047 (2.06+) has 0x800 bytes
	// before 0x9A000: all of it.
	k.version = 0x0206;
	k.cmdline_size = 2047;
	r.cmdline_len = 2047;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.cmdline_max, 0x800);
	// One that claims more still gets only what ends at 0x9A000.
	k.cmdline_size = 4095;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.cmdline_max, 0x800);
	r.cmdline_len = 2048;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ECMDLINE);
}

static void test_zimage_initrd(void **state)
{
	static const struct mem_range map[] = {
	    {0, 0x9FC00, 1}, {0x100000, 3 * MiB, 1}, // 4 MiB machine
	};
	struct linux_kernel k = old_kernel();
	struct linux_plan_req r = qemu_req(MiB + 4 * KiB);
	struct linux_plan p;

	(void)state;
	// The staged PM part and the decompressed kernel (1200 KiB from
	// 1 MiB) stay clear of the initrd.
	k.version = 0x0202;
	r.map = map;
	r.nmap = N(map);
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.kernel_end, 0x100000 + 1200 * KiB);
	assert_int_equal(p.initrd_addr, 4 * MiB - MiB - 4 * KiB);
	r.initrd_size = 4 * MiB - 0x100000 - 1200 * KiB;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.initrd_addr, p.kernel_end);
	r.initrd_size += 1;
	assert_int_equal(linux_plan_layout(&k, &r, &p), LINUX_ENOINITRDROOM);
}

static void test_203_initrd_addr_max(void **state)
{
	static const struct mem_range map[] = {
	    {0, 0x9FC00, 1}, {0x100000, 0x7FF00000, 1}, // 2 GiB
	};
	struct linux_kernel k = modern();
	struct linux_plan_req r = qemu_req(8 * MiB);
	struct linux_plan p;

	(void)state;
	r.map = map;
	r.nmap = N(map);
	k.version = 0x0202;
	k.relocatable = false;
	k.kernel_alignment = 0;
	k.init_size = 0;
	k.pref_address = 0;
	k.cmdline_size = 255;
	k.initrd_addr_max = 0x37FFFFFF; // what parse assumes before 2.03
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.initrd_addr, 0x38000000 - 8 * MiB);
	k.version = 0x0203;
	k.initrd_addr_max = 0x7FFFFFFF;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.initrd_addr, 0x80000000 - 8 * MiB);
}

static void test_205_relocatable(void **state)
{
	struct linux_kernel k = modern();
	struct linux_plan_req r = qemu_req(0);
	struct linux_plan p;

	(void)state;
	// 2.05: no init_size or pref_address; a relocatable kernel runs from
	// 1 MiB aligned up to kernel_alignment, 3x its size assumed.
	k.version = 0x0205;
	k.init_size = 0;
	k.pref_address = 0;
	k.cmdline_size = 255;
	k.kernel_alignment = 0x400000;
	k.pm_size = 2 * MiB;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.pm_addr, 0x100000);
	assert_int_equal(p.pm_stage_addr, 0x100000);
	assert_int_equal(p.runtime_start, 0x400000);
	assert_int_equal(p.kernel_end, 0x400000 + 6 * MiB);
	// Not relocatable: it runs where it is loaded, 1 MiB.
	k.relocatable = false;
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.runtime_start, 0x100000);
	assert_int_equal(p.kernel_end, 0x100000 + 6 * MiB);
	// 2.10: from pref_address, init_size of it.
	k = modern();
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.runtime_start, 0x1000000);
	assert_int_equal(p.kernel_end, 0x1000000 + 40 * MiB);
}

// A parsed header feeds the planner, whose plan feeds the header writer.
static void test_parse_plan_write(void **state)
{
	static uint8_t img[28 * 512];
	struct linux_kernel k;
	struct linux_plan_req r = qemu_req(5 * MiB + 3);
	struct linux_plan p;

	(void)state;
	memset(img, 0, sizeof(img));
	img[0x1F1] = 27;
	img[0x1FE] = 0x55;
	img[0x1FF] = 0xAA;
	img[0x200] = 0xEB;
	img[0x201] = 0x6A;
	memcpy(img + 0x202, "HdrS", 4);
	img[0x206] = 0x0F;
	img[0x207] = 0x02;
	img[0x211] = LOADED_HIGH;
	img[0x216] = 0x10; // code32_start 0x100000
	img[0x22F] = 0x7F; // initrd_addr_max 0x7F000000
	img[0x232] = 0x20; // kernel_alignment 0x200000
	img[0x234] = 1;
	img[0x238] = 0xFF; // cmdline_size 2047
	img[0x239] = 0x07;
	img[0x25A] = 0x00;
	img[0x25B] = 0x01; // pref_address 0x1000000
	img[0x263] = 0x02; // init_size 0x2000000
	assert_int_equal(
	    linux_parse_header(img, sizeof(img), sizeof(img) + 8 * MiB, &k), 0);
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.kernel_end, 48 * MiB);
	assert_int_equal(p.initrd_addr, (0x7FE0000 - 5 * MiB - 3) & ~0xFFFu);
	assert_int_equal(linux_write_header(img, sizeof(img), &k, &p, -1), 0);
	assert_int_equal(img[0x210], 0xFF);
	assert_int_equal(img[0x211], LOADED_HIGH | CAN_USE_HEAP);
	assert_int_equal(img[0x224] | img[0x225] << 8, 0xFE00);
	assert_int_equal(img[0x228] | img[0x229] << 8 | img[0x22A] << 16,
			 0x20000);
	assert_int_equal(img[0x21C] | img[0x21D] << 8 | img[0x21E] << 16,
			 5 * MiB + 3);
}

// Parse, plan and write each legacy version from bytes: the 0x90000
// layout, and the header fields of each.
static void test_parse_plan_write_legacy(void **state)
{
	static uint8_t img[5 * 512];
	static const uint16_t versions[] = {0, 0x0200, 0x0201, 0x0202};
	struct linux_kernel k;
	struct linux_plan_req r = qemu_req(0);
	struct linux_plan p;
	uint32_t pm = 0x50000;
	size_t i;

	(void)state;
	r.cmdline_len = 10;
	for (i = 0; i < N(versions); i++) {
		uint16_t v = versions[i];

		memset(img, 0, sizeof(img));
		img[0x1F1] = 4;
		img[0x1F4] = (uint8_t)(pm / 16);
		img[0x1F5] = (uint8_t)(pm / 16 >> 8);
		img[0x1FE] = 0x55;
		img[0x1FF] = 0xAA;
		if (v) {
			img[0x200] = 0xEB;
			img[0x201] = 0x22;
			memcpy(img + 0x202, "HdrS", 4);
			img[0x206] = (uint8_t)v;
			img[0x207] = 0x02;
			img[0x214] = 0x00; // code32_start 0x1000, a zImage's
			img[0x215] = 0x10;
		}
		assert_int_equal(
		    linux_parse_header(img, sizeof(img), sizeof(img) + pm, &k),
		    0);
		assert_int_equal(k.version, v);
		assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
		assert_int_equal(p.real_addr, 0x90000);
		assert_int_equal(p.pm_addr, 0x10000);
		assert_int_equal(p.pm_stage_addr, 0x100000);
		assert_int_equal(
		    linux_write_header(img, sizeof(img), &k, &p, -1), 0);
		// The old command line protocol before 2.02, else cmd_line_ptr.
		if (v < 0x0202) {
			assert_int_equal(img[0x20] | img[0x21] << 8, 0xA33F);
			assert_int_equal(img[0x22] | img[0x23] << 8, 0x9800);
		} else {
			assert_int_equal(img[0x20] | img[0x21] << 8, 0);
			assert_int_equal(img[0x228] | img[0x229] << 8 |
					     img[0x22A] << 16,
					 0x99800);
		}
		assert_int_equal(img[0x212] | img[0x213] << 8,
				 v && v < 0x0202 ? 0x9800 + 11 : 0);
		assert_int_equal(img[0x210], v ? 0xFF : 0);
		assert_int_equal(img[0x211], v >= 0x0201 ? CAN_USE_HEAP : 0);
		assert_int_equal(img[0x224] | img[0x225] << 8,
				 v >= 0x0201 ? 0x9600 : 0);
		// code32_start of a zImage is never touched.
		assert_int_equal(img[0x214] | img[0x215] << 8, v ? 0x1000 : 0);
		assert_int_equal(p.clear_len, v ? 0 : 0x8000 - 0xA00);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_qemu_typical),
	    cmocka_unit_test(test_req_init),
	    cmocka_unit_test(test_initrd_odd_size),
	    cmocka_unit_test(test_no_initrd),
	    cmocka_unit_test(test_initrd_addr_max),
	    cmocka_unit_test(test_mem_limit),
	    cmocka_unit_test(test_initrd_vs_kernel),
	    cmocka_unit_test(test_old_kernel_fudge),
	    cmocka_unit_test(test_initrd_too_big),
	    cmocka_unit_test(test_low_memory),
	    cmocka_unit_test(test_cmdline_limit),
	    cmocka_unit_test(test_map_with_hole),
	    cmocka_unit_test(test_unsorted_overlapping),
	    cmocka_unit_test(test_adjacent_entries),
	    cmocka_unit_test(test_ram_above_4g),
	    cmocka_unit_test(test_kernel_does_not_fit),
	    cmocka_unit_test(test_runtime_out_of_range),
	    cmocka_unit_test(test_refusals),
	    cmocka_unit_test(test_old_kernel),
	    cmocka_unit_test(test_old_kernel_refusals),
	    cmocka_unit_test(test_legacy_low_memory),
	    cmocka_unit_test(test_legacy_kernel_memory),
	    cmocka_unit_test(test_200_201),
	    cmocka_unit_test(test_202_zimage),
	    cmocka_unit_test(test_zimage_initrd),
	    cmocka_unit_test(test_203_initrd_addr_max),
	    cmocka_unit_test(test_205_relocatable),
	    cmocka_unit_test(test_parse_plan_write),
	    cmocka_unit_test(test_parse_plan_write_legacy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
