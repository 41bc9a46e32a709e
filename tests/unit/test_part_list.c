// SPDX-License-Identifier: BSD-2-Clause
/* part_list_indices: the " 1 2 5 6" that messages give of the partitions a
 * disk has, in buffers of every size, and on damaged disks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "fs/part.h"
#include "tests/unit/support/memdisk.h"
#include "tests/unit/support/part_disk.h"

/* Primaries 1 and 3, extended 2 with logicals 5 to 4 + logicals. */
static struct memdisk *disk_with(unsigned logicals)
{
	struct memdisk *sp = memdisk_new(1000000);
	uint8_t *m = memdisk_at(sp, 0);
	unsigned i;

	mbr_init(m);
	mbr_set(m, 0, 0x00, 0x83, 2048, 4000);
	mbr_set(m, 1, 0x00, 0x05, 10000, 200000);
	mbr_set(m, 2, 0x00, 0x0C, 300000, 1000);
	for (i = 0; i < logicals; i++)
		ebr_put(sp, 10000 + 100 * i, 0x83, 1, 99,
			i + 1 < logicals ? 100 * (i + 1) : 0,
			i + 1 < logicals ? 100 : 0);
	return sp;
}

static int list(struct memdisk *sp, char *out, size_t size)
{
	uint8_t buf[512];

	return part_list_indices(&sp->bd, 0, buf, out, size);
}

static void test_numbers(void **state)
{
	struct memdisk *sp = disk_with(3);
	char out[64];

	(void)state;
	memset(out, 'x', sizeof(out));
	assert_int_equal(list(sp, out, sizeof(out)), 0);
	assert_string_equal(out, " 1 2 3 5 6 7");
	memdisk_free(sp);

	/* Two and three digits. */
	sp = disk_with(PART_MAX_LOGICAL);
	assert_int_equal(list(sp, out, sizeof(out)), 0);
	assert_string_equal(out, " 1 2 3 5 6 7 8 9 10 11 12 13 14 15 16 17 "
				 "18 19 20 21 22 23 ...");
	memdisk_free(sp);

	/* No partitions: an empty list. */
	sp = disk_with(0);
	mbr_init(memdisk_at(sp, 0));
	memset(out, 'x', sizeof(out));
	assert_int_equal(list(sp, out, sizeof(out)), 0);
	assert_string_equal(out, "");
	memdisk_free(sp);
}

/* All of it if it fits, else as much as fits with " ..." after it (or
 * no " ..." at all in under 5 bytes). */
static void test_small_buffers(void **state)
{
	static const struct {
		size_t size;
		const char *want;
	} cases[] = {
	    {1, ""},
	    {3, ""},
	    {4, ""},
	    {5, " ..."},
	    {6, " ..."},
	    {7, " 1 ..."},
	    {9, " 1 2 ..."},
	    {12, " 1 2 3 ..."},
	    {13, " 1 2 3 5 6 7"},
	};
	struct memdisk *sp = disk_with(3);
	char out[16];
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(out, 'x', sizeof(out));
		assert_int_equal(list(sp, out, cases[i].size), 0);
		assert_string_equal(out, cases[i].want);
		/* Nothing written past size. */
		assert_int_equal(out[cases[i].size], 'x');
	}
	memset(out, 'x', sizeof(out));
	assert_int_equal(list(sp, out, 0), PART_EINVAL);
	assert_int_equal(out[0], 'x');
	assert_int_equal(list(sp, NULL, 16), PART_EINVAL);
	memdisk_free(sp);
}

/* The partitions found before the damage, and the damage. */
static void test_damage(void **state)
{
	struct memdisk *sp = disk_with(3);
	char out[64];

	(void)state;
	sp->fail_lba = 10100;
	assert_int_equal(list(sp, out, sizeof(out)), PART_EIO);
	assert_string_equal(out, " 1 2 3 5");
	sp->fail_lba = 0;
	assert_int_equal(list(sp, out, sizeof(out)), PART_EIO);
	assert_string_equal(out, "");
	sp->fail_lba = MEMDISK_NO_LBA;
	/* The third EBR links to itself. */
	ebr_put(sp, 10200, 0x83, 1, 99, 200, 100);
	assert_int_equal(list(sp, out, sizeof(out)), PART_ECORRUPT);
	assert_string_equal(out, " 1 2 3 5 6 7");
	memdisk_free(sp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_numbers),
	    cmocka_unit_test(test_small_buffers),
	    cmocka_unit_test(test_damage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
