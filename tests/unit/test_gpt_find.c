// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for fs/gpt_find.c: chain.c32's guid: and label: on one
 * disk: a partition's unique GUID (never its type GUID), the disk GUID,
 * a name compared by the low byte of each UTF-16 unit, unused slots
 * skipped, entries past the first sector of the array, no GPT. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "fs/gpt_find.h"
#include "fs/part.h"
#include "tests/unit/support/memdisk.h"

#define ENTRIES_LBA 2

static struct memdisk *md;
static uint8_t buf[512];

static void guid_of(uint8_t g[16], uint8_t seed)
{
	for (unsigned i = 0; i < 16; i++)
		g[i] = (uint8_t)(seed + i);
}

/* Slot `slot` of the entry array: type GUID seed 0xA0 + slot, unique
 * seed slot * 16, the name in UTF-16LE. */
static void entry(unsigned slot, const char *name)
{
	struct gpt_entry e;

	memset(&e, 0, sizeof(e));
	guid_of(e.PartitionTypeGUID, (uint8_t)(0xA0 + slot));
	guid_of(e.UniquePartitionGUID, (uint8_t)(slot * 16));
	e.StartingLBA = 2048 * (slot + 1);
	e.EndingLBA = e.StartingLBA + 2047;
	for (unsigned i = 0; name[i] && i < 36; i++)
		e.PartitionName[i] = (uint8_t)name[i];
	memcpy(memdisk_at(md, ENTRIES_LBA + slot / 4) + slot % 4 * 128, &e,
	       sizeof(e));
}

static int setup(void **state)
{
	struct gpt_header h;

	(void)state;
	md = memdisk_new(65536);
	memset(&h, 0, sizeof(h));
	memcpy(h.Signature, "EFI PART", 8);
	guid_of(h.DiskGUID, 0xD0);
	h.PartitionEntryLBA = ENTRIES_LBA;
	h.NumberOfPartitionEntries = 128;
	h.SizeOfPartitionEntry = 128;
	memcpy(memdisk_at(md, 1), &h, sizeof(h));
	entry(0, "EFI system");
	entry(1, "root");
	/* slot 2 unused; slot 3 a name of all 36 units */
	entry(3, "abcdefghijklmnopqrstuvwxyz0123456789");
	entry(9, "root"); /* a second "root": the first one wins */
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	memdisk_free(md);
	return 0;
}

static int by_label(const char *label, unsigned *index)
{
	*index = 999;
	return gpt_find(&md->bd, buf, NULL, label, index);
}

static void test_label(void **state)
{
	unsigned index;

	(void)state;
	assert_int_equal(by_label("root", &index), PART_OK);
	assert_int_equal(index, 2);
	assert_int_equal(by_label("EFI system", &index), PART_OK);
	assert_int_equal(index, 1);
	assert_int_equal(
	    by_label("abcdefghijklmnopqrstuvwxyz0123456789", &index), PART_OK);
	assert_int_equal(index, 4);
	/* exact: no prefix, no case folding */
	assert_int_equal(by_label("roo", &index), PART_ENOPART);
	assert_int_equal(by_label("rootx", &index), PART_ENOPART);
	assert_int_equal(by_label("Root", &index), PART_ENOPART);
	assert_int_equal(by_label("", &index), PART_ENOPART);
}

static void test_guid(void **state)
{
	uint8_t g[16];
	unsigned index = 999;

	(void)state;
	guid_of(g, 9 * 16); /* slot 9's unique GUID, in the third sector */
	assert_int_equal(gpt_find(&md->bd, buf, g, NULL, &index), PART_OK);
	assert_int_equal(index, 10);
	guid_of(g, 0xD0); /* the disk's */
	assert_int_equal(gpt_find(&md->bd, buf, g, NULL, &index), PART_OK);
	assert_int_equal(index, 0);
	guid_of(g, 0xA1); /* slot 1's type GUID: not a partition's GUID */
	assert_int_equal(gpt_find(&md->bd, buf, g, NULL, &index), PART_ENOPART);
	guid_of(g, 2 * 16); /* the unused slot is not looked at */
	assert_int_equal(gpt_find(&md->bd, buf, g, NULL, &index), PART_ENOPART);
}

static void test_no_gpt_or_io(void **state)
{
	unsigned index;

	(void)state;
	memdisk_at(md, 1)[0] = 'X';
	assert_int_equal(by_label("root", &index), PART_ENOPART);
	memdisk_at(md, 1)[0] = 'E';
	md->fail_lba = ENTRIES_LBA + 2;
	assert_int_equal(by_label("nothing", &index), PART_EIO);
	md->fail_lba = MEMDISK_NO_LBA;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_label),
	    cmocka_unit_test(test_guid),
	    cmocka_unit_test(test_no_gpt_or_io),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
