// SPDX-License-Identifier: BSD-2-Clause
/* The label table and the directives that fill a label: LABEL, KERNEL
 * and its kin, APPEND, INITRD. Rules from SYSLINUX 6's readconfig.c. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cmdline/config.h"
#include "cmdline/config_internal.h"
#include "cmdline/c32_branch.h"
#include "cmdline/config_switch.h"
#include "cmdline/text.h"

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

bool cfg_label_was_dropped(const struct cfg *c, const char *p, size_t n)
{
	uint32_t h = name_hash(p, n);

	for (int i = 0; i < 3; i++, h >>= 8)
		if (!(c->dropped_names[(h & 0xFF) >> 5] & (1u << (h & 31))))
			return false;
	return true;
}

const struct cfg_label *cfg_find_label_n(const struct cfg *c, const char *p,
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
void cfg_label_close(struct cfg_parser *st)
{
	struct cfg_label *l = st->cur;

	if (l)
		cfg_hook(st, CFG_H_LABEL_CLOSE, NULL, NULL);
	if (l && !l->has_append) {
		memcpy(l->append, st->c->global_append,
		       strlen(st->c->global_append) + 1);
		if (st->c->global_append_bad)
			l->bad = true;
	}
	st->cur = NULL;
	st->skip = false;
}

static void label_drop(struct cfg_parser *st, const char *p, const char *end)
{
	bloom_add(st->c, p, (size_t)(end - p));
	st->c->labels_dropped++;
	st->skip = true;
}

void cfg_do_label(struct cfg_parser *st, const char *arg, const char *end)
{
	struct cfg *c = st->c;
	const char *ne = text_word_end(arg, end); /* only the first word */
	struct cfg_label *l;

	cfg_label_close(st);
	if (ne == arg) {
		cfg_warn(st, CFG_W_BAD_VALUE);
		st->skip = true;
		return;
	}
	if ((size_t)(ne - arg) >= CFG_NAME_MAX) {
		cfg_warn(st, CFG_W_TOO_LONG);
		label_drop(st, arg, ne);
		return;
	}
	if (c->nlabels == CFG_MAX_LABELS) {
		if (!st->limit_warned)
			cfg_warn(st, CFG_W_TOO_MANY_LABELS);
		st->limit_warned = true;
		label_drop(st, arg, ne);
		return;
	}
	if (cfg_find_label_n(c, arg, (size_t)(ne - arg)))
		cfg_warn(st, CFG_W_DUP_LABEL);
	l = &c->labels[c->nlabels++];
	memset(l, 0, sizeof(*l));
	text_copy_span(l->name, sizeof(l->name), arg, ne);
	/* "The default for image is the same as label." */
	text_copy_span(l->kernel, sizeof(l->kernel), arg, ne);
	l->type = CFG_KT_KERNEL;
	l->sysappend = c->sysappend;
	l->menu_level = st->menu_level;
	/* inside a submenu that has a password: the innermost one */
	for (unsigned i = st->menu_level < 32 ? st->menu_level : 31;
	     i > 0 && !l->menu_passwd; i--)
		l->menu_passwd = st->level_passwd[i];
	l->line = st->line;
	l->file = st->file;
	st->cur = l;
	cfg_hook(st, CFG_H_LABEL_OPEN, arg, end);
}

static bool type_unbootable(enum cfg_kernel_type t)
{
	return t == CFG_KT_PXE || t == CFG_KT_FDIMAGE || t == CFG_KT_COMBOOT ||
	       t == CFG_KT_COM32;
}

/* KERNEL, LINUX, COM32, ...: the rest of the line is the command, so
 * words after the file name reach the kernel before APPEND. */
void cfg_do_kernel(struct cfg_parser *st, enum cfg_kernel_type type,
		   const char *arg, const char *end)
{
	struct cfg_label *l = st->cur;
	const char *fe = text_qword_end(arg, end);

	if (!l) {
		if (!st->skip)
			cfg_warn(st, CFG_W_NOT_IN_LABEL);
		return;
	}
	if (!fe || text_unquoted_len(arg, fe) == 0) {
		cfg_warn(st, fe ? CFG_W_BAD_VALUE : CFG_W_QUOTE);
		l->bad = true;
		return;
	}
	if (!text_copy_unquoted(l->kernel, sizeof(l->kernel), arg, fe) ||
	    !text_copy_span(l->kernel_args, sizeof(l->kernel_args),
			    text_skip_space(fe, end), end)) {
		cfg_warn(st, CFG_W_TOO_LONG);
		l->bad = true;
		return;
	}
	l->type = type;
	if (type == CFG_KT_KERNEL)
		type = cfg_type_from_name(l->kernel);
	/* config.c32, chain.c32, mboot.c32, ifcpu64.c32...
	 * (cmdline/config_switch.h, the chain and c32 modules), menu.c32 and
	 * vesamenu.c32 (cfg_wants_menu) are built in. */
	if (type_unbootable(type) && !cfg_is_config_module(l->kernel) &&
	    !cfg_module_named(l->kernel, "chain.c32") &&
	    !cfg_module_named(l->kernel, "mboot.c32") &&
	    c32_module_id(l->kernel) == C32_NONE &&
	    !cfg_is_menu_module(l->kernel, strlen(l->kernel)))
		cfg_warn(st, CFG_W_TYPE);
}

void cfg_do_append(struct cfg_parser *st, const char *arg, const char *end)
{
	struct cfg *c = st->c;

	/* "APPEND -" appends nothing (overrides a global APPEND). */
	if (end - arg == 1 && *arg == '-')
		end = arg;
	if (st->cur) {
		st->cur->has_append = true;
		if (!text_copy_span(st->cur->append, sizeof(st->cur->append),
				    arg, end)) {
			cfg_warn(st, CFG_W_TOO_LONG);
			st->cur->bad = true;
		}
	} else if (!st->skip) {
		c->global_append_bad = !text_copy_span(
		    c->global_append, sizeof(c->global_append), arg, end);
		if (c->global_append_bad) {
			c->global_append[0] = '\0';
			cfg_warn(st, CFG_W_TOO_LONG);
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
	size_t u = text_unquoted_len(p, we), q = 0;
	char *d = dst;

	if (u == (size_t)(we - p))
		return text_copy_span(dst, size, p, end);
	for (const char *s = p; s < we; s++)
		if (text_is_syslinux_space(*s))
			q = 1;
	if (q + u + q + (size_t)(end - we) >= size)
		return false;
	if (q)
		*d++ = '"';
	text_copy_unquoted(d, size - q, p, we);
	d += u;
	if (q)
		*d++ = '"';
	return text_copy_span(d, size - (size_t)(d - dst), we, end);
}

void cfg_do_initrd(struct cfg_parser *st, const char *arg, const char *end)
{
	struct cfg_label *l = st->cur;
	const char *we = text_qword_end(arg, end);

	if (!l) {
		/* SYSLINUX ignores INITRD outside a label, so do we. */
		if (!st->skip)
			cfg_warn(st, CFG_W_NOT_IN_LABEL);
		return;
	}
	if (!we) {
		cfg_warn(st, CFG_W_QUOTE);
		l->bad = true;
	} else if (!copy_initrd(l->initrd, sizeof(l->initrd), arg, we, end)) {
		cfg_warn(st, CFG_W_TOO_LONG);
		l->bad = true;
	}
}
