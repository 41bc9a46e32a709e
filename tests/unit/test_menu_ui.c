// SPDX-License-Identifier: BSD-2-Clause
/* The menu as menu.c32 shows it (cmdline/menu_ui*.c) on a fake 25x80
 * screen: where each part is drawn and in which colour, moving over the
 * items, hotkeys, submenus, scrolling, and what Enter hands back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tests/unit/support/cfg_test.h"
#include "tests/unit/support/menu_ui_test.h"

static void test_ansi_to_attr(void **state)
{
	(void)state;
	/* colors.c's table, each as menu.c32's terminal shows it. */
	assert_int_equal(menu_ansi_to_attr("37;40", 0x07), 0x07);
	assert_int_equal(menu_ansi_to_attr("30;44", 0x07), 0x10);
	assert_int_equal(menu_ansi_to_attr("1;36;44", 0x07), 0x1B);
	assert_int_equal(menu_ansi_to_attr("37;44", 0x07), 0x17);
	assert_int_equal(menu_ansi_to_attr("1;37;44", 0x07), 0x1F);
	assert_int_equal(menu_ansi_to_attr("7;37;40", 0x07), 0x70);
	assert_int_equal(menu_ansi_to_attr("1;7;37;40", 0x07), 0x78);
	assert_int_equal(menu_ansi_to_attr("31;40", 0x07), 0x04);
	assert_int_equal(menu_ansi_to_attr("1;30;44", 0x07), 0x18);
	assert_int_equal(menu_ansi_to_attr("1;36;40", 0x07), 0x0B);
	/* Blink sets the background's high bit, dim is dark grey,
	 * underline blue; 0 resets; "" keeps the default. */
	assert_int_equal(menu_ansi_to_attr("5;37;44", 0x07), 0x97);
	assert_int_equal(menu_ansi_to_attr("2", 0x07), 0x08);
	assert_int_equal(menu_ansi_to_attr("4;44", 0x07), 0x11);
	assert_int_equal(menu_ansi_to_attr("1;32;41;0", 0x07), 0x07);
	assert_int_equal(menu_ansi_to_attr("", 0x1E), 0x1E);
	assert_int_equal(menu_ansi_to_attr("33", 0x1E), 0x1E);
	assert_int_equal(menu_ansi_to_attr("99999999;34", 0x07), 0x01);
}

/* The box, title, rows, [Tab] message and help as draw_menu() lays
 * them out with the default layout. */
static void test_screen_layout(void **state)
{
	(void)state;
	start(installer);
	/* The border: single-line box from MARGIN 10 to WIDTH-MARGIN. */
	assert_int_equal((uint8_t)fs.ch[0][10], 0xDA);
	assert_int_equal((uint8_t)fs.ch[0][11], 0xC4);
	assert_int_equal((uint8_t)fs.ch[0][68], 0xC4);
	assert_int_equal((uint8_t)fs.ch[0][69], 0xBF);
	assert_int_equal(fs.ch[0][70], ' ');
	assert_attr(0, 10, 60, A_BORDER);
	assert_int_equal((uint8_t)fs.ch[2][10], 0xC3);
	assert_int_equal((uint8_t)fs.ch[2][69], 0xB4);
	assert_int_equal((uint8_t)fs.ch[15][10], 0xC0);
	assert_int_equal((uint8_t)fs.ch[15][69], 0xD9);
	/* The title, centred in its own colour (MENU COLOR title). */
	assert_at(1, 32, "Bzboot Installer");
	assert_attr(1, 11, 58, 0x1E);
	assert_int_equal((uint8_t)fs.ch[1][10], 0xB3);
	/* Rows: "Install" with its I in the hotkey colour; MENU DEFAULT
	 * (expert) highlighted, its E in hotsel; the separator and the
	 * disabled entry in the disabled colour; a submenu's " >". */
	assert_at(3, 12, "Install ");
	assert_attr(3, 12, 1, A_HOTKEY);
	assert_attr(3, 13, 56, A_UNSEL);
	assert_at(4, 12, "Expert install");
	assert_selected(1);
	assert_attr(4, 12, 1, A_HOTSEL);
	assert_attr(4, 13, 56, A_SEL);
	assert_attr(5, 11, 58, A_DISABLED);
	assert_at(5, 11, "                    ");
	assert_at(6, 12, "Rescue mode");
	assert_attr(6, 11, 58, A_DISABLED);
	assert_at(7, 12, "Advanced options");
	assert_at(7, 66, " >");
	assert_at(8, 12, "Boot from hard disk");
	assert_attr(8, 22, 1, A_HOTKEY); /* the h */
	/* Rows past the items are blank, inside the border. */
	assert_at(11, 11, "                                        ");
	assert_int_equal((uint8_t)fs.ch[14][10], 0xB3);
	assert_int_equal((uint8_t)fs.ch[14][69], 0xB3);
	/* TABMSG centred on row 18 (1-based), in its colour. */
	assert_at(17, 26, "Press [Tab] to edit options");
	assert_attr(17, 26, 27, A_TABMSG);
	/* The default entry has no help: the help rows are blank. */
	assert_row(21, "");
	assert_false(fs.cur_shown);
}

/* Up/Down skip the separator and the disabled entry; Home/End,
 * PgUp/PgDn; the help text follows the highlight. */
static void test_moving(void **state)
{
	(void)state;
	start(installer);
	assert_int_equal(key(KEY_DOWN), MENU_DO_NOTHING);
	assert_selected(4);
	assert_attr(4, 13, 56, A_UNSEL); /* expert no longer */
	assert_int_equal(key(KEY_UP), MENU_DO_NOTHING);
	assert_selected(1);
	key(KEY_UP);
	assert_selected(0);
	/* TEXT HELP from HELPMSGROW 22 (1-based), each line cut short. */
	assert_row(21, "   Start the installer.");
	assert_row(22, "   It asks a few questions.");
	assert_attr(21, 0, 80, A_HELP);
	key(KEY_UP); /* at the top: stays */
	assert_selected(0);
	key(KEY_END);
	assert_selected(7);
	assert_row(21, ""); /* help erased */
	key(KEY_HOME);
	assert_selected(0);
	key(KEY_PGDN); /* 12 rows on: past the end, back to the last */
	assert_selected(7);
	key(KEY_PGUP);
	assert_selected(0);
	key('+');
	key('+');
	assert_selected(4); /* '+' too skips the unselectable */
	key(KEY_CTRL('P'));
	assert_selected(1);
}

static void test_enter_boots_label(void **state)
{
	(void)state;
	start(installer);
	assert_int_equal(key(KEY_ENTER), MENU_DO_BOOT);
	assert_string_equal(ui.line, "expert");
	assert_false(ui.typed);
	assert_int_equal(ui.label, 1);
	assert_ptr_equal(&cfg_parsed.labels[ui.label],
			 cfg_test_label("expert"));
	assert_true(fs.cur_shown);
	assert_int_equal(fs.cur_row, 23); /* ENDROW -1 */
}

/* A hotkey selects (folding case); a second Enter acts. Disabled
 * entries have none. */
static void test_hotkeys(void **state)
{
	(void)state;
	start(installer);
	assert_int_equal(key('h'), MENU_DO_NOTHING);
	assert_selected(5);
	assert_int_equal(key('r'), MENU_DO_NOTHING); /* rescue: disabled */
	assert_selected(5);
	assert_int_equal(key('I'), MENU_DO_NOTHING);
	assert_selected(0);
	assert_int_equal(key(KEY_ENTER), MENU_DO_BOOT);
	assert_string_equal(ui.line, "install");
	start(installer);
	assert_int_equal(keys("l\r"), MENU_DO_HELP);
	assert_string_equal(ui.line, "help.txt");
	menu_ui_redraw(&ui);
	assert_selected(6);
	assert_int_equal(keys("q\r"), MENU_DO_PROMPT);
	assert_attr(10, 13, 56, A_UNSEL); /* unhighlighted on leaving */
}

/* A submenu: Enter opens it (title, "<" on MENU EXIT), Esc and the
 * back entry return to the parent where it was left; it remembers its
 * own place. */
static void test_submenu(void **state)
{
	(void)state;
	start(installer);
	assert_int_equal(keys("a\r"), MENU_DO_NOTHING);
	assert_at(1, 32, "Advanced options");
	assert_at(3, 12, "Back..");
	assert_at(3, 66, " <");
	assert_selected(0);
	assert_row(17, "                          Press [Tab] to edit options");
	key(KEY_DOWN);
	assert_selected(1);
	assert_int_equal(key(KEY_ESC), MENU_DO_NOTHING);
	assert_at(1, 32, "Bzboot Installer");
	assert_selected(4);
	key(KEY_ENTER);
	assert_selected(1); /* speech again */
	assert_int_equal(keys("b\r"), MENU_DO_NOTHING);
	assert_at(1, 32, "Bzboot Installer");
	assert_int_equal(keys("a\rs\r"), MENU_DO_BOOT);
	assert_string_equal(ui.line, "speech");
	/* What a timeout boots now: the submenu's default (its first
	 * selectable entry, the back entry opens a menu: nothing). */
	assert_string_equal(menu_ui_timeout_line(&ui), "");
	assert_int_equal(menu_ui_timeout_label(&ui), -1);
}

/* More items than ROWS: the box scrolls and the scrollbar's thumb
 * moves down its right edge. */
static void test_scrolling(void **state)
{
	static char cfg[4096];
	size_t n;

	(void)state;
	n = (size_t)snprintf(cfg, sizeof(cfg), "ui menu.c32\nmenu rows 5\n");
	for (int i = 0; i < 20; i++)
		n += (size_t)snprintf(cfg + n, sizeof(cfg) - n,
				      "label l%02d\n kernel /k%d\n", i, i);
	start(cfg);
	assert_at(3, 12, "l00");
	assert_at(7, 12, "l04");
	assert_int_equal((uint8_t)fs.ch[8][10], 0xC0); /* bottom border */
	/* sblen = 5*5/20 = 1 row, at the top. */
	assert_int_equal((uint8_t)fs.ch[3][69], 0xB1);
	assert_int_equal((uint8_t)fs.ch[4][69], 0xB3);
	key(KEY_END);
	assert_at(3, 12, "l15");
	assert_at(7, 12, "l19");
	assert_selected(4);
	assert_int_equal((uint8_t)fs.ch[7][69], 0xB1);
	assert_int_equal((uint8_t)fs.ch[3][69], 0xB3);
	key(KEY_UP);
	key(KEY_UP);
	key(KEY_UP);
	key(KEY_UP);
	key(KEY_UP); /* off the top: a page back */
	assert_at(3, 12, "l10");
	assert_selected(4);
	key(KEY_PGUP);
	assert_at(3, 12, "l05");
	assert_int_equal(key(KEY_ENTER), MENU_DO_BOOT);
	assert_string_equal(ui.line, "l09");
}

/* The layout directives: VSHIFT, HSHIFT, MARGIN, WIDTH, negative rows
 * counted from the bottom, MENU INDENT, F-keys. */
static void test_layout_params(void **state)
{
	(void)state;
	start("ui menu.c32\nmenu vshift 2\nmenu hshift 3\nmenu margin 5\n"
	      "menu width 60\nmenu helpmsgrow -4\nmenu tabmsgrow -6\n"
	      "menu title T\n"
	      "label a\n menu label ^A\n menu indent 3\n kernel /a\n"
	      " text help\nhelp line\n endtext\n");
	/* The box from column HSHIFT+MARGIN = 8, row VSHIFT = 2, WIDTH -
	 * 2*MARGIN = 50 wide. */
	assert_int_equal((uint8_t)fs.ch[2][8], 0xDA);
	assert_int_equal((uint8_t)fs.ch[2][57], 0xBF);
	assert_at(3, 10 + (46 - 1) / 2, "T");
	assert_at(5, 10, "   A");
	assert_attr(5, 13, 1, A_HOTSEL);
	/* HELPMSGROW -4: row 21 (1-based) + VSHIFT 2 = row 23 (1-based);
	 * TABMSGROW -6 = 19 + 2 = row 21. */
	assert_row(22, "help line");
	assert_at(20, 3 + (60 - 27) / 2, "Press [Tab] to edit options");
	assert_int_equal(key(KEY_F1 + 4), MENU_DO_FKEY);
	assert_int_equal(ui.fkey, 5);
}

/* Nothing is ever drawn outside the screen, whatever the layout. */
static void test_absurd_layout(void **state)
{
	static const char *const cfgs[] = {
	    "ui menu.c32\nmenu width 300\nmenu rows 100\nmenu margin -1\n"
	    "label a\n kernel /a\n text help\nx\n endtext\n",
	    "ui menu.c32\nmenu vshift 30\nmenu hshift 90\nmenu rows 0\n"
	    "menu timeoutrow -30\nmenu helpmsgendrow 300\nlabel a\n kernel "
	    "/a\n",
	    "ui menu.c32\nmenu margin 50\nmenu cmdlinerow 25\nlabel a\n kernel "
	    "/a\n",
	    "ui menu.c32\nmenu begin x\nmenu end\n",
	};

	(void)state;
	for (unsigned i = 0; i < sizeof(cfgs) / sizeof(cfgs[0]); i++) {
		start(cfgs[i]);
		menu_ui_countdown(&ui, 12345);
		keys("\t0123456789012345678901234567890123456789012345678901"
		     "234567890123456789012345678901234567890123456789");
		key(KEY_DOWN);
		key(KEY_END);
		key(KEY_PGDN);
		menu_ui_redraw(&ui);
		key(KEY_ESC);
		key(KEY_ENTER);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ansi_to_attr),
	    cmocka_unit_test(test_screen_layout),
	    cmocka_unit_test(test_moving),
	    cmocka_unit_test(test_enter_boots_label),
	    cmocka_unit_test(test_hotkeys),
	    cmocka_unit_test(test_submenu),
	    cmocka_unit_test(test_scrolling),
	    cmocka_unit_test(test_layout_params),
	    cmocka_unit_test(test_absurd_layout),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
