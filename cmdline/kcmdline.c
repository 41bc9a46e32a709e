// SPDX-License-Identifier: BSD-2-Clause
/* Kernel command line: assembly in SYSLINUX's order, and the options a
 * loader must read itself (boot.rst "Special Command Line Options"). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cmdline/kcmdline.h"

/* The kernel's isspace() for command lines: blank, \t \n \v \f \r. */
static bool is_space(char ch)
{
	return ch == ' ' || (ch >= '\t' && ch <= '\r');
}

static char to_lower(char ch)
{
	return (ch >= 'A' && ch <= 'Z') ? (char)(ch + ('a' - 'A')) : ch;
}

static bool has_blank(const char *s, size_t n)
{
	while (n--)
		if (is_space(*s++))
			return true;
	return false;
}

/* Appends prefix + s (s without its outer blanks) after a single blank;
 * false if that would pass limit. quote: a file name, which goes in
 * double quotes if it holds a blank, so that the kernel's next_arg()
 * keeps it one word: BOOT_IMAGE="/a b/k". */
static bool put(char *out, size_t *len, size_t limit, const char *prefix,
		const char *s, bool quote)
{
	size_t plen = strlen(prefix), n, q;
	const char *end;

	if (!s)
		return true;
	while (is_space(*s))
		s++;
	end = s + strlen(s);
	while (end > s && is_space(end[-1]))
		end--;
	n = (size_t)(end - s);
	if (n == 0)
		return true;
	q = quote && has_blank(s, n) ? 1 : 0;
	if (*len + (*len ? 1 : 0) + plen + q + n + q > limit)
		return false;
	if (*len)
		out[(*len)++] = ' ';
	memcpy(out + *len, prefix, plen);
	*len += plen;
	if (q)
		out[(*len)++] = '"';
	memcpy(out + *len, s, n);
	*len += n;
	if (q)
		out[(*len)++] = '"';
	out[*len] = '\0';
	return true;
}

int kcmd_build_parts(char *out, size_t out_size, size_t max_len,
		     const struct kcmd_parts *p)
{
	size_t len = 0, limit;

	if (!out || !p)
		return KCMD_EINVAL;
	if (out_size == 0)
		return KCMD_ETOOLONG;
	limit = out_size - 1 < max_len ? out_size - 1 : max_len;
	out[0] = '\0';
	/* The initrd list is not quoted here: the config's INITRD may carry
	 * words after the list (see copy_initrd() in config.c). */
	if (put(out, &len, limit, "BOOT_IMAGE=", p->image, true) &&
	    put(out, &len, limit, "", p->kernel_args, false) &&
	    put(out, &len, limit, "", p->append, false) &&
	    put(out, &len, limit, "initrd=", p->initrd, false) &&
	    put(out, &len, limit, "", p->extra, false) && len <= INT32_MAX)
		return (int)len;
	out[0] = '\0';
	return KCMD_ETOOLONG;
}

int kcmd_build(char *out, size_t out_size, size_t max_len, const char *image,
	       const char *append, const char *extra)
{
	struct kcmd_parts p = {
	    .image = image,
	    .append = append,
	    .extra = extra,
	};

	return kcmd_build_parts(out, out_size, max_len, &p);
}

/* One word the way the kernel's next_arg() splits it: a double quote
 * toggles quoting, blanks inside quotes do not end the word. */
struct word {
	const char *start, *end; /* whole word */
	const char *eq;		 /* first '=', or NULL */
};

static const char *next_word(const char *p, struct word *w)
{
	bool quoted = false;

	while (is_space(*p))
		p++;
	w->start = p;
	w->eq = NULL;
	for (; *p && (quoted || !is_space(*p)); p++) {
		if (*p == '=' && !w->eq)
			w->eq = p;
		if (*p == '"')
			quoted = !quoted;
	}
	w->end = p;
	return p;
}

static int find_option(const char *cmdline, const char *name, bool last,
		       char *val, size_t val_size)
{
	const char *vs = NULL, *ve = NULL, *p;
	size_t nlen, n;
	struct word w;

	if (!cmdline || !name || !val || !*name)
		return KCMD_EINVAL;
	nlen = strlen(name);
	for (p = next_word(cmdline, &w); w.start != w.end;
	     p = next_word(p, &w)) {
		const char *ns = w.start, *s, *e;

		if (w.end - w.start == 2 && memcmp(w.start, "--", 2) == 0)
			break;
		if (*ns == '"')
			ns++; /* "name=value" quoted whole */
		if (!w.eq || (size_t)(w.eq - ns) != nlen ||
		    memcmp(ns, name, nlen) != 0)
			continue;
		s = w.eq + 1;
		e = w.end;
		if (s < e && *s == '"') {
			s++;
			if (e > s && e[-1] == '"')
				e--;
		} else if (ns != w.start && e > s && e[-1] == '"') {
			e--;
		}
		vs = s;
		ve = e;
		if (!last)
			break;
	}
	if (!vs)
		return KCMD_ENOTFOUND;
	n = (size_t)(ve - vs);
	if (n >= val_size || n > INT32_MAX) {
		if (val_size)
			val[0] = '\0';
		return KCMD_ETOOLONG;
	}
	memcpy(val, vs, n);
	val[n] = '\0';
	return (int)n;
}

int kcmd_get_option(const char *cmdline, const char *name, char *val,
		    size_t val_size)
{
	return find_option(cmdline, name, true, val, val_size);
}

int kcmd_get_option_first(const char *cmdline, const char *name, char *val,
			  size_t val_size)
{
	return find_option(cmdline, name, false, val, val_size);
}

/* The length of [p, end) without its double quotes. */
static size_t unquoted_len(const char *p, const char *end)
{
	size_t n = 0;

	for (; p < end; p++)
		n += *p != '"';
	return n;
}

/* Double quotes are dropped from the items ('"' cannot occur in a FAT
 * name), so initrd="/a b/x.img",/y.img, whose value the kernel leaves as
 * /a b/x.img",/y.img, still names two files. Commas always separate. */
int kcmd_list_next(const char **cursor, char *item, size_t item_size)
{
	const char *p, *e;
	size_t n;

	if (!cursor || !*cursor || !item)
		return KCMD_EINVAL;
	for (p = *cursor;; p = e) {
		while (*p == ',')
			p++;
		if (!*p) {
			*cursor = p;
			return KCMD_ENOTFOUND;
		}
		e = strchr(p, ',');
		if (!e)
			e = p + strlen(p);
		n = unquoted_len(p, e);
		if (n) /* an item of quotes only is empty */
			break;
	}
	*cursor = e;
	if (n >= item_size || n > INT32_MAX) {
		if (item_size)
			item[0] = '\0';
		return KCMD_ETOOLONG;
	}
	for (; p < e; p++)
		if (*p != '"')
			*item++ = *p;
	*item = '\0';
	return (int)n;
}

static unsigned digit_value(char ch)
{
	if (ch >= '0' && ch <= '9')
		return (unsigned)(ch - '0');
	ch = to_lower(ch);
	if (ch >= 'a' && ch <= 'f')
		return (unsigned)(ch - 'a' + 10);
	return 99;
}

/* An integer in C notation, as simple_strtoull(s, &end, 0) reads it.
 * Returns KCMD_OK, KCMD_EINVAL (no digits) or KCMD_ERANGE. */
static int parse_c_number(const char **pp, uint64_t *out)
{
	const char *p = *pp;
	unsigned base = 10, d;
	uint64_t v = 0, lim;
	bool any = false;

	if (p[0] == '0') {
		base = 8;
		if (to_lower(p[1]) == 'x' && digit_value(p[2]) < 16) {
			base = 16;
			p += 2;
		}
	}
	/* Constant divisors: no 64-bit division helper on the i386 target. */
	lim = base == 16  ? UINT64_MAX / 16
	      : base == 8 ? UINT64_MAX / 8
			  : UINT64_MAX / 10;
	for (; (d = digit_value(*p)) < base; p++) {
		if (v > lim || (v == lim && d > UINT64_MAX - lim * base))
			return KCMD_ERANGE;
		v = v * base + d;
		any = true;
	}
	*pp = p;
	*out = v;
	return any ? KCMD_OK : KCMD_EINVAL;
}

static bool word_eq(const char *s, const char *lower)
{
	while (*s && to_lower(*s) == *lower) {
		s++;
		lower++;
	}
	return !*s && !*lower;
}

int kcmd_parse_vga(const char *val, uint16_t *mode)
{
	static const struct {
		const char *word;
		uint16_t mode;
	} words[] = {
	    {"normal", KCMD_VGA_NORMAL},   {"ext", KCMD_VGA_EXT},
	    {"extended", KCMD_VGA_EXT},	   {"ask", KCMD_VGA_ASK},
	    {"current", KCMD_VGA_CURRENT},
	};
	uint64_t v;
	int err;

	if (!val || !mode)
		return KCMD_EINVAL;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (word_eq(val, words[i].word)) {
			*mode = words[i].mode;
			return KCMD_OK;
		}
	}
	err = parse_c_number(&val, &v);
	if (err)
		return err;
	if (*val)
		return KCMD_EINVAL; /* "0x31g", "08", "791 " */
	if (v > 0xFFFF)
		return KCMD_ERANGE;
	*mode = (uint16_t)v;
	return KCMD_OK;
}

int kcmd_parse_mem(const char *val, uint64_t *bytes)
{
	unsigned shift = 0;
	uint64_t v;
	int err;

	if (!val || !bytes)
		return KCMD_EINVAL;
	/* x86 parse_memopt(): "nopentium" is a flag, not a size. */
	if (strcmp(val, "nopentium") == 0) {
		*bytes = UINT64_MAX;
		return KCMD_OK;
	}
	err = parse_c_number(&val, &v);
	if (err)
		return err;
	switch (to_lower(*val)) {
	case 'e':
		shift = 60;
		break;
	case 'p':
		shift = 50;
		break;
	case 't':
		shift = 40;
		break;
	case 'g':
		shift = 30;
		break;
	case 'm':
		shift = 20;
		break;
	case 'k':
		shift = 10;
		break;
	}
	if (v == 0)
		return KCMD_EINVAL;
	if (shift && v > (UINT64_MAX >> shift))
		return KCMD_ERANGE;
	*bytes = v << shift;
	return KCMD_OK;
}

const char *kcmd_strerror(int err)
{
	switch (err) {
	case KCMD_OK:
		return "success";
	case KCMD_ETOOLONG:
		return "command line too long";
	case KCMD_ENOTFOUND:
		return "option not found";
	case KCMD_EINVAL:
		return "invalid value";
	case KCMD_ERANGE:
		return "value out of range";
	}
	return "unknown error";
}
