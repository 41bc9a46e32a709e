// SPDX-License-Identifier: BSD-2-Clause
// Unit tests for protocol/header.c, parsing the legacy kernels: "old"
// (no HdrS) told apart from any boot sector, 2.00/2.01, zImages, and
// the fields 2.03 to 2.05 add.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "protocol/bootparam.h"
#include "protocol/le.h"
#include "protocol/linux.h"
#include "tests/unit/support/fake_header.h"

#define MiB 0x100000u

static uint8_t buf[0x8000];

static void test_parse_old(void **state)
{
	struct linux_kernel k;

	(void)state;
	// No HdrS: "old", a zImage, setup_sects 0 meaning 4.
	assert_int_equal(fake_header_parse(buf, 0, 0, 0, 300 * 1024, &k), 0);
	assert_int_equal(k.version, 0);
	assert_int_equal(k.setup_sects, 4);
	assert_int_equal(k.setup_size, 5 * 512);
	assert_int_equal(k.pm_offset, 5 * 512);
	assert_int_equal(k.pm_size, 300 * 1024);
	assert_false(k.bzimage);
	assert_false(k.relocatable);
	// Nothing from 0x200 on is a field: FAKE_FILL there is code.
	assert_int_equal(k.loadflags, 0);
	assert_int_equal(k.header_end, 0);
	assert_string_equal(k.version_string, "");
	assert_int_equal(k.initrd_addr_max, 0x37FFFFFF);
	assert_int_equal(k.cmdline_size, 255);
	assert_int_equal(k.payload_offset, 0);
	assert_int_equal(k.kernel_info_offset, 0);
	// Odd sizes: syssize rounds up to whole paragraphs.
	assert_int_equal(fake_header_parse(buf, 0, 8, 0, 0x4567B, &k), 0);
	assert_int_equal(k.setup_size, 9 * 512);
	assert_int_equal(k.pm_size, 0x4567B);
	// A zImage PM part over 512 KiB still parses (the planner says no).
	assert_int_equal(fake_header_parse(buf, 0, 4, 0, 0x90000, &k), 0);
}

// Without HdrS, only a syssize that matches the file makes a kernel: every
// MBR and floppy boot sector has the boot flag.
static void test_old_or_not_a_kernel(void **state)
{
	struct linux_kernel k;
	uint64_t file = 5 * 512 + 0x40000;

	(void)state;
	fake_header_build(buf, 1024, 0, 4, 0, 0x40000);
	assert_int_equal(linux_parse_header(buf, 1024, file, &k), 0);
	// Up to a sector of padding after syssize's end is a kernel ...
	assert_int_equal(linux_parse_header(buf, 1024, file + 512, &k), 0);
	// ... more is something else (an image file with a boot sector).
	assert_int_equal(linux_parse_header(buf, 1024, file + 513, &k),
			 LINUX_EBOOTSECTOR);
	assert_int_equal(linux_parse_header(buf, 1024, 1440 * 1024, &k),
			 LINUX_EBOOTSECTOR);
	// Shorter than syssize: cannot be told from a random boot sector.
	assert_int_equal(linux_parse_header(buf, 1024, file - 16, &k),
			 LINUX_EBOOTSECTOR);
	// syssize 0: a partition table entry, not a kernel.
	le16_put(buf + 0x1F4, 0);
	assert_int_equal(linux_parse_header(buf, 1024, file, &k),
			 LINUX_EBOOTSECTOR);
	// A lone boot sector, and a "setup" over 32 KiB.
	fake_header_build(buf, 1024, 0, 4, 0, 0x40000);
	assert_int_equal(linux_parse_header(buf, 512, 512, &k),
			 LINUX_EBOOTSECTOR);
	assert_int_equal(linux_parse_header(buf, 1024, 5 * 512, &k),
			 LINUX_EBOOTSECTOR);
	buf[0x1F1] = 0x40;
	assert_int_equal(linux_parse_header(buf, 1024, 65 * 512 + 0x40000, &k),
			 LINUX_EBOOTSECTOR);
	// The upper half of a 4-byte syssize is not read before 2.04.
	fake_header_build(buf, 1024, 0, 4, 0, 0x40000);
	le16_put(buf + 0x1F6, 0x1234);
	assert_int_equal(linux_parse_header(buf, 1024, file, &k), 0);
}

static void test_parse_200_201(void **state)
{
	struct linux_kernel k;

	(void)state;
	// 2.00 bzImage: syssize is 2 bytes and cannot hold its size.
	fake_header_build(buf, 1024, 0x0200, 4, LOADED_HIGH, 3 * MiB);
	le16_put(buf + 0x1F4, 0x10);
	assert_int_equal(linux_parse_header(buf, 1024, 5 * 512 + 3 * MiB, &k),
			 0);
	assert_int_equal(k.version, 0x0200);
	assert_true(k.bzimage);
	assert_int_equal(k.loadflags, LOADED_HIGH);
	assert_int_equal(k.header_end, 0x22C);
	assert_int_equal(k.initrd_addr_max, 0x37FFFFFF);
	assert_int_equal(k.cmdline_size, 255);
	assert_int_equal(k.pm_size, 3 * MiB);
	// 2.00 zImage: syssize fits, and is checked.
	assert_int_equal(fake_header_parse(buf, 0x0200, 4, 0, 0x60000, &k), 0);
	assert_false(k.bzimage);
	le16_put(buf + 0x1F4, 0x6001);
	assert_int_equal(linux_parse_header(buf, 1024, 5 * 512 + 0x60000, &k),
			 LINUX_ETRUNCATED);
	// 2.01
	assert_int_equal(
	    fake_header_parse(buf, 0x0201, 6, LOADED_HIGH, MiB, &k), 0);
	assert_int_equal(k.version, 0x0201);
	assert_int_equal(k.setup_size, 7 * 512);
	assert_true(k.bzimage);
	// The version string exists from 2.00.
	fake_header_build(buf, 1024, 0x0200, 4, LOADED_HIGH, MiB);
	le16_put(buf + 0x20E, 0x380 - 0x200);
	strcpy((char *)buf + 0x380, "2.0.40");
	assert_int_equal(linux_parse_header(buf, 1024, 5 * 512 + MiB, &k), 0);
	assert_string_equal(k.version_string, "2.0.40");
}

static void test_parse_202_zimage(void **state)
{
	struct linux_kernel k;

	(void)state;
	assert_int_equal(fake_header_parse(buf, 0x0202, 4, 0, 400 * 1024, &k),
			 0);
	assert_false(k.bzimage);
	assert_int_equal(k.version, 0x0202);
	assert_int_equal(k.pm_size, 400 * 1024);
	// syssize (2 bytes) is right for a zImage: a short file is caught.
	assert_int_equal(
	    linux_parse_header(buf, 1024, 5 * 512 + 400 * 1024 - 16, &k),
	    LINUX_ETRUNCATED);
	// 2.04 zImage: 4-byte syssize.
	assert_int_equal(fake_header_parse(buf, 0x0204, 4, 0, 500 * 1024, &k),
			 0);
	assert_false(k.bzimage);
}

static void test_parse_203_205(void **state)
{
	struct linux_kernel k;

	(void)state;
	assert_int_equal(
	    fake_header_parse(buf, 0x0203, 8, LOADED_HIGH, MiB, &k), 0);
	assert_int_equal(k.initrd_addr_max, 0x7FFFFFFF);
	assert_int_equal(k.header_end, 0x230);
	assert_false(k.relocatable);
	assert_int_equal(k.kernel_alignment, 0);
	// 2.03 bzImage: syssize is still not trusted (2 bytes wide).
	le32_put(buf + 0x1F4, 0xFFFFFFFF);
	assert_int_equal(linux_parse_header(buf, 1024, 9 * 512 + MiB, &k), 0);
	// 2.05: relocatable and its alignment; cmdline_size not yet.
	assert_int_equal(
	    fake_header_parse(buf, 0x0205, 8, LOADED_HIGH, MiB, &k), 0);
	assert_true(k.relocatable);
	assert_int_equal(k.kernel_alignment, 0x200000);
	assert_int_equal(k.cmdline_size, 255);
	assert_int_equal(k.header_end, 0x235);
	// Not relocatable: alignment read, irrelevant.
	buf[0x234] = 0;
	assert_int_equal(linux_parse_header(buf, 1024, 9 * 512 + MiB, &k), 0);
	assert_false(k.relocatable);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_old),
	    cmocka_unit_test(test_old_or_not_a_kernel),
	    cmocka_unit_test(test_parse_200_201),
	    cmocka_unit_test(test_parse_202_zimage),
	    cmocka_unit_test(test_parse_203_205),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
