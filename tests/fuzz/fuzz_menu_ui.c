// SPDX-License-Identifier: BSD-2-Clause
/* libFuzzer target for the menu (cmdline/menu_ui*.c): the input is a
 * config, a NUL, a screen size (rows, cols: two bytes) and keys (a byte
 * below 0xE0 is that key, 0xE0 and up the extended keys KEY_UP..F12).
 * Checks that nothing is drawn outside the screen and that a boot only
 * ever hands back a listed, selectable label of the shown menu (as
 * chosen or edited) or a MENU HIDDENKEY command. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline/config.h"
#include "cmdline/menu_ui.h"
#include "tests/unit/support/fake_screen.h"

static struct cfg cfg; /* ~200 KiB: not on the stack */
static struct fake_screen fs;
static struct menu_ui ui;
static struct cfg_menu_model model; /* cfg.menu */

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_menu_ui: %s\n", what);
	abort();
}

static int key_of(uint8_t b)
{
	if (b < 0xE0)
		return b;
	return KEY_UP + (b - 0xE0) % (KEY_F12 - KEY_UP + 1);
}

static bool is_hiddenkey_command(const char *line)
{
	for (unsigned i = 0; i < cfg.menu->nhiddenkeys; i++)
		if (!strcmp(line, cfg_menu_str(
				      &cfg, cfg.menu->hiddenkeys[i].command)))
			return true;
	return false;
}

/* MENU_DO_BOOT: a label of the shown menu that Enter may choose, by
 * name when not edited; else (no label) a MENU HIDDENKEY command from
 * the hidden menu. */
static void check_boot(bool was_hidden)
{
	const struct cfg_menu_entry *e;
	const struct cfg_label *l;

	if (ui.label < 0) {
		if (!was_hidden || ui.typed || !is_hiddenkey_command(ui.line))
			fail("a boot that is no entry and no hidden key");
		return;
	}
	if ((unsigned)ui.label >= cfg.nlabels)
		fail("boot label out of range");
	l = &cfg.labels[ui.label];
	if (cfg.menu->label_entry[ui.label] >= cfg.menu->nentries)
		fail("booted label has no menu entry");
	e = &cfg.menu->entries[cfg.menu->label_entry[ui.label]];
	if (e->action != CFG_MA_BOOT || e->hidden || e->menu != ui.menu)
		fail("booted an entry that cannot be chosen in this menu");
	if (e->label != ui.label)
		fail("entry and label disagree");
	if (!ui.typed && strcmp(ui.line, l->name))
		fail("an unedited entry boots another line than its name");
	if (ui.typed && !cfg.allow_options)
		fail("an edited line under ALLOWOPTIONS 0");
}

static void check_screen(void)
{
	if (fs.oob)
		fail("drawn outside the screen");
	if (ui.sel >= ui.nitems && ui.nitems)
		fail("highlight past the items");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t clen = nul ? (size_t)(nul - data) : size, i;
	char *text = malloc(clen + 1);
	int t;

	if (!text)
		fail("out of memory");
	memcpy(text, data, clen);
	cfg_parse_menu(&cfg, &model, text, clen, NULL);
	i = clen + 1;
	fake_screen_init(&fs, i < size ? 1 + data[i] % 25 : 25,
			 i + 1 < size ? 1 + data[i + 1] % 80 : 80);
	i += 2;
	menu_ui_start(&ui, &cfg, &fs.scr);
	check_screen();
	for (; i < size; i++) {
		bool hidden = ui.mode == MENU_UI_HIDDEN;
		int k = key_of(data[i]);

		if (data[i] == 0xFF) { /* a countdown tick instead */
			menu_ui_countdown(&ui, i + 1 < size ? data[++i] : 0);
			check_screen();
			continue;
		}
		switch (menu_ui_key(&ui, k)) {
		case MENU_DO_BOOT:
			check_boot(hidden);
			menu_ui_start(&ui, &cfg, &fs.scr);
			break;
		case MENU_DO_PROMPT:
			menu_ui_start(&ui, &cfg, &fs.scr);
			break;
		case MENU_DO_FKEY:
			if (ui.fkey < 1 || ui.fkey > 12)
				fail("F-key out of range");
			menu_ui_redraw(&ui);
			break;
		case MENU_DO_HELP:
			menu_ui_redraw(&ui);
			break;
		case MENU_DO_ASK_MASTER:
			if (k & 1)
				menu_ui_edit(&ui);
			else
				menu_ui_redraw(&ui);
			break;
		case MENU_DO_ASK_PASSWD:
			if (!ui.passwd)
				fail("asks for no password");
			if (!(k & 1)) {
				menu_ui_redraw(&ui);
				break;
			}
			/* Entries that ask on Enter never boot a label. */
			switch (menu_ui_passwd_ok(&ui)) {
			case MENU_DO_BOOT:
				fail("a password answered boots");
				break;
			case MENU_DO_PROMPT:
				menu_ui_start(&ui, &cfg, &fs.scr);
				break;
			case MENU_DO_HELP:
				menu_ui_redraw(&ui);
				break;
			default:
				break;
			}
			break;
		default:
			break;
		}
		check_screen();
	}
	t = menu_ui_timeout_label(&ui);
	if (t >= (int)cfg.nlabels ||
	    (t >= 0 && strcmp(menu_ui_timeout_line(&ui), cfg.labels[t].name)))
		fail("timeout label is not the timeout line's");
	free(text);
	return 0;
}
