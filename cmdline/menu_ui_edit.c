// SPDX-License-Identifier: BSD-2-Clause
/* Tab: editing the highlighted entry's command line as menu.c32's
 * edit_cmdline() does, with the line editor of cmdline/prompt.c, the
 * line drawn at CMDLINEROW from its buffer. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmdline/menu_ui_internal.h"

void ui_start_edit(struct menu_ui *u, bool after_passwd)
{
	const struct cfg_menu_entry *e;

	if (!u->nitems)
		return;
	e = ui_item(u, u->sel);
	if (e->action != CFG_MA_BOOT || e->label >= u->cfg->nlabels ||
	    !u->cfg->allow_options)
		return;
	u->mode = MENU_UI_EDIT;
	prompt_init(&u->edit);
	ui_entry_cmdline(&u->cfg->labels[e->label], u->line, sizeof(u->line));
	for (const char *p = u->line; *p; p++)
		prompt_feed(&u->edit, (unsigned char)*p, NULL, 0);
	if (after_passwd) {
		/* The password box is gone: the menu again, no highlight. */
		ui_clear(u);
		ui_draw_menu(u, -1, false);
	} else {
		/* The [Tab] message and the help give way to the line. */
		ui_unhighlight(u);
		ui_erase_row(u, UI_P(u, TABMSGROW) + UI_P(u, VSHIFT));
		ui_draw_help(u, NULL);
	}
	ui_draw_cmdline(u, 0);
}

void menu_ui_edit(struct menu_ui *u)
{
	ui_start_edit(u, true);
}

/* Ctrl-K: the line from the cursor on goes (only the editor of branch
 * main has a cursor before the end). */
static void kill_to_end(struct prompt_line *l)
{
#ifdef PROMPT_HISTORY
	l->len = l->pos;
	l->buf[l->len] = '\0';
#else
	(void)l;
#endif
}

enum menu_do ui_edit_key(struct menu_ui *u, int key)
{
	size_t prev = u->edit.len;

	switch (key) {
	case KEY_ENTER:
		u->mode = MENU_UI_LIST;
		u->typed = true;
		u->label = ui_item(u, u->sel)->label;
		ui_typed_line(u, u->edit.buf);
		return ui_leave(u, MENU_DO_BOOT);
	case KEY_ESC:
	case KEY_CTRL('C'):
		u->mode = MENU_UI_LIST;
		ui_draw_list(u);
		return MENU_DO_NOTHING;
	case KEY_CTRL('L'):
		menu_ui_redraw(u);
		return MENU_DO_NOTHING;
	case KEY_CTRL('K'):
		kill_to_end(&u->edit);
		break;
	case KEY_CTRL('D'):
		key = KEY_DELETE;
		/* fall through */
	default:
		if (ui_is_fkey(key)) {
			u->fkey = key - KEY_F1 + 1;
			return MENU_DO_FKEY;
		}
		/* menu.c32's editor has no history and no completion. */
		if (key == KEY_UP || key == KEY_DOWN || key == KEY_TAB ||
		    key == KEY_CTRL('P') || key == KEY_CTRL('N'))
			return MENU_DO_NOTHING;
		prompt_feed(&u->edit, key, NULL, 0);
		break;
	}
	ui_draw_cmdline(u, prev);
	return MENU_DO_NOTHING;
}
