// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for cmdline/keys.c: INT 16h results and serial escape
 * sequences to key codes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "cmdline/keys.h"

static struct keys_ansi dec;

/* Feeds `s` byte by byte; returns the keys it produced, KEY_NONE ended. */
static const int *feed(const char *s)
{
	static int keys[64];
	size_t n = 0;

	while (*s) {
		int k = keys_ansi_feed(&dec, (uint8_t)*s++);

		if (k != KEY_NONE)
			keys[n++] = k;
	}
	keys[n] = KEY_NONE;
	return keys;
}

/* `s` decodes to exactly one key, and leaves the decoder idle. */
static void one(const char *s, int key)
{
	const int *k = feed(s);

	assert_int_equal(k[0], key);
	assert_int_equal(k[1], KEY_NONE);
	assert_false(keys_ansi_pending(&dec));
}

static int setup(void **state)
{
	(void)state;
	keys_ansi_init(&dec);
	return 0;
}

static void test_bios(void **state)
{
	static const struct {
		uint16_t ax;
		int key;
	} cases[] = {
	    {0x1E61, 'a'},	     {0x1C0D, KEY_ENTER},
	    {0x0E08, KEY_BACKSPACE}, {0x0F09, KEY_TAB},
	    {0x011B, KEY_ESC},	     {0x1E01, KEY_CTRL('a')},
	    {0x4800, KEY_UP},	     {0x48E0, KEY_UP},
	    {0x5000, KEY_DOWN},	     {0x4B00, KEY_LEFT},
	    {0x4DE0, KEY_RIGHT},     {0x4700, KEY_HOME},
	    {0x4FE0, KEY_END},	     {0x4900, KEY_PGUP},
	    {0x5100, KEY_PGDN},	     {0x5200, KEY_INSERT},
	    {0x53E0, KEY_DELETE},    {0x3B00, KEY_F1},
	    {0x4400, KEY_F1 + 9},    {0x8500, KEY_F1 + 10},
	    {0x8600, KEY_F12},	     {0x0000, KEY_NONE},
	    {0x2D00, KEY_NONE}, /* Alt-X */
	    {0x00E0, 0xE0},	/* Alt-224 typed on the keypad: a character */
	};
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(keys_from_bios(cases[i].ax), cases[i].key);
}

static void test_plain_bytes(void **state)
{
	(void)state;
	one("x", 'x');
	one("\r", KEY_ENTER);
	one("\n", KEY_ENTER);
	one("\x7f", KEY_BACKSPACE);
	one("\b", KEY_BACKSPACE);
	one("\t", KEY_TAB);
	one("\x01", KEY_CTRL_A);
}

static void test_sequences(void **state)
{
	static const struct {
		const char *seq;
		int key;
	} cases[] = {
	    {"\x1b[A", KEY_UP},	       {"\x1b[B", KEY_DOWN},
	    {"\x1b[C", KEY_RIGHT},     {"\x1b[D", KEY_LEFT},
	    {"\x1bOA", KEY_UP},	       {"\x1bOB", KEY_DOWN},
	    {"\x1bOC", KEY_RIGHT},     {"\x1bOD", KEY_LEFT},
	    {"\x1b[H", KEY_HOME},      {"\x1b[F", KEY_END},
	    {"\x1bOH", KEY_HOME},      {"\x1bOF", KEY_END},
	    {"\x1b[1~", KEY_HOME},     {"\x1b[7~", KEY_HOME},
	    {"\x1b[4~", KEY_END},      {"\x1b[8~", KEY_END},
	    {"\x1b[2~", KEY_INSERT},   {"\x1b[3~", KEY_DELETE},
	    {"\x1b[5~", KEY_PGUP},     {"\x1b[6~", KEY_PGDN},
	    {"\x1bOP", KEY_F1},	       {"\x1bOQ", KEY_F1 + 1},
	    {"\x1bOR", KEY_F1 + 2},    {"\x1bOS", KEY_F1 + 3},
	    {"\x1b[11~", KEY_F1},      {"\x1b[12~", KEY_F1 + 1},
	    {"\x1b[13~", KEY_F1 + 2},  {"\x1b[14~", KEY_F1 + 3},
	    {"\x1b[15~", KEY_F1 + 4},  {"\x1b[17~", KEY_F1 + 5},
	    {"\x1b[18~", KEY_F1 + 6},  {"\x1b[19~", KEY_F1 + 7},
	    {"\x1b[20~", KEY_F1 + 8},  {"\x1b[21~", KEY_F1 + 9},
	    {"\x1b[23~", KEY_F1 + 10}, {"\x1b[24~", KEY_F12},
	    {"\x1b[[A", KEY_F1},       {"\x1b[[E", KEY_F1 + 4},
	    {"\x1b[1;5A", KEY_UP}, /* Ctrl-Up: the modifier is ignored */
	    {"\x1b[3;2~", KEY_DELETE},
	};
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		one(cases[i].seq, cases[i].key);
}

/* A sequence split across reads: the key comes with its last byte. */
static void test_split(void **state)
{
	(void)state;
	assert_int_equal(feed("\x1b")[0], KEY_NONE);
	assert_true(keys_ansi_pending(&dec));
	assert_int_equal(feed("[")[0], KEY_NONE);
	assert_int_equal(feed("2")[0], KEY_NONE);
	assert_int_equal(feed("4")[0], KEY_NONE);
	assert_true(keys_ansi_pending(&dec));
	one("~", KEY_F12);
	/* and in one read with text around it */
	{
		const int *k = feed("a\x1b[Db");

		assert_int_equal(k[0], 'a');
		assert_int_equal(k[1], KEY_LEFT);
		assert_int_equal(k[2], 'b');
		assert_int_equal(k[3], KEY_NONE);
	}
}

static void test_lone_esc(void **state)
{
	(void)state;
	assert_int_equal(feed("\x1b")[0], KEY_NONE);
	assert_int_equal(keys_ansi_timeout(&dec), KEY_ESC);
	assert_false(keys_ansi_pending(&dec));
	/* Esc twice: the first is Esc, the second starts a sequence. */
	{
		const int *k = feed("\x1b\x1b[A");

		assert_int_equal(k[0], KEY_ESC);
		assert_int_equal(k[1], KEY_UP);
	}
	/* A timeout in the middle of a sequence drops it. */
	feed("\x1b[");
	assert_int_equal(keys_ansi_timeout(&dec), KEY_NONE);
	one("z", 'z');
	/* Nothing pending: a timeout is nothing. */
	assert_int_equal(keys_ansi_timeout(&dec), KEY_NONE);
}

static void test_garbage(void **state)
{
	(void)state;
	one("\x1bx", KEY_NONE);	   /* Alt-x */
	one("\x1b[Z", KEY_NONE);   /* Shift-Tab: not named */
	one("\x1b[99~", KEY_NONE); /* no such key */
	one("\x1b[16~", KEY_NONE); /* the gap between F5 and F6 */
	one("\x1b[0~", KEY_NONE);
	one("\x1bOx", KEY_NONE);
	one("\x1b[[Z", KEY_NONE);
	one("\x1b[\x01", KEY_NONE);	    /* a control byte ends it */
	one("\x1b[99999999999~", KEY_NONE); /* too long: dropped */
	/* and the decoder is fine afterwards */
	one("\x1b[A", KEY_UP);
	one("q", 'q');
}

/* feed(s) gives exactly the keys in want (KEY_NONE ended). */
static void keys_are(const char *s, const int *want)
{
	const int *k = feed(s);

	for (; *want != KEY_NONE; want++, k++)
		assert_int_equal(*k, *want);
	assert_int_equal(*k, KEY_NONE);
}

/* SYSLINUX's way to an F-key on a terminal without them: Ctrl-F, then a
 * digit (0 = F10) or A-C (F10-F12). Ctrl-F itself still reaches the
 * prompt (Right), and no timeout applies: it is typed by hand. */
static void test_ctrl_f_digit(void **state)
{
	static const struct {
		const char *seq;
		int want[4];
	} cases[] = {
	    {"\x06"
	     "1",
	     {KEY_CTRL('f'), KEY_F1, KEY_NONE}},
	    {"\x06"
	     "9",
	     {KEY_CTRL('f'), KEY_F1 + 8, KEY_NONE}},
	    {"\x06"
	     "0",
	     {KEY_CTRL('f'), KEY_F1 + 9, KEY_NONE}},
	    {"\x06"
	     "a",
	     {KEY_CTRL('f'), KEY_F1 + 9, KEY_NONE}},
	    {"\x06"
	     "B",
	     {KEY_CTRL('f'), KEY_F1 + 10, KEY_NONE}},
	    {"\x06"
	     "c",
	     {KEY_CTRL('f'), KEY_F12, KEY_NONE}},
	    /* only the key right after it; then digits are digits */
	    {"\x06"
	     "12",
	     {KEY_CTRL('f'), KEY_F1, '2', KEY_NONE}},
	    {"1", {'1', KEY_NONE}},
	    /* anything else is itself: a letter, Enter, Ctrl-P (which is
	     * '0' with bit 5 set), a sequence, another Ctrl-F */
	    {"\x06"
	     "d",
	     {KEY_CTRL('f'), 'd', KEY_NONE}},
	    {"\x06\r", {KEY_CTRL('f'), KEY_ENTER, KEY_NONE}},
	    {"\x06\x10", {KEY_CTRL('f'), KEY_CTRL('p'), KEY_NONE}},
	    {"\x06\x1b[D", {KEY_CTRL('f'), KEY_LEFT, KEY_NONE}},
	    {"\x06\x06"
	     "2",
	     {KEY_CTRL('f'), KEY_CTRL('f'), KEY_F1 + 1, KEY_NONE}},
	};
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		keys_are(cases[i].seq, cases[i].want);
	assert_int_equal(feed("\x06")[0], KEY_CTRL('f'));
	assert_false(keys_ansi_pending(&dec));
	assert_int_equal(keys_ansi_timeout(&dec), KEY_NONE);
	/* the timeout did not end the wait for the digit... */
	keys_are("3", (const int[]){KEY_F1 + 2, KEY_NONE});
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_bios, setup),
	    cmocka_unit_test_setup(test_plain_bytes, setup),
	    cmocka_unit_test_setup(test_sequences, setup),
	    cmocka_unit_test_setup(test_split, setup),
	    cmocka_unit_test_setup(test_lone_esc, setup),
	    cmocka_unit_test_setup(test_garbage, setup),
	    cmocka_unit_test_setup(test_ctrl_f_digit, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
