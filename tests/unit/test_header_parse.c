// SPDX-License-Identifier: BSD-2-Clause
// Unit tests for protocol/header.c, parsing: synthetic headers of each
// bzImage protocol version (2.02 to 2.15), the version string, the
// refusals and their messages.
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

static void test_parse_202(void **state)
{
	struct linux_kernel k;

	(void)state;
	assert_int_equal(
	    fake_header_parse(buf, 0x0202, 0, LOADED_HIGH, 3 * MiB, &k), 0);
	assert_int_equal(k.version, 0x0202);
	assert_int_equal(k.setup_sects, 4); // 0 means 4
	assert_int_equal(k.setup_size, 5 * 512);
	assert_int_equal(k.pm_offset, 5 * 512);
	assert_int_equal(k.pm_size, 3 * MiB);
	assert_true(k.bzimage);
	assert_int_equal(k.loadflags, LOADED_HIGH);
	// Bytes past a 2.02 header are code (FAKE_FILL), never fields.
	assert_int_equal(k.initrd_addr_max, 0x37FFFFFF);
	assert_int_equal(k.cmdline_size, 255);
	assert_false(k.relocatable);
	assert_int_equal(k.kernel_alignment, 0);
	assert_int_equal(k.xloadflags, 0);
	assert_int_equal(k.init_size, 0);
	assert_int_equal(k.pref_address, 0);
	assert_int_equal(k.header_end, 0x22C);
	assert_string_equal(k.version_string, "");
}

static void test_parse_204(void **state)
{
	struct linux_kernel k;
	uint32_t file;

	(void)state;
	assert_int_equal(
	    fake_header_parse(buf, 0x0204, 12, LOADED_HIGH, 5 * MiB + 7, &k),
	    0);
	assert_int_equal(k.version, 0x0204);
	assert_int_equal(k.setup_sects, 12);
	assert_int_equal(k.setup_size, 13 * 512);
	assert_int_equal(k.pm_size, 5 * MiB + 7);
	assert_int_equal(k.initrd_addr_max, 0x7FFFFFFF); // 2.03+
	assert_int_equal(k.cmdline_size, 255);
	assert_false(k.relocatable);

	// syssize is rounded up to paragraphs: a file that ends inside the
	// last paragraph is whole (pre-CRC kernels did that) ...
	file = 13 * 512 + 5 * MiB + 1;
	le32_put(buf + 0x1F4, (5 * MiB + 16) / 16);
	assert_int_equal(linux_parse_header(buf, 1024, file, &k), 0);
	// ... one missing paragraph is a truncated file.
	le32_put(buf + 0x1F4, (5 * MiB + 16) / 16 + 1);
	assert_int_equal(linux_parse_header(buf, 1024, file, &k),
			 LINUX_ETRUNCATED);
	// A longer file (e.g. a signature after the kernel) is fine.
	le32_put(buf + 0x1F4, 1);
	assert_int_equal(linux_parse_header(buf, 1024, file, &k), 0);
}

static void test_parse_206(void **state)
{
	struct linux_kernel k;

	(void)state;
	assert_int_equal(
	    fake_header_parse(buf, 0x0206, 17, LOADED_HIGH, 2 * MiB, &k), 0);
	assert_int_equal(k.cmdline_size, 2047);
	assert_true(k.relocatable);
	assert_int_equal(k.kernel_alignment, 0x200000);
	assert_int_equal(k.init_size, 0); // 2.10+
	assert_int_equal(k.pref_address, 0);
	assert_int_equal(k.header_end, 0x23C);
}

static void test_parse_210(void **state)
{
	struct linux_kernel k;

	(void)state;
	assert_int_equal(
	    fake_header_parse(buf, 0x020A, 30, LOADED_HIGH, 9 * MiB, &k), 0);
	assert_int_equal(k.setup_size, 31 * 512);
	assert_int_equal(k.pref_address, 0x1000000);
	assert_int_equal(k.init_size, 0x2800000);
	assert_int_equal(k.xloadflags, 0); // 2.12+
}

static void test_parse_212(void **state)
{
	struct linux_kernel k;

	(void)state;
	assert_int_equal(fake_header_parse(buf, 0x020C, 30,
					   LOADED_HIGH | QUIET_FLAG, 9 * MiB,
					   &k),
			 0);
	assert_int_equal(k.xloadflags,
			 XLF_KERNEL_64 | XLF_CAN_BE_LOADED_ABOVE_4G);
	assert_int_equal(k.loadflags, LOADED_HIGH | QUIET_FLAG);
	assert_int_equal(k.header_end, 0x268);
}

static void test_parse_215(void **state)
{
	struct linux_kernel k;

	(void)state;
	fake_header_build(buf, 1024, 0x020F, 63, LOADED_HIGH, 12 * MiB);
	le16_put(buf + 0x20E, 0x300 - 0x200);
	strcpy((char *)buf + 0x300, "6.6.0-test (builder@host) #1 SMP");
	assert_int_equal(linux_parse_header(buf, 1024, 64 * 512 + 12 * MiB, &k),
			 0);
	assert_int_equal(k.version, 0x020F);
	assert_int_equal(k.setup_sects, 63);
	assert_int_equal(k.setup_size, 0x8000);
	assert_int_equal(k.pm_offset, 0x8000);
	assert_int_equal(k.pm_size, 12 * MiB);
	assert_true(k.bzimage);
	assert_true(k.relocatable);
	assert_int_equal(k.initrd_addr_max, 0x7FFFFFFF);
	assert_int_equal(k.cmdline_size, 2047);
	assert_int_equal(k.kernel_alignment, 0x200000);
	assert_int_equal(k.init_size, 0x2800000);
	assert_int_equal(k.pref_address, 0x1000000);
	assert_int_equal(k.header_end, 0x26C);
	assert_string_equal(k.version_string,
			    "6.6.0-test (builder@host) #1 SMP");
}

static void test_version_string(void **state)
{
	struct linux_kernel k;
	uint64_t file = 64 * 512 + MiB;
	char want[64];

	(void)state;
	fake_header_build(buf, sizeof(buf), 0x020F, 63, LOADED_HIGH, MiB);
	// Beyond the bytes given: unknown, not garbage.
	le16_put(buf + 0x20E, 0x3A00);
	strcpy((char *)buf + 0x3C00, "6.1.0");
	assert_int_equal(linux_parse_header(buf, 1024, file, &k), 0);
	assert_string_equal(k.version_string, "");
	// Given the whole setup, it is read.
	assert_int_equal(linux_parse_header(buf, sizeof(buf), file, &k), 0);
	assert_string_equal(k.version_string, "6.1.0");
	// Long strings are cut to 63 characters.
	memset(buf + 0x3C00, 'x', 200);
	buf[0x3C00 + 200] = 0;
	memset(want, 'x', 63);
	want[63] = 0;
	assert_int_equal(linux_parse_header(buf, sizeof(buf), file, &k), 0);
	assert_string_equal(k.version_string, want);
	// Control characters: not shown.
	strcpy((char *)buf + 0x3C00, "6.1\x1b[2J");
	assert_int_equal(linux_parse_header(buf, sizeof(buf), file, &k), 0);
	assert_string_equal(k.version_string, "");
	// Pointing past the setup sectors: invalid.
	buf[0x1F1] = 4;
	assert_int_equal(
	    linux_parse_header(buf, sizeof(buf), 5 * 512 + MiB, &k), 0);
	assert_string_equal(k.version_string, "");
	// No NUL before the end of the setup: invalid.
	buf[0x1F1] = 30;
	le16_put(buf + 0x20E, 31 * 512 - 0x200 - 5);
	memcpy(buf + 31 * 512 - 5, "6.1.0", 5);
	assert_int_equal(
	    linux_parse_header(buf, sizeof(buf), 31 * 512 + MiB, &k), 0);
	assert_string_equal(k.version_string, "");
}

static void test_parse_payload_kinfo(void **state)
{
	struct linux_kernel k;

	(void)state;
	// 2.07: no payload fields yet.
	assert_int_equal(
	    fake_header_parse(buf, 0x0207, 8, LOADED_HIGH, MiB, &k), 0);
	assert_int_equal(k.payload_offset, 0);
	assert_int_equal(k.payload_length, 0);
	assert_int_equal(
	    fake_header_parse(buf, 0x0208, 8, LOADED_HIGH, MiB, &k), 0);
	assert_int_equal(k.payload_offset, 0x3A0);
	assert_int_equal(k.payload_length, MiB - 0x400);
	assert_int_equal(k.kernel_info_offset, 0);
	// 2.14 is burnt and read as 2.13: no kernel_info.
	assert_int_equal(
	    fake_header_parse(buf, 0x020E, 8, LOADED_HIGH, MiB, &k), 0);
	assert_int_equal(k.kernel_info_offset, 0);
	assert_int_equal(
	    fake_header_parse(buf, 0x020F, 8, LOADED_HIGH, MiB, &k), 0);
	assert_int_equal(k.kernel_info_offset, 0x12345);
}

static void test_refuse_no_boot_flag(void **state)
{
	struct linux_kernel k;

	(void)state;
	fake_header_build(buf, 1024, 0x020F, 27, LOADED_HIGH, MiB);
	le16_put(buf + 0x1FE, 0);
	assert_int_equal(linux_parse_header(buf, 1024, 28 * 512 + MiB, &k),
			 LINUX_ENOTKERNEL);
	// Not even a sector long.
	fake_header_build(buf, 1024, 0x020F, 27, LOADED_HIGH, MiB);
	assert_int_equal(linux_parse_header(buf, 511, 511, &k),
			 LINUX_ENOTKERNEL);
	assert_int_equal(linux_parse_header(buf, 0, 0, &k), LINUX_ENOTKERNEL);
}

static void test_refuse_truncated(void **state)
{
	struct linux_kernel k;

	(void)state;
	fake_header_build(buf, 1024, 0x020F, 27, LOADED_HIGH, MiB);
	// Setup complete, no protected-mode part.
	assert_int_equal(linux_parse_header(buf, 1024, 28 * 512, &k),
			 LINUX_ETRUNCATED);
	// Setup cut short.
	assert_int_equal(linux_parse_header(buf, 1024, 20 * 512, &k),
			 LINUX_ETRUNCATED);
	// Shorter than the two sectors: the caller gives what there is.
	assert_int_equal(linux_parse_header(buf, 700, 700, &k),
			 LINUX_ETRUNCATED);
	// Protected-mode part shorter than syssize says.
	assert_int_equal(linux_parse_header(buf, 1024, 28 * 512 + MiB - 16, &k),
			 LINUX_ETRUNCATED);
	assert_int_equal(linux_parse_header(buf, 1024, 28 * 512 + MiB, &k), 0);
}

static void test_refuse_setup_too_big(void **state)
{
	struct linux_kernel k;

	(void)state;
	assert_int_equal(
	    fake_header_parse(buf, 0x020F, 64, LOADED_HIGH, MiB, &k),
	    LINUX_ESETUPTOOBIG);
	assert_int_equal(k.setup_sects, 64);
	assert_int_equal(
	    fake_header_parse(buf, 0x020F, 255, LOADED_HIGH, MiB, &k),
	    LINUX_ESETUPTOOBIG);
	assert_int_equal(
	    fake_header_parse(buf, 0x020F, 63, LOADED_HIGH, MiB, &k), 0);
}

static void test_refuse_bad_version(void **state)
{
	struct linux_kernel k;

	(void)state;
	// Nonsense versions behind a HdrS.
	assert_int_equal(
	    fake_header_parse(buf, 0x0105, 4, LOADED_HIGH, MiB, &k),
	    LINUX_EBADVERSION);
	assert_int_equal(k.version, 0x0105); // for the message
	assert_int_equal(
	    fake_header_parse(buf, 0x0300, 4, LOADED_HIGH, MiB, &k),
	    LINUX_EBADVERSION);
	// 2.14 is a burnt number, read like 2.13.
	assert_int_equal(
	    fake_header_parse(buf, 0x020E, 4, LOADED_HIGH, MiB, &k), 0);
}

static void test_refuse_misc(void **state)
{
	struct linux_kernel k;

	(void)state;
	// Relocatable with an alignment align_up() cannot use.
	fake_header_build(buf, 1024, 0x020A, 27, LOADED_HIGH, MiB);
	le32_put(buf + 0x230, 0x300000);
	assert_int_equal(linux_parse_header(buf, 1024, 28 * 512 + MiB, &k),
			 LINUX_EBADALIGN);
	le32_put(buf + 0x230, 0);
	assert_int_equal(linux_parse_header(buf, 1024, 28 * 512 + MiB, &k),
			 LINUX_EBADALIGN);
	// Not relocatable: the alignment is irrelevant.
	buf[0x234] = 0;
	assert_int_equal(linux_parse_header(buf, 1024, 28 * 512 + MiB, &k), 0);
	// PM part that no 32-bit field can describe.
	assert_int_equal(
	    linux_parse_header(buf, 1024, 0x100000000ull + 28 * 512, &k),
	    LINUX_ETOOBIG);
	// Too few bytes given for the file size, or no buffer.
	assert_int_equal(linux_parse_header(buf, 1000, 28 * 512 + MiB, &k),
			 LINUX_EINVAL);
	assert_int_equal(linux_parse_header(NULL, 1024, 28 * 512 + MiB, &k),
			 LINUX_EINVAL);
	assert_int_equal(linux_parse_header(buf, 1024, 28 * 512 + MiB, NULL),
			 LINUX_EINVAL);
}

static void test_strerror(void **state)
{
	int a, b;

	(void)state;
	for (a = LINUX_EBOOTSECTOR; a < 0; a++) {
		const char *s = linux_strerror(a);

		assert_non_null(s);
		assert_true(strlen(s) > 5);
		assert_string_not_equal(s, "unknown error");
		for (b = a + 1; b < 0; b++)
			assert_string_not_equal(s, linux_strerror(b));
	}
	assert_string_equal(linux_strerror(LINUX_ENOTKERNEL),
			    "not a Linux kernel: no 0xAA55 boot flag");
	assert_string_equal(linux_strerror(LINUX_EBOOTSECTOR),
			    "not a Linux kernel: a boot sector, no kernel");
	assert_string_equal(linux_strerror(LINUX_ENOINITRD),
			    "kernel too old for an initrd");
	assert_string_equal(linux_strerror(LINUX_ENOHIGHMEM),
			    "kernel does not fit in memory");
	assert_string_equal(linux_strerror(LINUX_EBOOTSECTOR - 1),
			    "unknown error");
	assert_string_equal(linux_strerror(-10000), "unknown error");
	assert_string_equal(linux_strerror(1), "unknown error");
	assert_string_equal(linux_strerror(-2147483647 - 1), "unknown error");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_202),
	    cmocka_unit_test(test_parse_204),
	    cmocka_unit_test(test_parse_206),
	    cmocka_unit_test(test_parse_210),
	    cmocka_unit_test(test_parse_212),
	    cmocka_unit_test(test_parse_215),
	    cmocka_unit_test(test_version_string),
	    cmocka_unit_test(test_parse_payload_kinfo),
	    cmocka_unit_test(test_refuse_no_boot_flag),
	    cmocka_unit_test(test_refuse_truncated),
	    cmocka_unit_test(test_refuse_setup_too_big),
	    cmocka_unit_test(test_refuse_bad_version),
	    cmocka_unit_test(test_refuse_misc),
	    cmocka_unit_test(test_strerror),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
