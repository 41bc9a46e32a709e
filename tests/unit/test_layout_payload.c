// SPDX-License-Identifier: BSD-2-Clause
// Unit tests for payloads that are not Linux but speak its boot protocol
// (protocol/layout.c and header.c): iPXE's .lkrn (code32_start 0, not
// relocatable) and memtest86+ 6 (2.12, not relocatable, pref_address and
// init_size of its own) are planned at 1 MiB like any bzImage, and their
// code32_start is left as the image has it, as SYSLINUX 6.04 and GRUB do.
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

#pragma GCC diagnostic ignored "-Woverride-init"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

// Top of QEMU's RAM below 4 GiB in layout_qemu_map (-m 128).
#define RAM_TOP 0x7FE0000u

// iPXE's lkrnprefix.S: protocol 2.07, LOADED_HIGH, not relocatable,
// kernel_alignment 0, initrd_addr_max 4 GiB - 1, cmdline_size 2047; its
// code32_start is 0, which the planner does not read.
#define LKRN                                                                   \
	MODERN, .version = 0x0207, .relocatable = false,                       \
		.kernel_alignment = 0, .init_size = 0, .pref_address = 0,      \
		.xloadflags = 0, .initrd_addr_max = 0xFFFFFFFF,                \
		.pm_size = 0x5A3C1
// memtest86+ 6.10's memtest86+x64.bin, as Debian 12 ships it: protocol
// 2.12, 2 setup sectors, not relocatable, kernel_alignment 4 KiB,
// pref_address 1 MiB, init_size 0x6ACF8, cmdline_size 255.
#define MEMTEST                                                                \
	MODERN, .version = 0x020C, .setup_sects = 2, .setup_size = 3 * 512,    \
		.pm_offset = 3 * 512, .pm_size = 0x22DB8,                      \
		.relocatable = false, .kernel_alignment = 0x1000,              \
		.pref_address = 0x100000, .init_size = 0x6ACF8,                \
		.initrd_addr_max = 0xFFFFFFFF, .cmdline_size = 255,            \
		.xloadflags = 0x9

static const struct layout_case rows[] = {
    // Loaded and run at 1 MiB: no pref_address before 2.10, three times
    // the PM part assumed; the initrd at the top of RAM (its limit is
    // 4 GiB).
    {"iPXE .lkrn: 2.07, not relocatable, no alignment",
     {LKRN},
     {QEMU, .initrd_size = 3 * MiB + 5},
     0,
     {{REAL_ADDR, 0x10000},
      {CMDLINE_ADDR, 0x20000},
      {CMDLINE_MAX, 2048},
      {PM_ADDR, 0x100000},
      {PM_STAGE_ADDR, 0x100000},
      {PM_SIZE, 0x5A3C1},
      {RUNTIME_START, 0x100000},
      {KERNEL_END, 0x100000 + 3 * 0x5A3C1},
      {INITRD_ADDR, (RAM_TOP - 3 * MiB - 5) & ~0xFFFu},
      {INITRD_LIMIT, 0x100000000ull}}},
    // Its runtime is pref_address (1 MiB) + init_size, all in RAM.
    {"memtest86+ 6.10: 2.12, not relocatable, pref_address 1 MiB",
     {MEMTEST},
     {QEMU},
     0,
     {{REAL_ADDR, 0x10000},
      {REAL_SIZE, 3 * 512},
      {CMDLINE_MAX, 256},
      {PM_ADDR, 0x100000},
      {PM_END, 0x100000 + 0x22DB8},
      {RUNTIME_START, 0x100000},
      {KERNEL_END, 0x100000 + 0x6ACF8}}},
    // The checks that hold for every kernel hold for them too.
    {"memtest86+ with a machine too small for init_size",
     {MEMTEST, .init_size = RAM_TOP},
     {QEMU},
     LINUX_ENOHIGHMEM},
    {"iPXE .lkrn with a command line over its limit",
     {LKRN},
     {QEMU, .cmdline_len = 2048},
     LINUX_ECMDLINE},
};

// A 2.07 image shaped like iPXE's .lkrn, with the given code32_start.
static size_t lkrn_image(uint8_t *img, size_t len, uint32_t code32_start)
{
	memset(img, 0, len);
	img[0x1F1] = 2; // setup_sects
	le32_put(img + 0x1F4, 0x5A3C1 / 16 + 1);
	le16_put(img + 0x1FE, 0xAA55);
	img[0x200] = 0xEB;
	img[0x201] = 0x46; // the header ends at 0x248
	memcpy(img + 0x202, "HdrS", 4);
	le16_put(img + 0x206, 0x0207);
	img[0x211] = LOADED_HIGH;
	le32_put(img + 0x214, code32_start);
	le32_put(img + 0x22C, 0xFFFFFFFF); // initrd_addr_max
	le32_put(img + 0x238, 0x7FF);	   // cmdline_size
	return 3 * 512;
}

// Parse, plan and write: loaded at 1 MiB, code32_start untouched, the
// rest of the hand-off as for any 2.07 bzImage.
static void test_lkrn_parse_plan_write(void **state)
{
	static const uint32_t values[] = {0, 0x100000, 0x12345678};
	static uint8_t img[3 * 512];
	struct linux_kernel k;
	struct linux_plan_req r = {QEMU, .initrd_size = 3 * MiB + 5};
	struct linux_plan p;
	size_t i, setup;

	(void)state;
	for (i = 0; i < N(values); i++) {
		setup = lkrn_image(img, sizeof(img), values[i]);
		assert_int_equal(
		    linux_parse_header(img, sizeof(img), setup + 0x5A3C1, &k),
		    0);
		assert_true(k.bzimage);
		assert_false(k.relocatable);
		assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
		assert_int_equal(p.pm_addr, 0x100000);
		assert_int_equal(
		    linux_write_header(img, sizeof(img), &k, &p, -1), 0);
		assert_int_equal(le32_get(img + 0x214), values[i]);
		assert_int_equal(le32_get(img + 0x228), 0x20000);
		assert_int_equal(le32_get(img + 0x218), p.initrd_addr);
		assert_int_equal(img[0x210], 0xFF);
	}
}

// Moved away from 1 MiB (no bzboot plan does that) it would be refused:
// the check stays, for what cannot run elsewhere.
static void test_lkrn_not_moved(void **state)
{
	static uint8_t img[3 * 512], want[3 * 512];
	struct linux_kernel k;
	struct linux_plan_req r = {QEMU};
	struct linux_plan p;

	(void)state;
	lkrn_image(img, sizeof(img), 0);
	assert_int_equal(
	    linux_parse_header(img, sizeof(img), sizeof(img) + 0x5A3C1, &k), 0);
	assert_int_equal(linux_plan_layout(&k, &r, &p), 0);
	memcpy(want, img, sizeof(want));
	p.pm_addr = 0x200000;
	assert_int_equal(linux_write_header(img, sizeof(img), &k, &p, -1),
			 LINUX_ENOTRELOC);
	assert_memory_equal(img, want, sizeof(img));
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lkrn_parse_plan_write),
	    cmocka_unit_test(test_lkrn_not_moved),
	};

	return layout_cases_run("test_layout_payload", rows, N(rows), tests,
				N(tests));
}
