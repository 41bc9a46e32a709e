// SPDX-License-Identifier: BSD-2-Clause
/* From a parsed config to what to boot: the default line, and a typed
 * or configured command line resolved to a label or a kernel file, the
 * way SYSLINUX 6 does (docs/config.md). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cmdline/config.h"
#include "cmdline/config_internal.h"
#include "cmdline/text.h"

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
		if (text_ends_with(file, n, exts[i].ext))
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
	we = text_word_end(d, d + strlen(d));
	l = cfg_find_label_n(c, d, (size_t)(we - d));
	/* Without UI, DEFAULT is typed as is, unless it names a menu module
	 * (the SYSLINUX 3/4 way to get a menu): then act as the menu. */
	if (!c->has_ui && (l || !text_ends_with(d, (size_t)(we - d), ".c32")))
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

bool cfg_is_menu_module(const char *p, size_t n)
{
	const char *b = p + n;

	/* Any directory; FAT names compare with case ignored. */
	while (b > p && b[-1] != '/')
		b--;
	return text_word_is(b, p + n, "menu.c32") ||
	       text_word_is(b, p + n, "vesamenu.c32");
}

bool cfg_wants_menu(const struct cfg *c)
{
	const char *d = c->default_label;
	size_t n = (size_t)(text_word_end(d, d + strlen(d)) - d);
	const struct cfg_label *l = cfg_find_label_n(c, d, n);

	/* DEFAULT's label's KERNEL, else DEFAULT itself. A UI module bzboot
	 * cannot run (gfxboot) leaves DEFAULT its meaning, which may be a
	 * menu (DEFAULT vesamenu.c32). */
	if (l)
		n = strlen(d = l->kernel);
	return c->ui_menu || cfg_is_menu_module(d, n);
}

/* The first word names no label: it is a file, maybe quoted. *we comes
 * in as the end of the word split at blanks, goes out as the end of the
 * word with its quoted blanks. */
static int resolve_file(const struct cfg *c, const char *p, const char *end,
			const char **we, struct cfg_boot *out)
{
	/* Never boot a file named like a label we could not keep. */
	if (c->labels_dropped && cfg_label_was_dropped(c, p, (size_t)(*we - p)))
		return CFG_EDROPPED;
	if (!c->allow_implicit)
		return CFG_EIMPLICIT;
	*we = text_qword_end(p, end);
	if (!*we)
		return CFG_EQUOTE;
	/* No APPEND: SYSLINUX 6 gives a file named at the prompt or in
	 * DEFAULT only the words after it (its documentation and 4.x add
	 * the global APPEND; 6.04 was seen not to). */
	if (!text_copy_unquoted(out->kernel, sizeof(out->kernel), p, *we))
		return CFG_ETOOLONG;
	out->type = CFG_KT_KERNEL;
	return out->kernel[0] ? CFG_OK : CFG_EEMPTY; /* typed "" */
}

/* typed: the line comes from the keyboard, so ALLOWOPTIONS 0 applies.
 * l: that label (a menu entry's), not the one line's first word names
 * (then line is ""). */
static int resolve(const struct cfg *c, const char *line, bool typed,
		   const struct cfg_label *l, struct cfg_boot *out)
{
	const char *p, *we, *rest, *end;
	int err;

	if (!c || !line || !out)
		return CFG_EINVAL;
	memset(out, 0, sizeof(*out));
	end = line + strlen(line);
	p = text_skip_space(line, end);
	we = text_word_end(p, end);
	if (we == p && !l)
		return CFG_EEMPTY;

	if (!l)
		l = cfg_find_label_n(c, p, (size_t)(we - p));
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

	rest = text_skip_space(we, end);
	end = text_trim_end(rest, end);
	if (rest < end) {
		/* ALLOWOPTIONS 0: "the only options recognized are those
		 * specified in an APPEND statement" (doc/syslinux.txt). */
		if (typed && !c->allow_options)
			out->extra_dropped = true;
		else if (!text_copy_span(out->extra, sizeof(out->extra), rest,
					 end))
			return CFG_ETOOLONG;
	}
	return CFG_OK;
}

int cfg_resolve(const struct cfg *c, const char *line, struct cfg_boot *out)
{
	return resolve(c, line, true, NULL, out);
}

int cfg_resolve_config(const struct cfg *c, const char *line,
		       struct cfg_boot *out)
{
	return resolve(c, line, false, NULL, out);
}

int cfg_resolve_label(const struct cfg *c, unsigned index, struct cfg_boot *out)
{
	if (!c || index >= c->nlabels)
		return CFG_EINVAL;
	return resolve(c, "", false, &c->labels[index], out);
}

enum cfg_lock cfg_boot_locked(const struct cfg *c, const struct cfg_boot *b,
			      bool typed)
{
	/* An edited line, even of a protected label, is the master
	 * password's (menu.c32 asks for it on Tab): the entry's own does
	 * not open it. */
	if (typed && c->master_passwd && (!b->label || b->extra[0]))
		return CFG_LOCKED_MASTER;
	if (b->label && (b->label->passwd || b->label->menu_passwd))
		return CFG_LOCKED_PASSWD;
	return CFG_UNLOCKED;
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
