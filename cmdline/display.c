// SPDX-License-Identifier: BSD-2-Clause
/* The DISPLAY / F-key file filter. It follows SYSLINUX 6's state machine
 * (ldlinux msg.c) for a machine in text mode, bzboot's only mode: the
 * ^P..^W text bit decides what the screen shows, the serial bit what the
 * serial port gets. Text shown on the screen goes to the terminal with its
 * colours as ANSI SGR, as SYSLINUX's console does; a serial-only stretch
 * goes byte for byte. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmdline/display.h"
#include "cmdline/text.h"

enum {
	ST_TEXT, /* ordinary text and control codes */
	ST_BG,	 /* after ^O: the background hex digit */
	ST_FG,	 /* then the foreground hex digit */
	ST_NAME, /* after ^X: a graphics file name, up to LF */
};

#define CTRL_CLEAR  0x0C /* ^L */
#define CTRL_COLOUR 0x0F /* ^O */
#define CTRL_MODE0  0x10 /* ^P; ^P..^W carry the mode bits */
#define CTRL_MODE7  0x17 /* ^W */
#define CTRL_IMAGE  0x18 /* ^X */
#define CTRL_TEXT   0x19 /* ^Y */
#define CTRL_EOF    0x1A /* ^Z */
/* SYSLINUX reads the file into a signed char and compares it with EOF,
 * so a 0xFF byte ends the file there too. */
#define BYTE_EOF 0xFF

static void serial(struct disp *d, const char *s, size_t n)
{
	d->sink->serial_write(d->sink->ctx, s, n);
}

/* The terminal is told the colour once per change (SYSLINUX repeats it
 * around every character; what the terminal draws is the same). */
static void serial_colour(struct disp *d)
{
	/* PC colour bits are blue-green-red, ANSI's red-green-blue. */
	static const char ansi[8] = "04261537";
	char buf[24];
	size_t n = 0;

	if (d->term_set && d->term == d->attr)
		return;
	if (d->term_set)
		serial(d, "\033[0m", 4); /* clear bold and blink */
	buf[n++] = '\033';
	buf[n++] = '[';
	if (d->attr & 0x08) { /* bright foreground */
		buf[n++] = '1';
		buf[n++] = ';';
	}
	buf[n++] = '3';
	buf[n++] = ansi[d->attr & 7];
	buf[n++] = 'm';
	buf[n++] = '\033';
	buf[n++] = '[';
	if (d->attr & 0x80) { /* a bright background blinks */
		buf[n++] = '5';
		buf[n++] = ';';
	}
	buf[n++] = '4';
	buf[n++] = ansi[(d->attr >> 4) & 7];
	buf[n++] = 'm';
	serial(d, buf, n);
	d->term = d->attr;
	d->term_set = true;
}

static void serial_reset(struct disp *d)
{
	if (d->term_set)
		serial(d, "\033[0m", 4);
	d->term_set = false;
}

static void serial_byte(struct disp *d, uint8_t ch)
{
	char c = (char)ch;

	if (ch == '\n')
		serial(d, "\r\n", 2);
	else
		serial(d, &c, 1);
}

static bool is_glyph(uint8_t ch)
{
	return ch >= 0x20 && ch != 0x7F;
}

static void screen_putc(struct disp *d, uint8_t ch)
{
	d->sink->screen_putc(d->sink->ctx, ch, d->attr);
}

/* Text for the screen, and for the terminal in the same colours. */
static void put_shown(struct disp *d, uint8_t ch)
{
	bool glyph = is_glyph(ch);

	if (!glyph && ch != '\n' && ch != '\t' && ch != '\a' && ch != '\b')
		return;	  /* other control bytes draw nothing on a screen */
	if (ch == '\t') { /* spaces to the next multiple of 8 */
		do
			screen_putc(d, ' ');
		while (++d->col & 7);
		d->col = 0;
	} else {
		screen_putc(d, ch);
		if (ch == '\n')
			d->col = 0;
		else if (ch == '\b')
			d->col = (d->col - 1) & 7;
		else if (glyph)
			d->col = (d->col + 1) & 7;
	}
	if (d->mask & DISP_MODE_SERIAL) {
		serial_colour(d);
		serial_byte(d, ch);
	}
}

static void put(struct disp *d, uint8_t ch)
{
	if ((d->mask & DISP_MODE_TEXT) && d->screen) {
		put_shown(d, ch);
	} else if (d->mask & DISP_MODE_SERIAL) {
		/* Not on the screen: SYSLINUX sends it raw, no colour. */
		serial_reset(d);
		serial_byte(d, ch);
	}
}

/* ^L clears whatever the mode bits say, in the current colour. */
static void clear(struct disp *d)
{
	if (d->screen)
		d->sink->screen_clear(d->sink->ctx, d->attr);
	d->col = 0;
	if (d->mask & DISP_MODE_SERIAL) {
		serial_colour(d);
		serial(d, "\033[2J\033[H", 7);
		serial_reset(d);
	}
}

static void text_byte(struct disp *d, uint8_t ch)
{
	if (ch >= CTRL_MODE0 && ch <= CTRL_MODE7) {
		d->mask = ch & 7;
		return;
	}
	switch (ch) {
	case CTRL_COLOUR:
		d->state = ST_BG;
		break;
	case '\r': /* DOS line ends */
		break;
	case CTRL_CLEAR:
		clear(d);
		break;
	case CTRL_TEXT: /* back to text mode: bzboot never left it */
		break;
	case CTRL_IMAGE:
		d->state = ST_NAME;
		break;
	default:
		put(d, ch);
	}
}

/* ^O <bg> <fg>: a byte that is not a hex digit is eaten and restores the
 * default colour. Outside the text mode bit the digits change nothing. */
static void colour_byte(struct disp *d, uint8_t ch)
{
	unsigned v = text_digit_value((char)ch);
	bool shown = d->mask & DISP_MODE_TEXT;

	if (v >= 16) {
		d->attr = DISP_ATTR_DEFAULT;
		d->state = ST_TEXT;
	} else if (d->state == ST_BG) {
		if (shown)
			d->attr = (uint8_t)(v << 4);
		d->state = ST_FG;
	} else {
		if (shown)
			d->attr |= (uint8_t)v;
		d->state = ST_TEXT;
	}
}

void disp_begin(struct disp *d, const struct disp_sink *sink, bool screen)
{
	d->sink = sink;
	d->screen = screen;
	d->ended = false;
	d->term_set = false;
	d->state = ST_TEXT;
	d->attr = DISP_ATTR_DEFAULT;
	d->mask = DISP_MODE_TEXT | DISP_MODE_GRAPHICS | DISP_MODE_SERIAL;
	d->term = 0;
	d->col = 0;
}

bool disp_feed(struct disp *d, const void *buf, size_t n)
{
	const uint8_t *p = buf;

	for (; n && !d->ended; n--) {
		uint8_t ch = *p++;

		if (ch == CTRL_EOF || ch == BYTE_EOF) {
			d->ended = true;
			break;
		}
		switch (d->state) {
		case ST_TEXT:
			text_byte(d, ch);
			break;
		case ST_BG:
		case ST_FG:
			colour_byte(d, ch);
			break;
		case ST_NAME: /* bzboot draws no images: skip the name */
			if (ch == '\n')
				d->state = ST_TEXT;
			break;
		}
	}
	return !d->ended;
}

void disp_end(struct disp *d)
{
	serial_reset(d);
}
