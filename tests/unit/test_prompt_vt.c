// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for cmdline/prompt_vt.c: the prompt's echo as a serial
 * terminal sees it. A small VT100 model (autowrap with the pending wrap,
 * no reverse wrap, CR, LF, BS, CSI n A and CSI n C) shows the echo of a
 * line longer than a row, edited across its rows, and the screen must
 * always show "boot: " and the buffer with the cursor at its place. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cmdline/prompt.h"
#include "cmdline/prompt_vt.h"

#define ROWS	 40
#define COLS_MAX 132

/* The terminal: `cols` wide, cursor (row, col), `pending` after a
 * character in the last column. */
static struct {
	char cell[ROWS][COLS_MAX];
	unsigned cols, row, col;
	bool pending;
	unsigned esc; /* bytes of an escape sequence so far */
	unsigned n;   /* its parameter */
} term;

static void term_reset(unsigned cols)
{
	memset(&term, 0, sizeof(term));
	memset(term.cell, ' ', sizeof(term.cell));
	term.cols = cols;
}

static void term_byte(char c)
{
	if (term.esc == 1) {
		assert_int_equal(c, '[');
		term.esc = 2;
		term.n = 0;
		return;
	}
	if (term.esc == 2) {
		if (c >= '0' && c <= '9') {
			term.n = term.n * 10 + (unsigned)(c - '0');
			return;
		}
		term.n = term.n ? term.n : 1;
		term.esc = 0;
		term.pending = false;
		if (c == 'A')
			term.row = term.n > term.row ? 0 : term.row - term.n;
		else if (c == 'C')
			term.col = term.col + term.n >= term.cols
				       ? term.cols - 1
				       : term.col + term.n;
		else
			fail_msg("unexpected CSI final %c", c);
		return;
	}
	switch (c) {
	case 0x1b:
		term.esc = 1;
		return;
	case '\r':
		term.col = 0;
		term.pending = false;
		return;
	case '\n':
		term.row++;
		term.pending = false;
		return;
	case '\b': /* from the pending wrap: one left of the last column */
		if (term.col > 0)
			term.col--;
		term.pending = false;
		return;
	}
	assert_true(c >= 0x20 && c < 0x7f);
	if (term.pending) {
		term.row++;
		term.col = 0;
		term.pending = false;
	}
	assert_true(term.row < ROWS);
	term.cell[term.row][term.col] = c;
	if (term.col == term.cols - 1)
		term.pending = true;
	else
		term.col++;
}

static struct prompt_line line;
static struct prompt_vt vt;
static bool translate = true;

static void send(const char *s)
{
	char out[PROMPT_VT_MAX];

	for (; *s; s++) {
		if (!translate) {
			term_byte(*s);
			continue;
		}
		prompt_vt_put(&vt, *s, out);
		assert_true(strlen(out) < PROMPT_VT_MAX);
		for (const char *o = out; *o; o++)
			term_byte(*o);
	}
}

/* The screen shows "boot: " + the line, rows of PROMPT_VT_WIDTH, and
 * the cursor is at the line's cursor. */
static void check_screen(void)
{
	char want[4 * PROMPT_VT_WIDTH], got[4 * PROMPT_VT_WIDTH];
	size_t n = (size_t)snprintf(want, sizeof(want), "boot: %s", line.buf);
	size_t at = 6 + line.pos;

	for (size_t i = 0; i < n; i++)
		got[i] = term.cell[i / PROMPT_VT_WIDTH][i % PROMPT_VT_WIDTH];
	got[n] = '\0';
	assert_string_equal(got, want);
	/* nothing left of longer, older text after it on its row */
	assert_int_equal(term.cell[n / PROMPT_VT_WIDTH][n % PROMPT_VT_WIDTH],
			 ' ');
	assert_false(term.pending);
	assert_int_equal(term.row, at / PROMPT_VT_WIDTH);
	assert_int_equal(term.col, at % PROMPT_VT_WIDTH);
}

static void key(int k)
{
	static char echo[PROMPT_ECHO_MAX];

	prompt_feed(&line, k, echo, sizeof(echo));
	send(echo);
	check_screen();
}

static void keys(int k, unsigned times)
{
	while (times--)
		key(k);
}

/* Typing, moving and editing a 190-character line: three rows. */
static void session(unsigned cols)
{
	term_reset(cols);
	prompt_init(&line);
	prompt_vt_start(&vt, 0);
	send("boot: ");
	for (unsigned i = 0; i < 190; i++)
		key('a' + (int)(i % 26));
	keys(KEY_LEFT, 120); /* back across both row ends */
	key('X');
	keys(KEY_BACKSPACE, 3);
	key(KEY_HOME);
	key(KEY_DELETE);
	keys(KEY_RIGHT, 73); /* to the last column of the first row */
	key('Y');
	key(KEY_LEFT);
	key(KEY_END);
	keys(KEY_BACKSPACE, 40);
	key(KEY_CTRL_W);
	key(KEY_CTRL_U);
	keys('z', 74); /* exactly one full row with "boot: " */
	key(KEY_LEFT);
	key(KEY_RIGHT);
}

static void test_80_columns(void **state)
{
	(void)state;
	session(80);
}

/* A wider terminal: the rows still break where the echo breaks them. */
static void test_wider_terminal(void **state)
{
	(void)state;
	session(132);
}

/* Echo byte c goes out as want and leaves the cursor at column col. */
static void put_is(char c, const char *want, unsigned col)
{
	char out[PROMPT_VT_MAX];

	prompt_vt_put(&vt, c, out);
	assert_string_equal(out, want);
	assert_int_equal(vt.col, col);
}

static void test_bytes(void **state)
{
	(void)state;
	prompt_vt_start(&vt, 78);
	put_is('a', "a", 79);
	put_is('b', "b\r\n", 0); /* the row is full */
	put_is('\b', "\x1b[A\x1b[79C", 79);
	put_is('\b', "\b", 78);
	put_is('\r', "\r", 0);
	put_is('\n', "\n", 0);
	put_is('\x7f', "\x7f", 0); /* not a character that moves it */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_80_columns),
	    cmocka_unit_test(test_wider_terminal),
	    cmocka_unit_test(test_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
