// SPDX-License-Identifier: BSD-2-Clause
/* Keyboard input: INT 16h and the serial port are polled side by side so
 * the boot prompt works on a screen and over a serial line alike; both
 * become enum key (cmdline/keys.h), extended keys included. */
#include <stdbool.h>
#include "bda.h"
#include "bios.h"
#include "kbd.h"
#include "serial.h"
#include "timer.h"

/* How long an escape sequence may pause before a lone ESC is the Esc key:
 * 2 ticks are 55-110 ms, far more than a terminal takes between the bytes
 * of one key (microseconds at 115200 baud, a millisecond at 9600). */
#define ESC_TICKS 2

static struct keys_ansi ansi; /* bss: zero, the idle state */
static uint32_t last_byte;    /* tick of the last serial byte */

/* A key in the BIOS buffer? (AH=01h: ZF clear if so; it stays there.) */
static bool bios_key_waiting(void)
{
	struct biosregs r;

	initregs(&r);
	r.ah = 0x01;
	bios_int(0x16, &r, &r);
	return !(r.eflags & X86_EFLAGS_ZF);
}

/* A key if one is waiting, else KEY_NONE; does not wait. */
static int kbd_poll(void)
{
	struct biosregs r;
	int c, key;

	while ((c = serial_getc()) >= 0) {
		last_byte = timer_ticks();
		key = keys_ansi_feed(&ansi, (uint8_t)c);
		if (key != KEY_NONE)
			return key;
	}
	if (keys_ansi_pending(&ansi) && timer_since(last_byte) >= ESC_TICKS)
		return keys_ansi_timeout(&ansi);
	if (!bios_key_waiting())
		return KEY_NONE;
	initregs(&r);
	r.ah = 0x00; /* take it: AH scan code, AL character */
	bios_int(0x16, &r, &r);
	return keys_from_bios(r.ax);
}

/* Looks without taking: the key is the prompt's first one. */
int kbd_wants_prompt(void)
{
	return (BDA->kbd_flags & BDA_KBD_SHIFT_CTRL_ALT_LOCKS) ||
	       serial_pending() || bios_key_waiting();
}

int kbd_getkey(uint32_t ticks)
{
	uint32_t start = timer_ticks();
	int c;

	for (;;) {
		c = kbd_poll();
		if (c != KEY_NONE)
			return c;
		if (ticks && timer_since(start) >= ticks)
			return KBD_TIMEOUT;
	}
}
