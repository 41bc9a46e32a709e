// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for cmdline/prompt.c: the boot: prompt line editor. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "cmdline/prompt.h"

static struct prompt_line line;
static char echo[PROMPT_ECHO_MAX];

static int feed(int key)
{
	memset(echo, 'X', sizeof(echo)); /* catch a missing NUL */
	return prompt_feed(&line, key, echo, sizeof(echo));
}

static void type(const char *s)
{
	while (*s)
		assert_int_equal(feed(*s++), PROMPT_MORE);
}

static int setup(void **state)
{
	(void)state;
	prompt_init(&line);
	return 0;
}

static void test_typing(void **state)
{
	(void)state;
	assert_int_equal(feed('l'), PROMPT_MORE);
	assert_string_equal(echo, "l");
	type("inux quiet");
	assert_string_equal(echo, "t");
	assert_string_equal(line.buf, "linux quiet");
	assert_int_equal(line.len, 11);
}

static void test_backspace_and_del(void **state)
{
	(void)state;
	type("ab");
	assert_int_equal(feed(KEY_BACKSPACE), PROMPT_MORE);
	assert_string_equal(echo, "\b \b");
	assert_string_equal(line.buf, "a");
	assert_int_equal(feed(0x7f), PROMPT_MORE); /* DEL: the same */
	assert_string_equal(echo, "\b \b");
	assert_string_equal(line.buf, "");
	assert_int_equal(line.len, 0);
	/* At an empty line: nothing to erase, nothing echoed. */
	assert_int_equal(feed(KEY_BACKSPACE), PROMPT_MORE);
	assert_string_equal(echo, "");
	assert_int_equal(feed(0x7f), PROMPT_MORE);
	assert_string_equal(echo, "");
	assert_int_equal(line.len, 0);
}

static void test_limit(void **state)
{
	(void)state;
	for (int i = 0; i < PROMPT_LINE_MAX - 1; i++) {
		assert_int_equal(feed('a' + i % 26), PROMPT_MORE);
		assert_int_equal(echo[0], 'a' + i % 26);
	}
	assert_int_equal(line.len, PROMPT_LINE_MAX - 1);
	assert_int_equal(feed('z'), PROMPT_MORE);
	assert_string_equal(echo, ""); /* nothing at the limit */
	assert_int_equal(line.len, PROMPT_LINE_MAX - 1);
	assert_int_equal(line.buf[PROMPT_LINE_MAX - 1], '\0');
	/* Room again after an erase. */
	feed(KEY_BACKSPACE);
	assert_int_equal(feed('!'), PROMPT_MORE);
	assert_string_equal(echo, "!");
	assert_int_equal(line.buf[PROMPT_LINE_MAX - 2], '!');
	assert_int_equal(feed(KEY_ENTER), PROMPT_DONE);
	assert_int_equal(strlen(line.buf), PROMPT_LINE_MAX - 1);
}

static void test_enter(void **state)
{
	(void)state;
	type("hd");
	assert_int_equal(feed(KEY_ENTER), PROMPT_DONE);
	assert_string_equal(echo, "\r\n");
	assert_string_equal(line.buf, "hd");
	prompt_init(&line);
	assert_int_equal(feed('\n'), PROMPT_DONE); /* LF is enter too */
	assert_string_equal(line.buf, "");
}

static void test_esc(void **state)
{
	(void)state;
	type("rescue");
	assert_int_equal(feed(KEY_ESC), PROMPT_CANCEL);
	assert_string_equal(echo, "");
	assert_string_equal(line.buf, "");
	assert_int_equal(line.len, 0);
	type("x");
	assert_string_equal(line.buf, "x");
}

static void test_ctrl_u_and_ctrl_w(void **state)
{
	(void)state;
	type("linux  root=/dev/sda1 ");
	assert_int_equal(feed(KEY_CTRL_W), PROMPT_MORE);
	assert_string_equal(line.buf, "linux  ");
	/* 15 characters: back over them, blank them, back again */
	assert_string_equal(echo, "\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b"
				  "               "
				  "\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b");
	assert_int_equal(feed(KEY_CTRL_U), PROMPT_MORE);
	assert_string_equal(line.buf, "");
	assert_string_equal(echo, "\b\b\b\b\b\b\b       \b\b\b\b\b\b\b");
	assert_int_equal(feed(KEY_CTRL_U), PROMPT_MORE);
	assert_string_equal(echo, "");
}

static void test_other_keys_ignored(void **state)
{
	(void)state;
	type("a");
	/* Tab completes nothing without labels; F1 is for stage2. */
	int keys[] = {0,    '\t',   0x03,    0x1f,	 0x80,
		      0xe9, KEY_F1, KEY_F12, KEY_INSERT, -1};

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		assert_int_equal(feed(keys[i]), PROMPT_MORE);
		assert_string_equal(echo, "");
	}
	assert_string_equal(line.buf, "a");
	assert_int_equal(feed('~'), PROMPT_MORE);
	assert_int_equal(feed(' '), PROMPT_MORE);
	assert_string_equal(line.buf, "a~ ");
}

static void test_small_echo_buffer(void **state)
{
	char small[5];

	(void)state;
	type("abc");
	/* Ctrl-U needs 9 bytes here: not made. */
	assert_int_equal(prompt_feed(&line, KEY_CTRL_U, small, sizeof(small)),
			 PROMPT_MORE);
	assert_string_equal(small, "");
	assert_string_equal(line.buf, "abc");
	assert_int_equal(prompt_feed(&line, KEY_BACKSPACE, small, 4),
			 PROMPT_MORE);
	assert_string_equal(small, "\b \b");
	assert_string_equal(line.buf, "ab");
	/* No room for a character: the key is not taken. */
	assert_int_equal(prompt_feed(&line, 'x', small, 1), PROMPT_MORE);
	assert_string_equal(small, "");
	assert_string_equal(line.buf, "ab");
	assert_int_equal(prompt_feed(&line, KEY_BACKSPACE, small, 3),
			 PROMPT_MORE);
	assert_string_equal(line.buf, "ab");
	/* Enter always completes, echoing what fits. */
	assert_int_equal(prompt_feed(&line, '\r', small, 2), PROMPT_DONE);
	assert_string_equal(small, "");
	/* Without an echo buffer every edit is made. */
	assert_int_equal(prompt_feed(&line, 'c', NULL, 0), PROMPT_MORE);
	assert_int_equal(prompt_feed(&line, KEY_CTRL_U, NULL, 0), PROMPT_MORE);
	assert_string_equal(line.buf, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_typing, setup),
	    cmocka_unit_test_setup(test_backspace_and_del, setup),
	    cmocka_unit_test_setup(test_limit, setup),
	    cmocka_unit_test_setup(test_enter, setup),
	    cmocka_unit_test_setup(test_esc, setup),
	    cmocka_unit_test_setup(test_ctrl_u_and_ctrl_w, setup),
	    cmocka_unit_test_setup(test_other_keys_ignored, setup),
	    cmocka_unit_test_setup(test_small_echo_buffer, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
