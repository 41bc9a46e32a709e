// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for fs/bpb_copy.c: bss='s copy of the sector's BPB into
 * the file (only the fields the version has, only between equal
 * versions) and SYSLINUX's .bss patch with its sanity check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "fs/bpb_copy.h"
#include "protocol/le.h"

static uint8_t s[512], f[512];

/* A FAT16 boot sector as mkfs.fat writes it: jmp 0x3E (chain.c32: 3.4),
 * media 0xF8. */
static void fat16(uint8_t *p)
{
	memset(p, 0, 512);
	p[0] = 0xEB, p[1] = 0x3C, p[2] = 0x90;
	le16_put(p + 0x0B, 512);
	p[0x0D] = 4;
	le16_put(p + 0x0E, 4); /* reserved sectors */
	p[0x10] = 2;	       /* FATs */
	p[0x15] = 0xF8;
	le16_put(p + 0x18, 32);
	le16_put(p + 0x1A, 64);
	p[0x26] = 0x29;
	memcpy(p + 0x36, "FAT16   ", 8);
	p[510] = 0x55, p[511] = 0xAA;
}

/* FAT32: jmp 0x5A, "FAT32" at 0x52: 7.0. */
static void fat32(uint8_t *p)
{
	fat16(p);
	p[1] = 0x58;
	memset(p + 0x24, 0, 0x36);
	p[0x42] = 0x29;
	memcpy(p + 0x52, "FAT32   ", 8);
}

static void test_bss_copy(void **state)
{
	int k;

	(void)state;
	fat16(s);
	le32_put(s + 0x1C, 2048);
	le32_put(s + 0x20, 65536); /* within 3.4's 0x18-0x23 */
	s[0x24] = 0x80;		   /* past it: not copied */
	fat16(f);
	k = bpb_bss_match(f, s);
	assert_int_equal(k, BPB_V34);
	bpb_bss_copy(f, s, (enum bpb_kind)k);
	assert_int_equal(le32_get(f + 0x1C), 2048);
	assert_int_equal(le32_get(f + 0x20), 65536);
	assert_int_equal(f[0x24], 0);
	fat32(s);
	fat32(f);
	s[0x40] = 0x81; /* 7.0 has the drive at 0x40 */
	bpb_bss_copy(f, s, (enum bpb_kind)bpb_bss_match(f, s));
	assert_int_equal(f[0x40], 0x81);
	fat16(f);
	assert_int_equal(bpb_bss_match(f, s), -2);
	f[0x15] = 0; /* no media byte: no BPB */
	assert_int_equal(bpb_bss_match(f, s), -1);
}

static void test_syslinux_bss(void **state)
{
	(void)state;
	fat32(s);
	le32_put(s + 0x1C, 2048);
	memset(f, 0xEE, sizeof(f));
	assert_true(bpb_syslinux_bss(f, s));
	assert_memory_equal(f + 0x0B, s + 0x0B, 0x3E - 0x0B);
	assert_int_equal(f[0x0A], 0xEE); /* the OEM name stays */
	assert_int_equal(f[0x3E], 0xEE); /* the code stays */
	memset(f, 0xEE, sizeof(f));
	le16_put(s + 0x0E, 0); /* no reserved sectors: not a FAT BPB */
	assert_false(bpb_syslinux_bss(f, s));
	assert_int_equal(f[0x1C], 0xEE);
	fat16(s);
	s[0x10] = 0;
	assert_false(bpb_syslinux_bss(f, s));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bss_copy),
	    cmocka_unit_test(test_syslinux_bss),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
