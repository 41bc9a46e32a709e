// SPDX-License-Identifier: BSD-2-Clause
// Unit tests for protocol/layout.c, the legacy layout (zImage, 2.01 and
// older, at 0x90000) and the versions before 2.10, one row each; then
// parse, plan and write from header bytes, for both layouts.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "protocol/bootparam.h"
#include "protocol/le.h"
#include "protocol/linux.h"
#include "tests/unit/support/layout_case.h"

// A row names only what it sets: the fields after its base kernel's (a
// later designator overrides an earlier one), and only the plan fields it
// checks (the rest zero, EQ by default).
#pragma GCC diagnostic ignored "-Woverride-init"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

static const struct mem_range low_short[] = {
    {0, 0x80000, 1}, // 512 KiB of low RAM
    {0x100000, 64 * MiB, 1},
};
static const struct mem_range no_high[] = {
    {0, 0x9FC00, 1}, {0x100000, 0x40000, 1}, // 256 KiB above 1 MiB
};
static const struct mem_range ram4[] = {
    {0, 0x9FC00, 1}, {0x100000, 3 * MiB, 1}, // 4 MiB machine
};
static const struct mem_range ram2g[] = {
    {0, 0x9FC00, 1}, {0x100000, 0x7FF00000, 1}, // 2 GiB
};

// A 2.00 bzImage: real mode at 0x90000 all the same, PM at 1 MiB.
#define V200                                                                   \
	OLD, .version = 0x0200, .bzimage = true, .loadflags = LOADED_HIGH,     \
	     .pm_size = 2 * MiB
// A 2.02 bzImage, not relocatable, without the fields of 2.03 and later:
// initrd_addr_max is what parsing assumes before 2.03.
#define V202                                                                   \
	MODERN, .version = 0x0202, .relocatable = false,                       \
		.kernel_alignment = 0, .init_size = 0, .pref_address = 0,      \
		.cmdline_size = 255, .initrd_addr_max = 0x37FFFFFF
// 2.05: no init_size or pref_address; a relocatable kernel runs from 1 MiB
// aligned up to kernel_alignment, 3x its size assumed.
#define V205                                                                   \
	MODERN, .version = 0x0205, .init_size = 0, .pref_address = 0,          \
		.cmdline_size = 255, .kernel_alignment = 0x400000,             \
		.pm_size = 2 * MiB

static const struct layout_case rows[] = {
    // boot.rst's sample layout for it.
    {"old kernel at 0x90000",
     {OLD},
     {QEMU},
     0,
     {{REAL_ADDR, 0x90000},
      {REAL_SIZE, 5 * 512},
      {SEG, 0x9000},
      {JUMP_CS, 0x9020},
      {STACK_PTR, 0x9800},
      {CMDLINE_ADDR, 0x99800},
      {CMDLINE_MAX, 256},
      {SETUP_MOVE_SIZE, 0}, // not a field before 2.00
      // From the end of setup to the 32 KiB mark: cleared.
      {CLEAR_ADDR, 0x90A00},
      {CLEAR_LEN, 0x8000 - 0xA00},
      // The zImage at 0x10000, staged at 1 MiB; it decompresses to
      // 1 MiB (three times its size assumed, no init_size before 2.10).
      {PM_ADDR, 0x10000},
      {PM_SIZE, 400 * KiB},
      {PM_STAGE_ADDR, 0x100000},
      {RUNTIME_START, 0x100000},
      {KERNEL_END, 0x100000 + 1200 * KiB},
      {INITRD_ADDR, 0},
      // Everything below 0x9A000.
      {CMDLINE_END, 0x9A000, LE}}},
    {"old kernel of 31 setup sectors: the clearing shrinks",
     {OLD, .setup_sects = 31, .setup_size = 32 * 512},
     {QEMU},
     0,
     {{CLEAR_ADDR, 0x94000}, {CLEAR_LEN, 0x4000}}},
    {"old kernel of 63 setup sectors: nothing left to clear",
     {OLD, .setup_sects = 63, .setup_size = 64 * 512},
     {QEMU},
     0,
     {{CLEAR_ADDR, 0x98000}, {CLEAR_LEN, 0}}},
    {"no initrd before 2.00",
     {OLD},
     {QEMU, .initrd_size = MiB},
     LINUX_ENOINITRD},
    {"old kernel: 255 characters", {OLD}, {QEMU, .cmdline_len = 255}, 0},
    {"old kernel: 256 characters",
     {OLD},
     {QEMU, .cmdline_len = 256},
     LINUX_ECMDLINE},
    // The zImage must end at 0x90000, where its setup goes ...
    {"zImage ending at 0x90000",
     {OLD, .pm_size = 0x80000},
     {QEMU, .cmdline_len = 0},
     0,
     {{PM_END, 0x90000}}},
    // ... and the caller can name both.
    {"zImage a byte too big",
     {OLD, .pm_size = 0x80001},
     {QEMU, .cmdline_len = 0},
     LINUX_EZIMAGETOOBIG,
     {{PM_ADDR, 0x10000}, {PM_SIZE, 0x80001}}},
    // Stack/heap and the 256 bytes of command line up to 0x99900.
    {"legacy low_top just enough", {OLD}, {QEMU, .low_top = 0x99900}, 0},
    {"legacy low_top a byte short",
     {OLD},
     {QEMU, .low_top = 0x998FF},
     LINUX_ENOLOWMEM},
    // A loader that wants X above 0x90000 cannot have it here.
    {"legacy X above 0x90000 wanted",
     {OLD},
     {QEMU, .real_min = 0x90010},
     LINUX_ENOLOWMEM},
    {"legacy X at 0x90000 wanted", {OLD}, {QEMU, .real_min = 0x90000}, 0},
    {"legacy real_min at 4 GiB",
     {OLD},
     {QEMU, .real_min = 0xFFFFFFFF},
     LINUX_ENOLOWMEM},
    // The same for a bzImage: no overflow past 4 GiB.
    {"bzImage real_min at 4 GiB",
     {MODERN},
     {QEMU, .real_min = 0xFFFFFFFF},
     LINUX_ENOLOWMEM},
    // The zImage's own place is not all RAM.
    {"zImage past low RAM",
     {OLD, .pm_size = 0x70001},
     {QEMU, ON(low_short)},
     LINUX_ENOHIGHMEM},
    {"zImage ending with low RAM",
     {OLD, .pm_size = 0x70000},
     {QEMU, ON(low_short)},
     0},
    {"nowhere to stage the zImage above 1 MiB",
     {OLD},
     {QEMU, ON(no_high)},
     LINUX_ENOHIGHMEM},
    {"staging a zImage that fits above 1 MiB",
     {OLD, .pm_size = 0x40000},
     {QEMU, ON(no_high)},
     0},
    {"2.00 bzImage",
     {V200},
     {QEMU, .initrd_size = 2 * MiB},
     0,
     {{REAL_ADDR, 0x90000},
      {SEG, 0x9000},
      {JUMP_CS, 0x9020},
      {HEAP_END_PTR, 0x9600},
      {STACK_PTR, 0x9800},
      {CMDLINE_ADDR, 0x99800},
      {CMDLINE_MAX, 256},
      // setup_move_size covers the command line and its NUL.
      {SETUP_MOVE_SIZE, 0x9800 + 40 + 1},
      {CLEAR_LEN, 0},
      {PM_ADDR, 0x100000},
      {PM_STAGE_ADDR, 0x100000},
      {KERNEL_END, 0x100000 + 6 * MiB},
      // The initrd: top of RAM (below the 0x37FFFFFF default).
      {INITRD_ADDR, 0x7FE0000 - 2 * MiB}}},
    {"2.01 zImage",
     {OLD, .version = 0x0201, .pm_size = 500 * KiB},
     {QEMU, .initrd_size = 2 * MiB, .cmdline_len = 255},
     0,
     {{SETUP_MOVE_SIZE, 0x9800 + 256},
      {PM_ADDR, 0x10000},
      {PM_STAGE_ADDR, 0x100000},
      {INITRD_ADDR, 0x7FE0000 - 2 * MiB}}},
    {"2.02 zImage",
     {OLD, .version = 0x0202},
     {QEMU},
     0,
     {{REAL_ADDR, 0x90000},
      {HEAP_END_PTR, 0x9600},
      {CMDLINE_ADDR, 0x99800},
      {SETUP_MOVE_SIZE, 0}, // 2.02: cmd_line_ptr instead
      {CLEAR_LEN, 0},
      {PM_ADDR, 0x10000},
      {PM_STAGE_ADDR, 0x100000}}},
    // A zImage that says cmdline_size 2047 (2.06+) has 0x800 bytes
    // before 0x9A000: all of it.
    {"2.06 zImage: 2047 characters",
     {OLD, .version = 0x0206, .cmdline_size = 2047},
     {QEMU, .cmdline_len = 2047},
     0,
     {{CMDLINE_MAX, 0x800}}},
    // One that claims more still gets only what ends at 0x9A000.
    {"2.06 zImage claiming 4095: 2047 characters",
     {OLD, .version = 0x0206, .cmdline_size = 4095},
     {QEMU, .cmdline_len = 2047},
     0,
     {{CMDLINE_MAX, 0x800}}},
    {"2.06 zImage claiming 4095: 2048 characters",
     {OLD, .version = 0x0206, .cmdline_size = 4095},
     {QEMU, .cmdline_len = 2048},
     LINUX_ECMDLINE},
    // The staged PM part and the decompressed kernel (1200 KiB from
    // 1 MiB) stay clear of the initrd.
    {"zImage initrd at the top of 4 MiB",
     {OLD, .version = 0x0202},
     {QEMU, ON(ram4), .initrd_size = MiB + 4 * KiB},
     0,
     {{KERNEL_END, 0x100000 + 1200 * KiB},
      {INITRD_ADDR, 4 * MiB - MiB - 4 * KiB}}},
    {"zImage initrd right on the kernel's end",
     {OLD, .version = 0x0202},
     {QEMU, ON(ram4), .initrd_size = 4 * MiB - 0x100000 - 1200 * KiB},
     0,
     {{INITRD_ADDR, 0x100000 + 1200 * KiB}}},
    {"zImage initrd a byte too big",
     {OLD, .version = 0x0202},
     {QEMU, ON(ram4), .initrd_size = 4 * MiB - 0x100000 - 1200 * KiB + 1},
     LINUX_ENOINITRDROOM},
    {"2.02: initrd below the assumed 0x37FFFFFF",
     {V202},
     {QEMU, ON(ram2g), .initrd_size = 8 * MiB},
     0,
     {{INITRD_ADDR, 0x38000000 - 8 * MiB}}},
    {"2.03: initrd below its initrd_addr_max",
     {V202, .version = 0x0203, .initrd_addr_max = 0x7FFFFFFF},
     {QEMU, ON(ram2g), .initrd_size = 8 * MiB},
     0,
     {{INITRD_ADDR, 0x80000000 - 8 * MiB}}},
    {"2.05 relocatable: 1 MiB aligned up",
     {V205},
     {QEMU},
     0,
     {{PM_ADDR, 0x100000},
      {PM_STAGE_ADDR, 0x100000},
      {RUNTIME_START, 0x400000},
      {KERNEL_END, 0x400000 + 6 * MiB}}},
    // Not relocatable: it runs where it is loaded, 1 MiB.
    {"2.05 not relocatable",
     {V205, .relocatable = false},
     {QEMU},
     0,
     {{RUNTIME_START, 0x100000}, {KERNEL_END, 0x100000 + 6 * MiB}}},
    // 2.10: from pref_address, init_size of it.
    {"2.10+: runtime from pref_address",
     {MODERN},
     {QEMU},
     0,
     {{RUNTIME_START, 0x1000000}, {KERNEL_END, 0x1000000 + 40 * MiB}}},
};

// A parsed header feeds the planner, whose plan feeds the header writer.
static void test_parse_plan_write(void **state)
{
	static uint8_t img[28 * 512];
	struct linux_kernel k;
	struct linux_plan_req r = {QEMU, .initrd_size = 5 * MiB + 3};
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
	assert_int_equal(le16_get(img + 0x224), 0xFE00);
	assert_int_equal(le32_get(img + 0x228), 0x20000);
	assert_int_equal(le32_get(img + 0x21C), 5 * MiB + 3);
}

// Parse, plan and write each legacy version from bytes: the 0x90000
// layout, and the header fields of each.
static void test_parse_plan_write_legacy(void **state)
{
	static uint8_t img[5 * 512];
	static const uint16_t versions[] = {0, 0x0200, 0x0201, 0x0202};
	struct linux_kernel k;
	struct linux_plan_req r = {QEMU};
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
			assert_int_equal(le16_get(img + 0x20), 0xA33F);
			assert_int_equal(le16_get(img + 0x22), 0x9800);
		} else {
			assert_int_equal(le16_get(img + 0x20), 0);
			assert_int_equal(le32_get(img + 0x228), 0x99800);
		}
		assert_int_equal(le16_get(img + 0x212),
				 v && v < 0x0202 ? 0x9800 + 11 : 0);
		assert_int_equal(img[0x210], v ? 0xFF : 0);
		assert_int_equal(img[0x211], v >= 0x0201 ? CAN_USE_HEAP : 0);
		assert_int_equal(le16_get(img + 0x224),
				 v >= 0x0201 ? 0x9600 : 0);
		// code32_start of a zImage is never touched.
		assert_int_equal(le16_get(img + 0x214), v ? 0x1000 : 0);
		assert_int_equal(p.clear_len, v ? 0 : 0x8000 - 0xA00);
	}
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_plan_write),
	    cmocka_unit_test(test_parse_plan_write_legacy),
	};

	return layout_cases_run("test_layout_legacy", rows, N(rows), tests,
				N(tests));
}
