// SPDX-License-Identifier: BSD-2-Clause
/* What the config files share and nothing else sees: the parser's state
 * and the directive handlers config_parse.c dispatches to. */
#ifndef BZ_CMDLINE_CONFIG_INTERNAL_H
#define BZ_CMDLINE_CONFIG_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmdline/config.h"
#include "cmdline/config_menu.h"

struct cfg_parser {
	struct cfg *c;
	const struct cfg_include_ops *inc;
	struct cfg_label *cur; /* label the directives belong to */
	bool skip;	       /* a dropped LABEL is open: ignore its lines */
	bool in_text;	       /* between TEXT and ENDTEXT */
	bool limit_warned;
	uint32_t unknown_seen[8]; /* warn_unknown's marks */
	uint8_t menu_level;
	/* [n]: MENU PASSWD of the open level-n submenu (a cfg_passwd
	 * reference; levels past 31 share the last slot) */
	uint16_t level_passwd[32];
	unsigned depth; /* INCLUDE nesting */
	unsigned nfiles;
	unsigned file, line;
	char path[CFG_PATH_MAX]; /* INCLUDE name handed to load() */
	/* The menu model's (cmdline/config_menu*.c), NULL in the core's own
	 * parse; the state below is the model's alone. */
	const struct cfg_menu_hooks *hooks;
	bool in_help;	     /* the TEXT block is help for the open label */
	bool entries_warned; /* CFG_MAX_ENTRIES / CFG_MAX_MENUS hit */
	uint8_t menu;	     /* the model's menu being filled */
	unsigned menus_lost; /* open MENU BEGINs past CFG_MAX_MENUS */
	uint16_t entry;	     /* cur's menu entry, CFG_ENTRY_NONE if none */
};

/* Where the core parser hands a line to the menu model. Each is called
 * after the core did its own part of that line, so the core's fields
 * (labels, levels, passwords) never depend on the model. */
enum cfg_hook {
	CFG_H_MENU,	   /* a MENU line but BEGIN/END/INCLUDE: [p, end) */
	CFG_H_BEGIN,	   /* a submenu opens: MENU BEGIN [tag] or INCLUDE
			    * file tag; [p, end) is the tag */
	CFG_H_END,	   /* it closes: MENU END, the tagged INCLUDE's end */
	CFG_H_TEXT,	   /* TEXT line: [p, end) is its argument */
	CFG_H_TEXT_LINE,   /* a line inside TEXT .. ENDTEXT, as written */
	CFG_H_LABEL_OPEN,  /* LABEL stored as st->cur: [p, end) its name */
	CFG_H_LABEL_CLOSE, /* st->cur is closing */
};
struct cfg_menu_hooks {
	void (*hook)(struct cfg_parser *st, enum cfg_hook h, const char *p,
		     const char *end);
	struct cfg_menu_model *model; /* what it fills (cfg_parse_menu) */
};
/* config_parse.c: calls the hook, if any. */
void cfg_hook(struct cfg_parser *st, enum cfg_hook h, const char *p,
	      const char *end);

/* The on/off directives (PROMPT, IMPLICIT, ...). */
enum cfg_flag {
	CFG_F_PROMPT,
	CFG_F_IMPLICIT,
	CFG_F_ALLOWOPTIONS,
	CFG_F_NOESCAPE,
	CFG_F_NOCOMPLETE,
	CFG_F_NOHALT,
	CFG_F_CONSOLE,
	CFG_F_NATIVE,
};

/* config_parse.c: records a warning for the current line. */
void cfg_warn(struct cfg_parser *st, int code);

/* The menu model (config_menu.c, config_menu_model.c, config_text.c):
 * what its hook does at each enum cfg_hook. */
void cfg_do_menu(struct cfg_parser *st, const char *p, const char *end);
void cfg_menu_begin(struct cfg_parser *st, const char *tag, const char *end);
void cfg_menu_end(struct cfg_parser *st);
/* TEXT [HELP]: the lines up to ENDTEXT are help for the open label. */
void cfg_do_text(struct cfg_parser *st, const char *arg, const char *end);
void cfg_menu_help_line(struct cfg_parser *st, const char *p, const char *end);
void cfg_menu_label_open(struct cfg_parser *st, const char *arg,
			 const char *end);
void cfg_menu_label_close(struct cfg_parser *st);
/* The open label's menu entry, NULL if none. */
struct cfg_menu_entry *cfg_cur_entry(struct cfg_parser *st);
/* cfg_pool_add, warning CFG_W_TOO_LONG when the pool is full. */
uint16_t cfg_pool_add_warn(struct cfg_parser *st, const char *p,
			   const char *end);
/* Copies [p, end) into the model's pool; 0 if full. */
uint16_t cfg_pool_add(struct cfg *c, const char *p, const char *end);
/* Names of the MENU COLOR colours, layout parameters and messages. */
const char *cfg_menu_color_name(unsigned i);
const char *cfg_menu_param_name(unsigned i);
const char *cfg_menu_msg_name(unsigned i);
/* atoi: optional sign, leading digits; 0 if none. */
int32_t cfg_atoi(const char *p, const char *end);

/* config_label.c: the label table and the directives that fill a label.
 * Each do_ handler takes the directive's argument [arg, end), trimmed. */
/* Exact, case-sensitive match of the n bytes at p (SYSLINUX compares with
 * strncmp); the first label of that name wins. NULL if none. */
const struct cfg_label *cfg_find_label_n(const struct cfg *c, const char *p,
					 size_t n);
/* Whether a label of that name may have been dropped (no false "no"). */
bool cfg_label_was_dropped(const struct cfg *c, const char *p, size_t n);
void cfg_label_close(struct cfg_parser *st);
void cfg_do_label(struct cfg_parser *st, const char *arg, const char *end);
void cfg_do_kernel(struct cfg_parser *st, enum cfg_kernel_type type,
		   const char *arg, const char *end);
void cfg_do_append(struct cfg_parser *st, const char *arg, const char *end);
void cfg_do_initrd(struct cfg_parser *st, const char *arg, const char *end);

/* config_settings.c: the global settings. */
void cfg_do_string(struct cfg_parser *st, char *dst, size_t size,
		   const char *arg, const char *end);
void cfg_do_timeout(struct cfg_parser *st, unsigned *dst, const char *arg,
		    const char *end);
void cfg_do_flag(struct cfg_parser *st, enum cfg_flag f, const char *arg,
		 const char *end);
void cfg_do_serial(struct cfg_parser *st, const char *arg, const char *end);
void cfg_do_sysappend(struct cfg_parser *st, const char *arg, const char *end);
/* Stores a MENU PASSWD value in the pool; its reference (CFG_PASSWD_LOST,
 * with a warning, when the pool is full or it is empty). */
uint16_t cfg_do_passwd(struct cfg_parser *st, const char *arg, const char *end);

/* config_help.c: SAY, DISPLAY and the F-key help files. do_say takes the
 * line from the end of the SAY keyword; do_fkey returns false when the
 * keyword [p, we) is not F0..F12. */
void cfg_do_say(struct cfg_parser *st, const char *we, const char *end);
void cfg_do_display(struct cfg_parser *st, const char *arg, const char *end);
bool cfg_do_fkey(struct cfg_parser *st, const char *p, const char *we,
		 const char *arg, const char *end);

/* config_resolve.c: the type SYSLINUX gives a file booted with KERNEL or
 * typed by name (its extension table, case-sensitive). */
enum cfg_kernel_type cfg_type_from_name(const char *file);

#endif
