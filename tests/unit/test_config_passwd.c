// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for the password locks (cfg_boot_locked) and the
 * passwords the config keeps for them (cfg_passwd): stage2 asks for the
 * password of what is locked, and nothing a password guards boots
 * without it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cmdline/config.h"
#include "tests/unit/support/cfg_test.h"

/* An installer-style tree: an open entry, a protected one, a protected
 * submenu (its password before its first label) with a nested one, and
 * an open entry after it. */
static const char tree[] = "UI menu.c32\n"
			   "DEFAULT open\n"
			   "LABEL open\n"
			   "  MENU LABEL ^Install\n"
			   "  LINUX /vmlinuz\n"
			   "LABEL rescue\n"
			   "  MENU LABEL ^Rescue\n"
			   "  MENU PASSWD $6$salt$abc\n"
			   "  LINUX /vmlinuz\n"
			   "  APPEND single\n"
			   "MENU BEGIN expert\n"
			   "  MENU TITLE Expert\n"
			   "  MENU PASSWD secret\n"
			   "  LABEL exp1\n"
			   "    LINUX /vmlinuz\n"
			   "  MENU BEGIN deeper\n"
			   "    LABEL exp2\n"
			   "      LINUX /vmlinuz\n"
			   "  MENU END\n"
			   "  LABEL exp3\n"
			   "    LINUX /vmlinuz\n"
			   "MENU END\n"
			   "MENU BEGIN other\n"
			   "  LABEL sub\n"
			   "    LINUX /vmlinuz\n"
			   "MENU END\n"
			   "LABEL after\n"
			   "  LINUX /vmlinuz\n";

static enum cfg_lock lock_of(const char *line, bool typed)
{
	int err = typed ? cfg_resolve(&cfg_parsed, line, &cfg_resolved)
			: cfg_resolve_config(&cfg_parsed, line, &cfg_resolved);

	assert_int_equal(err, 0);
	return cfg_boot_locked(&cfg_parsed, &cfg_resolved, typed);
}

static const struct cfg_label *label(const char *name)
{
	for (unsigned i = 0; i < cfg_parsed.nlabels; i++)
		if (!strcmp(cfg_parsed.labels[i].name, name))
			return &cfg_parsed.labels[i];
	fail_msg("no label %s", name);
	return NULL;
}

/* The password a label's own MENU PASSWD (own) or its submenu's set, "" for
 * none. */
static const char *pw(const char *name, bool own)
{
	const struct cfg_label *l = label(name);
	const char *p =
	    cfg_passwd(&cfg_parsed, own ? l->passwd : l->menu_passwd);

	return p ? p : "";
}

static void test_entry_and_submenu_passwords(void **state)
{
	(void)state;
	cfg_test_parse(tree);
	assert_int_equal(cfg_parsed.master_passwd, 0);
	assert_int_equal(lock_of("open", true), CFG_UNLOCKED);
	assert_int_equal(lock_of("open extra=1", true), CFG_UNLOCKED);
	/* typed, chosen by the config (DEFAULT, ONTIMEOUT) or with words
	 * after it: a protected label never boots */
	assert_int_equal(lock_of("rescue", true), CFG_LOCKED_PASSWD);
	assert_int_equal(lock_of("rescue", false), CFG_LOCKED_PASSWD);
	assert_int_equal(lock_of("rescue init=/bin/sh", true),
			 CFG_LOCKED_PASSWD);
	/* every label inside the protected submenu, nested ones too */
	assert_int_equal(lock_of("exp1", true), CFG_LOCKED_PASSWD);
	assert_int_equal(lock_of("exp2", true), CFG_LOCKED_PASSWD);
	assert_int_equal(lock_of("exp3", false), CFG_LOCKED_PASSWD);
	/* the lock ends with its MENU END */
	assert_int_equal(lock_of("sub", true), CFG_UNLOCKED);
	assert_int_equal(lock_of("after", true), CFG_UNLOCKED);
	/* a kernel typed by file name is guarded only by a master password */
	assert_int_equal(lock_of("/vmlinuz", true), CFG_UNLOCKED);
}

static void test_passwords_are_kept(void **state)
{
	(void)state;
	cfg_test_parse(tree);
	assert_string_equal(pw("rescue", true), "$6$salt$abc");
	assert_string_equal(pw("rescue", false), "");
	assert_string_equal(pw("open", true), "");
	/* a submenu's password reaches every label in it, nested too */
	assert_string_equal(pw("exp1", false), "secret");
	assert_string_equal(pw("exp2", false), "secret");
	assert_string_equal(pw("exp3", false), "secret");
	assert_string_equal(pw("exp1", true), "");
	assert_string_equal(pw("sub", false), "");
	assert_string_equal(pw("after", false), "");
}

static void test_inner_submenu_password_and_own(void **state)
{
	(void)state;
	cfg_test_parse("MENU BEGIN a\n"
		       "  MENU PASSWD outer pass\n"
		       "  MENU BEGIN b\n"
		       "    MENU PASSWD inner\n"
		       "    LABEL x\n"
		       "      MENU PASSWD own one\n"
		       "      LINUX /vmlinuz\n"
		       "  MENU END\n"
		       "  LABEL y\n"
		       "    LINUX /vmlinuz\n"
		       "MENU END\n");
	assert_string_equal(pw("x", false), "inner");
	assert_string_equal(pw("x", true), "own one");
	/* the inner submenu's password ended with its MENU END */
	assert_string_equal(pw("y", false), "outer pass");
}

static void test_full_pool_still_locks(void **state)
{
	static char text[8192];
	size_t n = 0;

	(void)state;
	/* 20 labels with 100-byte passwords: more than the pool holds */
	for (int i = 0; i < 20; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
				      "LABEL l%d\n  MENU PASSWD %0100d\n"
				      "  LINUX /vmlinuz\n",
				      i, i);
	cfg_test_parse(text);
	assert_int_equal(label("l19")->passwd, CFG_PASSWD_LOST);
	assert_string_equal(pw("l19", true), "$!$");
	assert_int_equal(lock_of("l19", true), CFG_LOCKED_PASSWD);
	assert_int_not_equal(label("l0")->passwd, CFG_PASSWD_LOST);
}

static void test_master_password(void **state)
{
	(void)state;
	cfg_test_parse("MENU MASTER PASSWD $1$x$y\n"
		       "LABEL open\n"
		       "  LINUX /vmlinuz\n"
		       "LABEL guarded\n"
		       "  MENU PASSWD pw\n"
		       "  LINUX /vmlinuz\n");
	assert_string_equal(cfg_passwd(&cfg_parsed, cfg_parsed.master_passwd),
			    "$1$x$y");
	assert_string_equal(
	    label("guarded")->passwd
		? cfg_passwd(&cfg_parsed, label("guarded")->passwd)
		: "",
	    "pw");
	/* a label as written is a menu choice: no password in menu.c32 */
	assert_int_equal(lock_of("open", true), CFG_UNLOCKED);
	assert_int_equal(lock_of("open", false), CFG_UNLOCKED);
	/* editing it, or a free command line, needs the master password */
	assert_int_equal(lock_of("open single", true), CFG_LOCKED_MASTER);
	assert_int_equal(lock_of("/vmlinuz", true), CFG_LOCKED_MASTER);
	/* the config's own lines are not typed */
	assert_int_equal(lock_of("open single", false), CFG_UNLOCKED);
	assert_int_equal(lock_of("guarded", true), CFG_LOCKED_PASSWD);
	/* edited, a protected label is the master password's alone */
	assert_int_equal(lock_of("guarded single", true), CFG_LOCKED_MASTER);
	assert_int_equal(lock_of("guarded single", false), CFG_LOCKED_PASSWD);
}

static void test_top_level_passwd_outside_a_label(void **state)
{
	(void)state;
	/* menu.c32 attaches it to nothing; neither does bzboot, and the
	 * label that follows stays open */
	cfg_test_parse("MENU PASSWD x\n"
		       "LABEL open\n"
		       "  LINUX /vmlinuz\n");
	assert_int_equal(lock_of("open", true), CFG_UNLOCKED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_entry_and_submenu_passwords),
	    cmocka_unit_test(test_master_password),
	    cmocka_unit_test(test_passwords_are_kept),
	    cmocka_unit_test(test_inner_submenu_password_and_own),
	    cmocka_unit_test(test_full_pool_still_locks),
	    cmocka_unit_test(test_top_level_passwd_outside_a_label),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
