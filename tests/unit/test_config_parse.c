// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for cmdline/config_parse.c: lines, directives, comments,
 * line ends, INCLUDE and the warnings the parser records. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "cmdline/config.h"
#include "tests/unit/support/cfg_test.h"

static void test_every_directive(void **state)
{
	const struct cfg_label *l;

	(void)state;
	// clang-format off
	cfg_test_parse("  default  linux quiet  \n"			/* 1 */
	      "UI vesamenu.c32\n"				/* 2 */
	      "Prompt 1\n"					/* 3 */
	      "TIMEOUT 30\n"					/* 4 */
	      "TOTALTIMEOUT 600\n"				/* 5 */
	      "ONTIMEOUT linux single\n"			/* 6 */
	      "ONERROR rescue\n"				/* 7 */
	      "IMPLICIT 0\n"					/* 8 */
	      "ALLOWOPTIONS 0\n"				/* 9 */
	      "NOESCAPE 1\n"					/* 10 */
	      "NOCOMPLETE 1\n"					/* 11 */
	      "NOHALT 1\n"					/* 12 */
	      "CONSOLE 0\n"					/* 13 */
	      "SERIAL 0x3f8 57600 0x303\n"			/* 14 */
	      "SAY hello\n"					/* 15 */
	      "DISPLAY boot.msg\n"				/* 16 */
	      "F1 help.txt\n"					/* 17 */
	      "F10 f10.txt\n"					/* 18 */
	      "FONT lat1-16.psf\n"				/* 19 */
	      "KBDMAP fr.ktl\n"					/* 20 */
	      "PATH /boot/syslinux\n"				/* 21 */
	      "IPAPPEND 0\n"					/* 22 */
	      "SYSAPPEND 2\n"					/* 23 */
	      "INCLUDE other.cfg\n"				/* 24 */
	      "MENU TITLE Boot\n"				/* 25 */
	      "LABEL linux\n"					/* 26 */
	      " KERNEL vmlinuz\n"				/* 27 */
	      " INITRD initrd.gz\n"				/* 28 */
	      " APPEND root=/dev/sda1\n"			/* 29 */
	      " IPAPPEND 1\n"					/* 30 */
	      "LABEL cfg\n CONFIG other.cfg /boot\n"		/* 31, 32 */
	      "LABEL boot\n BOOT sector.bin\n"			/* 33, 34 */
	      "LABEL bss\n BSS dos.bss\n"			/* 35, 36 */
	      "LABEL pxe\n PXE pxelinux.0\n"			/* 37, 38 */
	      "LABEL fd\n FDIMAGE floppy.img\n"			/* 39, 40 */
	      "LABEL cb\n COMBOOT tool.com\n"			/* 41, 42 */
	      "LABEL local\n LOCALBOOT -1\n"			/* 43, 44 */
	      "LABEL bin\n KERNEL mbr.bin\n"			/* 45, 46 */
	      "NOSUCH thing\n");				/* 47 */
	// clang-format on
	assert_string_equal(cfg_parsed.default_label, "linux quiet");
	assert_true(cfg_parsed.has_ui);
	assert_string_equal(cfg_parsed.ui, "vesamenu.c32");
	assert_true(cfg_parsed.prompt);
	assert_int_equal(cfg_parsed.timeout_ds, 30);
	assert_int_equal(cfg_parsed.totaltimeout_ds, 600);
	assert_string_equal(cfg_parsed.ontimeout, "linux single");
	assert_string_equal(cfg_parsed.onerror, "rescue");
	assert_false(cfg_parsed.allow_implicit);
	assert_false(cfg_parsed.allow_options);
	assert_true(cfg_parsed.noescape);
	assert_true(cfg_parsed.nocomplete);
	assert_true(cfg_parsed.nohalt);
	assert_false(cfg_parsed.console);
	assert_true(cfg_parsed.has_serial);
	assert_int_equal(cfg_parsed.serial_port, 0x3f8);
	assert_int_equal(cfg_parsed.serial_baud, 57600);
	assert_int_equal(cfg_parsed.serial_flow, 0x303);
	assert_int_equal(cfg_parsed.sysappend, 2);

	l = cfg_test_label("linux");
	assert_string_equal(l->kernel, "vmlinuz");
	assert_string_equal(l->initrd, "initrd.gz");
	assert_string_equal(l->append, "root=/dev/sda1");
	assert_int_equal(l->sysappend, 1);
	assert_int_equal(cfg_test_label("cfg")->type, CFG_KT_CONFIG);
	assert_string_equal(cfg_test_label("cfg")->kernel, "other.cfg");
	assert_string_equal(cfg_test_label("cfg")->kernel_args, "/boot");
	assert_int_equal(cfg_test_label("boot")->type, CFG_KT_BOOT);
	assert_int_equal(cfg_test_label("bss")->type, CFG_KT_BSS);
	assert_int_equal(cfg_test_label("pxe")->type, CFG_KT_PXE);
	assert_int_equal(cfg_test_label("fd")->type, CFG_KT_FDIMAGE);
	assert_int_equal(cfg_test_label("cb")->type, CFG_KT_COMBOOT);
	assert_int_equal(cfg_test_label("local")->type, CFG_KT_LOCALBOOT);
	assert_string_equal(cfg_test_label("local")->kernel, "-1");
	assert_int_equal(cfg_test_label("bin")->type, CFG_KT_KERNEL);

	/* SAY, DISPLAY, F1 and F10: test_config_help.c. */
	assert_string_equal(cfg_parsed.fkey[9], "f10.txt");
	/* UI vesamenu.c32 and MENU lines: the menu module's; CONFIG switches
	 * configs (stage2/cfgfile.c): no warning. */
	/* PATH (line 21) is accepted: no .c32 library is needed. */
	assert_int_equal(cfg_parsed.nwarnings, 9);
	assert_int_equal(cfg_parsed.warnings_lost, 0);
	cfg_test_assert_warning(0, 19, CFG_W_IGNORED); /* FONT */
	cfg_test_assert_warning(1, 20, CFG_W_IGNORED); /* KBDMAP */
	cfg_test_assert_warning(2, 23,
				CFG_W_SYSAPPEND); /* IPAPPEND 0 is silent */
	cfg_test_assert_warning(3, 24, CFG_W_INCLUDE); /* no reader */
	cfg_test_assert_warning(4, 30, CFG_W_SYSAPPEND);
	cfg_test_assert_warning(5, 38, CFG_W_TYPE);    /* PXE */
	cfg_test_assert_warning(6, 40, CFG_W_TYPE);    /* FDIMAGE */
	cfg_test_assert_warning(7, 42, CFG_W_TYPE);    /* COMBOOT */
	cfg_test_assert_warning(8, 47, CFG_W_UNKNOWN); /* NOSUCH */
	/* Another UI module cannot run: warned. */
	cfg_test_parse("UI gfxboot bootlogo\n");
	cfg_test_assert_warning(0, 1, CFG_W_UI);
}

static void test_keywords_case_and_whole_word(void **state)
{
	(void)state;
	cfg_test_parse("lAbEl x\n"
		       "\t KeRnEl /k\n"
		       "APPENDX foo\n" /* not APPEND */
		       "append\tfoo=1\t \n");
	assert_string_equal(cfg_test_label("x")->kernel, "/k");
	assert_string_equal(cfg_test_label("x")->append, "foo=1");
	assert_int_equal(cfg_parsed.nwarnings, 1);
	cfg_test_assert_warning(0, 3, CFG_W_UNKNOWN);
}

/* NATIVE (bzboot's own): on unless a NATIVE 0 says otherwise; the last
 * one counts, like every flag. */
static void test_native_flag(void **state)
{
	(void)state;
	cfg_test_parse("DEFAULT x\n");
	assert_false(cfg_parsed.no_native);
	cfg_test_parse("NATIVE 0\n");
	assert_true(cfg_parsed.no_native);
	assert_int_equal(cfg_parsed.nwarnings, 0);
	cfg_test_parse("native 0\nNATIVE 1\n");
	assert_false(cfg_parsed.no_native);
}

static void test_unknown_directive_line(void **state)
{
	(void)state;
	cfg_test_parse("# comment\n"
		       "   # indented comment\n"
		       "FROBNICATE 1\n"
		       "\n"
		       "LABEL a\n"
		       "  WHATEVER\n");
	assert_int_equal(cfg_parsed.nwarnings, 2);
	cfg_test_assert_warning(0, 3, CFG_W_UNKNOWN);
	cfg_test_assert_warning(1, 6, CFG_W_UNKNOWN);
	assert_int_equal(cfg_parsed.warnings[0].file, 0);
	assert_string_equal(cfg_warning_str(CFG_W_UNKNOWN),
			    "unknown directive ignored");
}

/* A keyword bzboot does not know is warned of once, whatever its case
 * and however often it comes: the first line that has it. */
static void test_unknown_keyword_once(void **state)
{
	(void)state;
	cfg_test_parse("LABEL a\n"
		       "  FROB 1\n"
		       "LABEL b\n"
		       "  frob 2\n"
		       "  WIBBLE\n"
		       "LABEL c\n"
		       "  Frob 3\n"
		       "  wibble\n"
		       "  FROBX\n");
	assert_int_equal(cfg_parsed.nwarnings, 3);
	cfg_test_assert_warning(0, 2, CFG_W_UNKNOWN);
	cfg_test_assert_warning(1, 5, CFG_W_UNKNOWN);
	cfg_test_assert_warning(2, 9, CFG_W_UNKNOWN);
}

static void test_crlf_and_lone_cr(void **state)
{
	(void)state;
	cfg_test_parse("DEFAULT a\r\n"
		       "LABEL a\r\n"
		       "  KERNEL /vmlinuz\r\n"
		       "  APPEND root=/dev/sda1\r\n"
		       "BOGUS\r\n");
	assert_string_equal(cfg_parsed.default_label, "a");
	assert_string_equal(cfg_test_label("a")->kernel, "/vmlinuz");
	assert_string_equal(cfg_test_label("a")->append, "root=/dev/sda1");
	assert_int_equal(cfg_parsed.nwarnings, 1);
	cfg_test_assert_warning(0, 5, CFG_W_UNKNOWN); /* CR LF counts once */

	cfg_test_parse("LABEL a\rKERNEL /k\r\rBOGUS\r");
	assert_string_equal(cfg_test_label("a")->kernel, "/k");
	cfg_test_assert_warning(0, 4, CFG_W_UNKNOWN);
}

static void test_no_trailing_newline(void **state)
{
	(void)state;
	cfg_test_parse("LABEL a\nKERNEL /k\nAPPEND quiet");
	assert_string_equal(cfg_test_label("a")->append, "quiet");
	cfg_test_parse("DEFAULT x");
	assert_string_equal(cfg_parsed.default_label, "x");
	/* len cuts the text short of its NUL: only "LABEL ab" is seen. */
	cfg_test_parse_len("LABEL abc", 8);
	assert_non_null(cfg_test_find("ab"));
	assert_null(cfg_test_find("abc"));
}

static void test_empty_file(void **state)
{
	(void)state;
	cfg_test_parse("");
	assert_int_equal(cfg_parsed.nlabels, 0);
	assert_int_equal(cfg_parsed.nwarnings, 0);
	assert_string_equal(cfg_parsed.default_label, "");
	assert_true(cfg_parsed.allow_implicit);
	assert_true(cfg_parsed.allow_options);
	assert_true(cfg_parsed.console);
	assert_false(cfg_parsed.prompt);
	assert_false(cfg_parsed.has_serial);
	assert_int_equal(cfg_parsed.timeout_ds, 0);
	assert_int_equal(cfg_parse(&cfg_parsed, NULL, 0), CFG_OK);
	assert_int_equal(cfg_parse(&cfg_parsed, NULL, 1), CFG_EINVAL);
	assert_int_equal(cfg_parse(NULL, "", 0), CFG_EINVAL);
	cfg_test_parse("\n\n   \n\t\n# only comments\n");
	assert_int_equal(cfg_parsed.nlabels, 0);
	assert_int_equal(cfg_parsed.nwarnings, 0);
	assert_int_equal(cfg_resolve(&cfg_parsed, cfg_default_line(&cfg_parsed),
				     &cfg_resolved),
			 CFG_EEMPTY);
}

static void test_misc_warnings(void **state)
{
	(void)state;
	// clang-format off
	cfg_test_parse("INITRD /early.img\n"		/* 1: outside a label */
	      "KERNEL /early\n"			/* 2 */
	      "TIMEOUT soon\n"			/* 3 */
	      "LABEL a\n KERNEL /first\n"	/* 4, 5 */
	      "LABEL a\n KERNEL /second\n"	/* 6, 7 */
	      "LABEL\n"				/* 8 */
	      " APPEND orphan\n"		/* 9: belongs to line 8 */
	      "TIMEOUT 20 # two seconds\n"	/* 10 */
	      "PROMPT yes\n");			/* 11 */
	// clang-format on
	assert_int_equal(cfg_parsed.nwarnings, 6);
	cfg_test_assert_warning(0, 1, CFG_W_NOT_IN_LABEL);
	cfg_test_assert_warning(1, 2, CFG_W_NOT_IN_LABEL);
	cfg_test_assert_warning(2, 3, CFG_W_BAD_VALUE);
	cfg_test_assert_warning(3, 6, CFG_W_DUP_LABEL);
	cfg_test_assert_warning(4, 8, CFG_W_BAD_VALUE);
	cfg_test_assert_warning(5, 11, CFG_W_BAD_VALUE);
	assert_string_equal(cfg_test_label("a")->kernel,
			    "/first"); /* first wins */
	assert_int_equal(cfg_parsed.nlabels, 2);
	assert_string_equal(cfg_parsed.global_append, "");
	assert_int_equal(cfg_parsed.timeout_ds, 20);
	assert_false(cfg_parsed.prompt);
}

static void test_nul_byte_line(void **state)
{
	static const char text[] = "LABEL a\nAPPEND x\0y\nKERNEL /k\n";

	(void)state;
	cfg_test_parse_len(text, sizeof(text) - 1);
	assert_string_equal(cfg_test_label("a")->kernel, "/k");
	assert_false(cfg_test_label("a")->has_append);
	assert_int_equal(cfg_parsed.nwarnings, 1);
	cfg_test_assert_warning(0, 2, CFG_W_NUL);
}

/* INCLUDE through a reader over a small in-memory file table. */
struct memfile {
	const char *name, *text;
};

static const struct memfile files[] = {
    {"menu.cfg", "menu hshift 7\ninclude txt.cfg\nBOGUS\n"},
    {"txt.cfg", "default install\nlabel install\n\tmenu label ^Install\n"
		"\tkernel /install.amd/vmlinuz\n"
		"\tappend vga=788 initrd=/install.amd/initrd.gz --- quiet\n"},
    {"loop.cfg", "include loop.cfg\n"},
};

static int releases;

static int mem_load(void *ctx, const char *path, const char **text, size_t *len)
{
	(void)ctx;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		if (strcmp(files[i].name, path) == 0) {
			*text = files[i].text;
			*len = strlen(files[i].text);
			return 0;
		}
	}
	return -1;
}

static void mem_release(void *ctx, const char *text, size_t len)
{
	(void)ctx;
	(void)text;
	(void)len;
	releases++;
}

static const struct cfg_include_ops mem_ops = {
    .load = mem_load,
    .release = mem_release,
};

static void test_include(void **state)
{
	/* Debian installer's isolinux.cfg. */
	static const char isolinux[] =
	    "# D-I config version 2.0\n"
	    "# search path for the c32 support libraries\n"
	    "path \n"
	    "include menu.cfg\n"
	    "default vesamenu.c32\n"
	    "prompt 0\n"
	    "timeout 0\n"
	    "include missing.cfg\n";

	(void)state;
	releases = 0;
	assert_int_equal(
	    cfg_parse_with(&cfg_parsed, isolinux, strlen(isolinux), &mem_ops),
	    0);
	assert_int_equal(releases, 2);
	assert_int_equal(cfg_parsed.nlabels, 1);
	assert_string_equal(cfg_test_label("install")->kernel,
			    "/install.amd/vmlinuz");
	assert_int_equal(cfg_test_label("install")->file, 2);
	assert_int_equal(cfg_test_label("install")->line, 2);
	/* The later DEFAULT in the main file names the menu module. */
	assert_string_equal(cfg_parsed.default_label, "vesamenu.c32");
	assert_string_equal(cfg_default_line(&cfg_parsed), "install");
	assert_int_equal(cfg_parsed.nwarnings, 2); /* path: accepted */
	cfg_test_assert_warning(0, 3, CFG_W_UNKNOWN);
	assert_int_equal(cfg_parsed.warnings[0].file, 1);
	cfg_test_assert_warning(1, 8, CFG_W_INCLUDE);
	assert_int_equal(cfg_parsed.warnings[1].file, 0);

	/* Endless self-inclusion stops at the nesting limit. */
	releases = 0;
	assert_int_equal(
	    cfg_parse_with(&cfg_parsed, "include loop.cfg\n", 17, &mem_ops), 0);
	assert_int_equal(releases, CFG_INCLUDE_DEPTH);
	assert_int_equal(cfg_parsed.nwarnings, 1);
	cfg_test_assert_warning(0, 1, CFG_W_INCLUDE);
	assert_int_equal(cfg_parsed.warnings[0].file, CFG_INCLUDE_DEPTH);
}

static void test_strings(void **state)
{
	(void)state;
	for (int e = CFG_OK; e >= CFG_EQUOTE; e--)
		assert_string_not_equal(cfg_strerror(e), "unknown error");
	assert_string_equal(cfg_strerror(-99), "unknown error");
	for (int w = CFG_W_UNKNOWN; w <= CFG_W_NUL; w++)
		assert_string_not_equal(cfg_warning_str(w), "unknown warning");
	assert_string_equal(cfg_warning_str(0), "unknown warning");
	assert_string_equal(cfg_strerror(CFG_EBADLABEL),
			    "label has a bad or too long value");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_directive),
	    cmocka_unit_test(test_keywords_case_and_whole_word),
	    cmocka_unit_test(test_native_flag),
	    cmocka_unit_test(test_unknown_directive_line),
	    cmocka_unit_test(test_unknown_keyword_once),
	    cmocka_unit_test(test_crlf_and_lone_cr),
	    cmocka_unit_test(test_no_trailing_newline),
	    cmocka_unit_test(test_empty_file),
	    cmocka_unit_test(test_misc_warnings),
	    cmocka_unit_test(test_nul_byte_line),
	    cmocka_unit_test(test_include),
	    cmocka_unit_test(test_strings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
