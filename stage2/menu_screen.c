// SPDX-License-Identifier: BSD-2-Clause
/* The menu's screen (struct menu_screen, cmdline/menu_ui.h), part of the
 * menu module: the VGA text page through INT 10h and, at the same time,
 * the serial console through ANSI/VT100 sequences, as menu.c32 draws on
 * both. On serial, the VGA attribute becomes SGR colours, and the CP437
 * box and shading characters become plain ASCII (+ - | #): a VT100's
 * line-drawing set needs SO/SI shifts that leave a terminal (or a log,
 * or a test reading the bytes) in graphics mode when a line is cut. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "bda.h"
#include "bios.h"
#include "menu_screen.h"
#include "serial.h"

/* SGR colour numbers of the VGA colours 0-7 (VGA puts blue at 1, ANSI
 * puts red there). */
static const char ansi_of_vga[8] = "04261537";

static void serial_str(const char *s)
{
	while (*s)
		serial_putc(*s++);
}

static void serial_attr(struct menu_screen_ctx *x, uint8_t attr)
{
	char sgr[24];

	if (x->serial_attr == attr)
		return;
	x->serial_attr = attr;
	snprintf(sgr, sizeof(sgr), "\033[0;%s%s3%c;4%cm",
		 attr & 0x08 ? "1;" : "", attr & 0x80 ? "5;" : "",
		 ansi_of_vga[attr & 7], ansi_of_vga[(attr >> 4) & 7]);
	serial_str(sgr);
}

/* Moves the terminal's cursor, unless it is there already: the UI puts
 * a row piece by piece, and text sent whole reads whole in a log. */
static void serial_goto(struct menu_screen_ctx *x, unsigned row, unsigned col)
{
	char seq[16];

	if (x->serial_row == row && x->serial_col == col)
		return;
	snprintf(seq, sizeof(seq), "\033[%u;%uH", row + 1, col + 1);
	serial_str(seq);
	x->serial_row = row;
	x->serial_col = col;
}

/* A CP437 character as ASCII: the box corners and joins are '+', the
 * lines '-' and '|', the shades and blocks '#'; other bytes above 0x7E
 * are '?' (a terminal's own code page cannot be guessed). */
static char ascii_of(uint8_t c)
{
	if (c >= 0x20 && c < 0x7F)
		return (char)c;
	if (c == 0xC4 || c == 0xCD)
		return '-';
	if (c == 0xB3 || c == 0xBA)
		return '|';
	if (c >= 0xB0 && c <= 0xB2)
		return '#';
	if (c >= 0xB3 && c <= 0xDA)
		return '+';
	if (c >= 0xDB && c <= 0xDF)
		return '#';
	return c == 0xFA || c == 0xF9 ? '.' : '?';
}

static void vga_cursor(unsigned row, unsigned col)
{
	struct biosregs r;

	initregs(&r);
	r.ah = 0x02; /* set cursor position of page BH */
	r.bh = 0;
	r.dh = (uint8_t)row;
	r.dl = (uint8_t)col;
	bios_int(0x10, &r, NULL);
}

static void scr_clear(void *ctx, uint8_t attr)
{
	struct menu_screen_ctx *x = ctx;
	struct biosregs r;

	if (x->vga) {
		initregs(&r);
		r.ax = 0x0600; /* scroll up, AL = 0: blank the window */
		r.bh = attr;
		r.cx = 0;
		r.dh = (uint8_t)(x->scr.rows - 1);
		r.dl = (uint8_t)(x->scr.cols - 1);
		bios_int(0x10, &r, NULL);
		vga_cursor(0, 0);
	}
	x->serial_attr = 0xFF; /* unknown: set it again */
	serial_attr(x, attr);
	serial_str("\033[2J\033[H");
	x->serial_row = x->serial_col = 0;
}

static void scr_put(void *ctx, unsigned row, unsigned col, uint8_t attr,
		    const char *s, size_t n)
{
	struct menu_screen_ctx *x = ctx;
	struct biosregs r;

	if (row >= x->scr.rows || col >= x->scr.cols)
		return;
	if (n > x->scr.cols - col)
		n = x->scr.cols - col;
	if (!n)
		return;
	/* INT 10h AH=09h writes a character CX times with its attribute
	 * at the cursor, without moving it or reading control codes (so
	 * CP437's glyphs below 0x20 stay glyphs): one call per run of the
	 * same character, and a menu row is mostly blanks. */
	for (size_t i = 0, j; x->vga && i < n; i = j) {
		for (j = i + 1; j < n && s[j] == s[i]; j++)
			;
		vga_cursor(row, col + (unsigned)i);
		initregs(&r);
		r.ah = 0x09;
		r.al = (uint8_t)s[i];
		r.bh = 0;
		r.bl = attr;
		r.cx = (uint16_t)(j - i);
		bios_int(0x10, &r, NULL);
	}
	serial_goto(x, row, col);
	serial_attr(x, attr);
	for (size_t i = 0; i < n; i++)
		serial_putc(ascii_of((uint8_t)s[i]));
	/* the last column may wrap or not, depending on the terminal */
	x->serial_col =
	    col + (unsigned)n < x->scr.cols ? col + (unsigned)n : UINT32_MAX;
}

static void scr_cursor(void *ctx, unsigned row, unsigned col, bool show)
{
	struct menu_screen_ctx *x = ctx;
	struct biosregs r;

	if (x->vga) {
		vga_cursor(row, col);
		initregs(&r);
		r.ah = 0x01; /* cursor shape: CH bit 5 hides it */
		r.cx = show ? 0x0607 : 0x2000;
		bios_int(0x10, &r, NULL);
	}
	serial_goto(x, row, col);
	serial_str(show ? "\033[?25h" : "\033[?25l");
}

const struct menu_screen *menu_screen_init(struct menu_screen_ctx *x, bool vga)
{
	unsigned cols = BDA->video_cols, rows = BDA->video_rows + 1u;

	/* A BIOS that keeps no size (or a silly one): menu.c32's 80x25. */
	x->scr.cols = cols >= 40 && cols <= 255 ? cols : 80;
	x->scr.rows = rows >= 25 && rows <= 60 ? rows : 25;
	x->scr.ctx = x;
	x->scr.clear = scr_clear;
	x->scr.put = scr_put;
	x->scr.cursor = scr_cursor;
	x->vga = vga;
	x->serial_attr = 0xFF;
	x->serial_row = UINT32_MAX; /* where the text before it left it */
	return &x->scr;
}

void menu_screen_leave(struct menu_screen_ctx *x)
{
	scr_clear(x, 0x07);
	scr_cursor(x, 0, 0, true);
	serial_str("\033[0m");
}
