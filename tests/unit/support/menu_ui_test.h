// SPDX-License-Identifier: BSD-2-Clause
/* Helpers test_menu_ui*.c share: an installer's menu config, the menu
 * started on a fake 25x80 screen, keys fed, the screen read back. They
 * fail the running cmocka test on a mismatch, and whenever anything was
 * drawn outside the screen. */
#ifndef BZ_TESTS_SUPPORT_MENU_UI_TEST_H
#define BZ_TESTS_SUPPORT_MENU_UI_TEST_H

#include <stdint.h>

#include "cmdline/menu_ui.h"
#include "tests/unit/support/fake_screen.h"

/* SYSLINUX's default colours (colors.c) as VGA attributes. */
enum menu_ui_test_attr {
	A_SCREEN = 0x07,
	A_BORDER = 0x10,
	A_UNSEL = 0x17,
	A_HOTKEY = 0x1F,
	A_SEL = 0x70,
	A_HOTSEL = 0x78,
	A_TABMSG = 0x04,
	A_DISABLED = 0x18,
	A_HELP = 0x07,
	A_TIMEOUT = 0x0F,
	A_CMDMARK = 0x0B,
};

/* An installer: labels with ^hotkeys, MENU DEFAULT, TEXT HELP, a
 * separator, a disabled entry, a submenu with a back entry, a MENU HELP
 * entry and a MENU QUIT entry; its own title colour. Items of the top
 * menu: 0 install, 1 expert (MENU DEFAULT), 2 (separator), 3 rescue
 * (disabled), 4 Advanced >, 5 hd, 6 help, 7 quit. */
extern const char menu_ui_test_installer[];

extern struct fake_screen menu_ui_test_screen;
extern struct menu_ui menu_ui_test_ui;

/* Parses text (cfg_test_parse) and starts the menu on a blank screen. */
void menu_ui_test_start(const char *text);
/* The installer with extra lines after it. */
const char *menu_ui_test_with(const char *extra);
/* Feeds one key / each character of s; returns what the last did. */
enum menu_do menu_ui_test_key(int k);
enum menu_do menu_ui_test_keys(const char *s);
/* Row r reads want (trailing blanks ignored); holds want at column c;
 * cols [c, c + n) have attr; item i of the box is highlighted (rows
 * from 3, VSHIFT 0, default margins). */
void menu_ui_test_row(unsigned r, const char *want);
void menu_ui_test_at(unsigned r, unsigned c, const char *want);
void menu_ui_test_attr(unsigned r, unsigned c, unsigned n, uint8_t attr);
void menu_ui_test_selected(unsigned item);

/* The short names the test programs use (include this header last). */
#ifndef MENU_UI_TEST_NO_SHORT_NAMES
#define fs		menu_ui_test_screen
#define ui		menu_ui_test_ui
#define installer	menu_ui_test_installer
#define start		menu_ui_test_start
#define with		menu_ui_test_with
#define key		menu_ui_test_key
#define keys		menu_ui_test_keys
#define assert_row	menu_ui_test_row
#define assert_at	menu_ui_test_at
#define assert_attr	menu_ui_test_attr
#define assert_selected menu_ui_test_selected
#endif

#endif
