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
	bool in_text;	       /* between TEXT HELP and ENDTEXT */
	bool menu_warned;
	bool limit_warned;
	uint8_t menu_level;
	/* [n]: MENU PASSWD of the open level-n submenu (a cfg_passwd
	 * reference; levels past 31 share the last slot) */
	uint16_t level_passwd[32];
	unsigned depth; /* INCLUDE nesting */
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
