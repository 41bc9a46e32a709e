/* SPDX-License-Identifier: BSD-2-Clause */
/* Keys from the BIOS keyboard (INT 16h) or the serial console, and time
 * from the BIOS tick counter. */
#ifndef BZ_STAGE2_KBD_H
#define BZ_STAGE2_KBD_H

#include <stdint.h>

#define KBD_TIMEOUT (-1)

/* The next key as ASCII (arrows etc. are dropped), waiting at most
 * `ticks` BIOS ticks (18.2 per second); 0 waits forever. */
int kbd_getkey(uint32_t ticks);
/* A key if one is waiting, else KBD_TIMEOUT; does not wait. */
int kbd_poll(void);
uint32_t timer_ticks(void);
/* Ticks since `start`, across the midnight wrap of the BIOS counter. */
uint32_t ticks_since(uint32_t start);
/* Shift, Ctrl or Alt held, or Caps/Scroll Lock on (BIOS data area): with
 * PROMPT 0 that asks for the prompt, as in SYSLINUX. */
int kbd_wants_prompt(void);

/* Tenths of a second (SYSLINUX's TIMEOUT unit) to BIOS ticks, rounded up. */
static inline uint32_t ds_to_ticks(uint32_t ds)
{
	return (ds * 182 + 99) / 100;
}

#endif
