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
	unsigned m, e;

	if (!c)
		return "";
	/* A menu starts on its entry (cfg_menu_start); until it is drawn,
	 * that entry's label is what an empty line boots. */
	if (cfg_menu_start(c, &m, &e)) {
		const struct cfg_menu_entry *me = c->menu.entries;

		/* Not a label (a submenu...): the top menu's first label. */
		if (e == CFG_ENTRY_NONE || me[e].action != CFG_MA_BOOT)
			for (e = 0; e < c->menu.nentries; e++)
				if (me[e].menu == 0 && !me[e].hidden &&
				    me[e].action == CFG_MA_BOOT)
					break;
		if (e < c->menu.nentries && me[e].label < c->nlabels)
			return c->labels[me[e].label].name;
		return "";
	}
	/* Without a menu, DEFAULT is typed as is (a UI module that is not
	 * a menu is not run). */
	return c->default_label;
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

/* typed: the line comes from the keyboard, so ALLOWOPTIONS 0 applies. */
/* l: boot that label (a menu entry), line is then "". */
static int resolve(const struct cfg *c, const char *line, bool typed,
		   const struct cfg_label *l, struct cfg_boot *out)
{
	const char *p, *we, *rest, *end;
	unsigned m;
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
	if ((out->type == CFG_KT_COM32 || out->type == CFG_KT_LINUX) &&
	    cfg_is_menu_module(out->kernel, strlen(out->kernel)))
		out->type = CFG_KT_MENU;
	out->typed = typed;
	out->passwd = l && l->passwd ? cfg_menu_str(c, l->passwd) : NULL;
	m = l && l->entry != CFG_ENTRY_NONE ? c->menu.entries[l->entry].menu
					    : 0;
	out->master_passwd =
	    c->menu.menus[m].master_passwd
		? cfg_menu_str(c, c->menu.menus[m].master_passwd)
		: NULL;
	/* A password the pool lost: only the config's own lines boot. */
	if (typed && c->menu.passwd_lost)
		return CFG_EPASSWD;

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
	case CFG_EPASSWD:
		return "a MENU PASSWD did not fit in memory; only the "
		       "config's own choices boot";
	}
	return "unknown error";
}

int cfg_resolve_label(const struct cfg *c, const struct cfg_label *l,
		      struct cfg_boot *out)
{
	if (!c || !l || l < c->labels || l >= c->labels + c->nlabels)
		return CFG_EINVAL;
	return resolve(c, "", false, l, out);
}

bool cfg_boot_needs_passwd(const struct cfg_boot *b)
{
	return b->passwd || (b->typed && b->master_passwd);
}

int cfg_config_dir(const struct cfg_boot *b, char *dir, size_t size)
{
	const char *p = b->kernel_args[0] ? b->kernel_args : b->append;
	const char *end = p + strlen(p);

	p = text_skip_space(p, end);
	return text_copy_span(dir, size, p, text_word_end(p, end))
		   ? CFG_OK
		   : CFG_ETOOLONG;
}
