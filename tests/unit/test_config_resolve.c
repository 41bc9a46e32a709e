// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for cmdline/config_resolve.c: the default line a menu
 * config starts on, and typed lines resolved to a label or a file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "cmdline/config.h"
#include "tests/unit/support/cfg_test.h"

/* Debian's extlinux-update output: MENU lines, TEXT HELP, a UI module. */
// clang-format off
static const char extlinux_conf[] =
	"## /boot/extlinux/extlinux.conf\n"			/* 1 */
	"##\n"							/* 2 */
	"## IMPORTANT WARNING\n"				/* 3 */
	"\n"							/* 4 */
	"ui menu.c32\n"						/* 5 */
	"default l0\n"						/* 6 */
	"prompt 1\n"						/* 7 */
	"timeout 50\n"						/* 8 */
	"menu title Debian GNU/Linux\n"				/* 9 */
	"\n"							/* 10 */
	"label l0\n"						/* 11 */
	"\tmenu label Debian GNU/Linux, kernel 6.1.0-18-amd64\n"/* 12 */
	"\tlinux /boot/vmlinuz-6.1.0-18-amd64\n"		/* 13 */
	"\tappend initrd=/boot/initrd.img-6.1.0-18-amd64 "
	"root=UUID=4f0c1a2b-7d1e-4d55-9a3e-2b8f6c0d9e11 ro quiet\n"/* 14 */
	"\n"							/* 15 */
	"label l0r\n"						/* 16 */
	"\tmenu label Debian GNU/Linux, kernel 6.1.0-18-amd64 "
	"(rescue mode)\n"					/* 17 */
	"\tlinux /boot/vmlinuz-6.1.0-18-amd64\n"		/* 18 */
	"\tappend initrd=/boot/initrd.img-6.1.0-18-amd64 "
	"root=UUID=4f0c1a2b-7d1e-4d55-9a3e-2b8f6c0d9e11 ro single\n"/* 19 */
	"\ttext help\n"						/* 20 */
	"   This option boots the system into rescue mode.\n"	/* 21 */
	"   label bogus\n"					/* 22 */
	"\tendtext\n"						/* 23 */
	"\tmenu hide\n"						/* 24 */
	"label old\n"						/* 25 */
	"\tmenu label Older kernel\n"				/* 26 */
	"\tmenu default\n"					/* 27 */
	"\tlinux /boot/vmlinuz-old\n";				/* 28 */
// clang-format on

static void test_extlinux_menu(void **state)
{
	const struct cfg_label *l;

	(void)state;
	cfg_test_parse(extlinux_conf);
	assert_int_equal(cfg_parsed.nlabels, 3);
	assert_null(cfg_test_find("bogus")); /* inside TEXT */
	assert_true(cfg_parsed.has_ui);
	assert_string_equal(cfg_parsed.ui, "menu.c32");
	/* menu.c32 is built in (the menu module): no warning */
	assert_int_equal(cfg_parsed.nwarnings, 0);
	assert_true(cfg_wants_menu(&cfg_parsed));

	l = cfg_test_label("l0");
	assert_string_equal(l->kernel, "/boot/vmlinuz-6.1.0-18-amd64");
	assert_string_equal(
	    l->append,
	    "initrd=/boot/initrd.img-6.1.0-18-amd64 "
	    "root=UUID=4f0c1a2b-7d1e-4d55-9a3e-2b8f6c0d9e11 ro quiet");
	assert_false(l->menu_default);
	assert_true(cfg_test_label("l0r")->menu_hide);
	assert_true(cfg_test_label("old")->menu_default);

	/* With UI the menu starts on the DEFAULT label. */
	assert_string_equal(cfg_default_line(&cfg_parsed), "l0");
	cfg_test_resolve_ok("l0r");
	assert_string_equal(
	    cfg_resolved.append,
	    "initrd=/boot/initrd.img-6.1.0-18-amd64 "
	    "root=UUID=4f0c1a2b-7d1e-4d55-9a3e-2b8f6c0d9e11 ro single");
}

static void test_menu_default_selection(void **state)
{
	(void)state;
	/* SYSLINUX 3/4 style: DEFAULT runs the menu module, which starts on
	 * the MENU DEFAULT label. */
	cfg_test_parse("DEFAULT vesamenu.c32\n"
		       "LABEL a\n KERNEL /a\n"
		       "LABEL b\n MENU DEFAULT\n KERNEL /b\n");
	assert_string_equal(cfg_default_line(&cfg_parsed), "b");

	/* No MENU DEFAULT: the first entry that is not hidden. */
	cfg_test_parse("UI menu.c32\n"
		       "LABEL a\n MENU HIDE\n"
		       "MENU BEGIN sub\n LABEL s\n MENU END\n"
		       "LABEL c\n");
	assert_string_equal(cfg_default_line(&cfg_parsed), "c");
	assert_int_equal(cfg_test_label("s")->menu_level, 1);

	/* A DEFAULT naming a label is used as typed, extra words too. */
	cfg_test_parse("DEFAULT a single\nLABEL a\n");
	assert_string_equal(cfg_default_line(&cfg_parsed), "a single");
	/* Without UI a DEFAULT that is not a module is a kernel name. */
	cfg_test_parse("DEFAULT /vmlinuz root=/dev/sda1\n");
	assert_string_equal(cfg_default_line(&cfg_parsed),
			    "/vmlinuz root=/dev/sda1");
	/* Nothing at all. */
	cfg_test_parse("");
	assert_string_equal(cfg_default_line(&cfg_parsed), "");
	cfg_test_parse("UI menu.c32\n");
	assert_string_equal(cfg_default_line(&cfg_parsed), "");
}

static void test_resolve_label_and_extra(void **state)
{
	(void)state;
	cfg_test_parse(cfg_test_debian);
	cfg_test_resolve_ok("  debian   single  init=/bin/sh  ");
	assert_string_equal(cfg_resolved.kernel, "/vmlinuz");
	assert_string_equal(cfg_resolved.initrd, "/initrd.img");
	assert_string_equal(cfg_resolved.append, "root=/dev/sda2 ro quiet");
	assert_string_equal(cfg_resolved.extra, "single  init=/bin/sh");
	assert_false(cfg_resolved.extra_dropped);
	assert_ptr_equal(cfg_resolved.label, cfg_test_label("debian"));

	/* Labels match exactly, case-sensitively, whole first word. */
	cfg_test_resolve_ok("Debian");
	assert_null(cfg_resolved.label);
	assert_string_equal(cfg_resolved.kernel, "Debian");
	cfg_test_resolve_ok("debia");
	assert_null(cfg_resolved.label);

	cfg_test_resolve_ok("hdt");
	assert_int_equal(cfg_resolved.type, CFG_KT_COM32);
	cfg_test_resolve_ok("hd");
	assert_int_equal(cfg_resolved.type, CFG_KT_LOCALBOOT);

	/* A label without KERNEL boots the file named like it; words after
	 * the file on the KERNEL line come before APPEND. */
	cfg_test_parse(
	    "LABEL memtest86+.bin\nLABEL k\n KERNEL /vmlinuz quiet splash\n");
	cfg_test_resolve_ok("memtest86+.bin");
	assert_string_equal(cfg_resolved.kernel, "memtest86+.bin");
	assert_int_equal(cfg_resolved.type, CFG_KT_BOOT);
	cfg_test_resolve_ok("k");
	assert_string_equal(cfg_resolved.kernel, "/vmlinuz");
	assert_string_equal(cfg_resolved.kernel_args, "quiet splash");
	assert_int_equal(cfg_resolved.type, CFG_KT_LINUX);
}

static void test_resolve_kernel_path(void **state)
{
	(void)state;
	cfg_test_parse(cfg_test_debian);
	cfg_test_resolve_ok("/boot/vmlinuz-6.1 root=/dev/sdb1 ro");
	assert_null(cfg_resolved.label);
	assert_string_equal(cfg_resolved.kernel, "/boot/vmlinuz-6.1");
	assert_string_equal(cfg_resolved.initrd, "");
	/* No APPEND for a kernel typed by name, not even the global one:
	 * SYSLINUX 6.04 boots it with just the typed words. */
	assert_string_equal(cfg_resolved.append, "");
	assert_string_equal(cfg_resolved.extra, "root=/dev/sdb1 ro");
	assert_int_equal(cfg_resolved.type, CFG_KT_LINUX);

	/* DEFAULT naming no label: a file name plus arguments. */
	cfg_test_parse("DEFAULT /vmlinuz root=/dev/sda1 quiet\nLABEL other\n");
	assert_int_equal(cfg_resolve_config(&cfg_parsed,
					    cfg_default_line(&cfg_parsed),
					    &cfg_resolved),
			 0);
	assert_null(cfg_resolved.label);
	assert_string_equal(cfg_resolved.kernel, "/vmlinuz");
	assert_string_equal(cfg_resolved.extra, "root=/dev/sda1 quiet");

	cfg_test_resolve_ok("menu.c32");
	assert_int_equal(cfg_resolved.type, CFG_KT_COM32);
	assert_int_equal(cfg_resolve(&cfg_parsed, "   ", &cfg_resolved),
			 CFG_EEMPTY);
	assert_int_equal(cfg_resolve(&cfg_parsed, NULL, &cfg_resolved),
			 CFG_EINVAL);
}

static void test_resolve_implicit_and_options(void **state)
{
	(void)state;
	cfg_test_parse(
	    "IMPLICIT 0\nALLOWOPTIONS 0\nLABEL a\n KERNEL /a\n APPEND x=1\n");
	assert_int_equal(cfg_resolve(&cfg_parsed, "/vmlinuz", &cfg_resolved),
			 CFG_EIMPLICIT);
	cfg_test_resolve_ok("a init=/bin/sh");
	assert_string_equal(cfg_resolved.append, "x=1");
	assert_string_equal(cfg_resolved.extra, "");
	assert_true(cfg_resolved.extra_dropped);
	cfg_test_resolve_ok("a");
	assert_false(cfg_resolved.extra_dropped);
	/* Words the config wrote itself (DEFAULT, ONTIMEOUT) are kept. */
	assert_int_equal(
	    cfg_resolve_config(&cfg_parsed, "a single", &cfg_resolved), 0);
	assert_string_equal(cfg_resolved.extra, "single");
	assert_false(cfg_resolved.extra_dropped);
	assert_int_equal(
	    cfg_resolve_config(&cfg_parsed, "/vmlinuz", &cfg_resolved),
	    CFG_EIMPLICIT);
	assert_string_equal(cfg_strerror(CFG_EIMPLICIT),
			    "no such label (IMPLICIT 0 forbids file names)");
}

/* A menu entry boots its own label: by name, "live (to RAM)" would be
 * "live" with the words "(to RAM)", and "live"'s (lack of) password. */
static void test_resolve_label_by_index(void **state)
{
	(void)state;
	cfg_test_parse("UI menu.c32\nLABEL live\n KERNEL /a\n APPEND one\n"
		       "LABEL live (to RAM)\n KERNEL /b\n APPEND two\n"
		       " MENU PASSWD pw\n");
	assert_int_equal(cfg_resolve_label(&cfg_parsed, 1, &cfg_resolved), 0);
	assert_ptr_equal(cfg_resolved.label, &cfg_parsed.labels[1]);
	assert_string_equal(cfg_resolved.kernel, "/b");
	assert_string_equal(cfg_resolved.append, "two");
	assert_string_equal(cfg_resolved.extra, "");
	assert_int_equal(cfg_boot_locked(&cfg_parsed, &cfg_resolved, false),
			 CFG_LOCKED_PASSWD);
	assert_int_equal(cfg_resolve_label(&cfg_parsed, 0, &cfg_resolved), 0);
	assert_string_equal(cfg_resolved.append, "one");
	assert_int_equal(cfg_boot_locked(&cfg_parsed, &cfg_resolved, false),
			 CFG_UNLOCKED);
	assert_int_equal(cfg_resolve_label(&cfg_parsed, 2, &cfg_resolved),
			 CFG_EINVAL);
	assert_int_equal(cfg_resolve_label(NULL, 0, &cfg_resolved), CFG_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_extlinux_menu),
	    cmocka_unit_test(test_menu_default_selection),
	    cmocka_unit_test(test_resolve_label_and_extra),
	    cmocka_unit_test(test_resolve_kernel_path),
	    cmocka_unit_test(test_resolve_implicit_and_options),
	    cmocka_unit_test(test_resolve_label_by_index),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
