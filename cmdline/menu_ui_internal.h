// SPDX-License-Identifier: BSD-2-Clause
/* What menu_ui*.c share: the model accessor, the layout as menu.c32
 * computes it, and the drawing steps of menu_ui_draw.c. */
#ifndef BZ_CMDLINE_MENU_UI_INTERNAL_H
#define BZ_CMDLINE_MENU_UI_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "cmdline/menu_ui.h"

/* Every model read goes through here: struct cfg points to the model
 * the menu module built (c->menu). */
static inline const struct cfg_menu_model *cfg_model(const struct cfg *c)
{
	return c->menu;
}

/* A layout parameter of the shown menu, resolved (menu_ui_layout). */
#define UI_P(u, p) ((u)->param[CFG_MP_##p])

/* menu.c32's rows are 1-based ANSI rows (VSHIFT already added where
 * menumain.c adds it); row 0 and below are clamped to the first. */
static inline unsigned ui_row(int ansi_row)
{
	return ansi_row > 0 ? (unsigned)ansi_row - 1 : 0;
}

/* The shown menu's item i (index in u->items) as a model entry. */
static inline const struct cfg_menu_entry *ui_item(const struct menu_ui *u,
						   int i)
{
	return &cfg_model(u->cfg)->entries[u->items[i]];
}

/* menu.c32's is_disabled(): a separator or MENU DISABLE. */
static inline bool ui_disabled(const struct cfg_menu_entry *e)
{
	return e->action == CFG_MA_DISABLED || e->action == CFG_MA_SEPARATOR;
}

/* menu_ui_draw.c */
/* Layout and colours of menu u->menu for this screen (menumain.c main:
 * WIDTH 0 = the screen's width, a negative value counts from the
 * bottom row). */
void menu_ui_layout(struct menu_ui *u);
/* s[0..n) at row, col, clipped to the screen: nothing is ever drawn
 * outside it, whatever the config's layout says. */
void ui_put(const struct menu_ui *u, int row, int col, uint8_t attr,
	    const char *s, size_t n);
void ui_fill(const struct menu_ui *u, int row, int col, uint8_t attr, char ch,
	     int n);
void ui_clear(const struct menu_ui *u);
/* draw_menu(): the box, the title, the rows (sel = highlighted item or
 * -1), the scrollbar and the [Tab] message; tab: the Tab message may
 * show (else NOTABMSG). */
void ui_draw_menu(const struct menu_ui *u, int sel, bool tab);
/* draw_row() of item row i (0..ROWS-1 below u->top). */
void ui_draw_row(const struct menu_ui *u, int i, int sel);
/* display_help(): the item's TEXT HELP, or NULL to erase the rows. */
void ui_draw_help(const struct menu_ui *u, const char *text);
/* The whole row in the screen colour. */
void ui_erase_row(const struct menu_ui *u, int ansi_row);
/* print_timeout_message(). */
void ui_draw_countdown(struct menu_ui *u, int ansi_row, unsigned secs,
		       const char *msg);
/* The Tab editor's "> " and line at CMDLINEROW, the cursor after it;
 * prev_len: how much of an older, longer line to blank. */
void ui_draw_cmdline(const struct menu_ui *u, size_t prev_len);
void ui_park_cursor(const struct menu_ui *u, bool show);

static inline bool ui_is_fkey(int key)
{
	return key >= KEY_F1 && key <= KEY_F12;
}

/* menu_ui.c */
/* The whole menu again: cleared, drawn, the highlighted item's help. */
void ui_draw_list(struct menu_ui *u);
/* The highlighted row drawn as not highlighted. */
void ui_unhighlight(struct menu_ui *u);
/* Leaving the menu (a boot, the prompt): MENU CLEAR, the cursor. */
enum menu_do ui_leave(struct menu_ui *u, enum menu_do what);

/* menu_ui_edit.c */
/* Tab on the highlighted entry; after_passwd: a password box was
 * drawn over the menu. */
void ui_start_edit(struct menu_ui *u, bool after_passwd);
enum menu_do ui_edit_key(struct menu_ui *u, int key);

/* menu_ui_cmd.c */
/* menu.c32's command line for a label entry (what Tab edits). */
void ui_entry_cmdline(const struct cfg_label *l, char *buf, size_t size);
/* s into u->line, cut to fit. */
void ui_set_line(struct menu_ui *u, const char *s);
/* An edited line into u->line, its ".TYPE " word into u->ktype. */
void ui_typed_line(struct menu_ui *u, const char *line);
/* The MENU HIDDENKEY command for key, NULL if none. */
const char *ui_hidden_key(const struct menu_ui *u, int key);

#endif
