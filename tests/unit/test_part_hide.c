// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for fs/part_hide.c: chain.c32's hide/unhide rule (which
 * types have a hidden twin, the booted partition always unhidden, hide
 * reaching primaries only unless `all`), applied to an MBR in memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "fs/part.h"
#include "fs/part_hide.h"
#include "tests/unit/support/part_disk.h"

static void test_hideable(void **state)
{
	static const uint8_t yes[] = {0x01, 0x04, 0x06, 0x07, 0x0B, 0x0C, 0x0E,
				      0x11, 0x14, 0x16, 0x17, 0x1B, 0x1C, 0x1E};
	unsigned n = 0;

	(void)state;
	for (unsigned t = 0; t < 256; t++)
		n += part_hide_hideable((uint8_t)t);
	assert_int_equal(n, sizeof(yes));
	for (unsigned i = 0; i < sizeof(yes); i++)
		assert_true(part_hide_hideable(yes[i]));
	/* Linux, extended, GPT protective: never */
	assert_false(part_hide_hideable(0x83));
	assert_false(part_hide_hideable(0x05));
	assert_false(part_hide_hideable(0x0F));
	assert_false(part_hide_hideable(0xEE));
}

static void test_type(void **state)
{
	(void)state;
	assert_int_equal(part_hide_type(0x0C, false, false), 0x1C);
	assert_int_equal(part_hide_type(0x1C, false, false), 0x1C);
	assert_int_equal(part_hide_type(0x1C, true, false), 0x0C);
	assert_int_equal(part_hide_type(0x0C, true, false), 0x0C);
	assert_int_equal(part_hide_type(0x16, false, true), 0x06);
	assert_int_equal(part_hide_type(0x83, false, false), 0x83);
	assert_int_equal(part_hide_type(0x05, false, true), 0x05);
	assert_true(part_hide_reaches(1, false));
	assert_true(part_hide_reaches(4, false));
	assert_false(part_hide_reaches(5, false));
	assert_true(part_hide_reaches(5, true));
	assert_false(part_hide_reaches(0, true)); /* the disk itself */
}

static void test_mbr(void **state)
{
	uint8_t mbr[512], want[512];

	(void)state;
	mbr_init(mbr);
	mbr_set(mbr, 0, 0x80, 0x1C, 2048, 2048);
	mbr_set(mbr, 1, 0x00, 0x06, 4096, 2048);
	mbr_set(mbr, 2, 0x00, 0x05, 6144, 4096);
	/* slot 3 empty */
	memcpy(want, mbr, sizeof(mbr));
	want[0x1BE + 16 + 4] = 0x16;
	part_hide_mbr(mbr, 0, false); /* hd0 0 hide: every one hidden */
	assert_memory_equal(mbr, want, sizeof(mbr));
	part_hide_mbr(mbr, 2, false); /* hd0 2 hide: 2 shown, 1 hidden */
	want[0x1BE + 16 + 4] = 0x06;
	assert_memory_equal(mbr, want, sizeof(mbr));
	part_hide_mbr(mbr, 0, true); /* unhide */
	want[0x1BE + 4] = 0x0C;
	assert_memory_equal(mbr, want, sizeof(mbr));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hideable),
	    cmocka_unit_test(test_type),
	    cmocka_unit_test(test_mbr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
