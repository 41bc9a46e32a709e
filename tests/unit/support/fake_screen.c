// SPDX-License-Identifier: BSD-2-Clause
/* A text screen in memory for the menu (see fake_screen.h). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tests/unit/support/fake_screen.h"

static void fs_clear(void *ctx, uint8_t attr)
{
	struct fake_screen *fs = ctx;

	memset(fs->ch, ' ', sizeof(fs->ch));
	memset(fs->attr, attr, sizeof(fs->attr));
	fs->clears++;
}

static void fs_put(void *ctx, unsigned row, unsigned col, uint8_t attr,
		   const char *s, size_t n)
{
	struct fake_screen *fs = ctx;

	fs->puts++;
	if (row >= fs->scr.rows || col >= fs->scr.cols || n == 0 ||
	    n > fs->scr.cols - col) {
		fs->oob++;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		fs->ch[row][col + i] = s[i];
		fs->attr[row][col + i] = attr;
	}
}

static void fs_cursor(void *ctx, unsigned row, unsigned col, bool show)
{
	struct fake_screen *fs = ctx;

	if (row >= fs->scr.rows || col >= fs->scr.cols)
		fs->oob++;
	fs->cur_row = row;
	fs->cur_col = col;
	fs->cur_shown = show;
}

void fake_screen_init(struct fake_screen *fs, unsigned rows, unsigned cols)
{
	memset(fs, 0, sizeof(*fs));
	fs->scr.ctx = fs;
	fs->scr.rows = rows < FAKE_SCREEN_ROWS ? rows : FAKE_SCREEN_ROWS;
	fs->scr.cols = cols < FAKE_SCREEN_COLS ? cols : FAKE_SCREEN_COLS;
	fs->scr.clear = fs_clear;
	fs->scr.put = fs_put;
	fs->scr.cursor = fs_cursor;
	fs_clear(fs, 0x07);
	fs->clears = 0;
}

const char *fake_screen_row(const struct fake_screen *fs, unsigned r)
{
	static char buf[FAKE_SCREEN_COLS + 1];
	size_t n = fs->scr.cols;

	memcpy(buf, fs->ch[r], n);
	while (n > 0 && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
	return buf;
}

bool fake_screen_has(const struct fake_screen *fs, unsigned r, unsigned c,
		     const char *s)
{
	size_t n = strlen(s);

	return r < fs->scr.rows && c <= fs->scr.cols && n <= fs->scr.cols - c &&
	       memcmp(fs->ch[r] + c, s, n) == 0;
}
