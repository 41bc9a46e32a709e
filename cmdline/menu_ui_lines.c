// SPDX-License-Identifier: BSD-2-Clause
/* The two lines menu.c32 draws outside its box: the countdown
 * (print_timeout_message: MENU AUTOBOOT with # and {one,two,more}) and
 * the Tab editor's line (edit_cmdline). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cmdline/menu_ui_internal.h"

#define COUNTDOWN_MAX 240 /* characters shown; menu.c32 stops near 240 */

struct countdown {
	char ch[COUNTDOWN_MAX];
	uint8_t attr[COUNTDOWN_MAX];
	int n;
};

static void cd_add(struct countdown *cd, char c, uint8_t attr)
{
	if (cd->n < COUNTDOWN_MAX) {
		cd->ch[cd->n] = c;
		cd->attr[cd->n++] = attr;
	}
}

/* "{one,two,more}": the form for secs (1, 2, else the last given;
 * missing forms repeat the one before). Returns the text after '}'. */
static const char *plural(struct countdown *cd, const char *p, unsigned secs,
			  uint8_t attr)
{
	const char *s[3] = {p, NULL, NULL}, *e[3] = {NULL, NULL, NULL};
	int n = 0, pick = secs == 1 ? 0 : secs == 2 ? 1 : 2;

	for (; *p && *p != '}'; p++) {
		if (*p == ',' && n < 2) {
			e[n++] = p;
			s[n] = p + 1;
		}
	}
	e[n] = p;
	for (int i = 1; i < 3; i++) {
		if (!s[i]) {
			s[i] = s[i - 1];
			e[i] = e[i - 1];
		}
	}
	for (const char *q = s[pick]; q < e[pick]; q++)
		cd_add(cd, *q, attr);
	return *p ? p + 1 : p;
}

void ui_draw_countdown(struct menu_ui *u, int ansi_row, unsigned secs,
		       const char *msg)
{
	uint8_t ma = u->attr[CFG_MC_TIMEOUT_MSG], na = u->attr[CFG_MC_TIMEOUT];
	struct countdown cd = {.n = 0};
	int pad, col, row = (int)ui_row(ansi_row);

	while (*msg) {
		char c = *msg++;

		if (c == '#') {
			char num[12];
			int k = (int)sizeof(num);
			unsigned v = secs;

			do
				num[--k] = (char)('0' + v % 10);
			while ((v /= 10) && k > 0);
			while (k < (int)sizeof(num))
				cd_add(&cd, num[k++], na);
		} else if (c == '{') {
			msg = plural(&cd, msg, secs, ma);
		} else {
			cd_add(&cd, c, ma);
		}
	}
	/* A shorter message blanks what the longer one before it left. */
	pad = cd.n >= (int)u->countdown_len
		  ? 0
		  : ((int)u->countdown_len - cd.n + 1) >> 1;
	col = UI_P(u, HSHIFT) + ((UI_P(u, WIDTH) - cd.n) >> 1) - pad;
	if (col < 0)
		col = 0; /* the terminal's column 1 */
	ui_fill(u, row, col, ma, ' ', pad);
	col += pad;
	for (int i = 0; i < cd.n;) {
		int j = i;

		while (j < cd.n && cd.attr[j] == cd.attr[i])
			j++;
		ui_put(u, row, col + i, cd.attr[i], cd.ch + i, (size_t)(j - i));
		i = j;
	}
	ui_fill(u, row, col + cd.n, ma, ' ', pad);
	u->countdown_len = (unsigned)cd.n;
}

/* The cursor of the Tab editor's line. The prompt editor of branch
 * main has a cursor (pos); the older one always types at the end. */
static size_t edit_pos(const struct prompt_line *l)
{
#ifdef PROMPT_HISTORY
	return l->pos;
#else
	return l->len;
#endif
}

void ui_draw_cmdline(const struct menu_ui *u, size_t prev_len)
{
	const struct prompt_line *l = &u->edit;
	int row = (int)ui_row(UI_P(u, CMDLINEROW) + UI_P(u, VSHIFT));
	size_t cols = u->scr.cols, len = l->len, at, n;
	uint8_t a = u->attr[CFG_MC_CMDLINE];

	if (!cols)
		return;
	ui_put(u, row, 0, u->attr[CFG_MC_CMDMARK], "> ", 2);
	/* The line, then blanks over what a longer one left, continued on
	 * the next rows as the terminal wraps it. */
	for (at = 2; at - 2 < len || at - 2 < prev_len; at += n) {
		size_t off = at - 2;

		n = cols - at % cols;
		if (off < len) {
			if (n > len - off)
				n = len - off;
			ui_put(u, row + (int)(at / cols), (int)(at % cols), a,
			       l->buf + off, n);
		} else {
			if (n > prev_len - off)
				n = prev_len - off;
			ui_fill(u, row + (int)(at / cols), (int)(at % cols), a,
				' ', (int)n);
		}
	}
	at = 2 + edit_pos(l);
	if (u->scr.cursor) {
		unsigned r = (unsigned)row + (unsigned)(at / cols);

		u->scr.cursor(u->scr.ctx, r < u->scr.rows ? r : u->scr.rows - 1,
			      (unsigned)(at % cols), true);
	}
}
