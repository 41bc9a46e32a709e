// SPDX-License-Identifier: BSD-2-Clause
/* The menu model (cmdline/config_menu*.c) field by field, on configs
 * shaped like real trees: an installer menu with submenus, includes and
 * help; a live image; a password-protected entry; a hidden menu. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tests/unit/support/cfg_test.h"
#include "cmdline/config.h"
#include "cmdline/config_menu.h"

static const struct cfg_menu_entry *entry(unsigned i)
{
	assert_non_null(cfg_parsed.menu);
	assert_true(i < cfg_parsed.menu->nentries);
	return &cfg_parsed.menu->entries[i];
}

/* Parses text with the model (and checks the core's part is what the
 * core alone reads). */
static void parse(const char *text)
{
	assert_int_equal(
	    cfg_test_parse_both(&cfg_parsed, text, strlen(text), NULL), 0);
}

/* The entry of the label of that name. */
static unsigned label_entry(const char *name)
{
	return cfg_parsed.menu
	    ->label_entry[cfg_test_label(name) - cfg_parsed.labels];
}

static const char *str(uint16_t s)
{
	return cfg_menu_str(&cfg_parsed, s);
}

static void assert_display(unsigned i, const char *want)
{
	char buf[128];

	cfg_menu_display(&cfg_parsed, entry(i), buf, sizeof(buf));
	assert_string_equal(buf, want);
}

/* The top menu's message / colour i reads want. */
static void assert_msg(enum cfg_menu_msg i, const char *want)
{
	assert_string_equal(cfg_menu_msg(&cfg_parsed, 0, i), want);
}

static void assert_color(enum cfg_menu_color i, const char *want)
{
	assert_string_equal(cfg_menu_color(&cfg_parsed, 0, i), want);
}

// clang-format off
/* An installer: layout and colours, a label with help, a submenu with
 * a back entry, a nested submenu from an INCLUDE with a tag. */
static const char installer[] =
	"menu hshift 4\n"					/* 1 */
	"menu width 70\n"					/* 2 */
	"menu title Installer boot menu\n"			/* 3 */
	"menu color title\t* #FFFFFFFF *\n"			/* 4 */
	"menu color hotsel\t1;7;37;40 #ffffffff #76a1d0ff *\n"	/* 5 */
	"menu background splash.png\n"				/* 6 */
	"menu vshift 8\nmenu rows 12\nmenu helpmsgrow -3\n"	/* 7-9 */
	"menu tabmsg Press ENTER to boot or TAB to edit\n"	/* 10 */
	"ui vesamenu.c32\n"					/* 11 */
	"default install\n"					/* 12 */
	"label install\n"					/* 13 */
	"\tmenu label ^Install\n"				/* 14 */
	"\tmenu default\n"					/* 15 */
	"\tkernel /install.amd/vmlinuz\n"			/* 16 */
	"\tappend vga=788 initrd=/install.amd/initrd.gz --- quiet\n"
	"\ttext help\n"						/* 18 */
	"   Start the installer.\n"				/* 19 */
	"\tendtext\n"						/* 20 */
	"menu separator\n"					/* 21 */
	"menu begin advanced\n"					/* 22 */
	"    menu label ^Advanced options\n"			/* 23 */
	"\tmenu title Advanced options\n"			/* 24 */
	"\tlabel mainmenu\n"					/* 25 */
	"\t\tmenu label ^Back..\n"				/* 26 */
	"\t\tmenu exit\n"					/* 27 */
	"\tlabel expert\n"					/* 28 */
	"\t\tmenu label E^xpert install\n"			/* 29 */
	"\t\tmenu indent 2\n"					/* 30 */
	"\t\tkernel /install.amd/vmlinuz\n"			/* 31 */
	"\tinclude speech.cfg Speech options\n"			/* 32 */
	"menu end\n"						/* 33 */
	"label rescue\n"					/* 34 */
	"\tmenu label ^Rescue mode\n"				/* 35 */
	"\tmenu disable\n"					/* 36 */
	"label hd\n\tmenu label Boot from ^hard disk\n"		/* 37-38 */
	"\tlocalboot 0x80\n";					/* 39 */
// clang-format on

static int load(void *ctx, const char *path, const char **text, size_t *len)
{
	static const char speech[] =
	    "label speech\n menu label ^Speech install\n"
	    " kernel /install.amd/vmlinuz\n"
	    "label up\n menu label Up\n menu goto advanced\n"
	    "label nowhere\n menu goto nosuch\n";

	static const char inner[] = "label deep\n kernel /deep\n";
	static const char locked[] = "menu passwd pw\n"
				     "label inlocked\n kernel /in\n";

	(void)ctx;
	if (strcmp(path, "locked.cfg") == 0) {
		*text = locked;
		*len = sizeof(locked) - 1;
		return 0;
	}
	if (strcmp(path, "inner.cfg") == 0) {
		*text = inner;
		*len = sizeof(inner) - 1;
		return 0;
	}
	if (strcmp(path, "speech.cfg") != 0)
		return -1;
	*text = speech;
	*len = sizeof(speech) - 1;
	return 0;
}

static const struct cfg_include_ops ops = {.load = load};

static void test_installer_tree(void **state)
{
	const struct cfg_menu_model *mm = &cfg_test_model;
	const struct cfg_menu *top, *adv, *sp;
	unsigned m, e;

	(void)state;
	assert_int_equal(cfg_test_parse_both(&cfg_parsed, installer,
					     sizeof(installer) - 1, &ops),
			 0);
	assert_int_equal(cfg_parsed.nwarnings, 0); /* vesamenu: no complaint */
	assert_true(cfg_parsed.menu->active);
	assert_string_equal(cfg_parsed.menu->config, "");
	assert_int_equal(mm->nmenus, 3);
	top = &mm->menus[0];
	adv = &mm->menus[1];
	sp = &mm->menus[2];

	/* The top menu: layout, texts, colours. */
	assert_string_equal(str(top->title), "Installer boot menu");
	assert_int_equal(top->parent, CFG_MENU_NONE);
	assert_int_equal(top->param[CFG_MP_HSHIFT], 4);
	assert_int_equal(top->param[CFG_MP_WIDTH], 70);
	assert_int_equal(top->param[CFG_MP_VSHIFT], 8);
	assert_int_equal(top->param[CFG_MP_HELPMSGROW], -3);
	assert_int_equal(top->param[CFG_MP_MARGIN], 10); /* defaults */
	assert_int_equal(top->param[CFG_MP_TIMEOUTROW], 20);
	assert_int_equal(top->param[CFG_MP_HIDDENROW], -2);
	assert_msg(CFG_MSG_TABMSG, "Press ENTER to boot or TAB to edit");
	assert_msg(CFG_MSG_AUTOBOOT, "Automatic boot in # second{,s}...");
	assert_msg(CFG_MSG_PASSPROMPT, "Password required");
	assert_color(CFG_MC_TITLE, "1;36;44"); /* "*" keeps the default */
	assert_color(CFG_MC_HOTSEL, "1;7;37;40");

	/* Its entries in order: install, separator, advanced, rescue, hd. */
	assert_int_equal(mm->nentries, 11);
	assert_int_equal(entry(0)->action, CFG_MA_BOOT);
	assert_display(0, "Install");
	assert_int_equal(entry(0)->hotkey, 'I');
	assert_string_equal(str(entry(0)->help), "   Start the installer.\n");
	assert_int_equal(top->defentry, 0);
	assert_int_equal(entry(1)->action, CFG_MA_SEPARATOR);
	assert_int_equal(entry(2)->action, CFG_MA_SUBMENU);
	assert_int_equal(entry(2)->submenu, 1);
	assert_display(2, "Advanced options");
	assert_int_equal(entry(2)->hotkey, 'A');
	assert_int_equal(entry(9)->action, CFG_MA_DISABLED); /* rescue */
	assert_int_equal(entry(9)->hotkey, 0); /* disabled: no hotkey */
	assert_int_equal(entry(9)->menu, 0);
	assert_display(10, "Boot from hard disk");
	assert_int_equal(entry(10)->hotkey, 'h');
	assert_int_equal(entry(10)->label, 7); /* 8th LABEL */

	/* The submenu, its back entry, the tagged INCLUDE inside it. */
	assert_string_equal(str(adv->tag), "advanced");
	assert_string_equal(str(adv->title), "Advanced options");
	assert_int_equal(adv->parent, 0);
	assert_int_equal(adv->parent_entry, 2);
	assert_int_equal(adv->param[CFG_MP_HSHIFT], 4); /* inherited */
	assert_int_equal(entry(3)->menu, 1);
	assert_int_equal(entry(3)->action, CFG_MA_EXIT);
	assert_int_equal(entry(3)->submenu, 0);
	assert_int_equal(entry(4)->indent, 2);
	assert_int_equal(entry(4)->hotkey, 'x');
	assert_int_equal(entry(5)->action, CFG_MA_SUBMENU);
	assert_int_equal(entry(5)->menu, 1);
	assert_string_equal(str(sp->tag), "Speech options");
	assert_int_equal(sp->parent, 1);
	assert_int_equal(entry(6)->menu, 2);		 /* speech */
	assert_int_equal(entry(7)->action, CFG_MA_GOTO); /* up */
	assert_int_equal(entry(7)->submenu, 1);
	/* A GOTO to no menu is disabled (resolve_gotos). */
	assert_int_equal(label_entry("nowhere"), 8);
	assert_int_equal(entry(8)->action, CFG_MA_DISABLED);

	/* UI + DEFAULT: the menu starts on the DEFAULT label. */
	assert_true(cfg_menu_start(&cfg_parsed, &m, &e));
	assert_int_equal(m, 0);
	assert_int_equal(e, 0);
	assert_string_equal(cfg_default_line(&cfg_parsed), "install");
}

/* An INCLUDE without a tag inside a submenu fills that submenu; with UI,
 * DEFAULT naming a label there starts the menu in that submenu. */
static void test_include_in_submenu(void **state)
{
	static const char text[] = "UI menu.c32\nDEFAULT deep\n"
				   "LABEL top\n KERNEL /top\n"
				   "MENU BEGIN sub\n INCLUDE inner.cfg\n"
				   " LABEL after\nMENU END\n";
	unsigned m, e;

	(void)state;
	assert_int_equal(
	    cfg_test_parse_both(&cfg_parsed, text, sizeof(text) - 1, &ops), 0);
	assert_int_equal(cfg_parsed.menu->nmenus, 2);
	assert_int_equal(label_entry("deep"), 2);
	assert_int_equal(entry(2)->menu, 1);
	assert_int_equal(entry(3)->menu, 1); /* after */
	assert_true(cfg_menu_start(&cfg_parsed, &m, &e));
	assert_int_equal(m, 1);
	assert_int_equal(e, 2);
	/* Until the menu is drawn, an empty line boots that entry. */
	assert_string_equal(cfg_default_line(&cfg_parsed), "deep");
}

/* A live image: DEFAULT runs the menu module with another config. */
static void test_live_default_module(void **state)
{
	unsigned m, e;

	(void)state;
	parse("default vesamenu.c32 live.cfg\n"
	      "label live\n menu label Live system\n"
	      " linux /live/vmlinuz\n"
	      "label failsafe\n menu label Live (^failsafe)\n"
	      " linux /live/vmlinuz\n append noapic\n");
	assert_true(cfg_parsed.menu->active);
	assert_string_equal(cfg_parsed.menu->config, "live.cfg");
	assert_true(cfg_menu_start(&cfg_parsed, &m, &e));
	assert_int_equal(e, 0); /* no MENU DEFAULT: the first entry */
	assert_int_equal(cfg_parsed.menu->entries[1].hotkey, 'f');

	/* The SYSLINUX 4 way: a label's KERNEL names the module and its
	 * APPEND the config; DEFAULT picks that label. */
	parse("DEFAULT menu\nLABEL menu\n KERNEL /boot/menu.c32\n"
	      " APPEND menus/main.cfg\n");
	assert_true(cfg_parsed.menu->active);
	assert_string_equal(cfg_parsed.menu->config, "menus/main.cfg");
	assert_int_equal(cfg_parsed.nwarnings, 0);
	assert_true(cfg_wants_menu(&cfg_parsed));

	/* No module anywhere: no menu, DEFAULT boots as before. */
	parse("DEFAULT a\nLABEL a\n MENU LABEL A\n KERNEL /a\n");
	assert_false(cfg_parsed.menu->active);
	assert_false(cfg_wants_menu(&cfg_parsed));
	/* ... and shown because menu.c32 was given this file (a CONFIG
	 * switch brought it): it starts on its first entry, whatever DEFAULT
	 * says (SYSLINUX 6.04 does; test_archdetect_menu.py compares). */
	assert_true(cfg_menu_start(&cfg_parsed, &m, &e));
	assert_int_equal(m, 0);
	assert_int_equal(e, 0);
	parse("DEFAULT b\nLABEL a\n KERNEL /a\nLABEL b\n KERNEL /b\n");
	assert_true(cfg_menu_start(&cfg_parsed, &m, &e));
	assert_int_equal(e, 0);
	parse("MENU TITLE T\nMENU BACKGROUND s.png\nDEFAULT install\n"
	      "TIMEOUT 10\nLABEL rescue\n MENU LABEL ^Rescue\n LINUX /v\n"
	      "LABEL install\n MENU LABEL ^Install\n LINUX /v\n");
	assert_true(cfg_menu_start(&cfg_parsed, &m, &e));
	assert_int_equal(e, label_entry("rescue"));
	/* Another UI module: not a menu, and warned. */
	parse("UI gfxboot bootlogo\nDEFAULT a\nLABEL a\n");
	assert_false(cfg_parsed.menu->active);
	cfg_test_assert_warning(0, 1, CFG_W_UI);
	assert_string_equal(cfg_default_line(&cfg_parsed), "a");
	/* ... and DEFAULT keeps its meaning, here a menu (Ubuntu 16.04). */
	parse("DEFAULT vesamenu.c32\nUI gfxboot bootlogo\n"
	      "LABEL live\n KERNEL /casper/vmlinuz\n");
	assert_true(cfg_parsed.menu->active);
	assert_true(cfg_wants_menu(&cfg_parsed));
	assert_false(cfg_parsed.menu->ui_menu);
	assert_string_equal(cfg_default_line(&cfg_parsed), "live");
	/* An over-long UI line is warned about and ignored: the UI before it
	 * stands, for the core and the model alike (fuzz_config found them
	 * disagreeing). */
	{
		static char text[64 + CFG_PATH_MAX];

		snprintf(text, sizeof(text),
			 "UI vesamenu.c32\nUI %0*d\nLABEL a\n", CFG_PATH_MAX,
			 7);
		parse(text);
		cfg_test_assert_warning(0, 2, CFG_W_TOO_LONG);
		assert_true(cfg_wants_menu(&cfg_parsed));
		assert_true(cfg_parsed.menu->active);
	}
}

/* Passwords are the core's: the model keeps none, and the core reads
 * them the same with the model (parse() checks that byte for byte). */
static void test_passwords(void **state)
{
	(void)state;
	parse("UI menu.c32\n"
	      "MENU MASTER PASSWD $1$abcd$z0Hr9Pn7FW0U8TAu4HZ5o/\n"
	      "LABEL open\n KERNEL /vmlinuz\n"
	      "LABEL locked\n MENU LABEL ^Locked\n KERNEL /vmlinuz\n"
	      " MENU PASSWD sesame\n"
	      "MENU BEGIN sub\n MENU PASSWD inner\n"
	      " LABEL in\n  KERNEL /in\nMENU END\n"
	      "INCLUDE tagged.cfg Tagged\n"
	      "LABEL gone\n MENU DISABLE\n MENU PASSWD x\n");
	assert_string_equal(
	    cfg_passwd(&cfg_parsed, cfg_test_label("locked")->passwd),
	    "sesame");
	assert_string_equal(
	    cfg_passwd(&cfg_parsed, cfg_test_label("in")->menu_passwd),
	    "inner");
	/* Disabled: no entry boots it, the label typed by name still asks. */
	assert_int_equal(entry(label_entry("gone"))->action, CFG_MA_DISABLED);
	assert_string_equal(
	    cfg_passwd(&cfg_parsed, cfg_test_label("gone")->passwd), "x");
	assert_int_equal(cfg_test_label("open")->passwd, 0);
	/* The model's copies, for the UI: the entry's, the submenu's (on
	 * its entry in the parent), the master's; none on a disabled one. */
	assert_string_equal(str(entry(label_entry("locked"))->passwd),
			    "sesame");
	assert_string_equal(str(entry(2)->passwd), "inner"); /* MENU BEGIN */
	assert_int_equal(entry(2)->action, CFG_MA_SUBMENU);
	assert_string_equal(str(cfg_parsed.menu->menus[1].master_passwd),
			    "$1$abcd$z0Hr9Pn7FW0U8TAu4HZ5o/");
	assert_int_equal(entry(label_entry("gone"))->passwd, 0);
	assert_int_equal(
	    cfg_resolve_config(&cfg_parsed, "locked", &cfg_resolved), 0);
	assert_int_equal(cfg_boot_locked(&cfg_parsed, &cfg_resolved, false),
			 CFG_LOCKED_PASSWD);
}

/* A tagged INCLUDE is a submenu for the core too: a MENU PASSWD before
 * its first label guards every label in it, with or without the model. */
static void test_tagged_include_passwd(void **state)
{
	static const char text[] = "UI menu.c32\n"
				   "INCLUDE locked.cfg Locked\n"
				   "LABEL after\n KERNEL /after\n";

	(void)state;
	assert_int_equal(
	    cfg_test_parse_both(&cfg_parsed, text, sizeof(text) - 1, &ops), 0);
	assert_string_equal(
	    cfg_passwd(&cfg_parsed, cfg_test_label("inlocked")->menu_passwd),
	    "pw");
	assert_int_equal(cfg_test_label("after")->menu_passwd, 0);
	assert_int_equal(cfg_test_label("inlocked")->menu_level, 1);
	assert_int_equal(entry(label_entry("inlocked"))->menu, 1);
	assert_string_equal(str(cfg_parsed.menu->menus[1].tag), "Locked");
	assert_int_equal(entry(label_entry("after"))->menu, 0);
}

/* A hidden menu: MENU HIDDEN, HIDDENKEY, HIDDENROW, SHIFTKEY, CLEAR. */
static void test_hidden_menu(void **state)
{
	const struct cfg_menu_model *mm = &cfg_test_model;

	(void)state;
	parse("UI menu.c32\nMENU HIDDEN\nMENU HIDDENROW 5\n"
	      "MENU HIDDENKEY Enter,a linux quiet\n"
	      "MENU SHIFTKEY\nMENU CLEAR\nMENU IMMEDIATE\n"
	      "MENU AUTOBOOT Starting in # s\nMENU NOTABMSG No edit\n"
	      "MENU PASSPROMPT Secret?\nMENU RESOLUTION 1024 768\n"
	      "MENU COLOUR sel 0;30;47\nMENU COLOR nosuch 1\n"
	      "MENU TIMEOUTROW 21\nMENU CMDLINEROW 19\n"
	      "MENU TABMSGROW 17\nMENU HELPMSGENDROW -1\n"
	      "MENU MARGIN 3\n"
	      "LABEL linux\n KERNEL /vmlinuz\n"
	      "LABEL ghost\n MENU HIDE\n MENU LABEL ^Phantom\n"
	      " MENU DEFAULT\n"
	      "LABEL quit\n MENU LABEL ^Prompt\n MENU QUIT\n"
	      "LABEL secret\n MENU HIDE\n KERNEL /s\n");
	assert_int_equal(cfg_parsed.nwarnings, 0);
	assert_true(mm->hidden);
	assert_true(mm->shiftkey);
	assert_true(mm->clear);
	assert_int_equal(mm->menus[0].param[CFG_MP_HIDDENROW], 5);
	assert_int_equal(mm->menus[0].param[CFG_MP_TIMEOUTROW], 21);
	assert_int_equal(mm->menus[0].param[CFG_MP_CMDLINEROW], 19);
	assert_int_equal(mm->menus[0].param[CFG_MP_TABMSGROW], 17);
	assert_int_equal(mm->menus[0].param[CFG_MP_HELPMSGENDROW], -1);
	assert_int_equal(mm->menus[0].param[CFG_MP_MARGIN], 3);
	assert_int_equal(mm->nhiddenkeys, 2);
	assert_string_equal(str(mm->hiddenkeys[0].key), "Enter");
	assert_string_equal(str(mm->hiddenkeys[1].key), "a");
	assert_string_equal(str(mm->hiddenkeys[1].command), "linux quiet");
	assert_msg(CFG_MSG_AUTOBOOT, "Starting in # s");
	assert_msg(CFG_MSG_NOTABMSG, "No edit");
	assert_msg(CFG_MSG_PASSPROMPT, "Secret?");
	assert_color(CFG_MC_SEL, "0;30;47");
	assert_true(mm->entries[0].immediate);
	/* A hidden entry claims no hotkey and is no default. */
	assert_true(mm->entries[1].hidden);
	assert_int_equal(mm->entries[1].hotkey, 0);
	assert_int_equal(mm->menus[0].defentry, CFG_ENTRY_NONE);
	assert_int_equal(mm->entries[2].action, CFG_MA_QUIT);
	assert_int_equal(mm->entries[2].hotkey, 'P');
	assert_true(mm->entries[3].hidden);
	/* Hidden from the menu, still bootable by name. */
	cfg_test_resolve_ok("secret");
	assert_string_equal(cfg_resolved.kernel, "/s");
}

/* Label names with blanks: ldlinux boots by the first word, menu.c32
 * shows the whole LABEL argument. */
static void test_label_with_blanks(void **state)
{
	(void)state;
	parse("UI menu.c32\nLABEL my linux\n KERNEL /vmlinuz\n");
	assert_string_equal(cfg_parsed.labels[0].name, "my");
	assert_display(0, "my linux");
	cfg_test_resolve_ok("my");
	assert_string_equal(cfg_resolved.kernel, "/vmlinuz");

	/* Same first word: typed, the first label wins (a warning); the
	 * menu's entry boots its own label. */
	parse("UI menu.c32\nLABEL live\n KERNEL /a\n"
	      "LABEL live (to RAM)\n KERNEL /b\n MENU PASSWD pw\n");
	cfg_test_assert_warning(0, 4, CFG_W_DUP_LABEL);
	assert_display(1, "live (to RAM)");
	cfg_test_resolve_ok("live");
	assert_string_equal(cfg_resolved.kernel, "/a");
	assert_int_equal(entry(1)->label, 1);
}

/* A MENU word the model does not know is warned (in the model's own
 * parse; the core ignores MENU words it does not need). */
static void test_unknown_menu_word(void **state)
{
	(void)state;
	parse("MENU WIBBLE\nMENU TITLE t\n");
	assert_int_equal(cfg_parsed.nwarnings, 1);
	cfg_test_assert_warning(0, 1, CFG_W_UNKNOWN);
	cfg_test_parse("MENU WIBBLE\nMENU TITLE t\n");
	assert_int_equal(cfg_parsed.nwarnings, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_installer_tree),
	    cmocka_unit_test(test_include_in_submenu),
	    cmocka_unit_test(test_live_default_module),
	    cmocka_unit_test(test_passwords),
	    cmocka_unit_test(test_tagged_include_passwd),
	    cmocka_unit_test(test_hidden_menu),
	    cmocka_unit_test(test_label_with_blanks),
	    cmocka_unit_test(test_unknown_menu_word),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
