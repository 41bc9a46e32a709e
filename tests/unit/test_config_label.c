// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for cmdline/config_label.c and config_settings.c: a
 * real config's labels and settings, APPEND's scope, values too long,
 * the label limit and SERIAL's forms. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cmdline/config.h"
#include "tests/unit/support/cfg_test.h"

static void test_debian_syslinux_cfg(void **state)
{
	const struct cfg_label *l;

	(void)state;
	cfg_test_parse(cfg_test_debian);
	assert_int_equal(cfg_parsed.nlabels, 5);
	assert_string_equal(cfg_parsed.default_label, "debian");
	assert_string_equal(cfg_default_line(&cfg_parsed), "debian");
	assert_true(cfg_parsed.prompt);
	assert_int_equal(cfg_parsed.timeout_ds, 50);
	assert_int_equal(cfg_parsed.totaltimeout_ds, 9000);
	assert_true(cfg_parsed.has_serial);
	assert_int_equal(cfg_parsed.serial_port, 0);
	assert_int_equal(cfg_parsed.serial_baud, 115200);
	assert_string_equal(cfg_parsed.global_append,
			    "console=tty0 console=ttyS0,115200n8");

	l = cfg_test_label("debian");
	assert_string_equal(l->kernel, "/vmlinuz");
	assert_string_equal(l->initrd, "/initrd.img");
	assert_string_equal(l->append, "root=/dev/sda2 ro quiet");
	assert_true(l->has_append);
	assert_int_equal(l->type, CFG_KT_KERNEL);
	assert_int_equal(l->line, 10);

	l = cfg_test_label("debian-old");
	assert_string_equal(l->kernel, "/vmlinuz.old");
	assert_string_equal(l->initrd, "/initrd.img.old,/extra.cpio");
	assert_false(l->has_append);
	assert_string_equal(l->append, "console=tty0 console=ttyS0,115200n8");
	assert_int_equal(l->type, CFG_KT_LINUX);

	l = cfg_test_label("rescue");
	assert_true(l->has_append);
	assert_string_equal(l->append, "");
	assert_string_equal(l->initrd, "");

	l = cfg_test_label("hdt");
	assert_int_equal(l->type, CFG_KT_COM32);
	l = cfg_test_label("hd");
	assert_int_equal(l->type, CFG_KT_LOCALBOOT);
	assert_string_equal(l->kernel, "0x80");

	assert_int_equal(cfg_parsed.nwarnings, 1);
	cfg_test_assert_warning(0, 24, CFG_W_TYPE); /* COM32 */

	assert_int_equal(cfg_resolve_config(&cfg_parsed,
					    cfg_default_line(&cfg_parsed),
					    &cfg_resolved),
			 0);
	assert_string_equal(cfg_resolved.kernel, "/vmlinuz");
	assert_string_equal(cfg_resolved.initrd, "/initrd.img");
	assert_string_equal(cfg_resolved.append, "root=/dev/sda2 ro quiet");
	assert_string_equal(cfg_resolved.extra, "");
	assert_int_equal(cfg_resolved.type, CFG_KT_LINUX);
	assert_ptr_equal(cfg_resolved.label, cfg_test_label("debian"));
}

static void test_global_vs_label_append(void **state)
{
	(void)state;
	cfg_test_parse("APPEND g=1\n"
		       "LABEL own\n APPEND o=1\n"
		       "LABEL inherit\n"
		       "LABEL none\n APPEND -\n"
		       "LABEL dash-space\n APPEND -  \n");
	assert_string_equal(cfg_test_label("own")->append, "o=1");
	assert_string_equal(cfg_test_label("inherit")->append, "g=1");
	assert_false(cfg_test_label("inherit")->has_append);
	assert_string_equal(cfg_test_label("none")->append, "");
	assert_true(cfg_test_label("none")->has_append);
	assert_string_equal(cfg_test_label("dash-space")->append, "");

	cfg_test_resolve_ok("inherit");
	assert_string_equal(cfg_resolved.append, "g=1");
	cfg_test_resolve_ok("none");
	assert_string_equal(cfg_resolved.append, "");

	/* A global "APPEND -" is empty too. */
	cfg_test_parse("APPEND -\nLABEL a\n");
	assert_string_equal(cfg_test_label("a")->append, "");

	/* SYSLINUX ends a label at MENU BEGIN/END; an APPEND after that is
	 * global again and is what later labels without APPEND take. */
	cfg_test_parse("APPEND first\n"
		       "LABEL a\n"
		       "MENU BEGIN\n"
		       "APPEND second\n"
		       "LABEL b\n"
		       "MENU END\n");
	assert_string_equal(cfg_test_label("a")->append, "first");
	assert_string_equal(cfg_test_label("b")->append, "second");
	assert_string_equal(cfg_parsed.global_append, "second");
}

static void test_over_long_values(void **state)
{
	char *fit = cfg_test_repeat('a', CFG_APPEND_MAX - 1);
	char *big = cfg_test_repeat('b', CFG_APPEND_MAX);
	char *path = cfg_test_repeat('p', CFG_PATH_MAX - 1);
	char *name = cfg_test_repeat('n', CFG_NAME_MAX);
	char *huge = cfg_test_repeat('x', 100000);
	char *text = malloc(200000);

	(void)state;
	assert_non_null(text);
	// clang-format off
	snprintf(text, 200000,
		 "LABEL ok\n APPEND %s\n KERNEL /%s\n"		/* 1-3 */
		 "LABEL long\n APPEND %s\n"			/* 4, 5 */
		 "LABEL longk\n KERNEL /%s\n"			/* 6, 7 */
		 "LABEL %s\n APPEND x\n"			/* 8, 9 */
		 "DEFAULT ok\nDEFAULT %s\n"			/* 10, 11 */
		 "%s\n",					/* 12 */
		 fit, path + 1, big, path, name, big, huge);
	// clang-format on
	cfg_test_parse(text);
	assert_int_equal(strlen(cfg_test_label("ok")->append),
			 CFG_APPEND_MAX - 1);
	assert_int_equal(strlen(cfg_test_label("ok")->kernel),
			 CFG_PATH_MAX - 1);
	assert_false(cfg_test_label("ok")->bad);
	assert_true(cfg_test_label("long")->bad);
	assert_true(cfg_test_label("longk")->bad);
	assert_null(cfg_test_find(name));
	assert_string_equal(cfg_parsed.default_label, "ok"); /* 11 ignored */
	assert_string_equal(cfg_parsed.global_append, ""); /* line 9 dropped */
	assert_int_equal(cfg_parsed.nwarnings, 5);
	cfg_test_assert_warning(0, 5, CFG_W_TOO_LONG);
	cfg_test_assert_warning(1, 7, CFG_W_TOO_LONG);
	cfg_test_assert_warning(2, 8, CFG_W_TOO_LONG);
	cfg_test_assert_warning(3, 11, CFG_W_TOO_LONG);
	cfg_test_assert_warning(4, 12, CFG_W_UNKNOWN);

	assert_int_equal(cfg_resolve(&cfg_parsed, "long", &cfg_resolved),
			 CFG_EBADLABEL);
	assert_int_equal(cfg_resolve(&cfg_parsed, name, &cfg_resolved),
			 CFG_EDROPPED);
	cfg_test_resolve_ok("ok");

	/* A global APPEND that does not fit spoils the labels taking it. */
	snprintf(text, 200000, "APPEND %s\nLABEL a\nLABEL b\nAPPEND x\n", big);
	cfg_test_parse(text);
	assert_true(cfg_parsed.global_append_bad);
	assert_true(cfg_test_label("a")->bad);
	assert_false(cfg_test_label("b")->bad);
	assert_int_equal(cfg_resolve(&cfg_parsed, "a", &cfg_resolved),
			 CFG_EBADLABEL);
	cfg_test_resolve_ok("b");
	cfg_test_resolve_ok("/vmlinuz"); /* takes no APPEND: unaffected */

	free(fit);
	free(big);
	free(path);
	free(name);
	free(huge);
	free(text);
}

static void test_label_limit(void **state)
{
	char *text = malloc(70 * 64);
	size_t off = 0;
	unsigned i;

	(void)state;
	assert_non_null(text);
	off += (size_t)sprintf(text + off, "APPEND g\n");
	for (i = 0; i < 70; i++)
		off += (size_t)sprintf(text + off,
				       "LABEL l%u\n KERNEL /k%u\n APPEND a%u\n",
				       i, i, i);
	cfg_test_parse_len(text, off);
	free(text);

	assert_int_equal(cfg_parsed.nlabels, CFG_MAX_LABELS);
	assert_int_equal(cfg_parsed.labels_dropped, 6);
	assert_string_equal(cfg_test_label("l63")->kernel, "/k63");
	assert_null(cfg_test_find("l64"));
	/* One warning, at the 65th LABEL (line 1 + 64 * 3 + 1). */
	assert_int_equal(cfg_parsed.nwarnings, 1);
	cfg_test_assert_warning(0, 194, CFG_W_TOO_MANY_LABELS);
	/* The dropped labels' APPEND did not become global. */
	assert_string_equal(cfg_parsed.global_append, "g");
	/* A dropped label is never booted as a file of that name. */
	assert_int_equal(cfg_resolve(&cfg_parsed, "l64", &cfg_resolved),
			 CFG_EDROPPED);
	assert_int_equal(cfg_resolve(&cfg_parsed, "l69 quiet", &cfg_resolved),
			 CFG_EDROPPED);
	cfg_test_resolve_ok("/vmlinuz");
	assert_null(cfg_resolved.label);
	cfg_test_resolve_ok("l63");
	assert_string_equal(cfg_resolved.append, "a63");
}

static void test_serial_forms(void **state)
{
	(void)state;
	cfg_test_parse("SERIAL 1\n");
	assert_true(cfg_parsed.has_serial);
	assert_int_equal(cfg_parsed.serial_port, 1);
	assert_int_equal(cfg_parsed.serial_baud, 9600);
	assert_int_equal(cfg_parsed.serial_flow, 0);
	cfg_test_parse("SERIAL 0 115200\nSERIAL 0 50\n");
	assert_false(cfg_parsed.has_serial); /* < 75 baud: off */
	cfg_test_assert_warning(0, 2, CFG_W_BAD_VALUE);
	cfg_test_parse("SERIAL 0x2f8 230400\n");
	assert_false(cfg_parsed.has_serial);
	cfg_test_parse("SERIAL 0x10000\n");
	assert_false(cfg_parsed.has_serial);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_debian_syslinux_cfg),
	    cmocka_unit_test(test_global_vs_label_append),
	    cmocka_unit_test(test_over_long_values),
	    cmocka_unit_test(test_label_limit),
	    cmocka_unit_test(test_serial_forms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
