// SPDX-License-Identifier: BSD-2-Clause
/* Helpers test_menu_ui*.c share (see menu_ui_test.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tests/unit/support/cfg_test.h"
#define MENU_UI_TEST_NO_SHORT_NAMES
#include "tests/unit/support/menu_ui_test.h"

// clang-format off
const char menu_ui_test_installer[] =
	"ui menu.c32\n"
	"timeout 50\n"
	"menu title Bzboot Installer\n"
	"menu color title 1;33;44\n"
	"label install\n"
	"  menu label ^Install\n"
	"  kernel /install/vmlinuz\n"
	"  append vga=788 initrd=/install/initrd.gz --- quiet\n"
	"  text help\n"
	"   Start the installer.\n"
	"   It asks a few questions.\n"
	"  endtext\n"
	"label expert\n"
	"  menu label ^Expert install\n"
	"  menu default\n"
	"  kernel /install/vmlinuz\n"
	"  initrd /install/initrd.gz\n"
	"  append priority=low\n"
	"menu separator\n"
	"label rescue\n"
	"  menu label ^Rescue mode\n"
	"  menu disable\n"
	"  kernel /install/vmlinuz\n"
	"menu begin advanced\n"
	"  menu label ^Advanced options\n"
	"  menu title Advanced options\n"
	"  label mainmenu\n"
	"    menu label ^Back..\n"
	"    menu exit\n"
	"  label speech\n"
	"    menu label ^Speech install\n"
	"    linux /install/vmlinuz\n"
	"    append speakup.synth=soft\n"
	"menu end\n"
	"label hd\n"
	"  menu label Boot from ^hard disk\n"
	"  localboot 0x80\n"
	"label help\n"
	"  menu label He^lp\n"
	"  menu help help.txt\n"
	"label quit\n"
	"  menu label ^Quit to the boot: prompt\n"
	"  menu quit\n";
// clang-format on

struct fake_screen menu_ui_test_screen;
struct menu_ui menu_ui_test_ui;

void menu_ui_test_start(const char *text)
{
	cfg_test_parse(text);
	fake_screen_init(&menu_ui_test_screen, 25, 80);
	menu_ui_start(&menu_ui_test_ui, &cfg_parsed, &menu_ui_test_screen.scr);
	assert_int_equal(menu_ui_test_screen.oob, 0);
}

enum menu_do menu_ui_test_key(int k)
{
	enum menu_do d = menu_ui_key(&menu_ui_test_ui, k);

	assert_int_equal(menu_ui_test_screen.oob, 0);
	return d;
}

enum menu_do menu_ui_test_keys(const char *s)
{
	enum menu_do d = MENU_DO_NOTHING;

	while (*s)
		d = menu_ui_test_key((unsigned char)*s++);
	return d;
}

void menu_ui_test_row(unsigned r, const char *want)
{
	assert_string_equal(fake_screen_row(&menu_ui_test_screen, r), want);
}

void menu_ui_test_at(unsigned r, unsigned c, const char *want)
{
	if (!fake_screen_has(&menu_ui_test_screen, r, c, want))
		fail_msg("row %u col %u: want \"%s\", row is \"%s\"", r, c,
			 want, fake_screen_row(&menu_ui_test_screen, r));
}

/* cols [c, c + n) of row r all have attr. */
void menu_ui_test_attr(unsigned r, unsigned c, unsigned n, uint8_t attr)
{
	for (unsigned i = c; i < c + n; i++)
		if (menu_ui_test_screen.attr[r][i] != attr)
			fail_msg("row %u col %u: attr %02x, want %02x", r, i,
				 menu_ui_test_screen.attr[r][i], attr);
}

/* The highlighted item's row: items start on row 3 (VSHIFT 0). */
void menu_ui_test_selected(unsigned item)
{
	menu_ui_test_attr(3 + item, 11, 1, A_SEL);
	menu_ui_test_attr(3 + item, 68, 1, A_SEL);
}

const char *menu_ui_test_with(const char *extra)
{
	static char buf[4096];

	snprintf(buf, sizeof(buf), "%s%s", menu_ui_test_installer, extra);
	return buf;
}
