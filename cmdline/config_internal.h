// SPDX-License-Identifier: BSD-2-Clause
/* What the config files share and nothing else sees: the parser's state
 * and the directive handlers config_parse.c dispatches to. */
#ifndef BZ_CMDLINE_CONFIG_INTERNAL_H
#define BZ_CMDLINE_CONFIG_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmdline/config.h"

struct cfg_parser {
	struct cfg *c;
	const struct cfg_include_ops *inc;
	struct cfg_label *cur; /* label the directives belong to */
	bool skip;	       /* a dropped LABEL is open: ignore its lines */
	bool in_text;	       /* between TEXT and ENDTEXT */
	bool in_help;	       /* ... of a TEXT HELP for cur */
	bool limit_warned;
	bool entries_warned; /* CFG_MAX_ENTRIES / CFG_MAX_MENUS hit */
	uint8_t menu_level;
	uint8_t menu;		  /* the menu being filled */
	unsigned menus_lost;	  /* open MENU BEGINs past CFG_MAX_MENUS */
	uint16_t entry;		  /* cur's menu entry, CFG_ENTRY_NONE if none */
	uint32_t unknown_seen[8]; /* Bloom filter of warned keywords */
	unsigned depth;		  /* INCLUDE nesting */
	unsigned nfiles;
	unsigned file, line;
	char path[CFG_PATH_MAX]; /* INCLUDE name handed to load() */
};

/* The on/off directives (PROMPT, IMPLICIT, ...). */
enum cfg_flag {
	CFG_F_PROMPT,
	CFG_F_IMPLICIT,
	CFG_F_ALLOWOPTIONS,
	CFG_F_NOESCAPE,
	CFG_F_NOCOMPLETE,
	CFG_F_NOHALT,
	CFG_F_CONSOLE,
};

/* config_parse.c: records a warning for the current line. */
void cfg_warn(struct cfg_parser *st, int code);

/* config_menu.c: MENU lines and the entries of labels; config_text.c:
 * TEXT HELP. */
void cfg_menu_init(struct cfg_parser *st);
void cfg_do_menu(struct cfg_parser *st, const char *p, const char *end);
/* TEXT [HELP]: the lines up to ENDTEXT are help for the open label. */
void cfg_do_text(struct cfg_parser *st, const char *arg, const char *end);
void cfg_menu_help_line(struct cfg_parser *st, const char *p, const char *end);
/* A LABEL opened (arg..end is its whole argument) / is closing. */
void cfg_menu_label_open(struct cfg_parser *st, const char *arg,
			 const char *end);
void cfg_menu_label_close(struct cfg_parser *st);
/* INCLUDE / MENU INCLUDE file [tag]: a tag makes it a submenu. */
void cfg_do_include(struct cfg_parser *st, const char *arg, const char *end);
/* After the last line: GOTO/EXIT tags to menus, whether a menu runs. */
void cfg_menu_finish(struct cfg_parser *st);
/* The open label's menu entry, NULL if none. */
struct cfg_menu_entry *cfg_cur_entry(struct cfg_parser *st);
/* cfg_pool_add, warning CFG_W_TOO_LONG when the pool is full. */
uint16_t cfg_pool_add_warn(struct cfg_parser *st, const char *p,
			   const char *end);
/* Copies [p, end) into the pool; 0 (and passwd_lost untouched) if full. */
uint16_t cfg_pool_add(struct cfg *c, const char *p, const char *end);
/* MENU begin/end, shared with INCLUDE file tag. */
void cfg_menu_begin(struct cfg_parser *st, const char *tag, const char *end);
void cfg_menu_end(struct cfg_parser *st);
/* Names of the MENU COLOR colours, layout parameters and messages. */
const char *cfg_menu_color_name(unsigned i);
const char *cfg_menu_param_name(unsigned i);
const char *cfg_menu_msg_name(unsigned i);
/* atoi: optional sign, leading digits; 0 if none. */
int32_t cfg_atoi(const char *p, const char *end);
/* Whether file (n bytes) names menu.c32 or vesamenu.c32, any path. */
bool cfg_is_menu_module(const char *p, size_t n);

/* config_parse.c: reads an included file's text as config lines. */
void cfg_parse_text(struct cfg_parser *st, const char *text, size_t len);
/* Warns CFG_W_UNKNOWN for keyword [p, end) the first time only. */
void cfg_warn_unknown(struct cfg_parser *st, const char *p, const char *end);

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

/* config_resolve.c: the type SYSLINUX gives a file booted with KERNEL or
 * typed by name (its extension table, case-sensitive). */
enum cfg_kernel_type cfg_type_from_name(const char *file);

#endif
