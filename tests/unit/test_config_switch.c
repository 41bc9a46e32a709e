// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for cmdline/config_switch.c: which config a CONFIG label
 * or config.c32 switches to, and the working directory after it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "cmdline/config.h"
#include "cmdline/config_switch.h"
#include "tests/unit/support/cfg_test.h"

static char file[CFG_PATH_MAX], dir[CFG_PATH_MAX];

/* Resolves line in cfg_parsed and asks for the switch it means. */
static bool target(const char *line)
{
	memset(file, 'x', sizeof(file));
	memset(dir, 'x', sizeof(dir));
	cfg_test_resolve_ok(line);
	return cfg_switch_target(&cfg_resolved, file, dir);
}

/* line switches to want_file, changing to want_dir ("" = staying). */
static void switches(const char *line, const char *want_file,
		     const char *want_dir)
{
	assert_true(target(line));
	assert_string_equal(file, want_file);
	assert_string_equal(dir, want_dir);
}

// clang-format off
static const char switching_cfg[] =
	"APPEND quiet\n"
	"LABEL other\n CONFIG other.cfg\n APPEND ../alt\n"
	"LABEL online\n CONFIG /boot/x.cfg /boot\n"
	"LABEL noappend\n CONFIG x.cfg\n APPEND -\n"
	"LABEL global\n CONFIG x.cfg\n"
	"LABEL mod\n KERNEL /boot/syslinux/config.c32\n APPEND y.cfg /y\n"
	"LABEL modcom\n COM32 Config.C32\n APPEND z.cfg\n"
	"LABEL bare\n COM32 config.c32\n APPEND -\n"
	"LABEL menu\n COM32 menu.c32\n APPEND other.cfg\n"
	"LABEL notmod\n KERNEL myconfig.c32\n"
	"LABEL linux\n LINUX config.c32\n";
// clang-format on

static void test_config_label(void **state)
{
	(void)state;
	cfg_test_parse(switching_cfg);
	/* No "label type cannot be booted" for CONFIG or config.c32, nor
	 * for menu.c32 (the menu module): only myconfig.c32 is a module
	 * bzboot does not run. */
	assert_int_equal(cfg_parsed.nwarnings, 1);
	cfg_test_assert_warning(0, 25, CFG_W_TYPE);

	/* The APPEND is the new directory; typed words come after it. */
	switches("other", "other.cfg", "../alt");
	switches("other /typed", "other.cfg", "../alt");
	/* ... and before it, the words on the CONFIG line itself. */
	switches("online", "/boot/x.cfg", "/boot");
	/* APPEND -: no directory, the current one stays; then a typed one
	 * is the first word. */
	switches("noappend", "x.cfg", "");
	switches("noappend  /typed more", "x.cfg", "/typed");
	/* No APPEND of its own: the global one, as SYSLINUX builds it. */
	switches("global", "x.cfg", "quiet");
}

static void test_config_module(void **state)
{
	(void)state;
	cfg_test_parse(switching_cfg);
	/* config.c32 in any directory (any case under COM32; KERNEL picks
	 * COM32 by a lower-case .c32 only): file, then directory. */
	switches("mod", "y.cfg", "/y");
	switches("modcom", "z.cfg", "");
	switches("bare", "", "");
	/* Typed at the prompt: a file, not a label. */
	switches("config.c32 a/b.cfg c", "a/b.cfg", "c");
	/* menu.c32 given a file shows that file's menu: a switch to it,
	 * in the same directory (the first file only); without one it is
	 * this config's menu, no switch. */
	switches("menu", "other.cfg", "");
	switches("/boot/vesamenu.c32 sub.cfg two.cfg", "sub.cfg", "");
	assert_false(target("vesamenu.c32"));
	/* Not a switch: another module, a name that only ends like it, a
	 * forced Linux kernel, a kernel. */
	assert_false(target("notmod"));
	assert_false(target("linux"));
	assert_false(target("/vmlinuz config.c32"));
}

static void test_is_config_module(void **state)
{
	(void)state;
	assert_true(cfg_is_config_module("config.c32"));
	assert_true(cfg_is_config_module("/a/b/Config.C32"));
	assert_false(cfg_is_config_module("config.c32x"));
	assert_false(cfg_is_config_module("/a/xconfig.c32"));
	assert_false(cfg_is_config_module("/config.c32/x"));
	assert_false(cfg_is_config_module(""));
}

/* chain.c32 is built in too: found by its base name, never warned of. */
static void test_chain_module(void **state)
{
	(void)state;
	assert_true(cfg_module_named("/boot/syslinux/CHAIN.C32", "chain.c32"));
	assert_false(cfg_module_named("/x/chain.c32.bak", "chain.c32"));
	cfg_test_parse("LABEL w\n COM32 /x/chain.c32\n APPEND hd0 1\n"
		       "LABEL l\n LOCALBOOT -1\n"
		       "LABEL h\n COM32 hdt.c32\n");
	assert_int_equal(cfg_parsed.nwarnings, 1); /* hdt.c32 only */
	cfg_test_assert_warning(0, 7, CFG_W_TYPE);
}

static void join_is(const char *cwd, const char *to, const char *want)
{
	char out[32];

	memset(out, 'x', sizeof(out));
	assert_true(cfg_join_dir(cwd, to, out, sizeof(out)));
	assert_string_equal(out, want);
}

static void test_join_dir(void **state)
{
	(void)state;
	join_is("/boot/syslinux", "alt", "/boot/syslinux/alt");
	join_is("/boot/syslinux", "/alt/", "/alt");
	join_is("/boot/syslinux", "../../", "");      /* sysrescue's */
	join_is("/boot/syslinux", "../../../..", ""); /* stops at / */
	join_is("/boot/syslinux", "..//x/./y/../z", "/boot/x/z");
	join_is("", "a/b", "/a/b");
	join_is("", "/", "");
	join_is("/a", ".", "/a");
	join_is("/a", "", "/a");
	join_is("", "....", "/...."); /* just a name */
}

static void test_join_dir_too_long(void **state)
{
	char out[8];

	(void)state;
	/* "/abcdef" + NUL fits exactly; one more byte does not. */
	assert_true(cfg_join_dir("", "abcdef", out, sizeof(out)));
	assert_string_equal(out, "/abcdef");
	assert_false(cfg_join_dir("", "abcdefg", out, sizeof(out)));
	assert_false(cfg_join_dir("/abc", "defg", out, sizeof(out)));
	assert_false(cfg_join_dir("/abcdefgh", "..", out, sizeof(out)));
	/* Going up first makes room. */
	assert_true(cfg_join_dir("/abc", "../defgh", out, sizeof(out)));
	assert_string_equal(out, "/defgh");
}

/* The names of a config relative to its directory, as stage2 and
 * `bzboot check` open them. */
static void test_path_in(void **state)
{
	char buf[12];

	(void)state;
	assert_string_equal(cfg_path_in("", "vmlinuz", buf, sizeof(buf)),
			    "vmlinuz");
	assert_string_equal(cfg_path_in("/boot", "/vmlinuz", buf, sizeof(buf)),
			    "/vmlinuz");
	assert_string_equal(cfg_path_in("/boot", "linux", buf, sizeof(buf)),
			    "/boot/linux");
	/* "/boot/linux" + NUL is 12: one more does not fit */
	assert_null(cfg_path_in("/boot", "linux6", buf, sizeof(buf)));
}

/* The search order: bzboot's names, then SYSLINUX's, and an end. */
static void test_search_path(void **state)
{
	unsigned n = 0;

	(void)state;
	assert_string_equal(cfg_search_path(0), "/bzboot.cfg");
	assert_string_equal(cfg_search_path(1), "/boot/bzboot/bzboot.cfg");
	while (cfg_search_path(n))
		n++;
	assert_int_equal(n, 9);
	assert_string_equal(cfg_search_path(n - 1), "/syslinux.cfg");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_config_label),
	    cmocka_unit_test(test_config_module),
	    cmocka_unit_test(test_is_config_module),
	    cmocka_unit_test(test_chain_module),
	    cmocka_unit_test(test_join_dir),
	    cmocka_unit_test(test_join_dir_too_long),
	    cmocka_unit_test(test_path_in),
	    cmocka_unit_test(test_search_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
