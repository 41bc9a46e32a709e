// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for cmdline/display.c: SYSLINUX's DISPLAY file codes. The
 * screen is recorded as text with "{AA}" before every change of colour
 * and "<CLS AA>" for a clear; the serial port as the bytes sent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cmdline/display.h"

static char scr[4096], ser[4096];
static size_t nscr, nser;
static int scr_attr;

static void rec_putc(void *ctx, uint8_t ch, uint8_t attr)
{
	(void)ctx;
	if (attr != scr_attr)
		nscr += (size_t)snprintf(scr + nscr, sizeof(scr) - nscr,
					 "{%02X}", attr);
	scr_attr = attr;
	scr[nscr++] = (char)ch;
}

static void rec_clear(void *ctx, uint8_t attr)
{
	(void)ctx;
	nscr += (size_t)snprintf(scr + nscr, sizeof(scr) - nscr, "<CLS %02X>",
				 attr);
}

static void rec_serial(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	memcpy(ser + nser, s, n);
	nser += n;
}

static const struct disp_sink sink = {rec_putc, rec_clear, rec_serial, NULL};

static int setup(void **state)
{
	(void)state;
	memset(scr, 0, sizeof(scr));
	memset(ser, 0, sizeof(ser));
	nscr = nser = 0;
	scr_attr = DISP_ATTR_DEFAULT;
	return 0;
}

/* The whole file in one call, then again one byte a call: the same. */
static void show_screen(const char *text, size_t len, bool screen)
{
	struct disp d;
	char scr1[sizeof(scr)], ser1[sizeof(ser)];
	size_t i;

	disp_begin(&d, &sink, screen);
	disp_feed(&d, text, len);
	disp_end(&d);
	memcpy(scr1, scr, sizeof(scr));
	memcpy(ser1, ser, sizeof(ser));
	setup(NULL);
	disp_begin(&d, &sink, screen);
	for (i = 0; i < len; i++)
		disp_feed(&d, text + i, 1);
	disp_end(&d);
	assert_string_equal(scr, scr1);
	assert_string_equal(ser, ser1);
}

#define SHOW(lit) show_screen(lit, sizeof(lit) - 1, true)

/* SYSLINUX's colour sequence for the terminal. */
#define GREY  "\033[37m\033[40m"
#define RESET "\033[0m"

static void test_plain_text(void **state)
{
	(void)state;
	SHOW("Hello\nworld\n");
	assert_string_equal(scr, "Hello\nworld\n");
	assert_string_equal(ser, GREY "Hello\r\nworld\r\n" RESET);
}

static void test_crlf_file(void **state)
{
	(void)state;
	SHOW("a\r\nb\r\n");
	assert_string_equal(scr, "a\nb\n");
	assert_string_equal(ser, GREY "a\r\nb\r\n" RESET);
}

static void test_empty_file(void **state)
{
	(void)state;
	SHOW("");
	assert_string_equal(scr, "");
	assert_string_equal(ser, ""); /* no colour was ever sent */
}

static void test_clear(void **state)
{
	(void)state;
	SHOW("x\fy");
	assert_string_equal(scr, "x<CLS 07>y");
	assert_string_equal(ser, GREY "x\033[2J\033[H" RESET GREY "y" RESET);
}

static void test_clear_in_colour(void **state)
{
	(void)state;
	/* The screen fills with the current colour. */
	SHOW("\x0f"
	     "1e\f!");
	assert_string_equal(scr, "<CLS 1E>{1E}!");
	assert_string_equal(ser, "\033[1;33m\033[44m\033[2J\033[H" RESET
				 "\033[1;33m\033[44m!" RESET);
}

static void test_colours(void **state)
{
	(void)state;
	/* 0f: bright white on black; 4A: bright green on red; C1: blue on
	 * bright red = red background, blinking. Upper and lower case. */
	SHOW("\x0f"
	     "0fA\x0f"
	     "4aB\x0f"
	     "C1C\x0f"
	     "07D");
	assert_string_equal(scr, "{0F}A{4A}B{C1}C{07}D");
	assert_string_equal(ser, "\033[1;37m\033[40mA" RESET
				 "\033[1;32m\033[41mB" RESET
				 "\033[34m\033[5;41mC" RESET GREY "D" RESET);
}

static void test_colour_repeated_sends_once(void **state)
{
	(void)state;
	SHOW("\x0f"
	     "1fab\x0f"
	     "1fc");
	assert_string_equal(ser, "\033[1;37m\033[44mabc" RESET);
}

static void test_colour_bad_background(void **state)
{
	(void)state;
	/* A non-hex byte after ^O is eaten and the colour goes back to
	 * grey on black, even a colour set before. */
	SHOW("\x0f"
	     "1ea\x0fxb");
	assert_string_equal(scr, "{1E}a{07}b");
}

static void test_colour_bad_foreground(void **state)
{
	(void)state;
	SHOW("\x0f"
	     "4aa\x0f"
	     "1zb");
	assert_string_equal(scr, "{4A}a{07}b");
}

static void test_colour_control_eaten(void **state)
{
	(void)state;
	/* ^L and LF are eaten as bad digits too: no clear, no new line. */
	SHOW("\x0f\fa\x0f"
	     "1\nb");
	assert_string_equal(scr, "ab");
}

static void test_colour_split(void **state)
{
	struct disp d;

	(void)state;
	disp_begin(&d, &sink, true);
	assert_true(disp_feed(&d, "\x0f", 1));
	assert_true(disp_feed(&d, "2", 1));
	assert_true(disp_feed(&d, "eX", 2));
	disp_end(&d);
	assert_string_equal(scr, "{2E}X");
}

static void test_eof(void **state)
{
	struct disp d;

	(void)state;
	SHOW("shown\x1ahidden\n");
	assert_string_equal(scr, "shown");
	setup(NULL);
	disp_begin(&d, &sink, true);
	assert_false(disp_feed(&d, "a\x1a", 2));
	assert_false(disp_feed(&d, "b", 1)); /* stays ended */
	disp_end(&d);
	assert_string_equal(scr, "a");
}

static void test_eof_in_sequences(void **state)
{
	(void)state;
	SHOW("\x0f\x1a"
	     "12x");
	assert_string_equal(scr, "");
	setup(NULL);
	SHOW("\x18img\x1a\nx");
	assert_string_equal(scr, "");
}

static void test_byte_ff_ends(void **state)
{
	(void)state;
	/* SYSLINUX's reader takes 0xFF for end of file. */
	SHOW("ab\xff"
	     "cd");
	assert_string_equal(scr, "ab");
}

static void test_graphics_skipped(void **state)
{
	(void)state;
	SHOW("before\n\x18 splash.lss\r\nafter\n");
	assert_string_equal(scr, "before\nafter\n");
	assert_string_equal(ser, GREY "before\r\nafter\r\n" RESET);
}

static void test_graphics_name_takes_codes(void **state)
{
	(void)state;
	/* Everything up to LF is the name, ^L and ^O included. */
	SHOW("\x18\f\x0f"
	     "1e\x14name\nx");
	assert_string_equal(scr, "x");
}

static void test_text_mode_code(void **state)
{
	(void)state;
	SHOW("\x19\fa");
	assert_string_equal(scr, "<CLS 07>a");
}

static void test_mode_filters(void **state)
{
	(void)state;
	/* The sample from SYSLINUX's doc: ^Q text, ^R graphics, ^T serial,
	 * ^W all. A serial-only stretch is raw: no colour. */
	SHOW("\x11T\x12G\x14S\x17"
	     "A");
	assert_string_equal(scr, "TA");
	assert_string_equal(ser, "S" GREY "A" RESET);
}

static void test_mode_each_code(void **state)
{
	static const char *const screen[8] = {"", "x", "", "x",
					      "", "x", "", "x"};
	static const char *const serial[8] = {
	    "", "", "", "", "x", GREY "x" RESET, "x", GREY "x" RESET};
	char text[2] = {0, 'x'};
	int i;

	(void)state;
	for (i = 0; i < 8; i++) {
		setup(NULL);
		text[0] = (char)(0x10 + i);
		show_screen(text, 2, true);
		assert_string_equal(scr, screen[i]);
		assert_string_equal(ser, serial[i]);
	}
}

static void test_mode_serial_raw_then_colour(void **state)
{
	(void)state;
	/* Leaving coloured text for a serial-only stretch resets the
	 * terminal first. */
	SHOW("\x0f"
	     "1ea\x14"
	     "b\n\x17"
	     "c");
	assert_string_equal(ser, "\033[1;33m\033[44ma" RESET "b\r\n"
				 "\033[1;33m\033[44mc" RESET);
}

static void test_mode_hides_colour_change(void **state)
{
	(void)state;
	/* Outside the text bit ^O's digits change nothing... */
	SHOW("\x14\x0f"
	     "1e\x17"
	     "a");
	assert_string_equal(scr, "a");
	setup(NULL);
	/* ...but a bad digit still resets the colour. */
	SHOW("\x0f"
	     "1e\x14\x0fz\x17"
	     "a");
	assert_string_equal(scr, "a");
}

static void test_mode_clear(void **state)
{
	(void)state;
	/* ^L clears the screen whatever the mode; the terminal only with
	 * the serial bit. */
	SHOW("\x11\f");
	assert_string_equal(scr, "<CLS 07>");
	assert_string_equal(ser, "");
	setup(NULL);
	SHOW("\x14\f");
	assert_string_equal(scr, "<CLS 07>");
	assert_string_equal(ser, GREY "\033[2J\033[H" RESET);
}

static void test_mode_reset_per_file(void **state)
{
	struct disp d;

	(void)state;
	disp_begin(&d, &sink, true);
	disp_feed(&d,
		  "\x10\x0f"
		  "1e",
		  4);
	disp_end(&d);
	disp_begin(&d, &sink, true);
	disp_feed(&d, "a", 1);
	disp_end(&d);
	assert_string_equal(scr, "a");
}

static void test_console_off(void **state)
{
	(void)state;
	/* CONSOLE 0: no screen, so the terminal gets the text raw. */
	show_screen("\x0f"
		    "1ea\n\fb",
		    7, false);
	assert_string_equal(scr, "");
	assert_string_equal(ser,
			    "a\r\n\033[1;33m\033[44m\033[2J\033[H" RESET "b");
}

static void test_tab(void **state)
{
	(void)state;
	SHOW("ab\tc\n\t\td");
	assert_string_equal(scr, "ab      c\n                d");
	assert_string_equal(ser, GREY "ab\tc\r\n\t\td" RESET);
}

static void test_other_controls(void **state)
{
	(void)state;
	/* BEL and BS pass; other control bytes and DEL draw nothing. */
	SHOW("a\a\b\x01\x1b\x7f\x0e"
	     "b");
	assert_string_equal(scr, "a\a\bb");
	assert_string_equal(ser, GREY "a\a\bb" RESET);
}

static void test_high_bytes(void **state)
{
	(void)state;
	SHOW("\xc9\xcd\xbb");
	assert_string_equal(scr, "\xc9\xcd\xbb");
	assert_string_equal(ser, GREY "\xc9\xcd\xbb" RESET);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_plain_text, setup),
	    cmocka_unit_test_setup(test_crlf_file, setup),
	    cmocka_unit_test_setup(test_empty_file, setup),
	    cmocka_unit_test_setup(test_clear, setup),
	    cmocka_unit_test_setup(test_clear_in_colour, setup),
	    cmocka_unit_test_setup(test_colours, setup),
	    cmocka_unit_test_setup(test_colour_repeated_sends_once, setup),
	    cmocka_unit_test_setup(test_colour_bad_background, setup),
	    cmocka_unit_test_setup(test_colour_bad_foreground, setup),
	    cmocka_unit_test_setup(test_colour_control_eaten, setup),
	    cmocka_unit_test_setup(test_colour_split, setup),
	    cmocka_unit_test_setup(test_eof, setup),
	    cmocka_unit_test_setup(test_eof_in_sequences, setup),
	    cmocka_unit_test_setup(test_byte_ff_ends, setup),
	    cmocka_unit_test_setup(test_graphics_skipped, setup),
	    cmocka_unit_test_setup(test_graphics_name_takes_codes, setup),
	    cmocka_unit_test_setup(test_text_mode_code, setup),
	    cmocka_unit_test_setup(test_mode_filters, setup),
	    cmocka_unit_test_setup(test_mode_each_code, setup),
	    cmocka_unit_test_setup(test_mode_serial_raw_then_colour, setup),
	    cmocka_unit_test_setup(test_mode_hides_colour_change, setup),
	    cmocka_unit_test_setup(test_mode_clear, setup),
	    cmocka_unit_test_setup(test_mode_reset_per_file, setup),
	    cmocka_unit_test_setup(test_console_off, setup),
	    cmocka_unit_test_setup(test_tab, setup),
	    cmocka_unit_test_setup(test_other_controls, setup),
	    cmocka_unit_test_setup(test_high_bytes, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
