// SPDX-License-Identifier: BSD-2-Clause
/* Console output: INT 10h teletype on screen, the same bytes on the serial
 * port. '\n' becomes CR LF on both. */
#include <stdarg.h>
#include "bios.h"
#include "console.h"
#include "serial.h"

void console_screen_putc(char c)
{
	struct biosregs r;

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
