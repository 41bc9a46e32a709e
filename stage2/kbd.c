// SPDX-License-Identifier: BSD-2-Clause
/* Keyboard input: INT 16h and the serial port are polled side by side so
 * the boot prompt works on a screen and over a serial line alike. */
#include <stdbool.h>
#include "bda.h"
#include "bios.h"
#include "kbd.h"
#include "serial.h"
#include "timer.h"

/* A key in the BIOS buffer? (AH=01h: ZF clear if so; it stays there.) */
static bool bios_key_waiting(void)
{
	struct biosregs r;

	initregs(&r);
	r.ah = 0x01;
	bios_int(0x16, &r, &r);
	return !(r.eflags & X86_EFLAGS_ZF);
}

/* A key if one is waiting, else KBD_TIMEOUT; does not wait. */
static int kbd_poll(void)
{
	struct biosregs r;
	int c;

	c = serial_getc();
	if (c >= 0)
		return c;
	if (!bios_key_waiting())
		return KBD_TIMEOUT;
	initregs(&r);
	r.ah = 0x00; /* take it */
	bios_int(0x16, &r, &r);
	return r.al ? r.al : 0; /* 0: an extended key we do not use */
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
		if (c > 0)
			return c;
		if (ticks && timer_since(start) >= ticks)
			return KBD_TIMEOUT;
	}
}
