// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for fs/bpb_patch.c: which BPB chain.c32's bpb_detect sees
 * in a boot sector (by the jump, then by the extended signatures), and
 * what setbpb, sethid, setgeo and setdrv[=OFF] change in each. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "fs/bpb_patch.h"
#include "protocol/le.h"

static uint8_t sec[512], before[512];

/* A sector with a jump to `to` (0: no jump) and media byte 0xF8. */
static void sector(unsigned to)
{
	memset(sec, 0, sizeof(sec));
	if (to) {
		sec[0] = 0xEB;
		sec[1] = (uint8_t)(to - 2);
		sec[2] = 0x90;
	}
	sec[0x15] = 0xF8;
	sec[510] = 0x55;
	sec[511] = 0xAA;
}

static void fat16(void) /* mkfs.fat's FAT16: code at 0x3E */
{
	sector(0x3E);
	sec[0x26] = 0x29;
	memcpy(sec + 0x36, "FAT16   ", 8);
}

static void test_detect(void **state)
{
	(void)state;
	sector(0x1C);
	assert_int_equal(bpb_detect(sec), BPB_V20);
	sector(0x1E);
	assert_int_equal(bpb_detect(sec), BPB_V30);
	sector(0x22);
	assert_int_equal(bpb_detect(sec), BPB_V32);
	fat16(); /* the jump says 3.4 before the signature is looked at */
	assert_int_equal(bpb_detect(sec), BPB_V34);
	sec[1] = 0x58; /* code at 0x5A: past any BPB's jump range */
	assert_int_equal(bpb_detect(sec), BPB_V40);
	sec[0] = 0x90; /* no jump at all: the same */
	assert_int_equal(bpb_detect(sec), BPB_V40);
	sector(0x5A); /* FAT32 */
	sec[0x42] = 0x29;
	memcpy(sec + 0x52, "FAT32   ", 8);
	assert_int_equal(bpb_detect(sec), BPB_V70);
	sector(0x54);
	memcpy(sec + 3, "NTFS    ", 8);
	sec[0x26] = 0x80;
	assert_int_equal(bpb_detect(sec), BPB_VNT);
	sector(0x78);
	sec[0x15] = 0;
	memcpy(sec + 3, "EXFAT   ", 8);
	assert_int_equal(bpb_detect(sec), BPB_EXFAT);
	fat16();
	sec[0x15] = 0x00; /* no media byte: no BPB */
	assert_int_equal(bpb_detect(sec), BPB_UNKNOWN);
	sector(0x10); /* a jump into the BPB */
	assert_int_equal(bpb_detect(sec), BPB_UNKNOWN);
	sector(0x60); /* past 0x46 without a signature */
	assert_int_equal(bpb_detect(sec), BPB_UNKNOWN);
	assert_int_equal(bpb_drive_offset(BPB_V34), -1);
	assert_int_equal(bpb_drive_offset(BPB_V40), 0x24);
	assert_int_equal(bpb_drive_offset(BPB_V70), 0x40);
	assert_int_equal(bpb_drive_offset(BPB_EXFAT), 0x6F);
}

static const struct bpb_fix all = {
    BPB_PATCH_HID | BPB_PATCH_GEO | BPB_PATCH_DRV,
    2048,
    16,
    63,
    true,
    0x81,
    -1};

static void test_setbpb_fat16(void **state)
{
	(void)state;
	fat16();
	sec[1] = 0x58; /* V4.0 */
	memcpy(before, sec, sizeof(sec));
	assert_int_equal(bpb_patch(sec, &all), BPB_V40);
	assert_int_equal(le16_get(sec + 0x18), 63);
	assert_int_equal(le16_get(sec + 0x1A), 16);
	assert_int_equal(le32_get(sec + 0x1C), 2048);
	assert_int_equal(sec[0x24], 0x81);
	/* nothing else */
	memcpy(sec + 0x18, before + 0x18, 8);
	sec[0x24] = before[0x24];
	assert_memory_equal(sec, before, sizeof(sec));
}

static void test_parts_alone(void **state)
{
	struct bpb_fix f = all;

	(void)state;
	fat16();
	sec[1] = 0x58;
	f.what = BPB_PATCH_HID;
	bpb_patch(sec, &f);
	assert_int_equal(le32_get(sec + 0x1C), 2048);
	assert_int_equal(le16_get(sec + 0x18), 0);
	assert_int_equal(sec[0x24], 0);
	f.what = BPB_PATCH_GEO;
	f.heads = f.spt = 0; /* no BIOS geometry: the stand-in */
	bpb_patch(sec, &f);
	assert_int_equal(le16_get(sec + 0x18), 63);
	assert_int_equal(le16_get(sec + 0x1A), 255);
	assert_int_equal(sec[0x24], 0);
	f.hard_disk = false;
	bpb_patch(sec, &f);
	assert_int_equal(le16_get(sec + 0x18), 18);
	assert_int_equal(le16_get(sec + 0x1A), 2);
	f.what = BPB_PATCH_DRV;
	bpb_patch(sec, &f);
	assert_int_equal(sec[0x24], 0x81);
	f.drvoff = 0x1F0; /* setdrv=0x1F0: there, whatever the BPB */
	f.drive = 0x80;
	bpb_patch(sec, &f);
	assert_int_equal(sec[0x1F0], 0x80);
	assert_int_equal(sec[0x24], 0x81);
}

static void test_by_version(void **state)
{
	struct bpb_fix f = all;

	(void)state;
	fat16(); /* V3.4: no drive field */
	assert_int_equal(bpb_patch(sec, &f), BPB_V34);
	assert_int_equal(le32_get(sec + 0x1C), 2048);
	assert_int_equal(le16_get(sec + 0x1A), 16);
	assert_int_equal(sec[0x24], 0);
	sector(0x1E); /* V3.0: 16-bit hidden, all ones past them */
	f.hidden = 0x12345;
	bpb_patch(sec, &f);
	assert_int_equal(le16_get(sec + 0x1C), 0xFFFF);
	assert_int_equal(le16_get(sec + 0x1E), 0);
	sector(0x1C); /* V2.0: neither hidden sectors nor geometry */
	bpb_patch(sec, &f);
	assert_int_equal(le32_get(sec + 0x18), 0);
	assert_int_equal(le32_get(sec + 0x1C), 0);
	sector(0x5A); /* FAT32: drive at 0x40; hidden past 32 bits */
	sec[0x42] = 0x29;
	memcpy(sec + 0x52, "FAT32   ", 8);
	f.hidden = 1ull << 33;
	bpb_patch(sec, &f);
	assert_int_equal(le32_get(sec + 0x1C), 0xFFFFFFFF);
	assert_int_equal(sec[0x40], 0x81);
	sector(0x78); /* exFAT: 64-bit hidden at 0x40, drive at 0x6F */
	sec[0x15] = 0;
	memcpy(sec + 3, "EXFAT   ", 8);
	bpb_patch(sec, &f);
	assert_int_equal(le64_get(sec + 0x40), 1ull << 33);
	assert_int_equal(sec[0x6F], 0x81);
	assert_int_equal(le32_get(sec + 0x18), 0); /* no geometry there */
	memset(sec, 0, sizeof(sec));		   /* no BPB: untouched */
	assert_int_equal(bpb_patch(sec, &all), BPB_UNKNOWN);
	for (unsigned i = 0; i < sizeof(sec); i++)
		assert_int_equal(sec[i], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_detect),
	    cmocka_unit_test(test_setbpb_fat16),
	    cmocka_unit_test(test_parts_alone),
	    cmocka_unit_test(test_by_version),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
