// SPDX-License-Identifier: BSD-2-Clause
// Unit tests for protocol/header.c against the real kernel make check
// fetches: parsed, planned and written like stage2 does.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "protocol/bootparam.h"
#include "protocol/le.h"
#include "protocol/linux.h"
#include "tests/unit/support/kernel_file.h"

#define MiB 0x100000u

// The real kernel (see kernel_file.h for when it skips).
static void test_real_kernel(void **state)
{
	static uint8_t setup[0x8000];
	struct kernel_file kf;
	struct linux_plan p;
	struct linux_kernel k;
	static const struct mem_range map[] = {
	    {0, 0x9FC00, 1}, {0x100000, 0x3FF00000, 1}, // 1 GiB
	};
	struct linux_plan_req req;
	size_t got;
	uint64_t size;

	(void)state;
	kernel_file_read(&kf);
	size = kf.size;
	got = kf.size < sizeof(setup) ? kf.size : sizeof(setup);
	memcpy(setup, kf.data, got);
	kernel_file_free(&kf);
	assert_int_equal(linux_parse_header(setup, 1024, size, &k), 0);
	assert_true(k.version >= 0x0202);
	assert_true(k.bzimage);
	assert_int_equal((uint64_t)k.pm_offset + k.pm_size, size);
	assert_true(k.header_end >= 0x22C);
	assert_int_equal(linux_parse_header(setup, got, size, &k), 0);
	// The whole setup was in the buffer: the version string is from it.
	assert_true(k.setup_size <= got);
	assert_true(k.version_string[0] != '\0');
	print_message("      kernel %u.%02u, setup %u bytes, \"%s\"\n",
		      k.version >> 8, k.version & 0xFF, k.setup_size,
		      k.version_string);
	// The request stage2 makes, on a 1 GiB PC.
	linux_plan_req_init(&req, map, 2, 0x9FC00, 20, 16 * MiB, 0);
	assert_int_equal(linux_plan_layout(&k, &req, &p), 0);
	assert_int_equal(p.real_addr, LINUX_REAL_MIN);
	assert_int_equal(linux_write_header(setup, k.setup_size, &k, &p, -1),
			 0);
	assert_int_equal(le32_get(setup + 0x228), p.cmdline_addr);
	assert_int_equal(le32_get(setup + 0x218), p.initrd_addr);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_real_kernel),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
