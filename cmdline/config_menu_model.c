// SPDX-License-Identifier: BSD-2-Clause
/* The menu model's tables and queries: SYSLINUX's names and defaults for
 * the layout, messages and colours, the string pool, INCLUDE with a
 * submenu tag, and, once parsed, whether and where a menu starts. Facts
 * from SYSLINUX 6's com32/menu/readconfig.c, menumain.c and colors.c. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cmdline/config.h"
#include "cmdline/config_internal.h"
#include "cmdline/text.h"

/* menumain.c mparm[], in enum cfg_menu_param order. */
static const struct {
	const char *name;
	int16_t def;
} params[CFG_MP_COUNT] = {
    {"width", 0},	{"margin", 10},	       {"passwordmargin", 3},
    {"rows", 12},	{"tabmsgrow", 18},     {"cmdlinerow", 18},
    {"endrow", -1},	{"passwordrow", 11},   {"timeoutrow", 20},
    {"helpmsgrow", 22}, {"helpmsgendrow", -1}, {"hshift", 0},
    {"vshift", 0},	{"hiddenrow", -2},
};

/* readconfig.c messages[]. */
static const char *const msgs[CFG_MSG_COUNT][2] = {
    {"autoboot", "Automatic boot in # second{,s}..."},
    {"tabmsg", "Press [Tab] to edit options"},
    {"notabmsg", ""},
    {"passprompt", "Password required"},
};

/* colors.c default_colors[]: name and ANSI attribute. */
static const char *const colors[CFG_MC_COUNT][2] = {
    {"screen", "37;40"},     {"border", "30;44"},    {"title", "1;36;44"},
    {"unsel", "37;44"},	     {"hotkey", "1;37;44"},  {"sel", "7;37;40"},
    {"hotsel", "1;7;37;40"}, {"scrollbar", "30;44"}, {"tabmsg", "31;40"},
    {"cmdmark", "1;36;40"},  {"cmdline", "37;40"},   {"pwdborder", "30;47"},
    {"pwdheader", "31;47"},  {"pwdentry", "30;47"},  {"timeout_msg", "37;40"},
    {"timeout", "1;37;40"},  {"help", "37;40"},	     {"disabled", "1;30;44"},
};

const char *cfg_menu_param_name(unsigned i)
{
	return params[i].name;
}

const char *cfg_menu_msg_name(unsigned i)
{
	return msgs[i][0];
}

const char *cfg_menu_color_name(unsigned i)
{
	return colors[i][0];
}

int32_t cfg_atoi(const char *p, const char *end)
{
	bool neg = p < end && *p == '-';
	uint64_t v;

	if (p < end && (*p == '-' || *p == '+'))
		p++;
	if (text_parse_uint(&p, end, 10, INT16_MAX, &v) != TEXT_NUM_OK)
		v = 0;
	return neg ? -(int32_t)v : (int32_t)v;
}

uint16_t cfg_pool_add(struct cfg *c, const char *p, const char *end)
{
	struct cfg_menu_model *m = c->menu;
	size_t n = (size_t)(end - p);
	unsigned off = m->pool_used ? m->pool_used : 1; /* [0] is "" */

	if (n + 1 > CFG_POOL_SIZE - off)
		return 0;
	memcpy(m->pool + off, p, n);
	m->pool[off + n] = '\0';
	m->pool_used = off + (unsigned)n + 1;
	return (uint16_t)off;
}

void cfg_menu_model_init(struct cfg_menu_model *mm)
{
	struct cfg_menu *m = &mm->menus[0];

	memset(mm, 0, sizeof(*mm));
	mm->nmenus = 1;
	mm->pool_used = 1;
	m->parent = CFG_MENU_NONE;
	m->parent_entry = CFG_ENTRY_NONE;
	m->defentry = CFG_ENTRY_NONE;
	for (unsigned i = 0; i < CFG_MP_COUNT; i++)
		m->param[i] = params[i].def;
	for (unsigned i = 0; i < CFG_MAX_LABELS; i++)
		mm->label_entry[i] = CFG_ENTRY_NONE;
}

static void hook(struct cfg_parser *st, enum cfg_hook h, const char *p,
		 const char *end)
{
	st->c->menu = st->hooks->model; /* the parse cleared it */
	switch (h) {
	case CFG_H_MENU:
		cfg_do_menu(st, p, end);
		break;
	case CFG_H_BEGIN:
		cfg_menu_begin(st, p, end);
		break;
	case CFG_H_END:
		cfg_menu_end(st);
		break;
	case CFG_H_TEXT:
		cfg_do_text(st, p, end);
		break;
	case CFG_H_TEXT_LINE:
		cfg_menu_help_line(st, p, end);
		break;
	case CFG_H_LABEL_OPEN:
		cfg_menu_label_open(st, p, end);
		break;
	case CFG_H_LABEL_CLOSE:
		cfg_menu_label_close(st);
		break;
	}
}

int cfg_parse_menu(struct cfg *c, struct cfg_menu_model *m, const char *text,
		   size_t len, const struct cfg_include_ops *inc)
{
	struct cfg_menu_hooks hooks = {hook, m};
	struct cfg_include_ops ops = {0};
	int err;

	if (!m)
		return CFG_EINVAL;
	if (inc)
		ops = *inc;
	ops.hooks = &hooks;
	cfg_menu_model_init(m);
	err = cfg_parse_with(c, text, len, &ops);
	if (!err) {
		c->menu = m;
		cfg_menu_model_finish(c);
	}
	return err;
}

/* The words after a menu module: the config file(s) its menu shows. */
static void menu_args(struct cfg *c, const char *p, const char *end)
{
	p = text_skip_space(p, end);
	/* too long: "" (this config), as no file could have that name */
	text_copy_span(c->menu->config, sizeof(c->menu->config), p,
		       text_trim_end(p, end));
}

/* Whether a menu runs (see cfg.menu_active); then GOTO/EXIT tags name
 * their menus, or the entry is disabled (resolve_gotos). */
void cfg_menu_model_finish(struct cfg *c)
{
	struct cfg_menu_model *mm = c->menu;
	const char *d = c->default_label, *de = d + strlen(d);
	const char *we = text_word_end(d, de), *ue;
	const struct cfg_label *l = cfg_find_label_n(c, d, (size_t)(we - d));

	ue = text_word_end(c->ui, c->ui + strlen(c->ui));
	mm->ui_menu =
	    c->has_ui && cfg_is_menu_module(c->ui, (size_t)(ue - c->ui));
	/* A UI module bzboot cannot run (gfxboot...) is ignored: DEFAULT
	 * keeps its meaning, which may be a menu (Ubuntu's "DEFAULT
	 * vesamenu.c32" under "UI gfxboot bootlogo"). */
	if (mm->ui_menu) {
		mm->active = true;
		menu_args(c, ue, c->ui + strlen(c->ui));
	} else if (!l && cfg_is_menu_module(d, (size_t)(we - d))) {
		mm->active = true;
		menu_args(c, we, de);
	} else if (l && cfg_is_menu_module(l->kernel, strlen(l->kernel))) {
		/* KERNEL vesamenu.c32 + APPEND other.cfg */
		mm->active = true;
		menu_args(c, l->kernel_args,
			  l->kernel_args + strlen(l->kernel_args));
		if (!mm->config[0])
			menu_args(c, l->append, l->append + strlen(l->append));
	}
	for (unsigned i = 0; i < mm->nentries; i++) {
		struct cfg_menu_entry *e = &mm->entries[i];
		const char *t = cfg_menu_str(c, e->target);
		uint8_t a = e->action;

		/* EXIT with no tag already names its menu. */
		if ((a != CFG_MA_GOTO && a != CFG_MA_EXIT) ||
		    e->submenu != CFG_MENU_NONE)
			continue;
		e->action = CFG_MA_DISABLED;
		if (!e->target)
			continue; /* GOTO with no tag: no menu */
		for (unsigned m = 0; m < mm->nmenus; m++) {
			if (mm->menus[m].tag &&
			    strcmp(cfg_menu_str(c, mm->menus[m].tag), t) == 0) {
				e->action = a;
				e->submenu = (uint8_t)m;
				break;
			}
		}
	}
}

const char *cfg_menu_str(const struct cfg *c, uint16_t s)
{
	return c->menu && s < CFG_POOL_SIZE ? c->menu->pool + s : "";
}

void cfg_menu_display(const struct cfg *c, const struct cfg_menu_entry *e,
		      char *buf, size_t size)
{
	const char *s = cfg_menu_str(c, e->display);
	size_t n = 0;

	if (!size)
		return;
	if (!e->display && e->action == CFG_MA_BOOT && e->label < c->nlabels)
		s = c->labels[e->label].name;
	for (; *s && n + 1 < size; s++)
		if (*s != '^')
			buf[n++] = *s;
	buf[n] = '\0';
}

const char *cfg_menu_msg(const struct cfg *c, unsigned m, enum cfg_menu_msg i)
{
	uint16_t s = c->menu->menus[m].msg[i];

	return s ? cfg_menu_str(c, s) : msgs[i][1];
}

const char *cfg_menu_color(const struct cfg *c, unsigned m,
			   enum cfg_menu_color i)
{
	uint16_t s = c->menu->menus[m].color[i];

	return s ? cfg_menu_str(c, s) : colors[i][1];
}

static bool selectable(const struct cfg_menu_entry *e)
{
	return !e->hidden && e->action != CFG_MA_DISABLED &&
	       e->action != CFG_MA_SEPARATOR;
}

bool cfg_menu_start(const struct cfg *c, unsigned *menu, unsigned *entry)
{
	const struct cfg_menu_model *mm = c->menu;
	const char *d = c->default_label;
	const struct cfg_label *l = cfg_find_label_n(
	    c, d, (size_t)(text_word_end(d, d + strlen(d)) - d));
	unsigned m = 0, e;

	if (!mm)
		return false;
	/* With UI, DEFAULT preselects its label in its menu (parse_configs),
	 * unless the label is hidden. A file menu.c32 was given (`KERNEL
	 * vesamenu.c32` + `APPEND menu.cfg`) drives no menu itself but is
	 * shown all the same: there DEFAULT does not preselect (SYSLINUX
	 * 6.04 starts on, and times out to, the first entry), and the rules
	 * below give its start. */
	if (mm->ui_menu && l &&
	    mm->label_entry[l - c->labels] != CFG_ENTRY_NONE &&
	    !mm->entries[mm->label_entry[l - c->labels]].hidden) {
		*entry = mm->label_entry[l - c->labels];
		*menu = mm->entries[*entry].menu;
		return true;
	}
	e = mm->menus[m].defentry;
	if (e == CFG_ENTRY_NONE || !selectable(&mm->entries[e]))
		for (e = 0; e < mm->nentries; e++)
			if (mm->entries[e].menu == m &&
			    selectable(&mm->entries[e]))
				break;
	*menu = m;
	*entry = e < mm->nentries ? e : CFG_ENTRY_NONE;
	return true;
}
