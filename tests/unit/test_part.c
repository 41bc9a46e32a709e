// SPDX-License-Identifier: BSD-2-Clause
/* fs/part.c over hand-built MBR sectors: which partition is booted, and
 * which tables are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "fs/part.h"

static void mbr_init(uint8_t mbr[512])
{
	memset(mbr, 0, 512);
	memset(mbr, 0x90, 446); /* boot code must not look like a table */
	mbr[510] = 0x55;
	mbr[511] = 0xAA;
}

static void mbr_set(uint8_t mbr[512], unsigned slot, uint8_t status,
		    uint8_t type, uint32_t start, uint32_t sectors)
{
	uint8_t *e = mbr + 0x1BE + 16 * slot;

	e[0] = status;
	e[4] = type;
	memcpy(e + 8, &start, 4); /* little-endian host */
	memcpy(e + 12, &sectors, 4);
}

static void test_active_fat_wins(void **state)
{
	uint8_t mbr[512];
	struct part_entry p;

	(void)state;
	mbr_init(mbr);
	mbr_set(mbr, 0, 0x00, 0x0C, 2048, 1000);
	mbr_set(mbr, 1, 0x00, 0x83, 4096, 1000);
	mbr_set(mbr, 2, 0x80, 0x0E, 8192, 5000);
	assert_int_equal(part_pick_boot(mbr, &p), 0);
	assert_int_equal(p.index, 3);
	assert_int_equal(p.type, 0x0E);
	assert_true(p.active);
	assert_int_equal(p.start_lba, 8192);
	assert_int_equal(p.sectors, 5000);
}

static void test_first_fat_without_active(void **state)
{
	uint8_t mbr[512];
	struct part_entry p;

	(void)state;
	mbr_init(mbr);
	mbr_set(mbr, 0, 0x00, 0x83, 2048, 1000);
	mbr_set(mbr, 1, 0x00, 0x1B, 4096, 2000); /* hidden FAT32 */
	mbr_set(mbr, 3, 0x00, 0x06, 9000, 3000);
	assert_int_equal(part_pick_boot(mbr, &p), 0);
	assert_int_equal(p.index, 2);
	assert_int_equal(p.type, 0x1B);
	assert_false(p.active);
	assert_int_equal(p.start_lba, 4096);

	/* An active non-FAT partition does not stop the search. */
	mbr_set(mbr, 0, 0x80, 0x83, 2048, 1000);
	assert_int_equal(part_pick_boot(mbr, &p), 0);
	assert_int_equal(p.index, 2);
}

static void test_fat_types(void **state)
{
	static const uint8_t fat[] = {0x01, 0x04, 0x06, 0x0B, 0x0C, 0x0E,
				      0x11, 0x14, 0x16, 0x1B, 0x1C, 0x1E};
	unsigned t, i, n = 0;

	(void)state;
	for (t = 0; t < 256; t++) {
		bool want = false;

		for (i = 0; i < sizeof(fat); i++)
			want |= fat[i] == t;
		assert_int_equal(part_type_is_fat((uint8_t)t), want);
		n += want;
	}
	assert_int_equal(n, 12);
}

static void test_errors(void **state)
{
	uint8_t mbr[512];
	struct part_entry p;

	(void)state;
	mbr_init(mbr);
	mbr_set(mbr, 0, 0x80, 0x83, 2048, 1000);
	mbr_set(mbr, 1, 0x00, 0x82, 4096, 1000);
	assert_int_equal(part_pick_boot(mbr, &p), PART_ENOFAT);

	mbr_init(mbr);
	assert_int_equal(part_pick_boot(mbr, &p), PART_ENOFAT);

	mbr_init(mbr);
	mbr_set(mbr, 0, 0x00, 0xEE, 1, 0xFFFFFFFF);
	assert_int_equal(part_pick_boot(mbr, &p), PART_EGPT);
	/* Hybrid MBR: the GPT is what counts. */
	mbr_set(mbr, 1, 0x80, 0x0C, 2048, 1000);
	assert_int_equal(part_pick_boot(mbr, &p), PART_EGPT);

	mbr_init(mbr);
	mbr_set(mbr, 0, 0x80, 0x0C, 2048, 1000);
	mbr[511] = 0;
	assert_int_equal(part_pick_boot(mbr, &p), PART_ENOSIG);
	mbr[511] = 0xAA;
	mbr[510] = 0xAA;
	assert_int_equal(part_pick_boot(mbr, &p), PART_ENOSIG);

	/* A FAT boot sector (superfloppy) is not a partition table. */
	mbr_init(mbr);
	mbr_set(mbr, 0, 0x80, 0x0C, 2048, 1000);
	mbr[0x1BE + 16] = 0x37;
	assert_int_equal(part_pick_boot(mbr, &p), PART_EBADTABLE);

	mbr_init(mbr);
	mbr_set(mbr, 0, 0x80, 0x0C, 0, 1000);
	assert_int_equal(part_pick_boot(mbr, &p), PART_EBADENTRY);
	mbr_set(mbr, 0, 0x80, 0x0C, 2048, 0);
	assert_int_equal(part_pick_boot(mbr, &p), PART_EBADENTRY);

	assert_int_equal(part_pick_boot(NULL, &p), PART_EINVAL);
	mbr_init(mbr);
	mbr_set(mbr, 0, 0x80, 0x0C, 2048, 1000);
	assert_int_equal(part_pick_boot(mbr, NULL), PART_EINVAL);
}

static void test_list(void **state)
{
	uint8_t mbr[512];
	struct part_entry p[4];

	(void)state;
	mbr_init(mbr);
	assert_int_equal(part_list(mbr, p), 0);
	mbr_set(mbr, 1, 0x00, 0x83, 2048, 1000);
	mbr_set(mbr, 3, 0x80, 0x0C, 0xFFFFF000u, 0xFFFFFFFFu);
	assert_int_equal(part_list(mbr, p), 2);
	assert_int_equal(p[0].index, 2);
	assert_int_equal(p[0].type, 0x83);
	assert_false(p[0].active);
	assert_int_equal(p[1].index, 4);
	assert_true(p[1].active);
	/* 32-bit fields, 64-bit sums: no wrap past 2 TiB. */
	assert_int_equal(p[1].start_lba + p[1].sectors, 0x1FFFFEFFFull);
	mbr_set(mbr, 0, 0x00, 0xEE, 1, 100);
	assert_int_equal(part_list(mbr, p), 3);
	mbr[510] = 0;
	assert_int_equal(part_list(mbr, p), PART_ENOSIG);
}

static void test_strerror(void **state)
{
	int e;

	(void)state;
	for (e = 0; e >= PART_EBADENTRY; e--)
		assert_string_not_equal(part_strerror(e),
					"unknown partition error");
	assert_string_equal(part_strerror(-100), "unknown partition error");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_active_fat_wins),
	    cmocka_unit_test(test_first_fat_without_active),
	    cmocka_unit_test(test_fat_types),
	    cmocka_unit_test(test_errors),
	    cmocka_unit_test(test_list),
	    cmocka_unit_test(test_strerror),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
