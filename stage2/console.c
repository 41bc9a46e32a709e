// SPDX-License-Identifier: BSD-2-Clause
/* Console output: INT 10h teletype on screen, the same bytes on the serial
 * port. '\n' becomes CR LF on both. */
#include <stdarg.h>
#include "bios.h"
#include "cmdline/prompt_vt.h"
#include "console.h"
#include "serial.h"

/* The teletype's backspace stops at column 0; the line editor moves back
 * over a line longer than a row, so go to the previous row's end. */
static bool screen_back_a_row(void)
{
	struct biosregs r, pos;

	initregs(&pos);
	pos.ah = 0x03; /* cursor of page 0: DH row, DL column */
	bios_int(0x10, &pos, &pos);
	if (pos.dl || !pos.dh)
		return false;
	initregs(&r);
	r.ah = 0x0F; /* video mode: AH columns */
	bios_int(0x10, &r, &r);
	pos.dl = r.ah - 1;
	pos.dh--;
	pos.ah = 0x02;
	pos.bh = 0;
	bios_int(0x10, &pos, NULL);
	return true;
}

void console_screen_putc(char c)
{
	struct biosregs r;

	if (c == '\b' && screen_back_a_row())
		return;
	initregs(&r);
	r.ah = 0x0E;
	r.al = c;
	r.bx = 0x0007;
	bios_int(0x10, &r, NULL);
}

static bool screen = true;

void console_set_screen(bool on)
{
	screen = on;
}

void console_putc(char c)
{
	if (c == '\n')
		console_putc('\r');
	if (screen)
		console_screen_putc(c);
	serial_putc(c);
}

void console_write(const char *s)
{
	while (*s)
		console_putc(*s++);
}

void console_write_vt(const char *s, struct prompt_vt *vt)
{
	char out[PROMPT_VT_MAX];

	for (; *s; s++) {
		if (screen)
			console_screen_putc(*s);
		prompt_vt_put(vt, *s, out);
		for (const char *o = out; *o; o++)
			serial_putc(*o);
	}
}

int printf(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	console_write(buf);
	return n;
}
