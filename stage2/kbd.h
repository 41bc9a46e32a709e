/* SPDX-License-Identifier: BSD-2-Clause */
/* Keys from the BIOS keyboard (INT 16h) or the serial console. */
#ifndef BZ_STAGE2_KBD_H
#define BZ_STAGE2_KBD_H

#include <stdint.h>
#include "cmdline/keys.h"

#define KBD_TIMEOUT (-1)

/* The next key (enum key: ASCII, or KEY_UP ... KEY_F12 from the keyboard's
 * scan codes or a terminal's escape sequences), waiting at most `ticks`
 * BIOS ticks (18.2 per second); 0 waits forever. */
int kbd_getkey(uint32_t ticks);
/* Shift, Ctrl or Alt held, or Caps/Scroll Lock on (BIOS data area): with
 * PROMPT 0 that asks for the prompt, as in SYSLINUX. */
int kbd_wants_prompt(void);

#endif
