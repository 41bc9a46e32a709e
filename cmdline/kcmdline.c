// SPDX-License-Identifier: BSD-2-Clause
/* Kernel command line: assembly in SYSLINUX's order, and the options a
 * loader must read itself (boot.rst "Special Command Line Options"). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cmdline/kcmdline.h"
#include "cmdline/text.h"

static bool has_blank(const char *s, size_t n)
{
	while (n--)
		if (text_is_kernel_space(*s++))
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
	while (text_is_kernel_space(*s))
		s++;
	end = s + strlen(s);
	while (end > s && text_is_kernel_space(end[-1]))
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
	 * words after the list (see copy_initrd() in config_label.c). */
	if (put(out, &len, limit, "BOOT_IMAGE=", p->image, true) &&
	    put(out, &len, limit, "", p->kernel_args, false) &&
	    put(out, &len, limit, "", p->append, false) &&
	    put(out, &len, limit, "initrd=", p->initrd, false) &&
	    put(out, &len, limit, "", p->extra, false) && len <= INT32_MAX)
		return (int)len;
	out[0] = '\0';
	return KCMD_ETOOLONG;
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

	while (text_is_kernel_space(*p))
		p++;
	w->start = p;
	w->eq = NULL;
	for (; *p && (quoted || !text_is_kernel_space(*p)); p++) {
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
		n = text_unquoted_len(p, e);
		if (n) /* an item of quotes only is empty */
			break;
	}
	*cursor = e;
	if (n > INT32_MAX || !text_copy_unquoted(item, item_size, p, e)) {
		if (item_size)
			item[0] = '\0';
		return KCMD_ETOOLONG;
	}
	return (int)n;
}

/* An integer in C notation, as simple_strtoull(s, &end, 0) reads it:
 * *pp is left after its digits. KCMD_OK, KCMD_EINVAL (no digits) or
 * KCMD_ERANGE (past 64 bits). */
static int parse_c_number(const char **pp, uint64_t *out)
{
	switch (text_parse_uint(pp, *pp + strlen(*pp), 0, UINT64_MAX, out)) {
	case TEXT_NUM_OK:
		return KCMD_OK;
	case TEXT_NUM_OVERFLOW:
		return KCMD_ERANGE;
	}
	return KCMD_EINVAL;
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
		if (text_word_is(val, val + strlen(val), words[i].word)) {
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
	switch (text_to_lower(*val)) {
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

/* vga= is read before mem=, as stage2 always did: with both bad, vga= is
 * the one reported. */
int kcmd_loader_options(const char *cmdline, struct kcmd_loader_opts *o)
{
	uint16_t mode;
	int err;

	if (!o)
		return KCMD_EINVAL;
	o->vid_mode = -1;
	o->mem_limit = 0;
	o->bad_name = NULL;
	o->bad_value[0] = '\0';
	o->bad_reason = NULL;
	if (!cmdline)
		return KCMD_EINVAL;
	/* A value too long for bad_value is no vga= or mem= we could read,
	 * and is left to the kernel, as before. */
	if (kcmd_get_option(cmdline, "vga", o->bad_value,
			    sizeof(o->bad_value)) >= 0) {
		err = kcmd_parse_vga(o->bad_value, &mode);
		if (err) {
			o->bad_name = "vga";
			o->bad_reason = "not a video mode (use normal, ext, "
					"ask or a number)";
			return err;
		}
		o->vid_mode = mode;
	}
	if (kcmd_get_option(cmdline, "mem", o->bad_value,
			    sizeof(o->bad_value)) >= 0) {
		err = kcmd_parse_mem(o->bad_value, &o->mem_limit);
		if (err) {
			o->bad_name = "mem";
			o->bad_reason = "not a size (use e.g. mem=512M)";
			return err;
		}
	}
	o->bad_value[0] = '\0';
	return KCMD_OK;
}
