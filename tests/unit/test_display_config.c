// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for cmdline/config_help.c: SAY, DISPLAY and F0..F12 as the
 * parser records them for stage2. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cmdline/config.h"
#include "tests/unit/support/cfg_test.h"

/* The messages as "S:text|D:name|...". */
static const char *messages(void)
{
	static char buf[4096];
	unsigned pos = 0;
	const char *t;
	bool disp;

	buf[0] = '\0';
	while ((t = cfg_message_next(&cfg_parsed, &pos, &disp))) {
		strcat(buf, disp ? "D:" : "S:");
		strcat(buf, t);
		strcat(buf, "|");
	}
	return buf;
}

static void test_messages_in_order(void **state)
{
	(void)state;
	cfg_test_parse("SAY first line\n"
		       "display boot.msg\n"
		       "LABEL x\n"
		       "  say   indented  \n"
		       "DISPLAY /abs/help.txt extra words\n"
		       "Say\n"
		       "SAY\n");
	assert_string_equal(messages(), "S:first line|D:boot.msg|S:  indented|"
					"D:/abs/help.txt|S:|S:|");
	assert_int_equal(cfg_parsed.nwarnings, 0);
}

static void test_no_messages(void **state)
{
	(void)state;
	cfg_test_parse("LABEL x\n KERNEL /k\n");
	assert_string_equal(messages(), "");
}

static void test_say_keyword_whole_word(void **state)
{
	(void)state;
	cfg_test_parse("SAYS no\nSAY\tyes\n");
	assert_string_equal(messages(), "S:yes|");
	cfg_test_assert_warning(0, 1, CFG_W_UNKNOWN);
}

static void test_display_without_file(void **state)
{
	(void)state;
	cfg_test_parse("DISPLAY\nDISPLAY   \n");
	assert_string_equal(messages(), "");
	assert_int_equal(cfg_parsed.nwarnings, 2);
	cfg_test_assert_warning(0, 1, CFG_W_BAD_VALUE);
	cfg_test_assert_warning(1, 2, CFG_W_BAD_VALUE);
}

static void test_display_name_too_long(void **state)
{
	char *name = cfg_test_repeat('a', CFG_PATH_MAX);
	char line[CFG_PATH_MAX + 16];

	(void)state;
	strcpy(line, "DISPLAY ");
	strcat(line, name);
	cfg_test_parse(line);
	assert_string_equal(messages(), "");
	cfg_test_assert_warning(0, 1, CFG_W_TOO_LONG);
	free(name);
}

static void test_pool_full(void **state)
{
	/* Lines of 996 bytes: the third does not fit and is dropped whole;
	 * a short one after it still does. */
	char *say = cfg_test_repeat('s', 996);
	char *text = malloc(4 * 1001 + 16);

	(void)state;
	memcpy(say, "SAY ", 4);
	strcpy(text, say);
	strcat(text, "\n");
	strcat(text, say);
	strcat(text, "\n");
	strcat(text, say);
	strcat(text, "\nSAY end\n");
	cfg_test_parse(text);
	assert_int_equal(cfg_parsed.nwarnings, 1);
	cfg_test_assert_warning(0, 3, CFG_W_TOO_LONG);
	assert_non_null(strstr(messages(), "|S:end|"));
	free(say);
	free(text);
}

static void test_fkeys(void **state)
{
	int i;

	(void)state;
	cfg_test_parse("F1 help.txt\n"
		       "f2 /abs/f2.txt\n"
		       "F12 last.txt\n"
		       "F0 ten.txt\n"
		       "F3 three.txt background.png\n"
		       "f01 one.txt\n" /* F01 is F1 again: the last wins */
		       "F13 no.txt\n"
		       "FX no.txt\n"
		       "F100 no.txt\n");
	assert_string_equal(cfg_parsed.fkey[0], "one.txt");
	assert_string_equal(cfg_parsed.fkey[1], "/abs/f2.txt");
	assert_string_equal(cfg_parsed.fkey[2], "three.txt");
	assert_string_equal(cfg_parsed.fkey[9], "ten.txt");
	assert_string_equal(cfg_parsed.fkey[10], "");
	assert_string_equal(cfg_parsed.fkey[11], "last.txt");
	for (i = 3; i < 9; i++)
		assert_string_equal(cfg_parsed.fkey[i], "");
	assert_int_equal(cfg_parsed.nwarnings, 3);
	cfg_test_assert_warning(0, 7, CFG_W_UNKNOWN);
	cfg_test_assert_warning(1, 8, CFG_W_UNKNOWN);
	cfg_test_assert_warning(2, 9, CFG_W_UNKNOWN);
}

static void test_fkey_cleared(void **state)
{
	(void)state;
	cfg_test_parse("F1 help.txt\nF1\n");
	assert_string_equal(cfg_parsed.fkey[0], "");
	assert_int_equal(cfg_parsed.nwarnings, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_messages_in_order),
	    cmocka_unit_test(test_no_messages),
	    cmocka_unit_test(test_say_keyword_whole_word),
	    cmocka_unit_test(test_display_without_file),
	    cmocka_unit_test(test_display_name_too_long),
	    cmocka_unit_test(test_pool_full),
	    cmocka_unit_test(test_fkeys),
	    cmocka_unit_test(test_fkey_cleared),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
