// SPDX-License-Identifier: BSD-2-Clause
// Unit tests for protocol/layout.c, 2.02+ bzImages: the real-mode block,
// the kernel and the initrd placed from synthetic E820 maps, one row each.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "protocol/bootparam.h"
#include "protocol/linux.h"
#include "tests/unit/support/layout_case.h"

// A row names only what it sets: the fields after its base kernel's (a
// later designator overrides an earlier one), and only the plan fields it
// checks (the rest zero, EQ by default).
#pragma GCC diagnostic ignored "-Woverride-init"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

// 128 MiB: low RAM to 0x9F000, then from 1 MiB on; nothing reserved.
static const struct mem_range ram128[] = {
    {0, 0x9F000, 1},
    {0x100000, 0x8000000 - 0x100000, 1},
};
// A 16 MiB machine.
static const struct mem_range ram16[] = {
    {0, 0x9F000, 1},
    {0x100000, 15 * MiB, 1},
};
static const struct mem_range hole[] = {
    {0, 0x9FC00, 1},
    {0x100000, 0x4000000 - 0x100000, 1}, // to 64 MiB
    // nothing described from 64 to 80 MiB
    {0x5000000, 0x1000000, 1}, // 80..96 MiB
};
static const struct mem_range unsorted[] = {
    {0x4F00000, 0x10000, 2},   // reserved inside RAM
    {0x2000000, 0x3000000, 1}, // 32..80 MiB
    {0xFFFC0000, 0x40000, 2},  {0x9FC00, 0x400, 2},
    {0x100000, 0x2F00000, 1},			  // 1..48 MiB, overlaps
    {0, 0x9FC00, 1},	       {0x7000000, 0, 2}, // empty entry: ignored
};
static const struct mem_range adjacent[] = {
    {0x100000, 0x3F00000, 1}, // 1..64 MiB
    {0x4000000, 0x80000, 1},  // 64..64.5 MiB
    {0, 0x9FC00, 1},
};
static const struct mem_range above_4g[] = {
    {0, 0x9FC00, 1},
    {0x100000, 0xC0000000 - 0x100000, 1},
    {0xC0000000, 0x40000000, 2},	 // PCI hole
    {0x100000000ull, 0x100000000ull, 1}, // 4..8 GiB
};
static const struct mem_range across_4g[] = {
    {0, 0x9FC00, 1}, {0x100000, 0x140000000ull - 0x100000, 1}, // to 5 GiB
};
static const struct mem_range ram8[] = {
    {0, 0x9FC00, 1},
    {0x100000, 8 * MiB, 1},
};
static const struct mem_range ram40[] = {
    {0, 0x9FC00, 1},
    {0x100000, 40 * MiB, 1},
};
static const struct mem_range pm_holed[] = {
    {0, 0x9FC00, 1},
    {0x100000, 64 * MiB, 1},
    {0x600000, 4 * KiB, 2}, // inside the PM part
};
static const struct mem_range all[] = {
    {0, UINT64_MAX, 1}, // everything "usable": only the rule counts
};

// 2.04: no init_size, no relocation; 3x the PM part assumed.
#define V204                                                                   \
	MODERN, .version = 0x0204, .relocatable = false,                       \
		.kernel_alignment = 0, .init_size = 0, .pref_address = 0,      \
		.cmdline_size = 255, .pm_size = 2 * MiB
// A 2.10 kernel that is not relocatable: it moves itself to pref_address.
#define FIXED MODERN, .relocatable = false

static const struct layout_case rows[] = {
    {"qemu typical",
     {MODERN},
     {QEMU, .initrd_size = 16 * MiB},
     0,
     {{REAL_ADDR, 0x10000},
      {REAL_SIZE, 28 * 512},
      {SEG, 0x1000},
      {JUMP_CS, 0x1020},
      {HEAP_END_PTR, 0xFE00},
      {STACK_PTR, 0xFFF0},
      {CMDLINE_ADDR, 0x20000},
      {CMDLINE_MAX, 2048},
      {PM_ADDR, 0x100000},
      {PM_SIZE, 10 * MiB},
      {KERNEL_END, 0x1000000 + 40 * MiB},
      // Highest page-aligned spot ending at the top of RAM.
      {INITRD_ADDR, 0x7FE0000 - 16 * MiB},
      {INITRD_SIZE, 16 * MiB},
      {INITRD_LIMIT, 0x80000000},
      {QUIET, 0}}},
    {"initrd of an odd size: page-aligned, ending in the top page",
     {MODERN},
     {QEMU, .initrd_size = 0x123456},
     0,
     {{INITRD_ADDR, 0x7EBC000},
      {INITRD_PAGE_OFF, 0},
      {INITRD_END, 0x7FE0000, LE},
      {INITRD_END, 0x7FE0000 - 0x1000, GT}}},
    {"no initrd, quiet",
     {MODERN},
     {QEMU, .quiet = true},
     0,
     {{INITRD_ADDR, 0}, {INITRD_SIZE, 0}, {QUIET, 1}}},
    // The last byte may sit on initrd_addr_max itself.
    {"initrd_addr_max ends the initrd",
     {MODERN, .initrd_addr_max = 0x3FFFFFF},
     {QEMU, .initrd_size = 4 * MiB},
     0,
     {{INITRD_ADDR, 0x4000000 - 4 * MiB}, {INITRD_LIMIT, 0x4000000}}},
    {"unaligned initrd_addr_max: rounded down to a page",
     {MODERN, .initrd_addr_max = 0x3FFFFFF + 0x800},
     {QEMU, .initrd_size = 4 * MiB},
     0,
     {{INITRD_ADDR, 0x4000000 - 4 * MiB}}},
    {"initrd_addr_max 896 MiB, above this RAM: no effect",
     {MODERN, .initrd_addr_max = 0x37FFFFFF},
     {QEMU, .initrd_size = 4 * MiB},
     0,
     {{INITRD_ADDR, 0x7FE0000 - 4 * MiB}}},
    {"mem= caps the initrd",
     {MODERN},
     {QEMU, .initrd_size = 4 * MiB, .mem_limit = 96 * MiB},
     0,
     {{INITRD_ADDR, 92 * MiB}, {INITRD_LIMIT, 96 * MiB}}},
    {"mem= unaligned",
     {MODERN},
     {QEMU, .initrd_size = 4 * MiB, .mem_limit = 96 * MiB + 0x123},
     0,
     {{INITRD_ADDR, 92 * MiB}}},
    {"mem= above RAM changes nothing",
     {MODERN},
     {QEMU, .initrd_size = 4 * MiB, .mem_limit = 4 * GiB},
     0,
     {{INITRD_ADDR, 0x7FE0000 - 4 * MiB}}},
    {"mem= right on the kernel's end leaves no room",
     {MODERN},
     {QEMU, .initrd_size = 4 * MiB, .mem_limit = 56 * MiB},
     LINUX_ENOINITRDROOM,
     {{INITRD_LIMIT, 56 * MiB}}},
    // Limit 64 MiB, kernel up to 56 MiB.
    {"initrd fits exactly above the kernel",
     {MODERN, .initrd_addr_max = 0x3FFFFFF},
     {QEMU, ON(ram128), .low_top = 0x9F000, .initrd_size = 8 * MiB},
     0,
     {{INITRD_ADDR, 56 * MiB}}},
    {"initrd reaching into init_size: refused, not overlapped",
     {MODERN, .initrd_addr_max = 0x3FFFFFF},
     {QEMU, ON(ram128), .low_top = 0x9F000, .initrd_size = 12 * MiB},
     LINUX_ENOINITRDROOM},
    {"without the limit it moves above the kernel",
     {MODERN},
     {QEMU, ON(ram128), .low_top = 0x9F000, .initrd_size = 12 * MiB},
     0,
     {{INITRD_ADDR, 128 * MiB - 12 * MiB}}},
    // The whole stretch from 1 MiB to pref_address + init_size is taken.
    {"not relocatable 2.10: no room below pref_address + init_size",
     {FIXED, .pref_address = 0x2000000, .init_size = 60 * MiB},
     {QEMU, ON(ram128), .low_top = 0x9F000, .initrd_size = 37 * MiB},
     LINUX_ENOINITRDROOM,
     {{KERNEL_END, 92 * MiB}}},
    {"not relocatable 2.10: the initrd above its runtime",
     {FIXED, .pref_address = 0x2000000, .init_size = 60 * MiB},
     {QEMU, ON(ram128), .low_top = 0x9F000, .initrd_size = 36 * MiB},
     0,
     {{INITRD_ADDR, 92 * MiB}}},
    {"relocatable: load 1 MiB, raised to pref_address, aligned up",
     {MODERN, .pref_address = 0x1100000, .kernel_alignment = 0x1000000},
     {QEMU, ON(ram128), .low_top = 0x9F000},
     0,
     {{KERNEL_END, 0x2000000 + 40 * MiB}}},
    {"2.04 fudge: 3x the PM part, the initrd right above",
     {V204},
     {QEMU, ON(ram16), .low_top = 0x9F000, .initrd_size = 9 * MiB},
     0,
     {{KERNEL_END, 7 * MiB}, {INITRD_ADDR, 7 * MiB}}},
    {"2.04 fudge: a byte more does not fit",
     {V204},
     {QEMU, ON(ram16), .low_top = 0x9F000, .initrd_size = 9 * MiB + 1},
     LINUX_ENOINITRDROOM},
    {"initrd of 1 GiB",
     {MODERN},
     {QEMU, .initrd_size = GiB},
     LINUX_ENOINITRDROOM,
     {{INITRD_LIMIT, 0x80000000}}},
    {"initrd of exactly all RAM above the kernel",
     {MODERN},
     {QEMU, .initrd_size = 0x7FE0000 - 56 * MiB},
     0,
     {{INITRD_ADDR, 56 * MiB}}},
    {"initrd a byte over all RAM above the kernel",
     {MODERN},
     {QEMU, .initrd_size = 0x7FE0000 - 56 * MiB + 1},
     LINUX_ENOINITRDROOM},
    {"initrd bigger than any 32-bit address",
     {MODERN},
     {QEMU, .initrd_size = 8 * GiB},
     LINUX_ENOINITRDROOM},
    // X + 64 KiB + 2048 bytes of command line must fit below low_top.
    {"low_top just enough",
     {MODERN},
     {QEMU, .low_top = 0x20000 + 2048},
     0,
     {{REAL_ADDR, 0x10000}}},
    {"low_top a byte short",
     {MODERN},
     {QEMU, .low_top = 0x20000 + 2047},
     LINUX_ENOLOWMEM},
    {"low_top below X", {MODERN}, {QEMU, .low_top = 0x8000}, LINUX_ENOLOWMEM},
    {"real_min rounds up to a paragraph",
     {MODERN},
     {QEMU, .real_min = 0x12345},
     0,
     {{REAL_ADDR, 0x12350},
      {SEG, 0x1235},
      {JUMP_CS, 0x1255},
      {CMDLINE_ADDR, 0x22350}}},
    {"X never below 0x10000, whatever the loader says",
     {MODERN},
     {QEMU, .real_min = 0x7C00},
     0,
     {{REAL_ADDR, 0x10000}}},
    // The block may end at 0xA0000 even if low_top claims more ...
    {"real-mode block ending at 0xA0000",
     {MODERN},
     {QEMU, .low_top = 0xB0000, .real_min = 0xA0000 - 0x10000 - 2048},
     0},
    // ... but not beyond.
    {"real-mode block past 0xA0000",
     {MODERN},
     {QEMU, .low_top = 0xB0000, .real_min = 0xA0000 - 0x10000 - 2048 + 16},
     LINUX_ENOLOWMEM},
    {"command line of 2047 characters",
     {MODERN},
     {QEMU, .cmdline_len = 2047},
     0,
     {{CMDLINE_MAX, 2048}}},
    {"command line over cmdline_size",
     {MODERN},
     {QEMU, .cmdline_len = 2048},
     LINUX_ECMDLINE},
    // Before 2.06: 255 characters.
    {"2.05 command line of 255",
     {MODERN, .version = 0x0205, .cmdline_size = 255},
     {QEMU, .cmdline_len = 255},
     0,
     {{CMDLINE_MAX, 256}}},
    {"2.05 command line of 256",
     {MODERN, .version = 0x0205, .cmdline_size = 255},
     {QEMU, .cmdline_len = 256},
     LINUX_ECMDLINE},
    {"an absurd cmdline_size reserves at most 64 KiB",
     {MODERN, .cmdline_size = 0xFFFFFFFF},
     {QEMU, .cmdline_len = 5000},
     0,
     {{CMDLINE_MAX, 0x10000}}},
    {"map with a hole: the initrd above it",
     {MODERN, .init_size = 20 * MiB}, // kernel to 36 MiB
     {QEMU, ON(hole), .initrd_size = 8 * MiB},
     0,
     {{INITRD_ADDR, 96 * MiB - 8 * MiB}}},
    {"map with a hole: 20 MiB only fit below it",
     {MODERN, .init_size = 20 * MiB},
     {QEMU, ON(hole), .initrd_size = 20 * MiB},
     0,
     {{INITRD_ADDR, 64 * MiB - 20 * MiB}}},
    {"map with a hole: 30 MiB fit not across it, not over the kernel",
     {MODERN, .init_size = 20 * MiB},
     {QEMU, ON(hole), .initrd_size = 30 * MiB},
     LINUX_ENOINITRDROOM},
    // RAM tops out at 80 MiB but 0x4F00000..0x4F10000 is reserved and
    // wins: only 960 KiB above it, so 1 MiB goes right below.
    {"unsorted map: a reserved range inside RAM wins",
     {MODERN},
     {QEMU, ON(unsorted), .initrd_size = MiB},
     0,
     {{INITRD_ADDR, 0x4F00000 - MiB}}},
    {"unsorted map: 960 KiB above the reserved range",
     {MODERN},
     {QEMU, ON(unsorted), .initrd_size = 960 * KiB},
     0,
     {{INITRD_ADDR, 0x4F10000}}},
    {"unsorted map: across the seam of two overlapping RAM entries",
     {MODERN},
     {QEMU, ON(unsorted), .initrd_size = 0x4F00000 - 56 * MiB},
     0,
     {{INITRD_ADDR, 56 * MiB}}},
    {"adjacent entries are one stretch of RAM",
     {MODERN},
     {QEMU, ON(adjacent), .initrd_size = MiB},
     0,
     {{INITRD_ADDR, 0x4080000 - MiB}}},
    {"RAM above 4 GiB: the initrd below the PCI hole",
     {MODERN, .initrd_addr_max = 0xFFFFFFFF,
      .xloadflags = XLF_KERNEL_64 | XLF_CAN_BE_LOADED_ABOVE_4G},
     {QEMU, ON(above_4g), .initrd_size = 64 * MiB},
     0,
     {{INITRD_ADDR, 0xC0000000 - 64 * MiB}, {INITRD_LIMIT, 0x100000000ull}}},
    {"RAM across 4 GiB: the initrd may end exactly there",
     {MODERN, .initrd_addr_max = 0xFFFFFFFF,
      .xloadflags = XLF_KERNEL_64 | XLF_CAN_BE_LOADED_ABOVE_4G},
     {QEMU, ON(across_4g), .initrd_size = 64 * MiB},
     0,
     {{INITRD_ADDR, 0x100000000ull - 64 * MiB}}},
    {"only RAM above 4 GiB besides the kernel's: no room",
     {MODERN, .initrd_addr_max = 0xFFFFFFFF,
      .xloadflags = XLF_KERNEL_64 | XLF_CAN_BE_LOADED_ABOVE_4G},
     {QEMU, ON(above_4g), .initrd_size = 3 * GiB},
     LINUX_ENOINITRDROOM},
    {"the PM part (10 MiB at 1 MiB) not in RAM",
     {MODERN},
     {QEMU, ON(ram8)},
     LINUX_ENOHIGHMEM},
    {"the PM part in RAM, init_size at 16 MiB not",
     {MODERN},
     {QEMU, ON(ram40)},
     LINUX_ENOHIGHMEM},
    {"a reserved page inside the PM part",
     {MODERN},
     {QEMU, ON(pm_holed)},
     LINUX_ENOHIGHMEM},
    {"no map at all",
     {MODERN},
     {QEMU, .map = NULL, .nmap = 0},
     LINUX_ENOHIGHMEM},
    // A non-relocatable kernel that would run in low memory, over the
    // real-mode block and the command line ...
    {"runtime at 0x20000",
     {FIXED, .pref_address = 0x20000},
     {QEMU, ON(all)},
     LINUX_ENOHIGHMEM},
    {"runtime just below 1 MiB",
     {FIXED, .pref_address = 0xFFFFF},
     {QEMU, ON(all)},
     LINUX_ENOHIGHMEM},
    {"runtime at 1 MiB", {FIXED, .pref_address = 0x100000}, {QEMU, ON(all)}, 0},
    // ... or one whose runtime would wrap past 2^64.
    {"runtime wrapping past 2^64",
     {FIXED, .pref_address = UINT64_MAX - 0x1000},
     {QEMU, ON(all)},
     LINUX_ENOHIGHMEM},
    {"runtime ending at 2^64 - 1",
     {FIXED, .pref_address = UINT64_MAX - 40 * MiB},
     {QEMU, ON(all)},
     0,
     {{KERNEL_END, UINT64_MAX}}},
    {"setup over 32 KiB",
     {MODERN, .setup_size = 0x8200},
     {QEMU},
     LINUX_ESETUPTOOBIG},
    {"kernel_alignment not a power of two",
     {MODERN, .kernel_alignment = 0x300000},
     {QEMU},
     LINUX_EBADALIGN},
    {"entries but no map", {MODERN}, {QEMU, .map = NULL}, LINUX_EINVAL},
};

static void test_invalid_arguments(void **state)
{
	struct linux_kernel k = {MODERN};
	struct linux_plan_req r = {QEMU};
	struct linux_plan p;

	(void)state;
	assert_int_equal(linux_plan_layout(NULL, &r, &p), LINUX_EINVAL);
	assert_int_equal(linux_plan_layout(&k, NULL, &p), LINUX_EINVAL);
	assert_int_equal(linux_plan_layout(&k, &r, NULL), LINUX_EINVAL);
}

// The request stage2 and the tool build: every field as given, the lowest
// X bzboot allows, quiet off, whatever the struct held before.
static void test_req_init(void **state)
{
	struct linux_kernel k = {MODERN};
	struct linux_plan_req r,
	    want = {QEMU, .initrd_size = 16 * MiB, .mem_limit = 96 * MiB};
	struct linux_plan p;

	(void)state;
	memset(&r, 0xA5, sizeof(r));
	linux_plan_req_init(&r, layout_qemu_map, N(layout_qemu_map), 0x9FC00,
			    40, 16 * MiB, 96 * MiB);
	assert_ptr_equal(r.map, layout_qemu_map);
	assert_int_equal(r.nmap, N(layout_qemu_map));
	assert_int_equal(r.low_top, 0x9FC00);
	assert_int_equal(r.real_min, 0x10000);
	assert_int_equal(LINUX_REAL_MIN, 0x10000);
	assert_int_equal(r.cmdline_len, 40);
	assert_int_equal(r.initrd_size, 16 * MiB);
	assert_int_equal(r.mem_limit, 96 * MiB);
	assert_false(r.quiet);
	// It plans like the hand-built request, mem= included.
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	assert_int_equal(p.real_addr, 0x10000);
	assert_int_equal(p.initrd_addr, 80 * MiB);
	assert_int_equal(linux_plan_layout(&k, &want, &p), 0);
	assert_int_equal(p.initrd_addr, 80 * MiB);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_invalid_arguments),
	    cmocka_unit_test(test_req_init),
	};

	return layout_cases_run("test_layout", rows, N(rows), tests, N(tests));
}
