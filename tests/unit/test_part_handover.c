// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for fs/part_handover.c: the 16-byte entry a chainloaded
 * sector finds at DS:SI, as chain.c32's setup_handover and lba2chs build
 * it (the whole disk, a primary, a logical with its absolute LBA, GPT),
 * and `fs`'s search for the partition at a volume's LBA. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "fs/part.h"
#include "fs/part_handover.h"
#include "tests/unit/support/memdisk.h"
#include "tests/unit/support/part_disk.h"

/* A QEMU IDE disk of 64 MiB: AH=08h says 130 cylinders (of 131), 16
 * heads, 63 sectors. */
static const struct part_geom qemu64 = {130, 16, 63, 131072, true};

static void chs_is(const uint8_t chs[3], unsigned c, unsigned h, unsigned s)
{
	assert_int_equal(chs[0], h);
	assert_int_equal(chs[1], s | (c >> 2 & 0xC0));
	assert_int_equal(chs[2], c & 0xFF);
}

static void test_chs(void **state)
{
	uint8_t chs[3];
	const struct part_geom none = {0, 0, 0, 0, true};
	const struct part_geom fd = {0, 0, 0, 2880, false};

	(void)state;
	part_lba_to_chs(chs, &qemu64, 0);
	chs_is(chs, 0, 0, 1);
	part_lba_to_chs(chs, &qemu64, 2048); /* 2048 = 2*1008 + 32 */
	chs_is(chs, 2, 0, 33);
	/* the cylinder AH=08h leaves out is counted (L2C_CADD): 131071 =
	 * 130 * 1008 + 31, in it rather than past the geometry */
	part_lba_to_chs(chs, &qemu64, 131071);
	chs_is(chs, 130, 0, 32);
	/* beyond the geometry: its last sector */
	part_lba_to_chs(chs, &qemu64, 1u << 30);
	chs_is(chs, 130, 15, 63);
	/* no geometry: 1024/255/63 for a hard disk, 80/2/18 for a floppy */
	part_lba_to_chs(chs, &none, 16450560);
	chs_is(chs, 1023, 254, 63);
	part_lba_to_chs(chs, &none, 16065); /* one cylinder */
	chs_is(chs, 1, 0, 1);
	part_lba_to_chs(chs, &fd, 36);
	chs_is(chs, 1, 0, 1);
	/* cylinder bits 8-9 go into the sector byte */
	part_lba_to_chs(chs, &none, 800ull * 16065);
	chs_is(chs, 800, 0, 1);
}

static void test_whole_disk(void **state)
{
	struct mbr_entry pe;

	(void)state;
	memset(&pe, 0x5A, sizeof(pe));
	part_handover_entry(&pe, NULL, &qemu64);
	assert_int_equal(pe.status, 0x80);
	assert_int_equal(pe.type, 0xDA);
	assert_int_equal(pe.lba_first, 0);
	assert_int_equal(pe.sectors, 131072);
	chs_is(pe.chs_first, 0, 0, 1);
	chs_is(pe.chs_last, 130, 0, 32);
}

static void test_mbr_partitions(void **state)
{
	struct part_entry primary = {
	    .index = 1, .type = 0x0C, .start_lba = 2048, .sectors = 4096};
	struct part_entry logical = {.index = 5,
				     .active = true,
				     .type = 0x83,
				     .start_lba = 10240,
				     .sectors = 2048};
	struct mbr_entry pe;

	(void)state;
	part_handover_entry(&pe, &primary, &qemu64);
	assert_int_equal(pe.status, 0x00); /* as its table has it */
	assert_int_equal(pe.type, 0x0C);
	assert_int_equal(pe.lba_first, 2048);
	assert_int_equal(pe.sectors, 4096);
	chs_is(pe.chs_first, 2, 0, 33);
	chs_is(pe.chs_last, 6, 1, 33); /* 6143 = 6 * 1008 + 63 + 32 */
	part_handover_entry(&pe, &logical, &qemu64);
	assert_int_equal(pe.status, 0x80);
	assert_int_equal(pe.type, 0x83);
	assert_int_equal(pe.lba_first, 10240); /* absolute, not EBR-relative */
	assert_int_equal(pe.sectors, 2048);
}

static void test_gpt_and_big(void **state)
{
	struct part_entry gpt = {.index = 2,
				 .gpt = true,
				 .start_lba = 5ull << 32,
				 .sectors = 1ull << 33};
	struct mbr_entry pe;

	(void)state;
	part_handover_entry(&pe, &gpt, &qemu64);
	assert_int_equal(pe.status, 0x80);
	assert_int_equal(pe.type, 0xED);
	assert_int_equal(pe.lba_first, 0xFFFFFFFFu);
	assert_int_equal(pe.sectors, 0xFFFFFFFFu);
	chs_is(pe.chs_first, 130, 15, 63);
}

static void test_find_lba(void **state)
{
	struct memdisk *sp = memdisk_new(1u << 20);
	uint8_t mbr[512], buf[512];
	struct part_entry e;

	(void)state;
	mbr_init(mbr);
	mbr_set(mbr, 0, 0x00, 0x0C, 2048, 1000);
	mbr_set(mbr, 1, 0x00, 0x05, 8192, 8192);
	memcpy(memdisk_at(sp, 0), mbr, 512);
	ebr_put(sp, 8192, 0x0E, 63, 1000, 0, 0);
	assert_int_equal(part_find_lba(&sp->bd, 0, 8192 + 63, buf, &e), 0);
	assert_int_equal(e.index, 5);
	assert_int_equal(e.type, 0x0E);
	assert_int_equal(part_find_lba(&sp->bd, 0, 2048, buf, &e), 0);
	assert_int_equal(e.index, 1);
	assert_int_equal(part_find_lba(&sp->bd, 0, 4096, buf, &e),
			 PART_ENOPART);
	memdisk_free(sp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_chs),
	    cmocka_unit_test(test_whole_disk),
	    cmocka_unit_test(test_mbr_partitions),
	    cmocka_unit_test(test_gpt_and_big),
	    cmocka_unit_test(test_find_lba),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
