// SPDX-License-Identifier: BSD-2-Clause
/* The menu's state machine, key by key as menu.c32's run_menu() and
 * edit_cmdline() (SYSLINUX 6.04 menumain.c) handle them: moving over the
 * items (separators and MENU DISABLE skipped), hotkeys, Enter, Tab
 * editing, Esc, submenus, MENU HIDDEN. Drawing is menu_ui_draw.c's. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cmdline/menu_ui_internal.h"

static int imax(int a, int b)
{
	return a > b ? a : b;
}

static int imin(int a, int b)
{
	return a < b ? a : b;
}

static const char *item_help(const struct menu_ui *u, int i)
{
	const struct cfg_menu_entry *e;

	if (i < 0 || i >= u->nitems)
		return NULL;
	e = ui_item(u, i);
	return e->help ? cfg_menu_str(u->cfg, e->help) : NULL;
}

/* The top of run_menu()'s loop: off either end, step back over
 * disabled items; then scroll so the highlighted one shows. sel and top
 * are ints here: the keys may take them below 0. */
static void normalize(struct menu_ui *u, int sel, int top)
{
	int n = u->nitems, rows = UI_P(u, ROWS);

	if (sel <= 0) {
		sel = 0;
		while (sel < n && ui_disabled(ui_item(u, sel)))
			sel++;
	}
	if (sel >= n - 1) {
		sel = n - 1;
		while (sel > 0 && ui_disabled(ui_item(u, sel)))
			sel--;
	}
	if (sel < 0)
		sel = 0; /* an empty menu */
	if (top < 0 || top < sel - rows + 1)
		top = imax(0, sel - rows + 1);
	else if (top > sel || top > imax(0, n - rows))
		top = imin(sel, imax(0, n - rows));
	u->sel = (uint16_t)sel;
	u->top = (uint16_t)top;
}

void ui_draw_list(struct menu_ui *u)
{
	ui_clear(u);
	ui_draw_menu(u, u->sel, true);
	ui_draw_help(u, item_help(u, u->sel));
}

/* Shows menu m: its listed entries, layout and colours, where it was
 * left, or first at its default entry (or `entry`, the start). */
static void enter_menu(struct menu_ui *u, unsigned m, unsigned entry)
{
	const struct cfg_menu_model *mm = cfg_model(u->cfg);
	int sel = 0;

	if (u->menu < CFG_MAX_MENUS && u->menu_seen[u->menu]) {
		u->menu_sel[u->menu] = u->sel;
		u->menu_top[u->menu] = u->top;
	}
	u->menu = (uint8_t)m;
	u->nitems = 0;
	for (unsigned i = 0; i < mm->nentries && i < CFG_MAX_ENTRIES; i++)
		if (mm->entries[i].menu == m && !mm->entries[i].hidden)
			u->items[u->nitems++] = (uint16_t)i;
	menu_ui_layout(u);
	if (u->menu_seen[m]) {
		normalize(u, u->menu_sel[m], u->menu_top[m]);
		return;
	}
	u->menu_seen[m] = true;
	if (entry == CFG_ENTRY_NONE)
		entry = mm->menus[m].defentry;
	for (int i = 0; i < u->nitems; i++)
		if (u->items[i] == entry)
			sel = i;
	normalize(u, sel, 0);
}

void menu_ui_start(struct menu_ui *u, const struct cfg *c,
		   const struct menu_screen *scr)
{
	unsigned m = 0, e = CFG_ENTRY_NONE;

	memset(u, 0, sizeof(*u));
	u->cfg = c;
	u->scr = *scr;
	u->label = -1;
	if (!cfg_menu_start(c, &m, &e) || m >= cfg_model(c)->nmenus) {
		m = 0;
		e = CFG_ENTRY_NONE;
	}
	u->start_menu = (uint8_t)m;
	u->start_entry = (uint16_t)e;
	u->menu = CFG_MENU_NONE;
	enter_menu(u, m, e);
	if (cfg_model(c)->hidden) {
		u->mode = MENU_UI_HIDDEN;
		ui_clear(u);
		ui_park_cursor(u, false);
		return;
	}
	ui_draw_list(u);
}

/* Leaving the menu for a boot or the prompt: MENU CLEAR clears it, and
 * the cursor goes to ENDROW (menumain.c main()). */
enum menu_do ui_leave(struct menu_ui *u, enum menu_do what)
{
	if (cfg_model(u->cfg)->clear)
		ui_clear(u);
	ui_park_cursor(u, true);
	return what;
}

void ui_unhighlight(struct menu_ui *u)
{
	ui_draw_row(u, u->sel - u->top, -1);
}

/* The entry's action, its password (if any) given. */
static enum menu_do act(struct menu_ui *u)
{
	const struct cfg_menu_entry *e;

	if (!u->nitems)
		return MENU_DO_NOTHING;
	e = ui_item(u, u->sel);
	switch (e->action) {
	case CFG_MA_BOOT:
		if (e->label >= u->cfg->nlabels)
			return MENU_DO_NOTHING;
		u->label = e->label;
		u->typed = false;
		u->ktype = CFG_KT_KERNEL;
		ui_set_line(u, u->cfg->labels[e->label].name);
		return ui_leave(u, MENU_DO_BOOT);
	case CFG_MA_SUBMENU:
	case CFG_MA_GOTO:
	case CFG_MA_EXIT:
		if (e->submenu >= cfg_model(u->cfg)->nmenus)
			return MENU_DO_NOTHING;
		enter_menu(u, e->submenu, CFG_ENTRY_NONE);
		ui_draw_list(u);
		return MENU_DO_NOTHING;
	case CFG_MA_QUIT:
		ui_unhighlight(u);
		return ui_leave(u, MENU_DO_PROMPT);
	case CFG_MA_HELP:
		ui_set_line(u, cfg_menu_str(u->cfg, e->target));
		return MENU_DO_HELP;
	default:
		return MENU_DO_NOTHING;
	}
}

/* Enter: a protected entry asks first; a label's password is asked
 * by the caller when it boots (cfg_boot.passwd). */
static enum menu_do enter(struct menu_ui *u)
{
	const struct cfg_menu_entry *e;

	if (!u->nitems)
		return MENU_DO_NOTHING;
	e = ui_item(u, u->sel);
	if (e->passwd && e->action != CFG_MA_BOOT &&
	    e->action != CFG_MA_DISABLED && e->action != CFG_MA_SEPARATOR) {
		u->passwd = e->passwd;
		u->passwd_tab = false;
		return MENU_DO_ASK_PASSWD;
	}
	return act(u);
}

enum menu_do menu_ui_passwd_ok(struct menu_ui *u)
{
	enum menu_do what;

	if (u->mode != MENU_UI_LIST)
		return MENU_DO_NOTHING;
	if (u->passwd_tab) {
		u->passwd_tab = false;
		ui_start_edit(u, true);
		return MENU_DO_NOTHING;
	}
	/* The password box is drawn over the menu: draw it again, unless
	 * the entry drew a new one or leaves. */
	what = act(u);
	if (what == MENU_DO_NOTHING && u->mode == MENU_UI_LIST)
		ui_draw_list(u);
	return what;
}

void menu_ui_redraw(struct menu_ui *u)
{
	switch (u->mode) {
	case MENU_UI_HIDDEN:
		ui_clear(u);
		ui_park_cursor(u, false);
		break;
	case MENU_UI_EDIT:
		ui_clear(u);
		ui_draw_menu(u, -1, true);
		ui_erase_row(u, UI_P(u, TABMSGROW) + UI_P(u, VSHIFT));
		ui_draw_cmdline(u, 0);
		break;
	default:
		ui_draw_list(u);
		break;
	}
}

void menu_ui_countdown(struct menu_ui *u, unsigned seconds)
{
	int row = u->mode == MENU_UI_HIDDEN
		      ? UI_P(u, HIDDENROW)
		      : UI_P(u, TIMEOUTROW) + UI_P(u, VSHIFT);

	if (u->mode == MENU_UI_EDIT)
		return; /* Tab stopped it */
	if (!seconds) {
		ui_erase_row(u, row);
		u->countdown_len = 0;
		return;
	}
	ui_draw_countdown(u, row, seconds,
			  cfg_menu_msg(u->cfg, u->menu, CFG_MSG_AUTOBOOT));
	ui_park_cursor(u, false);
}

/* The list's moving keys (run_menu()'s cases); false if key is none. */
static bool move(struct menu_ui *u, int key, int *sel, int *top)
{
	int rows = UI_P(u, ROWS), n = u->nitems;
	int s = *sel, t = *top;

	switch (key) {
	case KEY_UP:
	case KEY_CTRL('P'):
		while (s > 0) {
			if (--s < t)
				t -= rows;
			if (!ui_disabled(ui_item(u, s)))
				break;
		}
		break;
	case KEY_DOWN:
	case KEY_CTRL('N'):
		while (s < n - 1) {
			if (++s >= t + rows)
				t += rows;
			if (!ui_disabled(ui_item(u, s)))
				break;
		}
		break;
	case KEY_PGUP:
	case KEY_LEFT:
	case KEY_CTRL('B'):
	case '<':
		s -= rows;
		t -= rows;
		while (s > 0 && ui_disabled(ui_item(u, s)))
			if (--s < t)
				t -= rows;
		break;
	case KEY_PGDN:
	case KEY_RIGHT:
	case KEY_CTRL('F'):
	case '>':
	case ' ':
		s += rows;
		t += rows;
		while (s < n - 1 && ui_disabled(ui_item(u, s)))
			if (++s >= t + rows)
				t += rows;
		break;
	case '-':
		while (s > 0) {
			s--;
			t--;
			if (!ui_disabled(ui_item(u, s)))
				break;
		}
		break;
	case '+':
		while (s < n - 1) {
			s++;
			t++;
			if (!ui_disabled(ui_item(u, s)))
				break;
		}
		break;
	case KEY_HOME:
	case KEY_CTRL('A'):
		s = t = 0;
		break;
	case KEY_END:
	case KEY_CTRL('E'):
		s = n - 1;
		t = imax(0, n - rows);
		break;
	default:
		return false;
	}
	*sel = s;
	*top = t;
	return true;
}

/* menu.c32 folds a key and a hotkey to upper case (bit 5 off). */
static int hotkey_item(const struct menu_ui *u, int key)
{
	unsigned k = (unsigned)key & ~0x20u;

	for (int i = 0; i < u->nitems; i++) {
		const struct cfg_menu_entry *e = ui_item(u, i);

		if (e->hotkey && ((unsigned char)e->hotkey & ~0x20u) == k)
			return i;
	}
	return -1;
}

/* Draws what a move changed: the whole menu when it scrolled, else the
 * two rows; and the help of the highlighted item. */
static void show_move(struct menu_ui *u, int old_sel, int old_top)
{
	if (u->top != old_top) {
		ui_draw_menu(u, u->sel, true);
	} else if (u->sel != old_sel) {
		ui_draw_row(u, old_sel - u->top, u->sel);
		ui_draw_row(u, u->sel - u->top, u->sel);
	} else {
		return;
	}
	ui_draw_help(u, item_help(u, u->sel));
}

static enum menu_do list_key(struct menu_ui *u, int key)
{
	const int old_sel = u->sel, old_top = u->top;
	int sel = old_sel, top = old_top, h;
	const struct cfg_menu *m = &cfg_model(u->cfg)->menus[u->menu];

	if (move(u, key, &sel, &top)) {
		normalize(u, sel, top);
		show_move(u, old_sel, old_top);
		return MENU_DO_NOTHING;
	}
	switch (key) {
	case KEY_ENTER:
		return enter(u);
	case KEY_CTRL('L'):
		ui_draw_list(u);
		return MENU_DO_NOTHING;
	case KEY_TAB:
		if (!u->cfg->allow_options || !u->nitems ||
		    ui_item(u, u->sel)->action != CFG_MA_BOOT)
			return MENU_DO_NOTHING;
		if (m->master_passwd) {
			ui_unhighlight(u);
			return MENU_DO_ASK_MASTER;
		}
		if (ui_item(u, u->sel)->passwd) {
			ui_unhighlight(u);
			u->passwd = ui_item(u, u->sel)->passwd;
			u->passwd_tab = true;
			return MENU_DO_ASK_PASSWD;
		}
		ui_start_edit(u, false);
		return MENU_DO_NOTHING;
	case KEY_ESC:
	case KEY_CTRL('C'):
		if (m->parent != CFG_MENU_NONE) {
			enter_menu(u, m->parent, CFG_ENTRY_NONE);
			ui_draw_list(u);
			return MENU_DO_NOTHING;
		}
		/* menu.c32 leaves only when ALLOWOPTIONS lets the user type
		 * a line; with NOESCAPE ldlinux's prompt starts the menu
		 * again at once. */
		if (!u->cfg->allow_options)
			return MENU_DO_NOTHING;
		if (u->cfg->noescape) {
			const struct menu_screen scr = u->scr;

			menu_ui_start(u, u->cfg, &scr);
			return MENU_DO_NOTHING;
		}
		ui_unhighlight(u);
		return ui_leave(u, MENU_DO_PROMPT);
	default:
		break;
	}
	if (ui_is_fkey(key)) {
		u->fkey = key - KEY_F1 + 1;
		return MENU_DO_FKEY;
	}
	if (key <= 0 || key >= 0xFF || (h = hotkey_item(u, key)) < 0)
		return MENU_DO_NOTHING;
	normalize(u, h, top);
	show_move(u, old_sel, old_top);
	if (ui_item(u, u->sel)->immediate)
		return enter(u);
	return MENU_DO_NOTHING;
}

enum menu_do menu_ui_key(struct menu_ui *u, int key)
{
	const char *cmd;

	u->label = -1;
	u->typed = false;
	switch (u->mode) {
	case MENU_UI_EDIT:
		return ui_edit_key(u, key);
	case MENU_UI_HIDDEN:
		if (key == KEY_NONE)
			return MENU_DO_NOTHING;
		/* Any key shows the menu; a MENU HIDDENKEY boots. */
		cmd = ui_hidden_key(u, key);
		u->mode = MENU_UI_LIST;
		if (cmd) {
			ui_set_line(u, cmd);
			u->ktype = CFG_KT_KERNEL;
			return ui_leave(u, MENU_DO_BOOT);
		}
		ui_draw_list(u);
		return MENU_DO_NOTHING;
	default:
		return list_key(u, key);
	}
}
