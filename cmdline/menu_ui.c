// SPDX-License-Identifier: BSD-2-Clause
/* menu_ui: STUBS for now (the API menumod compiles against); the
 * behaviour follows in the next commits. */
#include <stddef.h>
#include <string.h>

#include "cmdline/menu_ui.h"

void menu_ui_start(struct menu_ui *u, const struct cfg *c,
		   const struct menu_screen *scr)
{
	memset(u, 0, sizeof(*u));
	u->cfg = c;
	u->scr = *scr;
	u->label = -1;
}

enum menu_do menu_ui_key(struct menu_ui *u, int key)
{
	(void)u;
	(void)key;
	return MENU_DO_NOTHING;
}

void menu_ui_edit(struct menu_ui *u)
{
	(void)u;
}

void menu_ui_passwd_ok(struct menu_ui *u)
{
	(void)u;
}

void menu_ui_redraw(struct menu_ui *u)
{
	(void)u;
}

void menu_ui_countdown(struct menu_ui *u, unsigned seconds)
{
	(void)u;
	(void)seconds;
}

const char *menu_ui_timeout_line(const struct menu_ui *u)
{
	(void)u;
	return "";
}

const char *menu_ui_default_line(const struct menu_ui *u)
{
	(void)u;
	return "";
}

uint8_t menu_ansi_to_attr(const char *sgr, uint8_t dflt)
{
	(void)sgr;
	return dflt;
}
