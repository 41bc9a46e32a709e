// SPDX-License-Identifier: BSD-2-Clause
/* syslinux.cfg parsing: lines, directives, INCLUDE and MENU. The rules
 * follow SYSLINUX 6's ldlinux readconfig.c and doc/syslinux.txt; where
 * the two disagree, docs/config.md says which one we follow. Labels and
 * settings are filled by config_label.c and config_settings.c. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cmdline/config.h"
#include "cmdline/config_internal.h"
#include "cmdline/text.h"

enum directive {
	D_LABEL,
	D_KERNEL,
	D_APPEND,
	D_INITRD,
	D_DEFAULT,
	D_UI,
	D_TIMEOUT,
	D_TOTALTIMEOUT,
	D_ONTIMEOUT,
	D_ONERROR,
	D_FLAG,
	D_SERIAL,
	D_SYSAPPEND,
	D_INCLUDE,
	D_MENU,
	D_TEXT,
	D_SAY,
	D_DISPLAY,
	D_IGNORED,
	D_ACCEPTED,
};

static const struct {
	const char *kw;
	uint8_t id;
	uint8_t arg; /* kernel type or flag */
} directives[] = {
    {"label", D_LABEL, 0},
    {"kernel", D_KERNEL, CFG_KT_KERNEL},
    {"linux", D_KERNEL, CFG_KT_LINUX},
    {"boot", D_KERNEL, CFG_KT_BOOT},
    {"bss", D_KERNEL, CFG_KT_BSS},
    {"pxe", D_KERNEL, CFG_KT_PXE},
    {"fdimage", D_KERNEL, CFG_KT_FDIMAGE},
    {"comboot", D_KERNEL, CFG_KT_COMBOOT},
    {"com32", D_KERNEL, CFG_KT_COM32},
    {"config", D_KERNEL, CFG_KT_CONFIG},
    {"localboot", D_KERNEL, CFG_KT_LOCALBOOT},
    {"append", D_APPEND, 0},
    {"initrd", D_INITRD, 0},
    {"default", D_DEFAULT, 0},
    {"ui", D_UI, 0},
    {"timeout", D_TIMEOUT, 0},
    {"totaltimeout", D_TOTALTIMEOUT, 0},
    {"ontimeout", D_ONTIMEOUT, 0},
    {"onerror", D_ONERROR, 0},
    {"prompt", D_FLAG, CFG_F_PROMPT},
    {"implicit", D_FLAG, CFG_F_IMPLICIT},
    {"allowoptions", D_FLAG, CFG_F_ALLOWOPTIONS},
    {"noescape", D_FLAG, CFG_F_NOESCAPE},
    {"nocomplete", D_FLAG, CFG_F_NOCOMPLETE},
    {"nohalt", D_FLAG, CFG_F_NOHALT},
    {"console", D_FLAG, CFG_F_CONSOLE},
    /* bzboot's own: NATIVE 0 keeps every read on INT 13h */
    {"native", D_FLAG, CFG_F_NATIVE},
    {"serial", D_SERIAL, 0},
    {"ipappend", D_SYSAPPEND, 0},
    {"sysappend", D_SYSAPPEND, 0},
    {"include", D_INCLUDE, 0},
    {"menu", D_MENU, 0},
    {"text", D_TEXT, 0},
    {"say", D_SAY, 0},
    {"display", D_DISPLAY, 0},
    {"font", D_IGNORED, 0},
    {"kbdmap", D_IGNORED, 0},
    /* PATH says where .c32 libraries are: bzboot has its modules built
     * in and needs none, so nothing is lost. */
    {"path", D_ACCEPTED, 0},
    {"pxeretry", D_IGNORED, 0},
    {"sendcookies", D_IGNORED, 0},
};

static void parse_text(struct cfg_parser *st, const char *text, size_t len);

void cfg_warn(struct cfg_parser *st, int code)
{
	struct cfg *c = st->c;

	if (c->nwarnings < CFG_MAX_WARNINGS) {
		c->warnings[c->nwarnings].line = st->line;
		c->warnings[c->nwarnings].code = code;
		c->warnings[c->nwarnings].file = st->file;
		c->nwarnings++;
	} else {
		c->warnings_lost++;
	}
}

void cfg_hook(struct cfg_parser *st, enum cfg_hook h, const char *p,
	      const char *end)
{
	if (st->hooks)
		st->hooks->hook(st, h, p, end);
}

/* MENU BEGIN [tag] (and INCLUDE file tag): a submenu level, whose MENU
 * PASSWD before its first label guards every label in it. */
static void menu_begin(struct cfg_parser *st, const char *tag, const char *end)
{
	cfg_label_close(st);
	if (st->menu_level < UINT8_MAX)
		st->menu_level++;
	if (st->menu_level < 32)
		st->level_passwd[st->menu_level] = 0;
	cfg_hook(st, CFG_H_BEGIN, tag, end);
}

static void menu_end(struct cfg_parser *st)
{
	cfg_label_close(st);
	if (st->menu_level < 32)
		st->level_passwd[st->menu_level] = 0;
	if (st->menu_level > 0)
		st->menu_level--;
	cfg_hook(st, CFG_H_END, NULL, NULL);
}

/* INCLUDE / MENU INCLUDE file [tag]: with a tag the file is a submenu
 * (com32/menu/readconfig.c's do_include). */
static void do_include(struct cfg_parser *st, const char *arg, const char *end)
{
	const struct cfg_include_ops *inc = st->inc;
	const char *fe = text_word_end(arg, end);
	const char *tag = text_skip_space(fe, end), *text;
	size_t len;
	unsigned file = st->file, line = st->line;

	if (fe == arg) {
		cfg_warn(st, CFG_W_BAD_VALUE);
		return;
	}
	if (!text_copy_span(st->path, sizeof(st->path), arg, fe)) {
		cfg_warn(st, CFG_W_TOO_LONG);
		return;
	}
	if (!inc || !inc->load || st->depth >= CFG_INCLUDE_DEPTH ||
	    inc->load(inc->ctx, st->path, &text, &len) != 0 || (!text && len)) {
		cfg_warn(st, CFG_W_INCLUDE);
		return;
	}
	if (tag < end)
		menu_begin(st, tag, end);
	st->file = ++st->nfiles;
	st->line = 0;
	st->depth++;
	parse_text(st, text, len);
	st->depth--;
	st->file = file;
	st->line = line;
	if (tag < end)
		menu_end(st);
	if (inc->release)
		inc->release(inc->ctx, text, len);
}

/* The core reads the MENU lines that decide which label a menu starts
 * on (see cfg_default_line), end a label, or guard one with a password;
 * the menu model (hooks) reads them all. */
static void do_menu(struct cfg_parser *st, const char *p, const char *end)
{
	const char *we = text_word_end(p, end);
	const char *arg = text_skip_space(we, end);

	if (text_word_is(p, we, "default")) {
		if (st->cur)
			st->cur->menu_default = true;
	} else if (text_word_is(p, we, "hide")) {
		if (st->cur)
			st->cur->menu_hide = true;
	} else if (text_word_is(p, we, "begin")) {
		menu_begin(st, arg, end);
		return;
	} else if (text_word_is(p, we, "end")) {
		menu_end(st);
		return;
	} else if (text_word_is(p, we, "separator")) {
		cfg_label_close(st);
	} else if (text_word_is(p, we, "include")) {
		do_include(st, arg, end);
		return;
	} else if (text_word_is(p, we, "passwd")) {
		/* On a label: that label; before any label of a submenu: the
		 * submenu, so every label in it (menu.c32 asks on entering
		 * it). A top-level one outside a label guards nothing there
		 * either. */
		if (st->cur)
			st->cur->passwd = cfg_do_passwd(st, arg, end);
		else if (st->menu_level > 0)
			st->level_passwd[st->menu_level < 32 ? st->menu_level
							     : 31] =
			    cfg_do_passwd(st, arg, end);
	} else if (text_word_is(p, we, "master")) {
		/* MENU MASTER PASSWD value */
		const char *pe = text_word_end(arg, end);

		if (text_word_is(arg, pe, "passwd"))
			st->c->master_passwd =
			    cfg_do_passwd(st, text_skip_space(pe, end), end);
	}
	cfg_hook(st, CFG_H_MENU, p, end);
}

/* Warns of an unknown keyword the first time it appears only: a typo
 * repeated under every label would otherwise fill the warning list and
 * hide the rest. Three bits of an FNV-1a hash of the folded word mark it
 * (a rare collision silences a second new word: only a warning is lost). */
static void warn_unknown(struct cfg_parser *st, const char *p, const char *end)
{
	uint32_t h = 2166136261u;
	bool seen = true;

	for (; p < end; p++)
		h = (h ^ (unsigned char)text_to_lower(*p)) * 16777619u;
	for (int i = 0; i < 3; i++, h >>= 8) {
		uint32_t *w = &st->unknown_seen[(h >> 5) & 7],
			 bit = 1u << (h & 31);

		seen = seen && (*w & bit);
		*w |= bit;
	}
	if (!seen)
		cfg_warn(st, CFG_W_UNKNOWN);
}

static void do_line(struct cfg_parser *st, const char *p, const char *end)
{
	const char *we, *arg, *p0 = p;
	size_t i;

	p = text_skip_space(p, end);
	we = text_word_end(p, end);
	if (st->in_text) {
		if (text_word_is(p, we, "endtext"))
			st->in_text = false;
		else
			cfg_hook(st, CFG_H_TEXT_LINE, p0, end);
		return;
	}
	if (p == end || *p == '#')
		return;
	if (memchr(p, '\0', (size_t)(end - p))) {
		cfg_warn(st, CFG_W_NUL);
		return;
	}
	arg = text_skip_space(we, end);
	end = text_trim_end(arg, end);
	for (i = 0; i < sizeof(directives) / sizeof(directives[0]); i++)
		if (text_word_is(p, we, directives[i].kw))
			break;
	if (i == sizeof(directives) / sizeof(directives[0])) {
		if (!cfg_do_fkey(st, p, we, arg, end))
			warn_unknown(st, p, we);
		return;
	}
	switch (directives[i].id) {
	case D_LABEL:
		cfg_do_label(st, arg, end);
		break;
	case D_KERNEL:
		cfg_do_kernel(st, directives[i].arg, arg, end);
		break;
	case D_APPEND:
		cfg_do_append(st, arg, end);
		break;
	case D_INITRD:
		cfg_do_initrd(st, arg, end);
		break;
	case D_DEFAULT:
		cfg_do_string(st, st->c->default_label,
			      sizeof(st->c->default_label), arg, end);
		break;
	case D_UI:
		/* UI overrides DEFAULT in SYSLINUX; menu.c32 and
		 * vesamenu.c32 are built in, other modules cannot run. */
		st->c->has_ui = true;
		cfg_do_string(st, st->c->ui, sizeof(st->c->ui), arg, end);
		st->c->ui_menu = cfg_is_menu_module(
		    arg, (size_t)(text_word_end(arg, end) - arg));
		if (!st->c->ui_menu)
			cfg_warn(st, CFG_W_UI);
		break;
	case D_TIMEOUT:
		cfg_do_timeout(st, &st->c->timeout_ds, arg, end);
		break;
	case D_TOTALTIMEOUT:
		cfg_do_timeout(st, &st->c->totaltimeout_ds, arg, end);
		break;
	case D_ONTIMEOUT:
		cfg_do_string(st, st->c->ontimeout, sizeof(st->c->ontimeout),
			      arg, end);
		break;
	case D_ONERROR:
		cfg_do_string(st, st->c->onerror, sizeof(st->c->onerror), arg,
			      end);
		break;
	case D_FLAG:
		cfg_do_flag(st, directives[i].arg, arg, end);
		break;
	case D_SERIAL:
		cfg_do_serial(st, arg, end);
		break;
	case D_SYSAPPEND:
		cfg_do_sysappend(st, arg, end);
		break;
	case D_INCLUDE:
		do_include(st, arg, end);
		break;
	case D_MENU:
		do_menu(st, arg, end);
		break;
	case D_TEXT:
		/* Text up to ENDTEXT is not config: only the menu model
		 * keeps it (TEXT HELP). */
		st->in_text = true;
		cfg_hook(st, CFG_H_TEXT, arg, end);
		break;
	case D_SAY:
		cfg_do_say(st, we, end);
		break;
	case D_DISPLAY:
		cfg_do_display(st, arg, end);
		break;
	case D_IGNORED:
		cfg_warn(st, CFG_W_IGNORED);
		break;
	case D_ACCEPTED:
		break;
	}
}

/* Lines end at LF, CR LF or a lone CR. */
static void parse_text(struct cfg_parser *st, const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *e = p;

		while (e < end && *e != '\n' && *e != '\r')
			e++;
		st->line++;
		do_line(st, p, e);
		/* Step over the line end; a CR takes the LF after it. */
		if (e < end && *e++ == '\r' && e < end && *e == '\n')
			e++;
		p = e;
	}
	/* A TEXT block ends at the end of its file, as in SYSLINUX. */
	st->in_text = false;
}

int cfg_parse_with(struct cfg *c, const char *text, size_t len,
		   const struct cfg_include_ops *inc)
{
	struct cfg_parser st;

	if (!c || (!text && len))
		return CFG_EINVAL;
	memset(c, 0, sizeof(*c));
	c->allow_implicit = true;
	c->allow_options = true;
	c->console = true;
	memset(&st, 0, sizeof(st));
	st.c = c;
	st.inc = inc;
	st.hooks = inc ? inc->hooks : NULL;
	if (len)
		parse_text(&st, text, len);
	cfg_label_close(&st);
	return CFG_OK;
}

int cfg_parse(struct cfg *c, const char *text, size_t len)
{
	return cfg_parse_with(c, text, len, NULL);
}

const char *cfg_warning_str(int code)
{
	switch (code) {
	case CFG_W_UNKNOWN:
		return "unknown directive ignored";
	case CFG_W_IGNORED:
		return "directive not supported, ignored";
	case CFG_W_MENU:
		return "too many menu entries";
	case CFG_W_UI:
		return "UI module not run";
	case CFG_W_TOO_LONG:
		return "value too long, ignored";
	case CFG_W_TOO_MANY_LABELS:
		return "too many labels, rest ignored";
	case CFG_W_DUP_LABEL:
		return "duplicate label, first one used";
	case CFG_W_BAD_VALUE:
		return "bad value, ignored";
	case CFG_W_NOT_IN_LABEL:
		return "directive outside a label, ignored";
	case CFG_W_TYPE:
		return "label type cannot be booted";
	case CFG_W_SYSAPPEND:
		return "IPAPPEND/SYSAPPEND not supported";
	case CFG_W_INCLUDE:
		return "included file not read";
	case CFG_W_QUOTE:
		return "unterminated double quote, ignored";
	case CFG_W_NUL:
		return "NUL byte in line, line ignored";
	}
	return "unknown warning";
}
