// SPDX-License-Identifier: BSD-2-Clause
/* Drawing the menu as menu.c32 lays it out (SYSLINUX 6.04 menumain.c
 * draw_menu, draw_row, display_help, print_timeout_message, the editor
 * line), through struct menu_screen, never outside the screen. Its DEC
 * line-drawing box comes out on VGA as these CP437 characters (ansi.c
 * decvt_to_cp437): single lines, not double. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cmdline/menu_ui_internal.h"

enum {
	BOX_TL = 0xDA,	/* l */
	BOX_H = 0xC4,	/* q */
	BOX_TR = 0xBF,	/* k */
	BOX_V = 0xB3,	/* x */
	BOX_LT = 0xC3,	/* t */
	BOX_RT = 0xB4,	/* u */
	BOX_BL = 0xC0,	/* m */
	BOX_BR = 0xD9,	/* j */
	SCROLL = 0xB1,	/* a: the scrollbar's thumb */
	SGR_MAX = 1000, /* larger SGR numbers are no code anyway */
};

/* ansi.c's 'm' and ansicon_attribute(): SGR codes on a terminal state,
 * then the state as a VGA attribute (intensity 0 = dim: dark grey;
 * underline: blue; reverse swaps the colours, keeping intensity on the
 * foreground; blink sets the background's high bit). */
struct sgr_state {
	int fg, bg, intensity; /* intensity: 0 dim, 1 normal, 2 bold */
	bool underline, blink, reverse;
};

static void sgr_apply(struct sgr_state *st, int a)
{
	static const uint8_t ansi2pc[8] = {0, 4, 2, 6, 1, 5, 3, 7};

	if (a >= 30 && a <= 37)
		st->fg = ansi2pc[a - 30];
	else if (a >= 40 && a <= 47)
		st->bg = ansi2pc[a - 40];
	else if (a == 0)
		*st = (struct sgr_state){.fg = 7, .intensity = 1};
	else if (a == 1 || a == 2)
		st->intensity = a == 1 ? 2 : 0;
	else if (a == 21 || a == 22)
		st->intensity = 1;
	else if (a == 4 || a == 24)
		st->underline = a == 4;
	else if (a == 5 || a == 25)
		st->blink = a == 5;
	else if (a == 7 || a == 27)
		st->reverse = a == 7;
	else if (a == 38 || a == 39) {
		st->fg = 7;
		st->underline = a == 38;
	} else if (a == 49)
		st->bg = 7; /* sic: ansi.c's value */
}

uint8_t menu_ansi_to_attr(const char *sgr, uint8_t dflt)
{
	struct sgr_state st = {
	    .fg = dflt & 7,
	    .bg = (dflt >> 4) & 7,
	    .intensity = (dflt & 8) ? 2 : 1,
	    .blink = (dflt & 0x80) != 0,
	};
	int fg, bg, a = 0;

	if (!sgr || !*sgr)
		return dflt;
	for (;; sgr++) {
		if (*sgr >= '0' && *sgr <= '9') {
			if (a < SGR_MAX)
				a = a * 10 + (*sgr - '0');
		} else if (*sgr == ';' || !*sgr) {
			sgr_apply(&st, a);
			a = 0;
			if (!*sgr)
				break;
		}
	}
	bg = st.bg;
	fg = st.underline ? 1 : st.intensity == 0 ? 8 : st.fg;
	if (st.reverse) {
		bg = fg & 7;
		fg = (fg & 8) | st.bg;
	}
	if (st.blink)
		bg ^= 8;
	if (st.intensity == 2)
		fg ^= 8;
	return (uint8_t)(bg << 4 | fg);
}

void menu_ui_layout(struct menu_ui *u)
{
	const struct cfg_menu *m = &cfg_model(u->cfg)->menus[u->menu];

	for (unsigned i = 0; i < CFG_MP_COUNT; i++) {
		int v = m->param[i];

		if (i == CFG_MP_WIDTH && v == 0)
			v = (int)u->scr.cols;
		if (v < 0)
			v = v + (int)u->scr.rows > 0 ? v + (int)u->scr.rows : 0;
		u->param[i] = v;
	}
	for (unsigned i = 0; i < CFG_MC_COUNT; i++)
		u->attr[i] = menu_ansi_to_attr(
		    cfg_menu_color(u->cfg, u->menu, (enum cfg_menu_color)i),
		    0x07);
}

void ui_put(const struct menu_ui *u, int row, int col, uint8_t attr,
	    const char *s, size_t n)
{
	if (row < 0 || (unsigned)row >= u->scr.rows || !u->scr.put)
		return;
	if (col < 0) {
		if ((size_t)-col >= n)
			return;
		s += -col;
		n -= (size_t)-col;
		col = 0;
	}
	if ((unsigned)col >= u->scr.cols)
		return;
	if (n > u->scr.cols - (unsigned)col)
		n = u->scr.cols - (unsigned)col;
	if (n)
		u->scr.put(u->scr.ctx, (unsigned)row, (unsigned)col, attr, s,
			   n);
}

void ui_fill(const struct menu_ui *u, int row, int col, uint8_t attr, char ch,
	     int n)
{
	char buf[32];

	memset(buf, ch, sizeof(buf));
	if (n > (int)u->scr.cols)
		n = (int)u->scr.cols; /* the rest is off the screen */
	while (n > 0) {
		int k = n < (int)sizeof(buf) ? n : (int)sizeof(buf);

		ui_put(u, row, col, attr, buf, (size_t)k);
		col += k;
		n -= k;
	}
}

void ui_clear(const struct menu_ui *u)
{
	if (u->scr.clear)
		u->scr.clear(u->scr.ctx, u->attr[CFG_MC_SCREEN]);
}

void ui_erase_row(const struct menu_ui *u, int ansi_row)
{
	ui_fill(u, (int)ui_row(ansi_row), 0, u->attr[CFG_MC_SCREEN], ' ',
		(int)u->scr.cols);
}

void ui_park_cursor(const struct menu_ui *u, bool show)
{
	unsigned r = ui_row(UI_P(u, ENDROW));

	if (u->scr.cursor && u->scr.rows)
		u->scr.cursor(u->scr.ctx, r < u->scr.rows ? r : u->scr.rows - 1,
			      0, show);
}

/* One box line: left corner, WIDTH - 2*MARGIN - 2 rules, right corner. */
static void box_line(const struct menu_ui *u, int ansi_row, char l, char r)
{
	int col = UI_P(u, HSHIFT) + UI_P(u, MARGIN);
	int inner = UI_P(u, WIDTH) - 2 * UI_P(u, MARGIN) - 2;
	uint8_t a = u->attr[CFG_MC_BORDER];

	if (inner < 0)
		inner = 0;
	ui_put(u, (int)ui_row(ansi_row), col, a, &l, 1);
	ui_fill(u, (int)ui_row(ansi_row), col + 1, a, (char)BOX_H, inner);
	ui_put(u, (int)ui_row(ansi_row), col + 1 + inner, a, &r, 1);
}

/* The inner width of a row: WIDTH - 2*MARGIN - 4, within the screen. */
static int row_width(const struct menu_ui *u)
{
	int w = UI_P(u, WIDTH) - 2 * UI_P(u, MARGIN) - 4;

	if (w < 0)
		return 0;
	return w > (int)u->scr.cols ? (int)u->scr.cols : w;
}

/* The text an entry shows: MENU LABEL as written (^ kept), else its
 * label's name; a separator shows nothing. */
static const char *entry_text(const struct menu_ui *u,
			      const struct cfg_menu_entry *e)
{
	if (e->display)
		return cfg_menu_str(u->cfg, e->display);
	if (e->action == CFG_MA_BOOT && e->label < u->cfg->nlabels)
		return u->cfg->labels[e->label].name;
	return "";
}

/* display_entry(): the text in attr, the hotkey's character after its
 * ^ in hot, blanks to width, " >" for a submenu and " <" for MENU EXIT. */
static void draw_entry(const struct menu_ui *u, int row, int col,
		       const struct cfg_menu_entry *e, uint8_t attr,
		       uint8_t hot, int width)
{
	const char *p = entry_text(u, e);
	unsigned hk = (unsigned char)e->hotkey & ~0x20u;
	char marker = e->action == CFG_MA_SUBMENU ? '>'
		      : e->action == CFG_MA_EXIT  ? '<'
						  : 0;
	int indent = e->indent;

	if (marker)
		width = width > 2 ? width - 2 : 0;
	for (; width > 0 && indent > 0; width--, indent--)
		ui_put(u, row, col++, attr, " ", 1);
	while (width > 0) {
		if (*p == '^') {
			p++;
			if (*p && e->hotkey &&
			    ((unsigned char)*p & ~0x20u) == hk) {
				ui_put(u, row, col++, hot, p++, 1);
				width--;
			}
		} else if (*p) {
			ui_put(u, row, col++, attr, p++, 1);
			width--;
		} else {
			ui_fill(u, row, col, attr, ' ', width);
			col += width;
			width = 0;
		}
	}
	if (marker) {
		char m[2] = {' ', marker};

		ui_put(u, row, col, attr, m, 2);
	}
}

/* The scrollbar's thumb rows (1-based, as draw_menu computes them), or
 * sbtop = 0 when every item fits. */
static void scrollbar(const struct menu_ui *u, int *sbtop, int *sbbot)
{
	int rows = UI_P(u, ROWS), n = u->nitems, len;

	*sbtop = *sbbot = 0;
	if (n <= rows)
		return;
	len = rows * rows / n > 1 ? rows * rows / n : 1;
	*sbtop = (rows - len + 1) * u->top / (n - rows + 1) + UI_P(u, VSHIFT);
	*sbbot = *sbtop + len - 1 + 4;
	*sbtop += 4;
}

void ui_draw_row(const struct menu_ui *u, int i, int sel)
{
	int it = u->top + i, y = 4 + UI_P(u, VSHIFT) + i;
	int row = (int)ui_row(y), col = UI_P(u, HSHIFT) + UI_P(u, MARGIN);
	int width = row_width(u), sbtop, sbbot;
	bool dis = it < u->nitems && ui_disabled(ui_item(u, it));
	uint8_t attr = u->attr[it == sel ? CFG_MC_SEL
			       : dis	 ? CFG_MC_DISABLED
					 : CFG_MC_UNSEL];
	uint8_t hot = u->attr[it == sel ? CFG_MC_HOTSEL
			      : dis	? CFG_MC_DISABLED
					: CFG_MC_HOTKEY];
	char v = (char)BOX_V, bar = (char)SCROLL;

	ui_put(u, row, col, u->attr[CFG_MC_BORDER], &v, 1);
	ui_put(u, row, col + 1, attr, " ", 1);
	if (it < u->nitems)
		draw_entry(u, row, col + 2, ui_item(u, it), attr, hot, width);
	else
		ui_fill(u, row, col + 2, attr, ' ', width);
	ui_put(u, row, col + 2 + width, attr, " ", 1);
	scrollbar(u, &sbtop, &sbbot);
	if (sbtop && y >= sbtop && y <= sbbot)
		ui_put(u, row, col + 3 + width, u->attr[CFG_MC_SCROLLBAR], &bar,
		       1);
	else
		ui_put(u, row, col + 3 + width, u->attr[CFG_MC_BORDER], &v, 1);
}

void ui_draw_menu(const struct menu_ui *u, int sel, bool tab)
{
	const struct cfg_menu *m = &cfg_model(u->cfg)->menus[u->menu];
	int vs = UI_P(u, VSHIFT), col = UI_P(u, HSHIFT) + UI_P(u, MARGIN);
	int width = row_width(u), rows = UI_P(u, ROWS), row, len, n;
	const char *title = cfg_menu_str(u->cfg, m->title), *msg;
	char v = (char)BOX_V;

	box_line(u, vs + 1, (char)BOX_TL, (char)BOX_TR);
	/* The title centred in the row (pad_line align 1), cut at its
	 * width. */
	row = (int)ui_row(vs + 2);
	ui_put(u, row, col, u->attr[CFG_MC_BORDER], &v, 1);
	ui_fill(u, row, col + 1, u->attr[CFG_MC_TITLE], ' ', width + 2);
	n = (int)strlen(title) < width ? (int)strlen(title) : width;
	ui_put(u, row, col + 2 + (width - n) / 2, u->attr[CFG_MC_TITLE], title,
	       (size_t)n);
	ui_put(u, row, col + 3 + width, u->attr[CFG_MC_BORDER], &v, 1);
	box_line(u, vs + 3, (char)BOX_LT, (char)BOX_RT);
	/* Rows below the screen draw nothing: stop there. */
	for (int i = 0; i < rows && (int)ui_row(4 + vs + i) < (int)u->scr.rows;
	     i++)
		ui_draw_row(u, i, sel);
	box_line(u, 4 + vs + rows, (char)BOX_BL, (char)BOX_BR);

	msg = tab && u->cfg->allow_options && !m->master_passwd
		  ? cfg_menu_msg(u->cfg, u->menu, CFG_MSG_TABMSG)
		  : cfg_menu_msg(u->cfg, u->menu, CFG_MSG_NOTABMSG);
	len = (int)strlen(msg);
	ui_put(u, (int)ui_row(UI_P(u, TABMSGROW) + vs),
	       UI_P(u, HSHIFT) + ((UI_P(u, WIDTH) - len) >> 1),
	       u->attr[CFG_MC_TABMSG], msg, (size_t)len);
	ui_park_cursor(u, false);
}

void ui_draw_help(const struct menu_ui *u, const char *text)
{
	int row = UI_P(u, HELPMSGROW) + UI_P(u, VSHIFT);
	int end = UI_P(u, HELPMSGENDROW), col = 0;
	uint8_t a = u->attr[text ? CFG_MC_HELP : CFG_MC_SCREEN];

	/* Past the screen's width a line is cut (menu.c32's terminal would
	 * wrap it onto the next row). */
	for (const char *p = text ? text : ""; *p && row <= end; p++) {
		if (*p == '\n') {
			ui_fill(u, (int)ui_row(row), col, a, ' ',
				(int)u->scr.cols - col);
			row++;
			col = 0;
		} else if (*p != '\r' && *p != '\f' && *p != '\v' &&
			   *p != '\033' && col < (int)u->scr.cols) {
			ui_put(u, (int)ui_row(row), col++, a, p, 1);
		}
	}
	/* The rest of the last row written, then every row to the end. */
	ui_fill(u, (int)ui_row(row), col, a, ' ', (int)u->scr.cols - col);
	if (end > (int)u->scr.rows)
		end = (int)u->scr.rows;
	for (row++; row <= end; row++)
		ui_fill(u, (int)ui_row(row), 0, a, ' ', (int)u->scr.cols);
}
