// SPDX-License-Identifier: BSD-2-Clause
/* The menu as menu.c32 shows and runs it (SYSLINUX 6.04 com32/menu/
 * menumain.c), over the config's menu model (cmdline/config_menu.h): a
 * key-driven state machine that draws through a screen interface. Pure:
 * no BIOS, no clock; the caller (stage2's menu module) feeds it keys and
 * the seconds left, and acts on what menu_ui_key() returns. */
#ifndef BZ_CMDLINE_MENU_UI_H
#define BZ_CMDLINE_MENU_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmdline/config.h"
#include "cmdline/keys.h"
#include "cmdline/prompt.h"

/* Where the menu draws. Rows and columns count from 0; characters are
 * CP437 (the box is drawn with 0xC9.. as on VGA); attr is a VGA
 * attribute byte (background << 4 | foreground). */
struct menu_screen {
	void *ctx;
	unsigned rows, cols; /* e.g. 25, 80 */
	void (*clear)(void *ctx, uint8_t attr);
	/* n chars of s at row,col in attr; clipped at cols; no wrap */
	void (*put)(void *ctx, unsigned row, unsigned col, uint8_t attr,
		    const char *s, size_t n);
	void (*cursor)(void *ctx, unsigned row, unsigned col, bool show);
};

/* What the caller does after a key. */
enum menu_do {
	MENU_DO_NOTHING = 0, /* keep feeding keys */
	/* Boot u->line. u->typed: the user edited it (Tab) -> ALLOWOPTIONS
	 * and cfg_resolve apply; it is then menu.c32's command line for the
	 * entry (see u->line). Else it is a line the config wrote (a label's
	 * name, ONTIMEOUT, a MENU HIDDENKEY command): cfg_resolve_config,
	 * or, when u->label >= 0, cfg_resolve_label(&c->labels[u->label]),
	 * which is exact even when two labels share a first word. */
	MENU_DO_BOOT,
	/* Esc at the top menu, or MENU QUIT: leave the menu for the boot:
	 * prompt (under MENU MASTER PASSWD, ask it first, as menu.c32 does
	 * on Esc). As in menu.c32, Esc leaves only under ALLOWOPTIONS 1;
	 * with NOESCAPE 1 the menu starts again instead (ldlinux runs the
	 * UI again rather than show boot:). */
	MENU_DO_PROMPT,
	MENU_DO_FKEY,	    /* F1..F12: show help file u->fkey (1..12), then
			       menu_ui_redraw() */
	MENU_DO_HELP,	    /* MENU HELP entry: show file u->line, then
			       menu_ui_redraw() */
	MENU_DO_ASK_MASTER, /* Tab under MENU MASTER PASSWD: the caller asks
			       it; right: menu_ui_edit(u), else
			       menu_ui_redraw(u) */
	/* Enter on a protected entry that is no label (MENU PASSWD inside
	 * MENU BEGIN ... END: a submenu), or Tab on a protected label: ask
	 * for u->passwd (a model string; MENU MASTER PASSWD is accepted too,
	 * as menu.c32's ask_passwd()); right: menu_ui_passwd_ok(u) and do
	 * what it returns, else menu_ui_redraw(u). Enter on a protected
	 * label returns MENU_DO_BOOT: its password is in cfg_boot. (menu.c32
	 * lets Tab edit a protected label's line unasked; here it asks.) */
	MENU_DO_ASK_PASSWD,
};

enum menu_ui_mode {
	MENU_UI_LIST = 0, /* the menu, an entry highlighted */
	MENU_UI_EDIT,	  /* Tab: editing the entry's line at CMDLINEROW */
	MENU_UI_HIDDEN,	  /* MENU HIDDEN: only the countdown until a key */
};

/* All the menu's state. The caller allocates it (stage2's core heap), so
 * it survives the menu module being evicted and reloaded: it holds no
 * pointer into the module (scr is a copy; after reloading, the same
 * module has the same functions at the same addresses). */
struct menu_ui {
	struct menu_screen scr;
	const struct cfg *cfg;
	uint8_t mode; /* enum menu_ui_mode */
	uint8_t menu; /* the menu shown, index in menus[] */
	uint16_t sel; /* highlighted item: index in items[] */
	uint16_t top; /* first item shown in the box */
	uint16_t nitems;
	/* The shown menu's listed (not hidden) entries, model indices. */
	uint16_t items[CFG_MAX_ENTRIES];
	/* Each menu's sel/top when it was left (menu.c32's curentry,
	 * curtop): going back to a menu finds it as it was. */
	uint16_t menu_sel[CFG_MAX_MENUS];
	uint16_t menu_top[CFG_MAX_MENUS];
	bool menu_seen[CFG_MAX_MENUS];
	uint8_t start_menu;   /* where the menu started (cfg_menu_start): */
	uint16_t start_entry; /* its default entry, CFG_ENTRY_NONE if none */
	/* The shown menu's layout, resolved for this screen as menu.c32
	 * does (WIDTH 0 = the screen's width, a negative value counts from
	 * the bottom); rows stay 1-based as in menumain.c. */
	int param[CFG_MP_COUNT];
	uint8_t attr[CFG_MC_COUNT]; /* its colours as VGA attributes */
	unsigned countdown_len;	    /* columns the last countdown used */
	/* Results, valid after the menu_ui_key() that returned them. */
	int fkey;	 /* MENU_DO_FKEY: 1..12 */
	int label;	 /* MENU_DO_BOOT: the chosen entry's label (index in
			    cfg.labels), edited or not, else -1 */
	bool typed;	 /* MENU_DO_BOOT: u->line was edited */
	uint16_t passwd; /* MENU_DO_ASK_PASSWD: the entry's password */
	bool passwd_tab; /* ... asked for Tab, not for Enter */
	/* MENU_DO_BOOT / MENU_DO_HELP: the line or file. An edited line is
	 * menu.c32's command line for the entry ("KERNEL [APPEND]
	 * [initrd=INITRD]": ldlinux's execute() boots its first word as the
	 * kernel, the rest as its arguments, without looking up a label,
	 * so /proc/cmdline is "BOOT_IMAGE=KERNEL APPEND initrd=..."), its
	 * ".linux"-style type word removed (kept in u->ktype). */
	char line[PROMPT_LINE_MAX];
	enum cfg_kernel_type ktype; /* typed line: CFG_KT_KERNEL = by the
				       file's extension */
	struct prompt_line edit;    /* the Tab editor's line */
};

/* Picks the start menu and entry (cfg_menu_start), resolves layout and
 * colours, and draws: the menu, or under MENU HIDDEN a blank screen. */
void menu_ui_start(struct menu_ui *u, const struct cfg *c,
		   const struct menu_screen *scr);
/* One key (enum key, cmdline/keys.h); returns what the caller does. */
enum menu_do menu_ui_key(struct menu_ui *u, int key);
/* Enters Tab editing on the highlighted entry now (after
 * MENU_DO_ASK_MASTER was answered right). */
void menu_ui_edit(struct menu_ui *u);
/* After MENU_DO_ASK_PASSWD was answered right: does what Enter (opens
 * the menu, leaves for boot:, shows a MENU HELP file) or Tab (edits)
 * was asked to do; returns it as menu_ui_key() would. */
enum menu_do menu_ui_passwd_ok(struct menu_ui *u);
/* Draws everything again (after a help file, a password, a message). */
void menu_ui_redraw(struct menu_ui *u);
/* The countdown (MENU AUTOBOOT, "#" = seconds, {one,two,more} forms) at
 * TIMEOUTROW, or HIDDENROW under MENU HIDDEN; the caller calls it each
 * second while no key has been pressed. 0 erases it. */
void menu_ui_countdown(struct menu_ui *u, unsigned seconds);
/* What a TIMEOUT or TOTALTIMEOUT boots: ONTIMEOUT, else the shown
 * menu's default entry's line, as menu.c32 does; "" = nothing (the
 * default entry opens a menu): go to the boot: prompt. */
const char *menu_ui_timeout_line(const struct menu_ui *u);
/* The shown menu's default entry's line (what MENU SHIFTKEY boots when
 * no shift key is held); "" as above. */
const char *menu_ui_default_line(const struct menu_ui *u);
/* The label that line is, when it is the default entry's (not
 * ONTIMEOUT): boot it through cfg_resolve_label; -1 otherwise. */
int menu_ui_timeout_label(const struct menu_ui *u);

/* MENU COLOR's ANSI field ("0;37;40", "1;36;44", "7", ...) as a VGA
 * attribute, starting from dflt (SGR 0 resets to light grey on black,
 * 1 = bright, 5 = blink, 7 = reverse, 30-37/40-47 = colours); unknown
 * codes are skipped, "" gives dflt. */
uint8_t menu_ansi_to_attr(const char *sgr, uint8_t dflt);

#endif
