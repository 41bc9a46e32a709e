// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for cmdline/kcmdline.c: command-line assembly and the
 * vga=, mem=, initrd= options the loader reads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "cmdline/kcmdline.h"

static char out[4096];
static char val[256];

/* "BOOT_IMAGE=<image> <append> <extra>": what a typed file name gets. */
static int build(char *o, size_t o_size, size_t max_len, const char *image,
		 const char *append, const char *extra)
{
	struct kcmd_parts p = {
	    .image = image,
	    .append = append,
	    .extra = extra,
	};

	return kcmd_build_parts(o, o_size, max_len, &p);
}

static void test_build_order(void **state)
{
	(void)state;
	assert_int_equal(build(out, sizeof(out), 2047, "/vmlinuz",
			       "root=/dev/sda1 ro", "single"),
			 44);
	assert_string_equal(out,
			    "BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro single");

	/* SYSLINUX's full order, INITRD becoming "initrd=". */
	struct kcmd_parts p = {
	    .image = "/boot/vmlinuz",
	    .kernel_args = "quiet",
	    .append = "root=/dev/sda2",
	    .initrd = "/a.img,/b.img",
	    .extra = "init=/bin/sh",
	};
	assert_int_equal(kcmd_build_parts(out, sizeof(out), 2047, &p), 79);
	assert_string_equal(out,
			    "BOOT_IMAGE=/boot/vmlinuz quiet "
			    "root=/dev/sda2 initrd=/a.img,/b.img init=/bin/sh");
}

static void test_build_empty_parts(void **state)
{
	(void)state;
	assert_int_equal(build(out, sizeof(out), 255, "vmlinuz", "", NULL), 18);
	assert_string_equal(out, "BOOT_IMAGE=vmlinuz");
	assert_int_equal(
	    build(out, sizeof(out), 255, "vmlinuz", NULL, "  quiet  "), 24);
	assert_string_equal(out, "BOOT_IMAGE=vmlinuz quiet");
	/* Outer blanks go; blanks inside a part stay as written. */
	assert_int_equal(build(out, sizeof(out), 255, "k", " \ta  b\t ", " c "),
			 19);
	assert_string_equal(out, "BOOT_IMAGE=k a  b c");
	assert_int_equal(build(out, sizeof(out), 255, "", " ", NULL), 0);
	assert_string_equal(out, "");
	assert_int_equal(build(out, sizeof(out), 255, NULL, "a=1", "b"), 5);
	assert_string_equal(out, "a=1 b");

	struct kcmd_parts p = {.image = "k", .initrd = "  "};
	assert_int_equal(kcmd_build_parts(out, sizeof(out), 255, &p), 12);
	assert_string_equal(out, "BOOT_IMAGE=k");
}

static void test_build_quotes_blank_names(void **state)
{
	(void)state;
	/* A blank in the file name: the kernel's next_arg() keeps a
	 * quoted value one word. The INITRD value comes quoted already. */
	struct kcmd_parts p = {
	    .image = " /boot/Debian Kernels/vmlinuz-6.1.0-amd64 ",
	    .append = "root=/dev/sda1",
	    .initrd = "\"/boot/Debian Kernels/initrd.img,/extra.img\"",
	};
	assert_int_equal(kcmd_build_parts(out, sizeof(out), 2047, &p), 120);
	assert_string_equal(
	    out, "BOOT_IMAGE=\"/boot/Debian Kernels/vmlinuz-6.1.0-amd64\" "
		 "root=/dev/sda1 "
		 "initrd=\"/boot/Debian Kernels/initrd.img,/extra.img\"");
	assert_int_equal(build(out, sizeof(out), 255, "/a\tb", NULL, NULL), 17);
	assert_string_equal(out, "BOOT_IMAGE=\"/a\tb\"");
	/* The quotes count against the limit. */
	assert_int_equal(build(out, sizeof(out), 17, "/a b", NULL, NULL), 17);
	assert_int_equal(build(out, sizeof(out), 16, "/a b", NULL, NULL),
			 KCMD_ETOOLONG);
	assert_string_equal(out, "");

	/* No blank, no quotes: byte for byte what SYSLINUX builds. */
	assert_int_equal(build(out, sizeof(out), 255,
			       "/boot/Debian-Kernels.d/vmlinuz", "a=\"b\"",
			       NULL),
			 47);
	assert_string_equal(
	    out, "BOOT_IMAGE=/boot/Debian-Kernels.d/vmlinuz a=\"b\"");
	/* The initrd part goes as it is: INITRD's words after the list. */
	p = (struct kcmd_parts){.image = "k", .initrd = "/a.img quiet"};
	assert_int_equal(kcmd_build_parts(out, sizeof(out), 255, &p), 32);
	assert_string_equal(out, "BOOT_IMAGE=k initrd=/a.img quiet");
}

static void test_build_too_long(void **state)
{
	(void)state;
	/* "BOOT_IMAGE=k a=1 xyz" is 20 characters. */
	assert_int_equal(build(out, sizeof(out), 20, "k", "a=1", "xyz"), 20);
	assert_string_equal(out, "BOOT_IMAGE=k a=1 xyz");
	assert_int_equal(build(out, sizeof(out), 19, "k", "a=1", "xyz"),
			 KCMD_ETOOLONG);
	assert_string_equal(out, ""); /* never a cut-off line */
	/* The buffer limits as well: 21 bytes hold 20 characters + NUL. */
	assert_int_equal(build(out, 21, 1000, "k", "a=1", "xyz"), 20);
	assert_int_equal(build(out, 20, 1000, "k", "a=1", "xyz"),
			 KCMD_ETOOLONG);
	assert_int_equal(build(out, 0, 1000, "k", NULL, NULL), KCMD_ETOOLONG);
	/* The pre-2.06 limit of 255 with a 255/256-character line. */
	char append[300];
	memset(append, 'x', sizeof(append));
	append[255 - 13] = '\0'; /* "BOOT_IMAGE=k " is 13 */
	assert_int_equal(build(out, sizeof(out), 255, "k", append, NULL), 255);
	assert_int_equal(build(out, sizeof(out), 255, "k", append, "y"),
			 KCMD_ETOOLONG);
	assert_int_equal(build(NULL, 10, 10, "k", NULL, NULL), KCMD_EINVAL);
}

static void test_option_last_wins(void **state)
{
	(void)state;
	assert_int_equal(
	    kcmd_get_option("vga=791 quiet vga=0x317", "vga", val, sizeof(val)),
	    5);
	assert_string_equal(val, "0x317");
	assert_int_equal(kcmd_get_option_first("vga=791 quiet vga=0x317", "vga",
					       val, sizeof(val)),
			 3);
	assert_string_equal(val, "791");
	assert_int_equal(
	    kcmd_get_option("\tmem=512M\n", "mem", val, sizeof(val)), 4);
	assert_string_equal(val, "512M");
	assert_int_equal(kcmd_get_option("vga=", "vga", val, sizeof(val)), 0);
	assert_string_equal(val, "");
}

static void test_option_whole_word(void **state)
{
	(void)state;
	assert_int_equal(
	    kcmd_get_option("xvga=1 vgax=2 vga", "vga", val, sizeof(val)),
	    KCMD_ENOTFOUND);
	assert_int_equal(kcmd_get_option("BOOT_IMAGE=initrd=x noinitrd",
					 "initrd", val, sizeof(val)),
			 KCMD_ENOTFOUND);
	assert_int_equal(kcmd_get_option("", "vga", val, sizeof(val)),
			 KCMD_ENOTFOUND);
	assert_int_equal(kcmd_get_option("   ", "vga", val, sizeof(val)),
			 KCMD_ENOTFOUND);
	assert_int_equal(kcmd_get_option("a=b=c", "a", val, sizeof(val)), 3);
	assert_string_equal(val, "b=c");
	/* Words after a lone "--" are for init, not the kernel. */
	assert_int_equal(
	    kcmd_get_option("mem=1G -- mem=2G", "mem", val, sizeof(val)), 2);
	assert_string_equal(val, "1G");
	assert_int_equal(kcmd_get_option("--x mem=2G", "mem", val, sizeof(val)),
			 2);
	assert_string_equal(val, "2G");
	assert_int_equal(kcmd_get_option(NULL, "vga", val, sizeof(val)),
			 KCMD_EINVAL);
	assert_int_equal(kcmd_get_option("vga=1", "", val, sizeof(val)),
			 KCMD_EINVAL);
}

static void test_option_quotes(void **state)
{
	(void)state;
	assert_int_equal(kcmd_get_option("a=1 initrd=\"/my files/i.img\" b",
					 "initrd", val, sizeof(val)),
			 15);
	assert_string_equal(val, "/my files/i.img");
	assert_int_equal(kcmd_get_option("\"initrd=/x y.img\" quiet", "initrd",
					 val, sizeof(val)),
			 8);
	assert_string_equal(val, "/x y.img");
	/* A quoted blank does not end the word, so "vga=2" here is text. */
	assert_int_equal(
	    kcmd_get_option("opt=\"a vga=2\" vga=3", "vga", val, sizeof(val)),
	    1);
	assert_string_equal(val, "3");
	assert_int_equal(
	    kcmd_get_option("vga=\"ask\"", "vga", val, sizeof(val)), 3);
	assert_string_equal(val, "ask");
}

static void test_option_too_long(void **state)
{
	char small[4];

	(void)state;
	assert_int_equal(
	    kcmd_get_option("vga=791", "vga", small, sizeof(small)), 3);
	assert_string_equal(small, "791");
	assert_int_equal(
	    kcmd_get_option("vga=0x317", "vga", small, sizeof(small)),
	    KCMD_ETOOLONG);
	assert_string_equal(small, "");
}

static void test_list_next(void **state)
{
	const char *cur = "/a.img,,/b.img,";

	(void)state;
	assert_int_equal(kcmd_list_next(&cur, val, sizeof(val)), 6);
	assert_string_equal(val, "/a.img");
	assert_int_equal(kcmd_list_next(&cur, val, sizeof(val)), 6);
	assert_string_equal(val, "/b.img");
	assert_int_equal(kcmd_list_next(&cur, val, sizeof(val)),
			 KCMD_ENOTFOUND);
	cur = "abcd,e";
	assert_int_equal(kcmd_list_next(&cur, val, 4), KCMD_ETOOLONG);
	assert_int_equal(kcmd_list_next(&cur, val, 4), 1);
	assert_string_equal(val, "e");
}

static void test_list_quoted_items(void **state)
{
	const char *cur;

	(void)state;
	/* initrd="/a b/x.img",/y.img: the kernel's value keeps the second
	 * quote; the names come out whole all the same. */
	assert_int_equal(kcmd_get_option_first("initrd=\"/a b/x.img\",/y.img q",
					       "initrd", val, sizeof(val)),
			 18);
	assert_string_equal(val, "/a b/x.img\",/y.img");
	cur = val;
	assert_int_equal(kcmd_list_next(&cur, val + 100, 100), 10);
	assert_string_equal(val + 100, "/a b/x.img");
	assert_int_equal(kcmd_list_next(&cur, val + 100, 100), 6);
	assert_string_equal(val + 100, "/y.img");
	assert_int_equal(kcmd_list_next(&cur, val + 100, 100), KCMD_ENOTFOUND);

	/* Items of quotes only are empty; quotes take no room. */
	cur = "\"\",,\"/c d\",\"";
	assert_int_equal(kcmd_list_next(&cur, val, 5), 4);
	assert_string_equal(val, "/c d");
	assert_int_equal(kcmd_list_next(&cur, val, 5), KCMD_ENOTFOUND);
	assert_string_equal(cur, "");
	cur = "\"abcd\"";
	assert_int_equal(kcmd_list_next(&cur, val, 4), KCMD_ETOOLONG);
	assert_string_equal(val, "");
}

static void test_parse_vga(void **state)
{
	uint16_t mode = 0x1234;

	(void)state;
	assert_int_equal(kcmd_parse_vga("normal", &mode), 0);
	assert_int_equal(mode, 0xFFFF);
	assert_int_equal(kcmd_parse_vga("ext", &mode), 0);
	assert_int_equal(mode, 0xFFFE);
	assert_int_equal(kcmd_parse_vga("EXTENDED", &mode), 0);
	assert_int_equal(mode, 0xFFFE);
	assert_int_equal(kcmd_parse_vga("Ask", &mode), 0);
	assert_int_equal(mode, 0xFFFD);
	assert_int_equal(kcmd_parse_vga("current", &mode), 0);
	assert_int_equal(mode, 0x0F04);
	assert_int_equal(kcmd_parse_vga("791", &mode), 0);
	assert_int_equal(mode, 791);
	assert_int_equal(kcmd_parse_vga("0x317", &mode), 0);
	assert_int_equal(mode, 0x317);
	assert_int_equal(kcmd_parse_vga("0X317", &mode), 0);
	assert_int_equal(mode, 0x317);
	assert_int_equal(kcmd_parse_vga("0317", &mode), 0);
	assert_int_equal(mode, 0317);
	assert_int_equal(kcmd_parse_vga("0", &mode), 0);
	assert_int_equal(mode, 0);
	assert_int_equal(kcmd_parse_vga("0xFFFF", &mode), 0);
	assert_int_equal(mode, 0xFFFF);

	mode = 0x1234;
	assert_int_equal(kcmd_parse_vga("", &mode), KCMD_EINVAL);
	assert_int_equal(kcmd_parse_vga("norm", &mode), KCMD_EINVAL);
	assert_int_equal(kcmd_parse_vga("normalx", &mode), KCMD_EINVAL);
	assert_int_equal(kcmd_parse_vga("0x31g", &mode), KCMD_EINVAL);
	assert_int_equal(kcmd_parse_vga("08", &mode), KCMD_EINVAL);
	assert_int_equal(kcmd_parse_vga("-1", &mode), KCMD_EINVAL);
	assert_int_equal(kcmd_parse_vga("791 ", &mode), KCMD_EINVAL);
	assert_int_equal(kcmd_parse_vga("0x10000", &mode), KCMD_ERANGE);
	assert_int_equal(kcmd_parse_vga("99999999999999999999999", &mode),
			 KCMD_ERANGE);
	assert_int_equal(mode, 0x1234); /* untouched on error */
	assert_int_equal(kcmd_parse_vga(NULL, &mode), KCMD_EINVAL);
}

static void test_parse_mem(void **state)
{
	uint64_t b = 7;

	(void)state;
	assert_int_equal(kcmd_parse_mem("512M", &b), 0);
	assert_true(b == 512ull << 20);
	assert_int_equal(kcmd_parse_mem("2g", &b), 0);
	assert_true(b == 2ull << 30);
	assert_int_equal(kcmd_parse_mem("640K", &b), 0);
	assert_true(b == 640ull << 10);
	assert_int_equal(kcmd_parse_mem("1T", &b), 0);
	assert_true(b == 1ull << 40);
	assert_int_equal(kcmd_parse_mem("3P", &b), 0);
	assert_true(b == 3ull << 50);
	assert_int_equal(kcmd_parse_mem("15E", &b), 0);
	assert_true(b == 15ull << 60);
	assert_int_equal(kcmd_parse_mem("0x8000000", &b), 0);
	assert_true(b == 0x8000000ull);
	assert_int_equal(kcmd_parse_mem("010M", &b), 0); /* octal */
	assert_true(b == 8ull << 20);
	assert_int_equal(kcmd_parse_mem("123456789", &b), 0);
	assert_true(b == 123456789ull);
	/* memparse stops after the suffix; the kernel ignores the rest. */
	assert_int_equal(kcmd_parse_mem("512MB", &b), 0);
	assert_true(b == 512ull << 20);
	assert_int_equal(kcmd_parse_mem("nopentium", &b), 0);
	assert_true(b == UINT64_MAX);

	b = 7;
	assert_int_equal(kcmd_parse_mem("", &b), KCMD_EINVAL);
	assert_int_equal(kcmd_parse_mem("M", &b), KCMD_EINVAL);
	assert_int_equal(kcmd_parse_mem("abc", &b), KCMD_EINVAL);
	assert_int_equal(kcmd_parse_mem("0", &b), KCMD_EINVAL);
	assert_int_equal(kcmd_parse_mem("0M", &b), KCMD_EINVAL);
	assert_int_equal(kcmd_parse_mem("16E", &b), KCMD_ERANGE);
	assert_int_equal(kcmd_parse_mem("18446744073709551616", &b),
			 KCMD_ERANGE);
	assert_int_equal(b, 7);
	assert_int_equal(kcmd_parse_mem("18446744073709551615", &b), 0);
	assert_true(b == UINT64_MAX);
	assert_int_equal(kcmd_parse_mem(NULL, &b), KCMD_EINVAL);
}

static struct kcmd_loader_opts opts;

static void assert_bad(const char *cmdline, int err, const char *name,
		       const char *value)
{
	assert_int_equal(kcmd_loader_options(cmdline, &opts), err);
	assert_string_equal(opts.bad_name, name);
	assert_string_equal(opts.bad_value, value);
	assert_non_null(opts.bad_reason);
}

static void test_loader_options(void **state)
{
	(void)state;
	/* Neither given: no mode, no limit. */
	assert_int_equal(kcmd_loader_options("quiet root=/dev/sda1", &opts), 0);
	assert_int_equal(opts.vid_mode, -1);
	assert_true(opts.mem_limit == 0);
	assert_null(opts.bad_name);
	assert_null(opts.bad_reason);
	assert_string_equal(opts.bad_value, "");

	/* Both, the last of each, and none after "--". */
	assert_int_equal(kcmd_loader_options("vga=791 mem=1G quiet vga=ask "
					     "mem=\"512M\" -- vga=0 mem=2G",
					     &opts),
			 0);
	assert_int_equal(opts.vid_mode, KCMD_VGA_ASK);
	assert_true(opts.mem_limit == 512ull << 20);
	assert_null(opts.bad_name);
	assert_string_equal(opts.bad_value, "");

	assert_int_equal(kcmd_loader_options("vga=0x317", &opts), 0);
	assert_int_equal(opts.vid_mode, 0x317);
	assert_true(opts.mem_limit == 0);
	assert_int_equal(kcmd_loader_options("mem=nopentium", &opts), 0);
	assert_int_equal(opts.vid_mode, -1);
	assert_true(opts.mem_limit == UINT64_MAX);
}

static void test_loader_options_bad(void **state)
{
	(void)state;
	assert_bad("vga=blue", KCMD_EINVAL, "vga", "blue");
	assert_string_equal(opts.bad_reason, "not a video mode (use normal, "
					     "ext, ask or a number)");
	assert_bad("vga= quiet", KCMD_EINVAL, "vga", "");
	assert_bad("vga=0x10000", KCMD_ERANGE, "vga", "0x10000");
	assert_bad("mem=lots", KCMD_EINVAL, "mem", "lots");
	assert_string_equal(opts.bad_reason, "not a size (use e.g. mem=512M)");
	assert_bad("vga=ext mem=16E", KCMD_ERANGE, "mem", "16E");
	assert_bad("mem=0", KCMD_EINVAL, "mem", "0");
	/* Only the last one counts, good or bad. */
	assert_bad("vga=1 vga=x", KCMD_EINVAL, "vga", "x");
	assert_int_equal(kcmd_loader_options("vga=x vga=1 mem=x mem=1", &opts),
			 0);
	/* vga= is judged first, wherever it stands. */
	assert_bad("mem=lots vga=blue", KCMD_EINVAL, "vga", "blue");
	assert_int_equal(opts.vid_mode, -1);
	assert_int_equal(kcmd_loader_options(NULL, &opts), KCMD_EINVAL);
	assert_null(opts.bad_name);
	assert_int_equal(kcmd_loader_options("vga=1", NULL), KCMD_EINVAL);
}

/* A value longer than KCMD_LOADER_VALUE_MAX - 1 is not the loader's: it
 * is left to the kernel, as stage2 always did. */
static void test_loader_options_long_value(void **state)
{
	char line[2 * KCMD_LOADER_VALUE_MAX];

	(void)state;
	memset(line, 0, sizeof(line));
	memcpy(line, "vga=", 4);
	memset(line + 4, '1', KCMD_LOADER_VALUE_MAX - 1);
	assert_bad(line, KCMD_ERANGE, "vga", line + 4);
	line[4 + KCMD_LOADER_VALUE_MAX - 1] = '1';
	assert_int_equal(kcmd_loader_options(line, &opts), 0);
	assert_int_equal(opts.vid_mode, -1);
	memcpy(line, "mem=", 4);
	assert_int_equal(kcmd_loader_options(line, &opts), 0);
	assert_true(opts.mem_limit == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_build_order),
	    cmocka_unit_test(test_build_empty_parts),
	    cmocka_unit_test(test_build_quotes_blank_names),
	    cmocka_unit_test(test_build_too_long),
	    cmocka_unit_test(test_option_last_wins),
	    cmocka_unit_test(test_option_whole_word),
	    cmocka_unit_test(test_option_quotes),
	    cmocka_unit_test(test_option_too_long),
	    cmocka_unit_test(test_list_next),
	    cmocka_unit_test(test_list_quoted_items),
	    cmocka_unit_test(test_parse_vga),
	    cmocka_unit_test(test_parse_mem),
	    cmocka_unit_test(test_loader_options),
	    cmocka_unit_test(test_loader_options_bad),
	    cmocka_unit_test(test_loader_options_long_value),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
