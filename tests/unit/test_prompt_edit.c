// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for cmdline/prompt.c: cursor keys, editing in the middle,
 * history and Tab completion, each checked against a model screen that
 * applies the echo the way the BIOS teletype and a terminal do. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "cmdline/prompt.h"

static struct prompt_line line;
static char echo[PROMPT_ECHO_MAX];
static char screen[2 * PROMPT_LINE_MAX];
static size_t cursor, shown; /* the screen's cursor and its text length */

/* Prints the echo on the model screen: characters overwrite at the
 * cursor, '\b' moves it left and erases nothing. */
static void show(const char *s)
{
	for (; *s; s++) {
		if (*s == '\b') {
			assert_true(cursor > 0);
			cursor--;
			continue;
		}
		assert_true(*s >= 0x20 && *s <= 0x7E);
		screen[cursor++] = *s;
		if (cursor > shown)
			shown = cursor;
	}
}

/* The screen shows the line (trailing blanks aside), cursor in place. */
static void check_screen(void)
{
	size_t i;

	assert_true(shown >= line.len);
	assert_memory_equal(screen, line.buf, line.len);
	for (i = line.len; i < shown; i++)
		assert_int_equal(screen[i], ' ');
	assert_int_equal(cursor, line.pos);
	assert_int_equal(strlen(line.buf), line.len);
}

static int feed(int key)
{
	int r = prompt_feed(&line, key, echo, sizeof(echo));

	if (r != PROMPT_DONE) {
		show(echo);
		if (r != PROMPT_CANCEL)
			check_screen();
	}
	return r;
}

static void type(const char *s)
{
	while (*s)
		assert_int_equal(feed(*s++), PROMPT_MORE);
}

static void keys(const int *k)
{
	while (*k)
		feed(*k++);
}

/* Enter, then a fresh line on a fresh screen (history kept). */
static void enter(const char *want)
{
	assert_int_equal(feed(KEY_ENTER), PROMPT_DONE);
	assert_string_equal(echo, "\r\n");
	assert_string_equal(line.buf, want);
	prompt_start(&line);
	cursor = shown = 0;
}

static const char *const labels[] = {"linux", "rescue-one", "rescue-two",
				     "memtest", NULL};

static const char *label_at(void *ctx, unsigned i)
{
	assert_ptr_equal(ctx, labels);
	return labels[i];
}

static int setup(void **state)
{
	(void)state;
	prompt_init(&line);
	cursor = shown = 0;
	return 0;
}

static void test_left_right_insert(void **state)
{
	(void)state;
	type("lnux");
	assert_int_equal(feed(KEY_LEFT), PROMPT_MORE);
	assert_string_equal(echo, "\b");
	keys((const int[]){KEY_LEFT, KEY_LEFT, 0});
	assert_int_equal(line.pos, 1);
	type("i");
	assert_string_equal(echo, "inux\b\b\b");
	assert_string_equal(line.buf, "linux");
	assert_int_equal(feed(KEY_RIGHT), PROMPT_MORE);
	assert_string_equal(echo, "n");
	keys((const int[]){KEY_RIGHT, KEY_RIGHT, KEY_RIGHT, 0});
	assert_int_equal(line.pos, 5);
	assert_int_equal(feed(KEY_RIGHT), PROMPT_MORE); /* at the end */
	assert_string_equal(echo, "");
	keys((const int[]){KEY_HOME, KEY_LEFT, 0}); /* at the start */
	assert_string_equal(echo, "");
	assert_int_equal(line.pos, 0);
	enter("linux");
}

static void test_home_end_and_ctrl_keys(void **state)
{
	(void)state;
	type("root=/dev/sda");
	feed(KEY_HOME);
	assert_int_equal(line.pos, 0);
	type("x ");
	assert_string_equal(line.buf, "x root=/dev/sda");
	feed(KEY_END);
	assert_int_equal(line.pos, line.len);
	type("1");
	feed(KEY_CTRL_A); /* SYSLINUX's Home */
	assert_int_equal(line.pos, 0);
	feed(KEY_CTRL('f'));
	feed(KEY_CTRL_E); /* and End */
	assert_int_equal(line.pos, line.len);
	feed(KEY_CTRL('b'));
	assert_int_equal(line.pos, line.len - 1);
	enter("x root=/dev/sda1");
}

static void test_delete_and_backspace_in_the_middle(void **state)
{
	(void)state;
	type("linnux quiet");
	keys((const int[]){KEY_HOME, KEY_RIGHT, KEY_RIGHT, KEY_RIGHT,
			   KEY_DELETE, 0});
	assert_string_equal(line.buf, "linux quiet");
	assert_string_equal(echo, "ux quiet \b\b\b\b\b\b\b\b\b");
	assert_int_equal(line.pos, 3);
	feed(KEY_BACKSPACE);
	assert_string_equal(line.buf, "liux quiet");
	assert_int_equal(line.pos, 2);
	feed(KEY_END);
	feed(KEY_DELETE); /* nothing at the cursor */
	assert_string_equal(echo, "");
	keys((const int[]){KEY_LEFT, KEY_LEFT, KEY_LEFT, KEY_LEFT, KEY_LEFT,
			   KEY_CTRL_W, 0}); /* the word before the cursor */
	assert_string_equal(line.buf, "quiet");
	assert_int_equal(line.pos, 0);
	feed(KEY_END);
	feed(KEY_CTRL_U);
	assert_string_equal(line.buf, "");
	enter("");
}

static void test_history(void **state)
{
	(void)state;
	feed(KEY_UP); /* nothing yet */
	assert_string_equal(echo, "");
	type("one");
	enter("one");
	type("second line");
	enter("second line");
	type("second line");
	enter("second line"); /* a repeat is kept once */
	type("3");
	feed(KEY_UP);
	assert_string_equal(line.buf, "second line");
	assert_int_equal(line.pos, line.len);
	feed(KEY_UP);
	assert_string_equal(line.buf, "one"); /* blanks over the longer one */
	feed(KEY_UP);
	assert_string_equal(line.buf, "one"); /* the oldest */
	feed(KEY_DOWN);
	feed(KEY_DOWN);
	assert_string_equal(line.buf, "3"); /* what was being typed */
	feed(KEY_DOWN);
	assert_string_equal(line.buf, "3");
	keys((const int[]){KEY_CTRL('p'), KEY_CTRL('p'), KEY_HOME, 'x', 0});
	assert_string_equal(line.buf, "xone");
	enter("xone");
	feed(KEY_UP);
	assert_string_equal(line.buf, "xone");
}

static void test_history_keeps_the_newest(void **state)
{
	char want[8];
	int i;

	(void)state;
	for (i = 0; i < PROMPT_HISTORY + 2; i++) {
		want[0] = (char)('a' + i);
		want[1] = '\0';
		type(want);
		enter(want);
	}
	for (i = 0; i < PROMPT_HISTORY + 2; i++)
		feed(KEY_UP);
	want[0] = (char)('a' + 2); /* the oldest of the last four */
	assert_string_equal(line.buf, want);
}

static void test_tab_unique(void **state)
{
	(void)state;
	line.label = label_at;
	line.ctx = (void *)labels;
	type("me");
	assert_int_equal(feed(KEY_TAB), PROMPT_MORE);
	assert_string_equal(echo, "mtest");
	assert_string_equal(line.buf, "memtest");
	type(" x=1");
	assert_int_equal(feed(KEY_TAB), PROMPT_MORE); /* past the name */
	assert_string_equal(echo, "");
	enter("memtest x=1");
	type("zz");
	assert_int_equal(feed(KEY_TAB), PROMPT_MORE); /* no match */
	assert_string_equal(echo, "");
}

static void test_tab_ambiguous_lists(void **state)
{
	char redraw[PROMPT_ECHO_MAX];

	(void)state;
	line.label = label_at;
	line.ctx = (void *)labels;
	type("r");
	assert_int_equal(feed(KEY_TAB), PROMPT_LIST);
	assert_string_equal(line.buf, "rescue-"); /* the common part */
	assert_true(prompt_completes(&line, "rescue-one"));
	assert_true(prompt_completes(&line, "rescue-two"));
	assert_false(prompt_completes(&line, "linux"));
	type("two");
	keys((const int[]){KEY_HOME, KEY_RIGHT, 0});
	prompt_redraw(&line, redraw, sizeof(redraw));
	assert_string_equal(redraw, "rescue-two\b\b\b\b\b\b\b\b\b");
	/* An empty line lists every label. */
	prompt_start(&line);
	cursor = shown = 0;
	assert_int_equal(feed(KEY_TAB), PROMPT_LIST);
	assert_string_equal(line.buf, "");
	assert_true(prompt_completes(&line, "linux"));
}

static void test_nocomplete(void **state)
{
	(void)state;
	type("me"); /* no label callback: NOCOMPLETE */
	assert_int_equal(feed(KEY_TAB), PROMPT_MORE);
	assert_string_equal(line.buf, "me");
	assert_string_equal(echo, "");
}

/* A middle edit whose echo does not fit is not made. */
static void test_small_echo(void **state)
{
	char small[4];

	(void)state;
	type("abcdef");
	feed(KEY_HOME);
	assert_int_equal(prompt_feed(&line, 'x', small, sizeof(small)),
			 PROMPT_MORE);
	assert_string_equal(small, "");
	assert_string_equal(line.buf, "abcdef");
	assert_int_equal(prompt_feed(&line, KEY_END, small, sizeof(small)),
			 PROMPT_MORE);
	assert_int_equal(line.pos, 0);
	assert_int_equal(prompt_feed(&line, KEY_RIGHT, small, sizeof(small)),
			 PROMPT_MORE);
	assert_string_equal(small, "a");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_left_right_insert, setup),
	    cmocka_unit_test_setup(test_home_end_and_ctrl_keys, setup),
	    cmocka_unit_test_setup(test_delete_and_backspace_in_the_middle,
				   setup),
	    cmocka_unit_test_setup(test_history, setup),
	    cmocka_unit_test_setup(test_history_keeps_the_newest, setup),
	    cmocka_unit_test_setup(test_tab_unique, setup),
	    cmocka_unit_test_setup(test_tab_ambiguous_lists, setup),
	    cmocka_unit_test_setup(test_nocomplete, setup),
	    cmocka_unit_test_setup(test_small_echo, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
