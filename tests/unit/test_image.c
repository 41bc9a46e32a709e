// SPDX-License-Identifier: BSD-2-Clause
// Unit tests for protocol/image.c: the kernel_info structure (2.15+) and the
// payload's compression format, from synthetic protected-mode bytes.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "protocol/bootparam.h"
#include "protocol/le.h"
#include "protocol/linux.h"
#include "tests/unit/support/kernel_file.h"

static uint8_t pm[4096];

// A kernel_info at off as the kernel's kernel_info.S lays it out.
static void put_kinfo(size_t off, uint32_t size, uint32_t total,
		      uint32_t type_max)
{
	memset(pm, 0xCC, sizeof(pm));
	memcpy(pm + off, "LToP", 4);
	le32_put(pm + off + 4, size);
	le32_put(pm + off + 8, total);
	le32_put(pm + off + 12, type_max);
}

static void test_kinfo(void **state)
{
	struct kernel_info ki;

	(void)state;
	put_kinfo(0x800, 16, 16, 0x80000009);
	assert_int_equal(linux_parse_kernel_info(pm, sizeof(pm), 0x800, &ki),
			 0);
	assert_int_equal(ki.header, KERNEL_INFO_MAGIC);
	assert_int_equal(ki.size, 16);
	assert_int_equal(ki.size_total, 16);
	assert_int_equal(ki.setup_type_max, 0x80000009);
	// Variable-length data after the fixed part.
	put_kinfo(0x800, 16, 40, 9);
	assert_int_equal(linux_parse_kernel_info(pm, sizeof(pm), 0x800, &ki),
			 0);
	assert_int_equal(ki.size_total, 40);
	// Right at the end of the bytes given.
	put_kinfo(sizeof(pm) - 16, 16, 16, 7);
	assert_int_equal(
	    linux_parse_kernel_info(pm, sizeof(pm), sizeof(pm) - 16, &ki), 0);
	assert_int_equal(ki.setup_type_max, 7);
	// A kernel_info older than setup_type_max: the field stays 0.
	put_kinfo(0x100, 12, 12, 0x12345678);
	assert_int_equal(linux_parse_kernel_info(pm, sizeof(pm), 0x100, &ki),
			 0);
	assert_int_equal(ki.size, 12);
	assert_int_equal(ki.setup_type_max, 0);
}

static void test_kinfo_refusals(void **state)
{
	struct kernel_info ki;

	(void)state;
	put_kinfo(0x800, 16, 16, 9);
	// Wrong place: no magic there.
	assert_int_equal(linux_parse_kernel_info(pm, sizeof(pm), 0x804, &ki),
			 LINUX_EBADKINFO);
	assert_int_equal(ki.header, 0);
	// Beyond the bytes given, or cut by their end.
	assert_int_equal(linux_parse_kernel_info(pm, 0x800, 0x800, &ki),
			 LINUX_EBADKINFO);
	assert_int_equal(linux_parse_kernel_info(pm, 0x80B, 0x800, &ki),
			 LINUX_EBADKINFO);
	assert_int_equal(linux_parse_kernel_info(pm, 0x80F, 0x800, &ki),
			 LINUX_EBADKINFO);
	assert_int_equal(
	    linux_parse_kernel_info(pm, sizeof(pm), 0xFFFFFFF0u, &ki),
	    LINUX_EBADKINFO);
	// Sizes that contradict each other or the image.
	put_kinfo(0x800, 8, 16, 9);
	assert_int_equal(linux_parse_kernel_info(pm, sizeof(pm), 0x800, &ki),
			 LINUX_EBADKINFO);
	put_kinfo(0x800, 16, 12, 9);
	assert_int_equal(linux_parse_kernel_info(pm, sizeof(pm), 0x800, &ki),
			 LINUX_EBADKINFO);
	put_kinfo(0x800, 16, sizeof(pm) - 0x800 + 1, 9);
	assert_int_equal(linux_parse_kernel_info(pm, sizeof(pm), 0x800, &ki),
			 LINUX_EBADKINFO);
	put_kinfo(0x800, 16, 0xFFFFFFFF, 9);
	assert_int_equal(linux_parse_kernel_info(pm, sizeof(pm), 0x800, &ki),
			 LINUX_EBADKINFO);
	assert_int_equal(linux_parse_kernel_info(NULL, 0, 0, &ki),
			 LINUX_EINVAL);
	assert_int_equal(linux_parse_kernel_info(pm, sizeof(pm), 0x800, NULL),
			 LINUX_EINVAL);
}

static void test_payload_formats(void **state)
{
	static const struct {
		const char *bytes;
		size_t len;
		int format;
	} cases[] = {
	    {"\x1F\x8B\x08\x00", 4, LINUX_PAYLOAD_GZIP},
	    {"\x1F\x9E", 2, LINUX_PAYLOAD_GZIP},
	    {"BZh91AY", 7, LINUX_PAYLOAD_BZIP2},
	    {"\x5D\x00\x00\x80\x00", 5, LINUX_PAYLOAD_LZMA},
	    {"\xFD"
	     "7zXZ\x00\x00\x01",
	     8, LINUX_PAYLOAD_XZ},
	    {"\x89LZO\x00\x0D\x0A", 7, LINUX_PAYLOAD_LZO},
	    {"\x02\x21\x4C\x18", 4, LINUX_PAYLOAD_LZ4},
	    {"\x28\xB5\x2F\xFD\x04", 5, LINUX_PAYLOAD_ZSTD},
	    {"\x7F"
	     "ELF\x02\x01",
	     6, LINUX_PAYLOAD_ELF},
	    // Near misses and too few bytes.
	    {"\x1F\x8C", 2, LINUX_PAYLOAD_UNKNOWN},
	    {"BZ", 2, LINUX_PAYLOAD_UNKNOWN},
	    {"\x5D\x00\x01", 3, LINUX_PAYLOAD_UNKNOWN},
	    {"\xFD"
	     "7zXZ",
	     5, LINUX_PAYLOAD_UNKNOWN},
	    {"\x28\xB5\x2F", 3, LINUX_PAYLOAD_UNKNOWN},
	    {"\x1F", 1, LINUX_PAYLOAD_UNKNOWN},
	    {"", 0, LINUX_PAYLOAD_UNKNOWN},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(
		    linux_payload_format(cases[i].bytes, cases[i].len),
		    cases[i].format);
	assert_int_equal(linux_payload_format(NULL, 4), LINUX_PAYLOAD_UNKNOWN);
}

// The real kernel (see kernel_file.h for when it skips).
static void test_real_kernel(void **state)
{
	struct kernel_file kf;
	struct linux_kernel k;
	struct kernel_info ki;
	const uint8_t *file;
	int fmt;

	(void)state;
	kernel_file_read(&kf);
	file = kf.data;
	assert_int_equal(linux_parse_header(file, kf.size, kf.size, &k), 0);
	assert_true(k.version >= 0x0208);
	// The setup and the PM part are the whole file, nothing left over.
	assert_int_equal(k.pm_offset, k.setup_size);
	assert_int_equal((uint64_t)k.pm_offset + k.pm_size, kf.size);
	assert_true((uint64_t)k.payload_offset + k.payload_length <= k.pm_size);
	fmt = linux_payload_format(file + k.pm_offset + k.payload_offset,
				   k.payload_length);
	assert_int_not_equal(fmt, LINUX_PAYLOAD_UNKNOWN);
	if (k.version >= 0x020F) {
		assert_int_equal(
		    linux_parse_kernel_info(file + k.pm_offset, k.pm_size,
					    k.kernel_info_offset, &ki),
		    0);
		print_message("      payload format %d, kernel_info size %u, "
			      "setup_type_max 0x%x\n",
			      fmt, ki.size, ki.setup_type_max);
	}
	kernel_file_free(&kf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_kinfo),
	    cmocka_unit_test(test_kinfo_refusals),
	    cmocka_unit_test(test_payload_formats),
	    cmocka_unit_test(test_real_kernel),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
