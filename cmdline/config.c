// SPDX-License-Identifier: BSD-2-Clause
/* syslinux.cfg parsing, label lookup and command-line resolution. The
 * rules follow SYSLINUX 6's ldlinux readconfig.c and doc/syslinux.txt;
 * where the two disagree, docs/config.md says which one we follow. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cmdline/config.h"

struct parser {
	struct cfg *c;
	const struct cfg_include_ops *inc;
	struct cfg_label *cur; /* label the directives belong to */
	bool skip;	       /* a dropped LABEL is open: ignore its lines */
	bool in_text;	       /* between TEXT HELP and ENDTEXT */
	bool menu_warned;
	bool limit_warned;
	uint8_t menu_level;
	unsigned depth; /* INCLUDE nesting */
	unsigned nfiles;
	unsigned file, line;
	char path[CFG_PATH_MAX]; /* INCLUDE name handed to load() */
};

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
};

enum flag {
	F_PROMPT,
	F_IMPLICIT,
	F_ALLOWOPTIONS,
	F_NOESCAPE,
	F_NOCOMPLETE,
	F_NOHALT,
	F_CONSOLE,
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
    {"prompt", D_FLAG, F_PROMPT},
    {"implicit", D_FLAG, F_IMPLICIT},
    {"allowoptions", D_FLAG, F_ALLOWOPTIONS},
    {"noescape", D_FLAG, F_NOESCAPE},
    {"nocomplete", D_FLAG, F_NOCOMPLETE},
    {"nohalt", D_FLAG, F_NOHALT},
    {"console", D_FLAG, F_CONSOLE},
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
    {"path", D_IGNORED, 0},
    {"pxeretry", D_IGNORED, 0},
    {"sendcookies", D_IGNORED, 0},
};

static void parse_text(struct parser *st, const char *text, size_t len);

/* SYSLINUX's my_isspace: every control byte and DEL separate words. */
static bool is_space(char ch)
{
	return (unsigned char)ch <= ' ' || ch == 0x7F;
}

static const char *skip_space(const char *p, const char *end)
{
	while (p < end && is_space(*p))
		p++;
	return p;
}

static const char *word_end(const char *p, const char *end)
{
	while (p < end && !is_space(*p))
		p++;
	return p;
}

/* Like word_end(), but a double quote, anywhere in the word, starts or
 * ends a stretch whose blanks belong to the word: bzboot's way to name
 * files with blanks ('"' cannot occur in a FAT name, so no SYSLINUX
 * config means anything else by it). NULL if a quote is left open. */
static const char *qword_end(const char *p, const char *end)
{
	bool quoted = false;

	for (; p < end && (quoted || !is_space(*p)); p++)
		if (*p == '"')
			quoted = !quoted;
	return quoted ? NULL : p;
}

/* The length of [p, end) without its double quotes. */
static size_t unquoted_len(const char *p, const char *end)
{
	size_t n = 0;

	for (; p < end; p++)
		n += *p != '"';
	return n;
}

static const char *trim_end(const char *p, const char *end)
{
	while (end > p && is_space(end[-1]))
		end--;
	return end;
}

static char to_lower(char ch)
{
	return (ch >= 'A' && ch <= 'Z') ? (char)(ch + ('a' - 'A')) : ch;
}

/* Keywords are case-insensitive and must be the whole word. */
static bool word_is(const char *p, const char *end, const char *kw)
{
	size_t n = (size_t)(end - p);

	if (strlen(kw) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (to_lower(p[i]) != kw[i])
			return false;
	return true;
}

static bool ends_with(const char *p, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n >= k && memcmp(p + n - k, suffix, k) == 0;
}

static int digit_value(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch = to_lower(ch);
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return 99;
}

/* Unsigned number like strtoul (base 0: 0x.. hex, 0.. octal, else
 * decimal; or base 10). Returns 1, 0 when no digit, -1 on overflow. */
static int parse_u32(const char **pp, const char *end, unsigned base,
		     uint32_t *out)
{
	const char *p = *pp;
	uint32_t v = 0;
	bool any = false, over = false;

	if (base == 0) {
		base = 10;
		if (p < end && *p == '0') {
			base = 8;
			if (end - p > 2 && to_lower(p[1]) == 'x' &&
			    digit_value(p[2]) < 16) {
				base = 16;
				p += 2;
			}
		}
	}
	for (; p < end && digit_value(*p) < (int)base; p++) {
		uint32_t d = (uint32_t)digit_value(*p);

		if (v > (UINT32_MAX - d) / base)
			over = true;
		v = v * base + d;
		any = true;
	}
	*pp = p;
	*out = v;
	return over ? -1 : any;
}

static void warn(struct parser *st, int code)
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

/* Copies [p, end) as a string; false (nothing written) if it does not
 * fit, so a value is never cut short. */
static bool copy_span(char *dst, size_t size, const char *p, const char *end)
{
	size_t n = (size_t)(end - p);

	if (n >= size)
		return false;
	memcpy(dst, p, n);
	dst[n] = '\0';
	return true;
}

/* copy_span() leaving out the double quotes. */
static bool copy_unquoted(char *dst, size_t size, const char *p,
			  const char *end)
{
	if (unquoted_len(p, end) >= size)
		return false;
	for (; p < end; p++)
		if (*p != '"')
			*dst++ = *p;
	*dst = '\0';
	return true;
}

/* FNV-1a; three bits of it mark a dropped label name. */
static uint32_t name_hash(const char *p, size_t n)
{
	uint32_t h = 2166136261u;

	while (n--) {
		h ^= (unsigned char)*p++;
		h *= 16777619u;
	}
	return h;
}

static void bloom_add(struct cfg *c, const char *p, size_t n)
{
	uint32_t h = name_hash(p, n);

	for (int i = 0; i < 3; i++, h >>= 8)
		c->dropped_names[(h & 0xFF) >> 5] |= 1u << (h & 31);
}

static bool bloom_has(const struct cfg *c, const char *p, size_t n)
{
	uint32_t h = name_hash(p, n);

	for (int i = 0; i < 3; i++, h >>= 8)
		if (!(c->dropped_names[(h & 0xFF) >> 5] & (1u << (h & 31))))
			return false;
	return true;
}

static const struct cfg_label *find_label_n(const struct cfg *c, const char *p,
					    size_t n)
{
	for (unsigned i = 0; i < c->nlabels; i++) {
		const char *name = c->labels[i].name;

		if (strncmp(name, p, n) == 0 && name[n] == '\0')
			return &c->labels[i];
	}
	return NULL;
}

/* A label ends at the next LABEL, MENU BEGIN/END/SEPARATOR or the end of
 * the config; only then does it take the global APPEND, as SYSLINUX's
 * record() does. */
static void label_close(struct parser *st)
{
	struct cfg_label *l = st->cur;

	if (l && !l->has_append) {
		memcpy(l->append, st->c->global_append,
		       strlen(st->c->global_append) + 1);
		if (st->c->global_append_bad)
			l->bad = true;
	}
	st->cur = NULL;
	st->skip = false;
}

static void label_drop(struct parser *st, const char *p, const char *end)
{
	bloom_add(st->c, p, (size_t)(end - p));
	st->c->labels_dropped++;
	st->skip = true;
}

static void do_label(struct parser *st, const char *arg, const char *end)
{
	struct cfg *c = st->c;
	const char *ne = word_end(arg, end); /* only the first word */
	struct cfg_label *l;

	label_close(st);
	if (ne == arg) {
		warn(st, CFG_W_BAD_VALUE);
		st->skip = true;
		return;
	}
	if ((size_t)(ne - arg) >= CFG_NAME_MAX) {
		warn(st, CFG_W_TOO_LONG);
		label_drop(st, arg, ne);
		return;
	}
	if (c->nlabels == CFG_MAX_LABELS) {
		if (!st->limit_warned)
			warn(st, CFG_W_TOO_MANY_LABELS);
		st->limit_warned = true;
		label_drop(st, arg, ne);
		return;
	}
	if (find_label_n(c, arg, (size_t)(ne - arg)))
		warn(st, CFG_W_DUP_LABEL);
	l = &c->labels[c->nlabels++];
	memset(l, 0, sizeof(*l));
	copy_span(l->name, sizeof(l->name), arg, ne);
	/* "The default for image is the same as label." */
	copy_span(l->kernel, sizeof(l->kernel), arg, ne);
	l->type = CFG_KT_KERNEL;
	l->sysappend = c->sysappend;
	l->menu_level = st->menu_level;
	l->line = st->line;
	l->file = st->file;
	st->cur = l;
}

static bool type_unbootable(enum cfg_kernel_type t)
{
	return t == CFG_KT_PXE || t == CFG_KT_FDIMAGE || t == CFG_KT_COMBOOT ||
	       t == CFG_KT_COM32 || t == CFG_KT_CONFIG;
}

/* KERNEL, LINUX, COM32, ...: the rest of the line is the command, so
 * words after the file name reach the kernel before APPEND. */
static void do_kernel(struct parser *st, enum cfg_kernel_type type,
		      const char *arg, const char *end)
{
	struct cfg_label *l = st->cur;
	const char *fe = qword_end(arg, end);

	if (!l) {
		if (!st->skip)
			warn(st, CFG_W_NOT_IN_LABEL);
		return;
	}
	if (!fe || unquoted_len(arg, fe) == 0) {
		warn(st, fe ? CFG_W_BAD_VALUE : CFG_W_QUOTE);
		l->bad = true;
		return;
	}
	if (!copy_unquoted(l->kernel, sizeof(l->kernel), arg, fe) ||
	    !copy_span(l->kernel_args, sizeof(l->kernel_args),
		       skip_space(fe, end), end)) {
		warn(st, CFG_W_TOO_LONG);
		l->bad = true;
		return;
	}
	l->type = type;
	if (type == CFG_KT_KERNEL)
		type = cfg_type_from_name(l->kernel);
	if (type_unbootable(type))
		warn(st, CFG_W_TYPE);
}

static void do_append(struct parser *st, const char *arg, const char *end)
{
	struct cfg *c = st->c;

	/* "APPEND -" appends nothing (overrides a global APPEND). */
	if (end - arg == 1 && *arg == '-')
		end = arg;
	if (st->cur) {
		st->cur->has_append = true;
		if (!copy_span(st->cur->append, sizeof(st->cur->append), arg,
			       end)) {
			warn(st, CFG_W_TOO_LONG);
			st->cur->bad = true;
		}
	} else if (!st->skip) {
		c->global_append_bad = !copy_span(
		    c->global_append, sizeof(c->global_append), arg, end);
		if (c->global_append_bad) {
			c->global_append[0] = '\0';
			warn(st, CFG_W_TOO_LONG);
		}
	}
}

/* INITRD's value is what follows "initrd=" on the kernel command line
 * (words after the list too, as in SYSLINUX). A list written with quotes
 * loses them, and if a name holds a blank the whole list goes in one
 * pair: the form the kernel's next_arg() and kcmd_get_option() read as
 * one value. An unquoted value is copied as written. */
static bool copy_initrd(char *dst, size_t size, const char *p, const char *we,
			const char *end)
{
	size_t u = unquoted_len(p, we), q = 0;
	char *d = dst;

	if (u == (size_t)(we - p))
		return copy_span(dst, size, p, end);
	for (const char *s = p; s < we; s++)
		if (is_space(*s))
			q = 1;
	if (q + u + q + (size_t)(end - we) >= size)
		return false;
	if (q)
		*d++ = '"';
	copy_unquoted(d, size - q, p, we);
	d += u;
	if (q)
		*d++ = '"';
	return copy_span(d, size - (size_t)(d - dst), we, end);
}

static void do_initrd(struct parser *st, const char *arg, const char *end)
{
	struct cfg_label *l = st->cur;
	const char *we = qword_end(arg, end);

	if (!l) {
		/* SYSLINUX ignores INITRD outside a label, so do we. */
		if (!st->skip)
			warn(st, CFG_W_NOT_IN_LABEL);
		return;
	}
	if (!we) {
		warn(st, CFG_W_QUOTE);
		l->bad = true;
	} else if (!copy_initrd(l->initrd, sizeof(l->initrd), arg, we, end)) {
		warn(st, CFG_W_TOO_LONG);
		l->bad = true;
	}
}

/* A value that does not fit leaves the old one and warns. */
static void do_string(struct parser *st, char *dst, size_t size,
		      const char *arg, const char *end)
{
	if (!copy_span(dst, size, arg, end))
		warn(st, CFG_W_TOO_LONG);
}

static void do_timeout(struct parser *st, unsigned *dst, const char *arg,
		       const char *end)
{
	uint32_t v;

	/* Like atoi: the leading digits count, anything after is ignored. */
	if (parse_u32(&arg, end, 10, &v) != 1)
		warn(st, CFG_W_BAD_VALUE);
	else
		*dst = v;
}

static void do_flag(struct parser *st, enum flag f, const char *arg,
		    const char *end)
{
	struct cfg *c = st->c;
	uint32_t v;
	bool on;

	if (arg < end && (*arg == '-' || *arg == '+'))
		arg++; /* atoi: "-1" is true as well */
	if (parse_u32(&arg, end, 10, &v) == 0) {
		warn(st, CFG_W_BAD_VALUE);
		return;
	}
	on = v != 0;
	switch (f) {
	case F_PROMPT:
		c->prompt = on;
		break;
	case F_IMPLICIT:
		c->allow_implicit = on;
		break;
	case F_ALLOWOPTIONS:
		c->allow_options = on;
		break;
	case F_NOESCAPE:
		c->noescape = on;
		break;
	case F_NOCOMPLETE:
		c->nocomplete = on;
		break;
	case F_NOHALT:
		c->nohalt = on;
		break;
	case F_CONSOLE:
		c->console = on;
		break;
	}
}

static bool is_alnum(char ch)
{
	return digit_value(ch) < 16 ||
	       (to_lower(ch) >= 'a' && to_lower(ch) <= 'z');
}

/* SERIAL port [baudrate [flowcontrol]], read the way ldlinux does. */
static void do_serial(struct parser *st, const char *p, const char *end)
{
	struct cfg *c = st->c;
	uint32_t port, baud = 9600, flow = 0;

	if (parse_u32(&p, end, 0, &port) < 0 || port > 0xFFFF)
		goto bad;
	while (p < end && is_alnum(*p))
		p++;
	p = skip_space(p, end);
	if (p < end && is_alnum(*p)) {
		if (parse_u32(&p, end, 10, &baud) != 1)
			goto bad;
		while (p < end && is_alnum(*p))
			p++;
		p = skip_space(p, end);
		if (p < end && is_alnum(*p) &&
		    (parse_u32(&p, end, 0, &flow) < 0 || flow > 0xFFFF))
			goto bad;
	}
	/* Below 75 baud SYSLINUX turns the serial console off; above
	 * 115200 the UART divisor would be 0. */
	if (baud < 75 || baud > 115200)
		goto bad;
	c->has_serial = true;
	c->serial_port = port;
	c->serial_baud = baud;
	c->serial_flow = (uint16_t)flow;
	return;
bad:
	c->has_serial = false;
	warn(st, CFG_W_BAD_VALUE);
}

static void do_sysappend(struct parser *st, const char *p, const char *end)
{
	uint32_t v;

	if (parse_u32(&p, end, 0, &v) != 1) {
		warn(st, CFG_W_BAD_VALUE);
		return;
	}
	if (st->cur)
		st->cur->sysappend = v;
	else if (!st->skip)
		st->c->sysappend = v;
	else
		return;
	if (v)
		warn(st, CFG_W_SYSAPPEND);
}

static void do_include(struct parser *st, const char *arg, const char *end)
{
	const struct cfg_include_ops *inc = st->inc;
	const char *fe = word_end(arg, end);
	const char *text;
	size_t len;
	unsigned file = st->file, line = st->line;

	if (fe == arg) {
		warn(st, CFG_W_BAD_VALUE);
		return;
	}
	if (!copy_span(st->path, sizeof(st->path), arg, fe)) {
		warn(st, CFG_W_TOO_LONG);
		return;
	}
	if (!inc || !inc->load || st->depth >= CFG_INCLUDE_DEPTH ||
	    inc->load(inc->ctx, st->path, &text, &len) != 0 || (!text && len)) {
		warn(st, CFG_W_INCLUDE);
		return;
	}
	st->file = ++st->nfiles;
	st->line = 0;
	st->depth++;
	parse_text(st, text, len);
	st->depth--;
	st->file = file;
	st->line = line;
	if (inc->release)
		inc->release(inc->ctx, text, len);
}

/* One warning tells the user the menu is gone; more would only crowd out
 * the warnings that matter. */
static void warn_menu_once(struct parser *st)
{
	if (!st->menu_warned)
		warn(st, CFG_W_MENU);
	st->menu_warned = true;
}

/* MENU lines only decide which label a menu would start on (see
 * cfg_default_line); BEGIN/END/SEPARATOR also end the open label. */
static void do_menu(struct parser *st, const char *p, const char *end)
{
	const char *we = word_end(p, end);
	const char *arg = skip_space(we, end);

	warn_menu_once(st);
	if (word_is(p, we, "default")) {
		if (st->cur)
			st->cur->menu_default = true;
	} else if (word_is(p, we, "hide")) {
		if (st->cur)
			st->cur->menu_hide = true;
	} else if (word_is(p, we, "begin")) {
		label_close(st);
		if (st->menu_level < UINT8_MAX)
			st->menu_level++;
	} else if (word_is(p, we, "end")) {
		label_close(st);
		if (st->menu_level > 0)
			st->menu_level--;
	} else if (word_is(p, we, "separator")) {
		label_close(st);
	} else if (word_is(p, we, "include")) {
		do_include(st, arg, end);
	}
}

/* F1..F12 (and F0 = F10) name help files. */
static bool is_fkey(const char *p, const char *end)
{
	uint32_t n;

	if (end - p < 2 || end - p > 3 || to_lower(*p) != 'f')
		return false;
	p++;
	return parse_u32(&p, end, 10, &n) == 1 && p == end && n <= 12;
}

static void do_line(struct parser *st, const char *p, const char *end)
{
	const char *we, *arg;
	size_t i;

	p = skip_space(p, end);
	we = word_end(p, end);
	if (st->in_text) {
		if (word_is(p, we, "endtext"))
			st->in_text = false;
		return;
	}
	if (p == end || *p == '#')
		return;
	if (memchr(p, '\0', (size_t)(end - p))) {
		warn(st, CFG_W_NUL);
		return;
	}
	arg = skip_space(we, end);
	end = trim_end(arg, end);
	for (i = 0; i < sizeof(directives) / sizeof(directives[0]); i++)
		if (word_is(p, we, directives[i].kw))
			break;
	if (i == sizeof(directives) / sizeof(directives[0])) {
		warn(st, is_fkey(p, we) ? CFG_W_IGNORED : CFG_W_UNKNOWN);
		return;
	}
	switch (directives[i].id) {
	case D_LABEL:
		do_label(st, arg, end);
		break;
	case D_KERNEL:
		do_kernel(st, directives[i].arg, arg, end);
		break;
	case D_APPEND:
		do_append(st, arg, end);
		break;
	case D_INITRD:
		do_initrd(st, arg, end);
		break;
	case D_DEFAULT:
		do_string(st, st->c->default_label,
			  sizeof(st->c->default_label), arg, end);
		break;
	case D_UI:
		/* UI overrides DEFAULT in SYSLINUX; we cannot run it. */
		st->c->has_ui = true;
		do_string(st, st->c->ui, sizeof(st->c->ui), arg, end);
		warn(st, CFG_W_UI);
		break;
	case D_TIMEOUT:
		do_timeout(st, &st->c->timeout_ds, arg, end);
		break;
	case D_TOTALTIMEOUT:
		do_timeout(st, &st->c->totaltimeout_ds, arg, end);
		break;
	case D_ONTIMEOUT:
		do_string(st, st->c->ontimeout, sizeof(st->c->ontimeout), arg,
			  end);
		break;
	case D_ONERROR:
		do_string(st, st->c->onerror, sizeof(st->c->onerror), arg, end);
		break;
	case D_FLAG:
		do_flag(st, directives[i].arg, arg, end);
		break;
	case D_SERIAL:
		do_serial(st, arg, end);
		break;
	case D_SYSAPPEND:
		do_sysappend(st, arg, end);
		break;
	case D_INCLUDE:
		do_include(st, arg, end);
		break;
	case D_MENU:
		do_menu(st, arg, end);
		break;
	case D_TEXT:
		/* Help text up to ENDTEXT is not config: skip it whole. */
		st->in_text = true;
		warn_menu_once(st);
		break;
	case D_IGNORED:
		warn(st, CFG_W_IGNORED);
		break;
	}
}

/* Lines end at LF, CR LF or a lone CR. */
static void parse_text(struct parser *st, const char *text, size_t len)
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
	struct parser st;

	if (!c || (!text && len))
		return CFG_EINVAL;
	memset(c, 0, sizeof(*c));
	c->allow_implicit = true;
	c->allow_options = true;
	c->console = true;
	memset(&st, 0, sizeof(st));
	st.c = c;
	st.inc = inc;
	if (len)
		parse_text(&st, text, len);
	label_close(&st);
	return CFG_OK;
}

int cfg_parse(struct cfg *c, const char *text, size_t len)
{
	return cfg_parse_with(c, text, len, NULL);
}

const struct cfg_label *cfg_find_label(const struct cfg *c, const char *name)
{
	if (!c || !name)
		return NULL;
	return find_label_n(c, name, strlen(name));
}

enum cfg_kernel_type cfg_type_from_name(const char *file)
{
	static const struct {
		const char *ext;
		enum cfg_kernel_type type;
	} exts[] = {
	    {".c32", CFG_KT_COM32}, {".img", CFG_KT_FDIMAGE},
	    {".bss", CFG_KT_BSS},   {".bin", CFG_KT_BOOT},
	    {".bs", CFG_KT_BOOT},   {".0", CFG_KT_PXE},
	};
	size_t n = file ? strlen(file) : 0;

	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (ends_with(file, n, exts[i].ext))
			return exts[i].type;
	return CFG_KT_LINUX;
}

const char *cfg_default_line(const struct cfg *c)
{
	const char *d, *we;
	const struct cfg_label *l;
	unsigned i;

	if (!c)
		return "";
	d = c->default_label;
	we = word_end(d, d + strlen(d));
	l = find_label_n(c, d, (size_t)(we - d));
	/* Without UI, DEFAULT is typed as is, unless it names a menu module
	 * (the SYSLINUX 3/4 way to get a menu): then act as the menu. */
	if (!c->has_ui && (l || !ends_with(d, (size_t)(we - d), ".c32")))
		return d;
	/* The menu starts on the DEFAULT label, else on the last MENU
	 * DEFAULT of the top menu, else on its first entry. */
	if (l && !l->menu_hide)
		return l->name;
	for (i = c->nlabels; i-- > 0;) {
		l = &c->labels[i];
		if (l->menu_default && !l->menu_hide && l->menu_level == 0)
			return l->name;
	}
	for (i = 0; i < c->nlabels; i++) {
		l = &c->labels[i];
		if (!l->menu_hide && l->menu_level == 0)
			return l->name;
	}
	return "";
}

/* The first word names no label: it is a file, maybe quoted. *we comes
 * in as the end of the word split at blanks, goes out as the end of the
 * word with its quoted blanks. */
static int resolve_file(const struct cfg *c, const char *p, const char *end,
			const char **we, struct cfg_boot *out)
{
	/* Never boot a file named like a label we could not keep. */
	if (c->labels_dropped && bloom_has(c, p, (size_t)(*we - p)))
		return CFG_EDROPPED;
	if (!c->allow_implicit)
		return CFG_EIMPLICIT;
	*we = qword_end(p, end);
	if (!*we)
		return CFG_EQUOTE;
	/* No APPEND: SYSLINUX 6 gives a file named at the prompt or in
	 * DEFAULT only the words after it (its documentation and 4.x add
	 * the global APPEND; 6.04 was seen not to). */
	if (!copy_unquoted(out->kernel, sizeof(out->kernel), p, *we))
		return CFG_ETOOLONG;
	out->type = CFG_KT_KERNEL;
	return out->kernel[0] ? CFG_OK : CFG_EEMPTY; /* typed "" */
}

/* typed: the line comes from the keyboard, so ALLOWOPTIONS 0 applies. */
static int resolve(const struct cfg *c, const char *line, bool typed,
		   struct cfg_boot *out)
{
	const char *p, *we, *rest, *end;
	const struct cfg_label *l;
	int err;

	if (!c || !line || !out)
		return CFG_EINVAL;
	memset(out, 0, sizeof(*out));
	end = line + strlen(line);
	p = skip_space(line, end);
	we = word_end(p, end);
	if (we == p)
		return CFG_EEMPTY;

	l = find_label_n(c, p, (size_t)(we - p));
	if (l) {
		if (l->bad)
			return CFG_EBADLABEL;
		memcpy(out->kernel, l->kernel, sizeof(out->kernel));
		memcpy(out->kernel_args, l->kernel_args,
		       sizeof(out->kernel_args));
		memcpy(out->initrd, l->initrd, sizeof(out->initrd));
		memcpy(out->append, l->append, sizeof(out->append));
		out->type = l->type;
		out->label = l;
	} else {
		err = resolve_file(c, p, end, &we, out);
		if (err)
			return err;
	}
	if (out->type == CFG_KT_KERNEL)
		out->type = cfg_type_from_name(out->kernel);

	rest = skip_space(we, end);
	end = trim_end(rest, end);
	if (rest < end) {
		/* ALLOWOPTIONS 0: "the only options recognized are those
		 * specified in an APPEND statement" (doc/syslinux.txt). */
		if (typed && !c->allow_options)
			out->extra_dropped = true;
		else if (!copy_span(out->extra, sizeof(out->extra), rest, end))
			return CFG_ETOOLONG;
	}
	return CFG_OK;
}

int cfg_resolve(const struct cfg *c, const char *line, struct cfg_boot *out)
{
	return resolve(c, line, true, out);
}

int cfg_resolve_config(const struct cfg *c, const char *line,
		       struct cfg_boot *out)
{
	return resolve(c, line, false, out);
}

const char *cfg_strerror(int err)
{
	switch (err) {
	case CFG_OK:
		return "success";
	case CFG_EINVAL:
		return "invalid argument";
	case CFG_EEMPTY:
		return "nothing to boot";
	case CFG_EIMPLICIT:
		return "no such label (IMPLICIT 0 forbids file names)";
	case CFG_EBADLABEL:
		return "label has a bad or too long value";
	case CFG_EDROPPED:
		return "label was dropped (too many labels or name too long)";
	case CFG_ETOOLONG:
		return "file name or options too long";
	case CFG_EQUOTE:
		return "unterminated double quote";
	}
	return "unknown error";
}

const char *cfg_warning_str(int code)
{
	switch (code) {
	case CFG_W_UNKNOWN:
		return "unknown directive ignored";
	case CFG_W_IGNORED:
		return "directive not supported, ignored";
	case CFG_W_MENU:
		return "no menu: MENU lines only pick the default";
	case CFG_W_UI:
		return "UI module not run: no menu";
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
