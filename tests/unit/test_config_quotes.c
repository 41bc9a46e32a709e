// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for bzboot's quoted file names, from the config through
 * cfg_resolve() to the kernel command line (config_label.c,
 * config_resolve.c, kcmdline.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cmdline/config.h"
#include "cmdline/kcmdline.h"
#include "tests/unit/support/cfg_test.h"

/* bzboot's extension: double quotes keep the blanks of a file name. */
// clang-format off
static const char quoted_cfg[] =
	"LABEL deb\n"					/* 1 */
	"  LINUX \"/boot/Debian Kernels/vmlinuz-6.1.0-amd64\" quiet\n" /* 2 */
	"  INITRD \"/boot/Debian Kernels/initrd.img\",/extra.img\n" /* 3 */
	"  APPEND root=/dev/sda1\n"			/* 4 */
	"LABEL mixed\n"					/* 5 */
	"  KERNEL /boot/\"Debian Kernels\"/memtest.bin\n" /* 6 */
	"  INITRD /a.img,\"/b c.img\"  rd.debug\n"	/* 7 */
	"LABEL plain\n"					/* 8 */
	"  KERNEL \"/vmlinuz\"\n"			/* 9 */
	"  INITRD \"/initrd.img\",\"/extra.img\"\n"	/* 10 */
	"LABEL old\n"					/* 11 */
	"  KERNEL /vmlinuz\n"				/* 12 */
	"  INITRD /a.img quiet\n";			/* 13 */
// clang-format on

static void test_quoted_file_names(void **state)
{
	const struct cfg_label *l;

	(void)state;
	cfg_test_parse(quoted_cfg);
	assert_int_equal(cfg_parsed.nwarnings, 0);
	l = cfg_test_label("deb");
	assert_false(l->bad);
	assert_string_equal(l->kernel,
			    "/boot/Debian Kernels/vmlinuz-6.1.0-amd64");
	assert_string_equal(l->kernel_args, "quiet");
	assert_int_equal(l->type, CFG_KT_LINUX);
	/* One pair of quotes round the list: one word for the kernel. */
	assert_string_equal(l->initrd,
			    "\"/boot/Debian Kernels/initrd.img,/extra.img\"");

	/* A quote may start or end anywhere in the word; words after the
	 * INITRD list stay words, as in SYSLINUX. */
	l = cfg_test_label("mixed");
	assert_string_equal(l->kernel, "/boot/Debian Kernels/memtest.bin");
	assert_string_equal(l->kernel_args, "");
	assert_int_equal(cfg_resolve(&cfg_parsed, "mixed", &cfg_resolved),
			 CFG_OK);
	assert_int_equal(cfg_resolved.type, CFG_KT_BOOT); /* by its extension */
	assert_string_equal(l->initrd, "\"/a.img,/b c.img\"  rd.debug");

	/* Quoted names without blanks come out as if never quoted. */
	l = cfg_test_label("plain");
	assert_string_equal(l->kernel, "/vmlinuz");
	assert_string_equal(l->initrd, "/initrd.img,/extra.img");

	/* No quote: the INITRD value is kept as written, blanks and all. */
	assert_string_equal(cfg_test_label("old")->initrd, "/a.img quiet");
}

static void test_quoted_unterminated(void **state)
{
	(void)state;
	// clang-format off
	cfg_test_parse("LABEL a\n"				/* 1 */
	      "  KERNEL \"/boot/Debian Kernels/vmlinuz quiet\n" /* 2 */
	      "LABEL b\n"				/* 3 */
	      "  KERNEL /vmlinuz\n"			/* 4 */
	      "  INITRD /x.img,\"/y z.img\n"		/* 5 */
	      "LABEL c\n"				/* 6 */
	      "  KERNEL \"\"\n"				/* 7 */
	      "LABEL d\n"				/* 8 */
	      "  KERNEL \"/k\"\"\n");			/* 9 */
	// clang-format on
	assert_int_equal(cfg_parsed.nwarnings, 4);
	cfg_test_assert_warning(0, 2, CFG_W_QUOTE);
	cfg_test_assert_warning(1, 5, CFG_W_QUOTE);
	cfg_test_assert_warning(2, 7, CFG_W_BAD_VALUE); /* an empty name */
	cfg_test_assert_warning(3, 9, CFG_W_QUOTE);
	assert_string_equal(cfg_warning_str(CFG_W_QUOTE),
			    "unterminated double quote, ignored");
	/* Such a label is never booted with half a name. */
	assert_int_equal(cfg_resolve(&cfg_parsed, "a", &cfg_resolved),
			 CFG_EBADLABEL);
	assert_int_equal(cfg_resolve(&cfg_parsed, "b", &cfg_resolved),
			 CFG_EBADLABEL);
	assert_int_equal(cfg_resolve(&cfg_parsed, "c", &cfg_resolved),
			 CFG_EBADLABEL);
	assert_int_equal(cfg_resolve(&cfg_parsed, "d", &cfg_resolved),
			 CFG_EBADLABEL);
}

static void test_quoted_typed_line(void **state)
{
	(void)state;
	cfg_test_parse(cfg_test_debian);
	cfg_test_resolve_ok(
	    "  \"/boot/Debian Kernels/vmlinuz\"  root=/dev/sda1 ro ");
	assert_null(cfg_resolved.label);
	assert_string_equal(cfg_resolved.kernel,
			    "/boot/Debian Kernels/vmlinuz");
	assert_string_equal(cfg_resolved.extra, "root=/dev/sda1 ro");
	assert_string_equal(cfg_resolved.initrd, "");
	assert_int_equal(cfg_resolved.type, CFG_KT_LINUX);
	/* The words after it are the kernel's, quotes and all. */
	cfg_test_resolve_ok("/vmlinuz initrd=\"/a b/i.img\"");
	assert_string_equal(cfg_resolved.kernel, "/vmlinuz");
	assert_string_equal(cfg_resolved.extra, "initrd=\"/a b/i.img\"");
	/* A label is still matched as written, before any unquoting. */
	cfg_test_resolve_ok("debian \"x y\"");
	assert_ptr_equal(cfg_resolved.label, cfg_test_label("debian"));
	assert_string_equal(cfg_resolved.extra, "\"x y\"");

	assert_int_equal(cfg_resolve(&cfg_parsed,
				     "\"/boot/Debian Kernels/vmlinuz",
				     &cfg_resolved),
			 CFG_EQUOTE);
	assert_int_equal(cfg_resolve(&cfg_parsed, "/a\"b c", &cfg_resolved),
			 CFG_EQUOTE);
	assert_string_equal(cfg_strerror(CFG_EQUOTE),
			    "unterminated double quote");
	assert_int_equal(cfg_resolve(&cfg_parsed, "\"\" quiet", &cfg_resolved),
			 CFG_EEMPTY);

	/* DEFAULT is typed by the config: the same rules. */
	cfg_test_parse("DEFAULT \"/boot/My Kernels/vmlinuz\" root=/dev/sda1\n");
	assert_string_equal(cfg_default_line(&cfg_parsed),
			    "\"/boot/My Kernels/vmlinuz\" root=/dev/sda1");
	assert_int_equal(cfg_resolve_config(&cfg_parsed,
					    cfg_default_line(&cfg_parsed),
					    &cfg_resolved),
			 0);
	assert_string_equal(cfg_resolved.kernel, "/boot/My Kernels/vmlinuz");
	assert_string_equal(cfg_resolved.extra, "root=/dev/sda1");
}

static void test_quoted_too_long(void **state)
{
	char *name = cfg_test_repeat('p', CFG_PATH_MAX);
	char text[2 * CFG_PATH_MAX];

	(void)state;
	/* The quotes take no room in the name: 255 characters fit. */
	name[0] = '/';
	name[CFG_PATH_MAX - 1] = '\0';
	snprintf(text, sizeof(text), "LABEL a\nKERNEL \"%s\"\n", name);
	cfg_test_parse(text);
	assert_false(cfg_test_label("a")->bad);
	assert_int_equal(strlen(cfg_test_label("a")->kernel), CFG_PATH_MAX - 1);
	snprintf(text, sizeof(text), "\"%s\" quiet", name);
	cfg_test_resolve_ok(text);
	assert_int_equal(strlen(cfg_resolved.kernel), CFG_PATH_MAX - 1);
	snprintf(text, sizeof(text), "\"%sp\" quiet", name);
	assert_int_equal(cfg_resolve(&cfg_parsed, text, &cfg_resolved),
			 CFG_ETOOLONG);

	/* An INITRD list with a blank needs room for its two quotes. */
	name[1] = ' ';
	name[CFG_PATH_MAX - 3] = '\0';
	snprintf(text, sizeof(text), "LABEL a\nINITRD \"%s\"\n", name);
	cfg_test_parse(text);
	assert_false(cfg_test_label("a")->bad);
	assert_int_equal(strlen(cfg_test_label("a")->initrd), CFG_PATH_MAX - 1);
	snprintf(text, sizeof(text), "LABEL a\nINITRD \"%sp\"\n", name);
	cfg_test_parse(text);
	assert_true(cfg_test_label("a")->bad);
	cfg_test_assert_warning(0, 2, CFG_W_TOO_LONG);
	free(name);
}

/* Config to kernel command line and back to the files loaded, the way
 * stage2's boot_linux() goes. */
static void boot_cmdline(const char *line, char *out, size_t size)
{
	struct kcmd_parts p;

	cfg_test_resolve_ok(line);
	p = (struct kcmd_parts){cfg_resolved.kernel, cfg_resolved.kernel_args,
				cfg_resolved.append, cfg_resolved.initrd,
				cfg_resolved.extra};
	assert_true(kcmd_build_parts(out, size, 2047, &p) > 0);
}

static void test_quoted_to_kernel_cmdline(void **state)
{
	char out[CFG_APPEND_MAX], list[CFG_APPEND_MAX], item[CFG_PATH_MAX];
	const char *cur = list;

	(void)state;
	cfg_test_parse(quoted_cfg);
	boot_cmdline("deb single", out, sizeof(out));
	assert_string_equal(
	    out, "BOOT_IMAGE=\"/boot/Debian Kernels/vmlinuz-6.1.0-amd64\" "
		 "quiet root=/dev/sda1 "
		 "initrd=\"/boot/Debian Kernels/initrd.img,/extra.img\" "
		 "single");
	assert_true(kcmd_get_option_first(out, "initrd", list, sizeof(list)) >
		    0);
	assert_int_equal(kcmd_list_next(&cur, item, sizeof(item)), 31);
	assert_string_equal(item, "/boot/Debian Kernels/initrd.img");
	assert_int_equal(kcmd_list_next(&cur, item, sizeof(item)), 10);
	assert_string_equal(item, "/extra.img");
	assert_int_equal(kcmd_list_next(&cur, item, sizeof(item)),
			 KCMD_ENOTFOUND);

	/* Typed with its initrd: the kernel gets it as the user wrote it. */
	boot_cmdline("\"/boot/Debian Kernels/vmlinuz\" "
		     "initrd=\"/boot/Debian Kernels/initrd.img\"",
		     out, sizeof(out));
	assert_string_equal(out, "BOOT_IMAGE=\"/boot/Debian Kernels/vmlinuz\" "
				 "initrd=\"/boot/Debian Kernels/initrd.img\"");

	/* Quoted names without blanks: the line SYSLINUX would build. */
	boot_cmdline("plain", out, sizeof(out));
	assert_string_equal(
	    out, "BOOT_IMAGE=/vmlinuz initrd=/initrd.img,/extra.img");
	boot_cmdline("old", out, sizeof(out));
	assert_string_equal(out, "BOOT_IMAGE=/vmlinuz initrd=/a.img quiet");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_quoted_file_names),
	    cmocka_unit_test(test_quoted_unterminated),
	    cmocka_unit_test(test_quoted_typed_line),
	    cmocka_unit_test(test_quoted_too_long),
	    cmocka_unit_test(test_quoted_to_kernel_cmdline),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
