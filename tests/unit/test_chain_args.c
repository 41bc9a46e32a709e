// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for cmdline/chain_args.c: chain.c32's disk, partition and
 * option words as com32/chain/options.c and chain.c read them, the words
 * bzboot refuses, and LOCALBOOT's type as ldlinux reads it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "cmdline/chain_args.h"

static struct chain_args a;
static char word[CHAIN_WORD_MAX];

static void parses(const char *args)
{
	memset(&a, 0xA5, sizeof(a));
	memset(word, 'x', sizeof(word));
	assert_int_equal(chain_parse(args, &a, word), CHAIN_OK);
	assert_string_equal(word, "");
}

static void refuses(const char *args, int err, const char *bad)
{
	assert_int_equal(chain_parse(args, &a, word), err);
	assert_string_equal(word, bad);
}

static void test_defaults_boot_disk(void **state)
{
	(void)state;
	parses("");
	assert_int_equal(a.disk, CHAIN_DISK_BOOT);
	assert_int_equal(a.part, 0);
	assert_true(a.hand);
	assert_false(a.swap);
	assert_false(a.brk);
}

static void test_hd_forms(void **state)
{
	(void)state;
	parses("hd1");
	assert_int_equal(a.disk, CHAIN_DISK_DRIVE);
	assert_int_equal(a.drive, 0x81);
	assert_int_equal(a.part, 0);
	parses(" hd0  1 ");
	assert_int_equal(a.drive, 0x80);
	assert_int_equal(a.part, 1);
	parses("hd0,"); /* strtol("") in chain.c32: the disk */
	assert_int_equal(a.part, 0);
	parses("hd0,5");
	assert_int_equal(a.part, 5);
	parses("hd2 0");
	assert_int_equal(a.drive, 0x82);
	assert_int_equal(a.part, 0);
	parses("hd"); /* strtol("") in chain.c32: hd0 */
	assert_int_equal(a.drive, 0x80);
	parses("fd0");
	assert_int_equal(a.drive, 0x00);
	parses("hd0x1 0x2"); /* base 0, as strtol(.., 0) */
	assert_int_equal(a.drive, 0x81);
	assert_int_equal(a.part, 2);
	/* a partition needs a leading digit; "nohand" is an option */
	parses("hd1 nohand");
	assert_int_equal(a.part, 0);
	assert_false(a.hand);
}

static void test_boot_fs_mbr(void **state)
{
	(void)state;
	parses("boot 2");
	assert_int_equal(a.disk, CHAIN_DISK_BOOT);
	assert_int_equal(a.part, 2);
	parses("boot,3");
	assert_int_equal(a.part, 3);
	parses("fs nohand break");
	assert_int_equal(a.disk, CHAIN_DISK_FS);
	assert_false(a.hand);
	assert_true(a.brk);
	parses("mbr:0x12345678 1");
	assert_int_equal(a.disk, CHAIN_DISK_MBR);
	assert_int_equal(a.mbr_sig, 0x12345678);
	assert_int_equal(a.part, 1);
	parses("mbr=0xDEADBEEF,2");
	assert_int_equal(a.mbr_sig, 0xDEADBEEF);
	assert_int_equal(a.part, 2);
	/* the last disk word wins, with its own partition */
	parses("hd0 1 hd1");
	assert_int_equal(a.drive, 0x81);
	assert_int_equal(a.part, 0);
}

static void test_options(void **state)
{
	(void)state;
	parses("hd1 swap");
	assert_true(a.swap);
	parses("swap noswap hd1");
	assert_false(a.swap);
	parses("break nobreak");
	assert_false(a.brk);
	assert_false(a.hand); /* break turned it off, nobreak does not */
	parses("nohand hand");
	assert_true(a.hand);
	parses("hd0 keeppxe strict=2 relax nowarn");
	parses("hd0 exit ntldr=x"); /* chain.c32 stops reading at exit */
}

static void test_refused(void **state)
{
	(void)state;
	refuses("hd0 grub=/stage2", CHAIN_EUNSUPPORTED, "grub=/stage2");
	refuses("hd1 save", CHAIN_EUNSUPPORTED, "save");
	refuses("hd0 frobnicate", CHAIN_EUNKNOWN, "frobnicate");
	refuses("hdx", CHAIN_ENUMBER, "hdx");
	refuses("hd0 1x", CHAIN_ENUMBER, "1x");
	refuses("mbr:zz", CHAIN_ENUMBER, "mbr:zz");
	refuses("strict=7", CHAIN_EUNKNOWN, "strict=7");
	assert_non_null(strstr(chain_strerror(CHAIN_EUNSUPPORTED), "yet"));
}

static void test_hide(void **state)
{
	(void)state;
	parses("hd0 1");
	assert_int_equal(a.hide, 0);
	parses("hd0 1 hide");
	assert_int_equal(a.hide, CHAIN_HIDE_ON);
	parses("hideall");
	assert_int_equal(a.hide, CHAIN_HIDE_ON | CHAIN_HIDE_ALL);
	parses("unhide");
	assert_int_equal(a.hide, CHAIN_HIDE_ON | CHAIN_HIDE_REV);
	parses("unhideall");
	assert_int_equal(a.hide,
			 CHAIN_HIDE_ON | CHAIN_HIDE_ALL | CHAIN_HIDE_REV);
	parses("hideall nohide"); /* the rightmost wins */
	assert_int_equal(a.hide, 0);
	parses("unhide hide");
	assert_int_equal(a.hide, CHAIN_HIDE_ON);
	refuses("hidden", CHAIN_EUNKNOWN, "hidden");
}

static void test_bpb(void **state)
{
	(void)state;
	parses("hd0 1");
	assert_int_equal(a.bpb, 0);
	assert_int_equal(a.drvoff, -1);
	parses("hd0 1 setbpb");
	assert_int_equal(a.bpb, CHAIN_BPB_ALL);
	parses("sethid");
	assert_int_equal(a.bpb, CHAIN_BPB_HID);
	parses("sethidden setgeo");
	assert_int_equal(a.bpb, CHAIN_BPB_HID | CHAIN_BPB_GEO);
	parses("setdrv");
	assert_int_equal(a.bpb, CHAIN_BPB_DRV);
	assert_int_equal(a.drvoff, -1);
	parses("setdrv=0x24");
	assert_int_equal(a.bpb, CHAIN_BPB_DRV);
	assert_int_equal(a.drvoff, 0x24);
	parses("setdrv=0x40 setdrv"); /* the rightmost wins */
	assert_int_equal(a.drvoff, -1);
	parses("setbpb nosetbpb");
	assert_int_equal(a.bpb, 0);
	refuses("setdrv=512", CHAIN_EUNKNOWN, "setdrv=512");
	refuses("setdrv=x", CHAIN_EUNKNOWN, "setdrv=x");
}

static void test_guid_label(void **state)
{
	static const uint8_t want[16] = {0x67, 0x45, 0x23, 0x01, 0xab, 0x89,
					 0xef, 0xcd, 0x01, 0x23, 0x45, 0x67,
					 0x89, 0xab, 0xcd, 0xef};

	(void)state;
	parses("guid:01234567-89ab-cdef-0123-456789abcdef");
	assert_int_equal(a.disk, CHAIN_DISK_GUID);
	assert_memory_equal(a.guid, want, 16);
	assert_int_equal(a.part, 0);
	/* braces and dashes anywhere, capitals: str_to_guid skips them */
	parses("guid={01234567-89AB-CDEF-0123456789ABCDEF} 2");
	assert_memory_equal(a.guid, want, 16);
	assert_int_equal(a.part, 2);
	parses("guid=0123456789abcdef0123456789abcdef,3");
	assert_memory_equal(a.guid, want, 16);
	assert_int_equal(a.part, 3);
	refuses("guid:0123", CHAIN_EGUID, "guid:0123");
	refuses("guid:01234567-89ab-cdef-0123-456789abcdef0", CHAIN_EGUID,
		"guid:01234567-89ab-cdef-0123-456789abcdef0");
	refuses("guid:g1234567-89ab-cdef-0123-456789abcdef", CHAIN_EGUID,
		"guid:g1234567-89ab-cdef-0123-456789abcdef");
	parses("label:EFI,boot");
	assert_int_equal(a.disk, CHAIN_DISK_LABEL);
	assert_string_equal(a.label, "EFI,boot"); /* no partition split */
	parses("label=root 3 swap"); /* the number is read, not used */
	assert_string_equal(a.label, "root");
	assert_int_equal(a.part, 0);
	assert_true(a.swap);
	parses("label:abcdefghijklmnopqrstuvwxyz0123456789");
	assert_int_equal(strlen(a.label), 36);
	refuses("label:abcdefghijklmnopqrstuvwxyz0123456789x", CHAIN_ELABEL,
		"label:abcdefghijklmnopqrstuvwxyz0123456789x");
	refuses("label:", CHAIN_ELABEL, "label:");
	parses("label:x hd1"); /* the rightmost disk wins */
	assert_int_equal(a.disk, CHAIN_DISK_DRIVE);
	assert_non_null(strstr(chain_strerror(CHAIN_EGUID), "GUID"));
	assert_non_null(strstr(chain_strerror(CHAIN_ELABEL), "36"));
}

static void test_long_word_cut(void **state)
{
	char args[200];

	(void)state;
	memset(args, 'q', sizeof(args) - 1);
	args[sizeof(args) - 1] = '\0';
	assert_int_equal(chain_parse(args, &a, word), CHAIN_EUNKNOWN);
	assert_int_equal(strlen(word), CHAIN_WORD_MAX - 1);
}

static void test_localboot_type(void **state)
{
	int16_t t;

	(void)state;
	assert_true(chain_localboot_type("0", &t));
	assert_int_equal(t, 0);
	assert_true(chain_localboot_type("0x80", &t));
	assert_int_equal(t, 0x80);
	assert_true(chain_localboot_type("-1", &t));
	assert_int_equal(t, -1);
	assert_true(chain_localboot_type("0xffff", &t)); /* lorax */
	assert_int_equal(t, -1);
	assert_true(chain_localboot_type("0x10081", &t)); /* cut to 16 bits */
	assert_int_equal(t, 0x81);
	assert_false(chain_localboot_type("disk", &t));
	assert_false(chain_localboot_type("", &t));
	assert_false(chain_localboot_type("0x80z", &t));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_defaults_boot_disk),
	    cmocka_unit_test(test_hd_forms),
	    cmocka_unit_test(test_boot_fs_mbr),
	    cmocka_unit_test(test_options),
	    cmocka_unit_test(test_refused),
	    cmocka_unit_test(test_hide),
	    cmocka_unit_test(test_bpb),
	    cmocka_unit_test(test_guid_label),
	    cmocka_unit_test(test_long_word_cut),
	    cmocka_unit_test(test_localboot_type),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
