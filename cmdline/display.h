// SPDX-License-Identifier: BSD-2-Clause
/* SYSLINUX's DISPLAY / F-key help file format, turned into what a text
 * screen and a serial terminal should show. The control codes and their
 * rules are SYSLINUX 6's (ldlinux msg.c); docs/config.md lists them and
 * where bzboot differs. Pure: the caller draws. */
#ifndef BZ_CMDLINE_DISPLAY_H
#define BZ_CMDLINE_DISPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DISP_ATTR_DEFAULT 0x07 /* light grey on black */

/* The ^P..^W mode bits: which outputs see the text that follows. */
#define DISP_MODE_TEXT	   0x01 /* the screen in text mode */
#define DISP_MODE_GRAPHICS 0x02 /* the screen in graphics mode: never ours */
#define DISP_MODE_SERIAL   0x04 /* the serial console */

struct disp_sink {
	/* One cell for the screen: a byte to draw (0x20-0xFE but 0x7F, in
	 * CP437) in PC attribute attr (background << 4 | foreground), or
	 * '\n' (start of the next line), '\a' (beep), '\b' (back one
	 * column). */
	void (*screen_putc)(void *ctx, uint8_t ch, uint8_t attr);
	/* Fill the screen with attr and put the cursor top left. */
	void (*screen_clear)(void *ctx, uint8_t attr);
	/* Bytes for the serial terminal, ANSI sequences included. */
	void (*serial_write)(void *ctx, const char *s, size_t n);
	void *ctx;
};

struct disp {
	const struct disp_sink *sink;
	bool screen;   /* CONSOLE 1: the screen is drawn on */
	bool ended;    /* ^Z (or 0xFF) came: the rest is not shown */
	bool term_set; /* the terminal holds `term`'s colours, not reset */
	uint8_t state; /* how the next byte is read */
	uint8_t attr;  /* the ^O colour */
	uint8_t mask;  /* the ^P..^W mode bits */
	uint8_t term;  /* the colour last sent to the terminal */
	uint8_t col;   /* screen column modulo 8, for TAB */
};

/* A file starts in light grey on black, shown everywhere. */
void disp_begin(struct disp *d, const struct disp_sink *sink, bool screen);
/* The next n bytes of the file; returns false once it has ended (^Z), so
 * the caller may stop reading. Any split of the file gives the same
 * output. */
bool disp_feed(struct disp *d, const void *buf, size_t n);
/* The file is over: the terminal's colours go back to its default. */
void disp_end(struct disp *d);

#endif
