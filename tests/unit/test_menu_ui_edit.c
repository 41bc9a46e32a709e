// SPDX-License-Identifier: BSD-2-Clause
/* The menu's other keys and lines (cmdline/menu_ui*.c): Tab editing, Esc,
 * the countdown and what a timeout boots, MENU HIDDEN, MENU IMMEDIATE,
 * passwords. */
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

/* Tab edits menu.c32's command line for the entry (KERNEL, APPEND,
 * initrd=); Enter boots the edited line, Esc goes back to the menu. */
static void test_tab_edit(void **state)
{
	(void)state;
	start(installer);
	assert_int_equal(key(KEY_TAB), MENU_DO_NOTHING);
	assert_row(17,
		   "> /install/vmlinuz priority=low initrd=/install/initrd.gz");
	assert_attr(17, 0, 2, A_CMDMARK);
	assert_attr(17, 2, 10, 0x07);
	assert_attr(4, 13, 56, A_UNSEL); /* no highlight while editing */
	assert_true(fs.cur_shown);
	assert_int_equal(fs.cur_row, 17);
	assert_int_equal(fs.cur_col, 57);
	keys(" nomodeset");
	key(KEY_BACKSPACE);
	assert_row(17,
		   "> /install/vmlinuz priority=low initrd=/install/initrd.gz "
		   "nomodese");
	assert_int_equal(key(KEY_ESC), MENU_DO_NOTHING);
	assert_selected(1);
	assert_at(17, 26, "Press [Tab] to edit options");
	/* Again, through to a boot. */
	key(KEY_TAB);
	keys(" single");
	assert_int_equal(key(KEY_ENTER), MENU_DO_BOOT);
	assert_true(ui.typed);
	assert_int_equal(ui.label, 1);
	assert_string_equal(
	    ui.line, "/install/vmlinuz priority=low initrd=/install/initrd.gz "
		     "single");
	assert_int_equal(ui.ktype, CFG_KT_KERNEL);
	/* LINUX names the type: ".linux " shown, handed back apart. */
	start(installer);
	keys("a\rs\t");
	assert_row(17, "> .linux /install/vmlinuz speakup.synth=soft");
	assert_int_equal(key(KEY_ENTER), MENU_DO_BOOT);
	assert_string_equal(ui.line, "/install/vmlinuz speakup.synth=soft");
	assert_int_equal(ui.ktype, CFG_KT_LINUX);
	/* Tab on what is not a label does nothing. */
	start(installer);
	key('a');
	assert_int_equal(key(KEY_TAB), MENU_DO_NOTHING);
	assert_at(17, 26, "Press [Tab] to edit options");
}

/* Esc at the top menu leaves for the prompt; with ALLOWOPTIONS 0 it
 * does nothing (nor does Tab), with NOESCAPE it starts the menu again. */
static void test_escape(void **state)
{
	(void)state;
	start(installer);
	assert_int_equal(key(KEY_ESC), MENU_DO_PROMPT);
	start(with("allowoptions 0\n"));
	assert_int_equal(key(KEY_TAB), MENU_DO_NOTHING);
	assert_row(17, ""); /* NOTABMSG */
	assert_int_equal(key(KEY_ESC), MENU_DO_NOTHING);
	start(with("noescape 1\n"));
	key(KEY_HOME);
	assert_int_equal(key(KEY_ESC), MENU_DO_NOTHING);
	assert_selected(1); /* from the start again */
}

/* The countdown: MENU AUTOBOOT centred on TIMEOUTROW, the number in the
 * timeout colour, plural forms, a shorter text blanking the longer. */
static void test_countdown(void **state)
{
	(void)state;
	start(installer);
	menu_ui_countdown(&ui, 10);
	/* 31 characters at (80 - 31) / 2 = 24. */
	assert_at(19, 24, "Automatic boot in 10 seconds...");
	assert_attr(19, 24, 18, 0x07);
	assert_attr(19, 42, 2, A_TIMEOUT);
	assert_attr(19, 44, 11, 0x07);
	/* 29 at 25, one blank either side over the longer text's ends. */
	menu_ui_countdown(&ui, 1);
	assert_at(19, 24, " Automatic boot in 1 second... ");
	assert_attr(19, 43, 1, A_TIMEOUT);
	menu_ui_countdown(&ui, 0);
	assert_row(19, "");
	start(with("menu autoboot Go in # {sec,secs,more secs} #\n"));
	menu_ui_countdown(&ui, 1);
	assert_at(19, 33, "Go in 1 sec 1"); /* (80 - 13) / 2 */
	menu_ui_countdown(&ui, 2);
	assert_at(19, 33, "Go in 2 secs 2");
	menu_ui_countdown(&ui, 3);
	assert_at(19, 30, "Go in 3 more secs 3");
	/* What the timeout boots: the default entry, or ONTIMEOUT. */
	assert_string_equal(menu_ui_timeout_line(&ui), "expert");
	assert_int_equal(menu_ui_timeout_label(&ui), 1);
	start(with("ontimeout hd\n"));
	assert_string_equal(menu_ui_timeout_line(&ui), "hd");
	assert_int_equal(menu_ui_timeout_label(&ui), -1);
	/* With UI, DEFAULT preselects its label and is the default. */
	start(with("default install\n"));
	assert_selected(0);
	assert_string_equal(menu_ui_default_line(&ui), "install");
}

/* MENU HIDDEN: a blank screen and the countdown on HIDDENROW; a key
 * shows the menu, a MENU HIDDENKEY boots its command. */
static void test_hidden(void **state)
{
	(void)state;
	start(with("menu hidden\nmenu hiddenkey h,Enter hd\n"));
	for (unsigned r = 0; r < 25; r++)
		assert_row(r, "");
	menu_ui_countdown(&ui, 3);
	assert_at(22, 25, "Automatic boot in 3 seconds...");
	assert_int_equal(key('x'), MENU_DO_NOTHING);
	assert_at(1, 32, "Bzboot Installer");
	assert_selected(1);
	start(with("menu hidden\nmenu hiddenkey h,Enter hd\n"));
	assert_int_equal(key(KEY_ENTER), MENU_DO_BOOT);
	assert_string_equal(ui.line, "hd");
	assert_int_equal(ui.label, -1);
	assert_false(ui.typed);
}

/* The editor's cursor keys, with the line editor that has a cursor
 * (branch main's cmdline/prompt.c): the line is redrawn from its buffer,
 * the cursor where the editor has it; Ctrl-K cuts the rest. */
static void test_edit_cursor(void **state)
{
	(void)state;
	start("ui menu.c32\nlabel a\n kernel /vmlinuz\n append quiet\n");
	key(KEY_TAB);
	assert_row(17, "> /vmlinuz quiet");
	assert_int_equal(fs.cur_col, 16);
#ifdef PROMPT_HISTORY
	key(KEY_HOME);
	assert_int_equal(fs.cur_col, 2);
	key(KEY_RIGHT);
	key(KEY_DELETE);
	keys("boot/v");
	assert_row(17, "> /boot/vmlinuz quiet");
	assert_int_equal(fs.cur_col, 9);
	key(KEY_CTRL('K'));
	assert_row(17, "> /boot/v");
	key(KEY_END);
	assert_int_equal(fs.cur_col, 9);
#else
	keys("\b\bet");
	assert_row(17, "> /vmlinuz quiet");
#endif
	/* Past the screen's width the line goes on on the next row. */
	for (int i = 0; i < 80; i++)
		key('x');
	assert_int_equal(fs.cur_row, 18);
	assert_at(18, 0, "xxxx");
}

/* MENU IMMEDIATE: the hotkey acts at once. */
static void test_immediate(void **state)
{
	(void)state;
	start("ui menu.c32\nmenu immediate\n"
	      "label a\n menu label ^Alpha\n kernel /a\n"
	      "label b\n menu label ^Beta\n menu noimmediate\n kernel /b\n");
	assert_int_equal(key('b'), MENU_DO_NOTHING);
	assert_int_equal(key('a'), MENU_DO_BOOT);
	assert_string_equal(ui.line, "a");
}

/* Passwords: a protected submenu asks before it opens; Tab under MENU
 * MASTER PASSWD asks, then edits. */
static void test_passwords(void **state)
{
	(void)state;
	start("ui menu.c32\n"
	      "label a\n kernel /a\n"
	      "menu begin locked\n menu label ^Locked\n menu passwd secret\n"
	      " label b\n  kernel /b\n"
	      "menu end\n");
	assert_int_equal(keys("l\r"), MENU_DO_ASK_PASSWD);
	assert_string_equal(cfg_menu_str(&cfg_parsed, ui.passwd), "secret");
	menu_ui_redraw(&ui); /* refused: the same menu */
	assert_selected(1);
	assert_int_equal(key(KEY_ENTER), MENU_DO_ASK_PASSWD);
	assert_int_equal(menu_ui_passwd_ok(&ui), MENU_DO_NOTHING);
	assert_at(1, 37, "Locked");
	/* A protected label boots through cfg_boot's password; Tab on it
	 * asks first (menu.c32 does not); a protected MENU QUIT leaves
	 * once answered. */
	start("ui menu.c32\n"
	      "label a\n kernel /a\n menu passwd pa\n"
	      "label q\n menu label ^Quit\n menu quit\n menu passwd pq\n");
	assert_int_equal(key(KEY_ENTER), MENU_DO_BOOT);
	assert_int_equal(key(KEY_TAB), MENU_DO_ASK_PASSWD);
	assert_string_equal(cfg_menu_str(&cfg_parsed, ui.passwd), "pa");
	assert_attr(3, 11, 1, A_UNSEL);
	assert_int_equal(menu_ui_passwd_ok(&ui), MENU_DO_NOTHING);
	assert_row(17, "> /a");
	assert_int_equal(key(KEY_ESC), MENU_DO_NOTHING);
	assert_int_equal(key('q'), MENU_DO_NOTHING);
	assert_int_equal(key(KEY_ENTER), MENU_DO_ASK_PASSWD);
	assert_string_equal(cfg_menu_str(&cfg_parsed, ui.passwd), "pq");
	assert_int_equal(menu_ui_passwd_ok(&ui), MENU_DO_PROMPT);
	start("ui menu.c32\nmenu master passwd pw\n"
	      "label a\n kernel /a\n append x=1\n");
	assert_row(17, ""); /* menu.c32 shows NOTABMSG under a master */
	assert_int_equal(key(KEY_TAB), MENU_DO_ASK_MASTER);
	menu_ui_edit(&ui);
	assert_row(17, "> /a x=1");
	assert_int_equal(key(KEY_ENTER), MENU_DO_BOOT);
	assert_true(ui.typed);
	assert_string_equal(ui.line, "/a x=1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tab_edit),
	    cmocka_unit_test(test_escape),
	    cmocka_unit_test(test_countdown),
	    cmocka_unit_test(test_hidden),
	    cmocka_unit_test(test_immediate),
	    cmocka_unit_test(test_passwords),
	    cmocka_unit_test(test_edit_cursor),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
