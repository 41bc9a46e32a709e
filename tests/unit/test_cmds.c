// SPDX-License-Identifier: BSD-2-Clause
/* cmdline/cmds.c: which typed words are prompt commands (labels always
 * win, with IMPLICIT 0 too), their arguments, cat's safe characters and
 * its pager. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cmdline/cmds.h"
#include "cmdline/config.h"
#include "tests/unit/support/cfg_test.h"

static enum cmds_id find(const char *line)
{
	int err = cfg_resolve(&cfg_parsed, line, &cfg_resolved);

	return cmds_find(line, &cfg_resolved, err);
}

static void test_find_words(void **state)
{
	(void)state;
	cfg_test_parse("LABEL linux\n  LINUX /vmlinuz\n");
	assert_int_equal(find("ls"), CMDS_LS);
	assert_int_equal(find("  ls /boot"), CMDS_LS);
	assert_int_equal(find("cat /syslinux.cfg"), CMDS_CAT);
	assert_int_equal(find("info"), CMDS_INFO);
	assert_int_equal(find("reboot -w"), CMDS_REBOOT);
	assert_int_equal(find("poweroff"), CMDS_POWEROFF);
	assert_int_equal(find("help"), CMDS_HELP);
	/* not commands: labels, files, near misses, case */
	assert_int_equal(find("linux"), CMDS_NONE);
	assert_int_equal(find("/vmlinuz"), CMDS_NONE);
	assert_int_equal(find("lsx"), CMDS_NONE);
	assert_int_equal(find("l"), CMDS_NONE);
	assert_int_equal(find("LS"), CMDS_NONE);
	assert_int_equal(find("catalog"), CMDS_NONE);
	assert_int_equal(find("   "), CMDS_NONE);
	assert_string_equal(cmds_name(CMDS_POWEROFF), "poweroff");
	assert_null(cmds_name(CMDS_COUNT));
	assert_null(cmds_name(CMDS_NONE));
}

static void test_labels_win(void **state)
{
	(void)state;
	/* a label named like a command boots, with or without arguments */
	cfg_test_parse("LABEL ls\n  LINUX /vmlinuz\nLABEL info\n"
		       "  LINUX /vmlinuz\n");
	assert_int_equal(find("ls"), CMDS_NONE);
	assert_int_equal(find("ls /boot"), CMDS_NONE);
	assert_int_equal(find("info"), CMDS_NONE);
	assert_int_equal(find("cat x"), CMDS_CAT);
	/* IMPLICIT 0 refuses file names, not commands */
	cfg_test_parse("IMPLICIT 0\nLABEL reboot\n  LINUX /vmlinuz\n");
	assert_int_equal(find("reboot"), CMDS_NONE);
	assert_int_equal(find("ls"), CMDS_LS);
	assert_int_equal(find("/vmlinuz"), CMDS_NONE);
	/* a label that could not be kept still wins */
	{
		char *big = cfg_test_repeat('x', CFG_APPEND_MAX + 10);
		char text[CFG_APPEND_MAX + 64];

		snprintf(text, sizeof(text),
			 "LABEL cat\n  LINUX /vmlinuz\n  APPEND %s\n", big);
		free(big);
		cfg_test_parse(text);
		assert_true(cfg_test_label("cat")->bad);
		assert_int_equal(find("cat"), CMDS_NONE);
		assert_int_equal(find("ls"), CMDS_LS);
	}
}

static void test_split(void **state)
{
	const char *argv[CMDS_MAX_ARGS];
	char buf[64];

	(void)state;
	assert_int_equal(cmds_split("  ls  ", buf, sizeof(buf), argv), 1);
	assert_string_equal(argv[0], "ls");
	assert_int_equal(
	    cmds_split("cat \"/my dir/a b.txt\"", buf, sizeof(buf), argv), 2);
	assert_string_equal(argv[1], "/my dir/a b.txt");
	assert_int_equal(cmds_split("reboot -w  x y", buf, sizeof(buf), argv),
			 4);
	assert_string_equal(argv[1], "-w");
	assert_string_equal(argv[3], "y");
	assert_int_equal(cmds_split("a b c d e", buf, sizeof(buf), argv), -1);
	assert_int_equal(cmds_split("cat \"open", buf, sizeof(buf), argv), -1);
	/* "cat" + NUL + "12345" + NUL = 10 bytes */
	assert_int_equal(cmds_split("cat 12345", buf, 10, argv), 2);
	assert_int_equal(cmds_split("cat 123456", buf, 10, argv), -1);
	assert_int_equal(cmds_split("", buf, sizeof(buf), argv), 0);
}

static void test_safe_char(void **state)
{
	char out[2];

	(void)state;
	assert_int_equal(cmds_safe_char('a', out), 1);
	assert_int_equal(out[0], 'a');
	assert_int_equal(cmds_safe_char('\n', out), 1);
	assert_int_equal(cmds_safe_char('\t', out), 1);
	assert_int_equal(cmds_safe_char('\r', out), 0);
	/* ESC would start a terminal sequence, BEL rings */
	assert_int_equal(cmds_safe_char(0x1B, out), 2);
	assert_memory_equal(out, "^[", 2);
	assert_int_equal(cmds_safe_char(0x07, out), 2);
	assert_memory_equal(out, "^G", 2);
	assert_int_equal(cmds_safe_char(0x7F, out), 1);
	assert_int_equal(out[0], '.');
	assert_int_equal(cmds_safe_char(0x9B, out), 1); /* 8-bit CSI */
	assert_int_equal(out[0], '.');
}

/* Rows until the pager asks, for the text fed. */
static unsigned rows_until_pause(struct cmds_pager *p, const char *s)
{
	unsigned n = 0;

	for (; *s; s++, n++)
		if (cmds_pager_put(p, *s))
			return n + 1;
	return 0;
}

static void test_pager(void **state)
{
	struct cmds_pager p;
	char text[400];

	(void)state;
	cmds_pager_init(&p, 80, 3);
	/* three short lines fill three rows: the pause comes at the third
	 * newline */
	assert_int_equal(rows_until_pause(&p, "a\nb\nc\nd\n"), 6);
	/* and the count starts again */
	assert_int_equal(rows_until_pause(&p, "d\ne\n"), 0);
	assert_true(cmds_pager_put(&p, '\n'));
	/* a line of 80 wraps: one row, and the newline after it is its
	 * own row as on a screen that wrapped */
	memset(text, 'x', 160);
	text[160] = '\0';
	cmds_pager_init(&p, 80, 2);
	assert_int_equal(rows_until_pause(&p, text), 160);
	/* tabs go to the next multiple of 8 */
	cmds_pager_init(&p, 16, 1);
	assert_int_equal(rows_until_pause(&p, "\t\tx"), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_find_words),
	    cmocka_unit_test(test_labels_win),
	    cmocka_unit_test(test_split),
	    cmocka_unit_test(test_safe_char),
	    cmocka_unit_test(test_pager),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
