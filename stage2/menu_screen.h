/* SPDX-License-Identifier: BSD-2-Clause */
/* The menu module's screen: INT 10h and ANSI on the serial port at once
 * (stage2/menu_screen.c). */
#ifndef BZ_STAGE2_MENU_SCREEN_H
#define BZ_STAGE2_MENU_SCREEN_H

#include <stdbool.h>
#include <stdint.h>
#include "cmdline/menu_ui.h"

/* Lives in the core's heap with the struct menu_ui (its scr.ctx points
 * here), so it outlasts the module being replaced and reloaded. */
struct menu_screen_ctx {
	struct menu_screen scr;
	bool vga;	     /* draw on the screen too (CONSOLE 1) */
	uint8_t serial_attr; /* the SGR attribute last sent, 0xFF unknown */
	/* where the terminal's cursor is, UINT32_MAX when unknown */
	unsigned serial_row, serial_col;
};

/* The screen's size from the BIOS data area (80x25 when it keeps none);
 * vga false: the serial console only (CONSOLE 0). */
const struct menu_screen *menu_screen_init(struct menu_screen_ctx *x, bool vga);
/* Back to plain text for the prompt or a message: the screen cleared to
 * grey on black, the cursor shown at the top left. */
void menu_screen_leave(struct menu_screen_ctx *x);

#endif
