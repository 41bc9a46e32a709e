// SPDX-License-Identifier: BSD-2-Clause
/* syslinux.cfg parsing: lines and directives. The rules
 * follow SYSLINUX 6's ldlinux readconfig.c and doc/syslinux.txt; where
 * the two disagree, docs/config.md says which one we follow. Labels and
 * settings are filled by config_label.c and config_settings.c, the menu
 * by config_menu.c. */
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
    {"serial", D_SERIAL, 0},
    {"ipappend", D_SYSAPPEND, 0},
    {"sysappend", D_SYSAPPEND, 0},
    {"include", D_INCLUDE, 0},
    {"menu", D_MENU, 0},
    {"text", D_TEXT, 0},
    {"say", D_IGNORED, 0},
    {"display", D_IGNORED, 0},
    {"font", D_IGNORED, 0},
    {"kbdmap", D_IGNORED, 0},
    /* PATH names where .c32 libraries are: none are loaded. */
    {"path", D_ACCEPTED, 0},
    {"pxeretry", D_IGNORED, 0},
    {"sendcookies", D_IGNORED, 0},
};

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

void cfg_warn_unknown(struct cfg_parser *st, const char *p, const char *end)
{
	uint32_t h = 2166136261u, *seen = st->unknown_seen;
	bool known = true;

	/* FNV-1a of the keyword, case folded; three bits of it mark it
	 * warned, so a keyword repeated on every label warns once. */
	for (; p < end; p++) {
		h ^= (unsigned char)text_to_lower(*p);
		h *= 16777619u;
	}
	for (int i = 0; i < 3; i++, h >>= 8) {
		uint32_t bit = 1u << (h & 31);

		known = known && (seen[(h & 0xFF) >> 5] & bit);
		seen[(h & 0xFF) >> 5] |= bit;
	}
	if (!known)
		cfg_warn(st, CFG_W_UNKNOWN);
}

/* F1..F12 (and F0 = F10) name help files. */
static bool is_fkey(const char *p, const char *end)
{
	uint64_t n;

	if (end - p < 2 || end - p > 3 || text_to_lower(*p) != 'f')
		return false;
	p++;
	return text_parse_uint(&p, end, 10, UINT32_MAX, &n) == TEXT_NUM_OK &&
	       p == end && n <= 12;
}

static void do_line(struct cfg_parser *st, const char *p, const char *end)
{
	const char *we, *arg, *p0 = p;
	size_t i;

	p = text_skip_space(p, end);
	we = text_word_end(p, end);
	if (st->in_text) {
		if (text_word_is(p, we, "endtext"))
			st->in_text = st->in_help = false;
		else
			cfg_menu_help_line(st, p0, end);
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
		if (is_fkey(p, we))
			cfg_warn(st, CFG_W_IGNORED);
		else
			cfg_warn_unknown(st, p, we);
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
		if (!cfg_is_menu_module(
			arg, (size_t)(text_word_end(arg, end) - arg)))
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
		cfg_do_include(st, arg, end);
		break;
	case D_MENU:
		cfg_do_menu(st, arg, end);
		break;
	case D_TEXT:
		cfg_do_text(st, arg, end);
		break;
	case D_ACCEPTED:
		break;
	case D_IGNORED:
		cfg_warn(st, CFG_W_IGNORED);
		break;
	}
}

/* Lines end at LF, CR LF or a lone CR. */
void cfg_parse_text(struct cfg_parser *st, const char *text, size_t len)
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
	st->in_text = st->in_help = false;
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
	cfg_menu_init(&st);
	if (len)
		cfg_parse_text(&st, text, len);
	cfg_label_close(&st);
	cfg_menu_finish(&st);
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
		return "too many menus or menu entries, rest not listed";
	case CFG_W_UI:
		return "UI module not run (only menu.c32 and vesamenu.c32 "
		       "are built in)";
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
