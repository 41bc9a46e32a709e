// SPDX-License-Identifier: BSD-2-Clause
/* A text screen in memory for the menu (struct menu_screen): a grid of
 * characters and VGA attributes that tests read back, counting every
 * draw that falls outside it. No cmocka here: the fuzzer links it too. */
#ifndef BZ_TESTS_UNIT_SUPPORT_FAKE_SCREEN_H
#define BZ_TESTS_UNIT_SUPPORT_FAKE_SCREEN_H

#include <stdbool.h>
#include <stdint.h>

#include "cmdline/menu_ui.h"

#define FAKE_SCREEN_ROWS 25
#define FAKE_SCREEN_COLS 80

struct fake_screen {
	struct menu_screen scr; /* what menu_ui_start is given */
	char ch[FAKE_SCREEN_ROWS][FAKE_SCREEN_COLS];
	uint8_t attr[FAKE_SCREEN_ROWS][FAKE_SCREEN_COLS];
	unsigned cur_row, cur_col;
	bool cur_shown;
	unsigned clears, puts;
	unsigned oob; /* puts or cursors outside the screen, or n == 0 */
};

/* A blank screen of rows x cols (at most 25 x 80), attribute 0x07. */
void fake_screen_init(struct fake_screen *fs, unsigned rows, unsigned cols);
/* Row r as a string (its cols characters, trailing blanks removed) in a
 * static buffer. */
const char *fake_screen_row(const struct fake_screen *fs, unsigned r);
/* Whether row r holds s starting at column c. */
bool fake_screen_has(const struct fake_screen *fs, unsigned r, unsigned c,
		     const char *s);

#endif
