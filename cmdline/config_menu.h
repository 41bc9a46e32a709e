// SPDX-License-Identifier: BSD-2-Clause
/* The menu a config describes (MENU ..., TEXT HELP), as a pure model with
 * no drawing: menus as a tree, their entries in order, the texts, layout
 * and colours, read the way SYSLINUX 6's com32/menu/readconfig.c reads
 * them. stage2's core does not link it: the menu module builds it by
 * parsing the config again with cfg_parse_menu (the core parser calling
 * this model's hooks), into memory the core owns; struct cfg points to
 * it (c->menu). The passwords that guard booting are the core's
 * (label->passwd, label->menu_passwd, c->master_passwd, cfg_passwd()),
 * read the same with or without the model; the model keeps copies for
 * the UI only. */
#ifndef BZ_CMDLINE_CONFIG_MENU_H
#define BZ_CMDLINE_CONFIG_MENU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmdline/config.h"

#define CFG_MAX_MENUS	   32	 /* the top menu and its submenus */
#define CFG_MAX_ENTRIES	   160	 /* entries of all menus together */
#define CFG_POOL_SIZE	   32768 /* menu texts, help, passwords */
#define CFG_MAX_HIDDENKEYS 8
#define CFG_MENU_NONE	   0xFF	  /* no menu (the top menu's parent) */
#define CFG_ENTRY_NONE	   0xFFFF /* no entry */

/* Strings in the model are uint16_t offsets into cfg_menu_model.pool; 0 =
 * not set (reads as ""). cfg_menu_str() turns one into a C string. */

/* What choosing an entry does (menu.c32's enum menu_action). */
enum cfg_menu_action {
	CFG_MA_BOOT = 0,  /* boot its label (labels[label]) */
	CFG_MA_SUBMENU,	  /* MENU BEGIN: open menus[submenu] */
	CFG_MA_GOTO,	  /* MENU GOTO tag: open menus[submenu] */
	CFG_MA_EXIT,	  /* MENU EXIT [tag]: back to menus[submenu] */
	CFG_MA_QUIT,	  /* MENU QUIT: leave the menu for boot: */
	CFG_MA_HELP,	  /* MENU HELP file: show file (target) */
	CFG_MA_DISABLED,  /* MENU DISABLE, or a GOTO/EXIT to no menu */
	CFG_MA_SEPARATOR, /* MENU SEPARATOR: an empty, unselectable row */
};

/* The layout parameters, SYSLINUX's names and defaults (menumain.c
 * mparm[]): WIDTH 0 means the screen's width, a negative row counts
 * from the screen's bottom; the renderer resolves both. */
enum cfg_menu_param {
	CFG_MP_WIDTH,	       /* 0 */
	CFG_MP_MARGIN,	       /* 10 */
	CFG_MP_PASSWORDMARGIN, /* 3 */
	CFG_MP_ROWS,	       /* 12 */
	CFG_MP_TABMSGROW,      /* 18 */
	CFG_MP_CMDLINEROW,     /* 18 */
	CFG_MP_ENDROW,	       /* -1 */
	CFG_MP_PASSWORDROW,    /* 11 */
	CFG_MP_TIMEOUTROW,     /* 20 */
	CFG_MP_HELPMSGROW,     /* 22 */
	CFG_MP_HELPMSGENDROW,  /* -1 */
	CFG_MP_HSHIFT,	       /* 0 */
	CFG_MP_VSHIFT,	       /* 0 */
	CFG_MP_HIDDENROW,      /* -2 */
	CFG_MP_COUNT,
};

/* The messages, with SYSLINUX's defaults (readconfig.c messages[]). */
enum cfg_menu_msg {
	CFG_MSG_AUTOBOOT,   /* "Automatic boot in # second{,s}..." */
	CFG_MSG_TABMSG,	    /* "Press [Tab] to edit options" */
	CFG_MSG_NOTABMSG,   /* "" */
	CFG_MSG_PASSPROMPT, /* "Password required" */
	CFG_MSG_COUNT,
};

/* MENU COLOR names, in menu.c32's table order (colors.c). */
enum cfg_menu_color {
	CFG_MC_SCREEN,
	CFG_MC_BORDER,
	CFG_MC_TITLE,
	CFG_MC_UNSEL,
	CFG_MC_HOTKEY,
	CFG_MC_SEL,
	CFG_MC_HOTSEL,
	CFG_MC_SCROLLBAR,
	CFG_MC_TABMSG,
	CFG_MC_CMDMARK,
	CFG_MC_CMDLINE,
	CFG_MC_PWDBORDER,
	CFG_MC_PWDHEADER,
	CFG_MC_PWDENTRY,
	CFG_MC_TIMEOUT_MSG,
	CFG_MC_TIMEOUT,
	CFG_MC_HELP,
	CFG_MC_DISABLED,
	CFG_MC_COUNT,
};

struct cfg_menu_entry {
	uint16_t display; /* as written, ^ kept (cfg_menu_display strips) */
	/* MENU PASSWD as given, 0 = none: a copy for the UI (a submenu's
	 * entry asks it on entering); what boots is guarded by the core */
	uint16_t passwd;
	uint16_t help;	 /* TEXT HELP lines, each ending in '\n' */
	uint16_t target; /* MENU GOTO/EXIT tag, MENU HELP file */
	uint16_t label;	 /* CFG_MA_BOOT: index in cfg.labels */
	uint8_t menu;	 /* the menu it is listed in */
	uint8_t submenu; /* SUBMENU/GOTO/EXIT: the menu it opens */
	uint8_t action;	 /* enum cfg_menu_action */
	uint8_t indent;	 /* MENU INDENT: blanks before display */
	char hotkey;	 /* the char after the first ^, 0 = none */
	bool hidden;	 /* MENU HIDE: not listed, typed name works */
	bool immediate;	 /* its hotkey boots at once (MENU IMMEDIATE) */
};

struct cfg_menu {
	uint16_t tag;		/* MENU BEGIN tag (GOTO/EXIT name it) */
	uint16_t title;		/* MENU TITLE */
	uint16_t master_passwd; /* MENU MASTER PASSWD (inherited); a copy */
	uint16_t msg[CFG_MSG_COUNT];
	uint16_t color[CFG_MC_COUNT]; /* ANSI attribute; 0 = default */
	int16_t param[CFG_MP_COUNT];
	uint8_t parent;	       /* CFG_MENU_NONE for the top menu */
	uint16_t parent_entry; /* its entry in the parent menu */
	uint16_t defentry;     /* MENU DEFAULT entry, else CFG_ENTRY_NONE */
	bool immediate;	       /* MENU IMMEDIATE outside a label */
};

struct cfg_hiddenkey {
	uint16_t key;	  /* key name as written ("Enter", "a", ...) */
	uint16_t command; /* what the key boots */
};

struct cfg_menu_model {
	struct cfg_menu menus[CFG_MAX_MENUS]; /* [0] = top menu */
	unsigned nmenus;
	struct cfg_menu_entry entries[CFG_MAX_ENTRIES]; /* config order */
	unsigned nentries;
	struct cfg_hiddenkey hiddenkeys[CFG_MAX_HIDDENKEYS];
	unsigned nhiddenkeys;
	bool clear;    /* MENU CLEAR */
	bool hidden;   /* MENU HIDDEN */
	bool shiftkey; /* MENU SHIFTKEY */
	/* The config drives a menu (cfg_wants_menu); ui_menu: through UI
	 * (then DEFAULT only preselects its label). */
	bool active;
	bool ui_menu;
	/* Config file(s) the menu is to show instead of this one ("" = this
	 * one): the words after menu.c32 on UI, DEFAULT or the label. */
	char config[CFG_PATH_MAX];
	/* labels[i]'s entry, CFG_ENTRY_NONE if it has none */
	uint16_t label_entry[CFG_MAX_LABELS];
	char pool[CFG_POOL_SIZE];
	unsigned pool_used;
};

/* Parses like cfg_parse_with (inc may be NULL) and builds the model
 * into *m (c->menu = m): inc's hooks are the model's. The core's part of
 * *c comes out exactly as from cfg_parse_with. */
int cfg_parse_menu(struct cfg *c, struct cfg_menu_model *m, const char *text,
		   size_t len, const struct cfg_include_ops *inc);
/* Its steps: an empty model with SYSLINUX's defaults; the parse with
 * the model's hooks; the model finished (GOTO/EXIT tags to menus,
 * whether and which menu runs). */
void cfg_menu_model_init(struct cfg_menu_model *m);
void cfg_menu_model_finish(struct cfg *c);

/* The model's string s ("" for 0). */
const char *cfg_menu_str(const struct cfg *c, uint16_t s);
/* An entry's text as shown: its indent is not included, ^ removed. */
void cfg_menu_display(const struct cfg *c, const struct cfg_menu_entry *e,
		      char *buf, size_t size);
/* The message / colour of menu m, its default when not set. */
const char *cfg_menu_msg(const struct cfg *c, unsigned m, enum cfg_menu_msg i);
const char *cfg_menu_color(const struct cfg *c, unsigned m,
			   enum cfg_menu_color i);
/* Whether the config drives a menu, and where it starts: the menu and
 * the entry highlighted first (the DEFAULT label with UI, else the
 * menu's MENU DEFAULT, else its first selectable entry; a file menu.c32
 * was given, which drives no menu itself, starts the same way). False
 * without a model. Whether a menu runs at all is cfg_wants_menu's. */
bool cfg_menu_start(const struct cfg *c, unsigned *menu, unsigned *entry);

#endif
