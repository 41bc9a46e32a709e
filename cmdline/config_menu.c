// SPDX-License-Identifier: BSD-2-Clause
/* MENU lines into the menu model (config_menu.h). Every
 * rule follows SYSLINUX 6's com32/menu/readconfig.c (parse_config_file,
 * record, begin_submenu, consider_for_hotkey), which menu.c32 and
 * vesamenu.c32 use; nothing here draws. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cmdline/config.h"
#include "cmdline/config_internal.h"
#include "cmdline/text.h"

enum menu_word {
	MW_LABEL,
	MW_TITLE,
	MW_DEFAULT,
	MW_HIDE,
	MW_PASSWD,
	MW_MASTER,
	MW_SHIFTKEY,
	MW_HIDDEN,
	MW_HIDDENKEY,
	MW_CLEAR,
	MW_IMMEDIATE,
	MW_NOIMMEDIATE,
	MW_COLOR,
	MW_SEPARATOR,
	MW_DISABLE,
	MW_INDENT,
	MW_GOTO, /* GOTO..HELP: in enum cfg_menu_action's order */
	MW_EXIT,
	MW_QUIT,
	MW_HELP,
	MW_ACCEPTED,
};
_Static_assert(CFG_MA_EXIT - CFG_MA_GOTO == MW_EXIT - MW_GOTO &&
		   CFG_MA_QUIT - CFG_MA_GOTO == MW_QUIT - MW_GOTO &&
		   CFG_MA_HELP - CFG_MA_GOTO == MW_HELP - MW_GOTO,
	       "MENU GOTO..HELP follow enum cfg_menu_action's order");

/* The MENU words of readconfig.c. MW_ACCEPTED: words for a graphic
 * screen, for saving the choice in the ADV, or that bzboot does not need;
 * read without a warning, used for nothing. */
static const struct {
	char kw[12]; /* "noimmediate" and its NUL */
	uint8_t id;
} words[] = {
    {"label", MW_LABEL},	 {"title", MW_TITLE},
    {"default", MW_DEFAULT},	 {"hide", MW_HIDE},
    {"passwd", MW_PASSWD},	 {"master", MW_MASTER},
    {"shiftkey", MW_SHIFTKEY},	 {"hidden", MW_HIDDEN},
    {"hiddenkey", MW_HIDDENKEY}, {"clear", MW_CLEAR},
    {"immediate", MW_IMMEDIATE}, {"noimmediate", MW_NOIMMEDIATE},
    {"color", MW_COLOR},	 {"colour", MW_COLOR},
    {"separator", MW_SEPARATOR}, {"disable", MW_DISABLE},
    {"disabled", MW_DISABLE},	 {"indent", MW_INDENT},
    {"quit", MW_QUIT},		 {"goto", MW_GOTO},
    {"exit", MW_EXIT},		 {"help", MW_HELP},
    {"background", MW_ACCEPTED}, {"resolution", MW_ACCEPTED},
    {"msgcolor", MW_ACCEPTED},	 {"msgcolour", MW_ACCEPTED},
    {"save", MW_ACCEPTED},	 {"nosave", MW_ACCEPTED},
    {"onerror", MW_ACCEPTED},	 {"start", MW_ACCEPTED},
};

/* A string the pool could not hold: the value is lost, the user told. */
uint16_t cfg_pool_add_warn(struct cfg_parser *st, const char *p,
			   const char *end)
{
	uint16_t s = cfg_pool_add(st->c, p, end);

	if (!s)
		cfg_warn(st, CFG_W_TOO_LONG);
	return s;
}

static struct cfg_menu *cur_menu(struct cfg_parser *st)
{
	return &st->c->menu->menus[st->menu];
}

static struct cfg_menu_entry *new_entry(struct cfg_parser *st,
					enum cfg_menu_action a)
{
	struct cfg_menu_model *m = st->c->menu;
	struct cfg_menu_entry *e;

	if (m->nentries == CFG_MAX_ENTRIES) {
		if (!st->entries_warned)
			cfg_warn(st, CFG_W_MENU);
		st->entries_warned = true;
		return NULL;
	}
	e = &m->entries[m->nentries++];
	memset(e, 0, sizeof(*e));
	e->menu = st->menu;
	e->submenu = CFG_MENU_NONE;
	e->label = CFG_ENTRY_NONE;
	e->action = (uint8_t)a;
	e->immediate = cur_menu(st)->immediate;
	return e;
}

static uint16_t entry_index(const struct cfg *c, const struct cfg_menu_entry *e)
{
	return (uint16_t)(e - c->menu->entries);
}

struct cfg_menu_entry *cfg_cur_entry(struct cfg_parser *st)
{
	return st->cur && st->entry != CFG_ENTRY_NONE
		   ? &st->c->menu->entries[st->entry]
		   : NULL;
}

/* The submenu's own entry in its parent, when filling a submenu. */
static struct cfg_menu_entry *parent_entry(struct cfg_parser *st)
{
	const struct cfg_menu *m = cur_menu(st);

	return m->parent_entry != CFG_ENTRY_NONE
		   ? &st->c->menu->entries[m->parent_entry]
		   : NULL;
}

/* The first ^ marks the hotkey; the first entry of a menu to claim a key
 * keeps it, disabled entries claim none (consider_for_hotkey). Keys
 * match with bit 5 ignored (case, for letters), as menu.c32 folds them
 * (& ~0x20). */
static void consider_hotkey(struct cfg *c, struct cfg_menu_entry *e)
{
	const char *s = cfg_menu_str(c, e->display), *p = strchr(s, '^');

	e->hotkey = 0;
	if (e->action == CFG_MA_DISABLED || e->action == CFG_MA_SEPARATOR ||
	    !p || (p[1] & ~0x20) == 0)
		return; /* "^ " folds to 0 in menu.c32: no hotkey */
	for (unsigned i = 0; i < c->menu->nentries; i++) {
		const struct cfg_menu_entry *o = &c->menu->entries[i];

		if (o != e && o->menu == e->menu && o->hotkey &&
		    ((o->hotkey ^ p[1]) & ~0x20) == 0)
			return;
	}
	e->hotkey = p[1];
}

void cfg_menu_label_open(struct cfg_parser *st, const char *arg,
			 const char *end)
{
	struct cfg_menu_entry *e = new_entry(st, CFG_MA_BOOT);

	st->entry = e ? entry_index(st->c, e) : CFG_ENTRY_NONE;
	st->c->menu->label_entry[st->cur - st->c->labels] = st->entry;
	if (!e)
		return;
	e->label = (uint16_t)(st->cur - st->c->labels);
	/* menu.c32 keeps the whole LABEL argument as the entry's name
	 * (ldlinux boots by its first word): show it all. */
	if (text_word_end(arg, end) != end)
		e->display = cfg_pool_add_warn(st, arg, end);
}

/* record(): a disabled entry boots nothing and asks nothing; MENU
 * DEFAULT counts for entries that boot or go somewhere. */
void cfg_menu_label_close(struct cfg_parser *st)
{
	struct cfg_menu_entry *e = cfg_cur_entry(st);
	struct cfg_label *l = st->cur;

	st->in_help = false;
	if (!e)
		return;
	/* The label keeps its password (the core's) even when its entry is
	 * disabled: typed by name, it still asks (menu.c32 forgets it). */
	if (e->action == CFG_MA_DISABLED) {
		e->passwd = 0;
		e->label = CFG_ENTRY_NONE;
	}
	/* Hidden entries live in menu.c32's separate hidden menu: they
	 * claim no hotkey and are no menu's default. */
	e->hidden = l->menu_hide;
	if (!e->hidden)
		consider_hotkey(st->c, e);
	if (l->menu_default && !e->hidden &&
	    (e->action == CFG_MA_BOOT || e->action == CFG_MA_GOTO))
		st->c->menu->menus[e->menu].defentry = entry_index(st->c, e);
	st->entry = CFG_ENTRY_NONE;
}

/* MENU BEGIN [tag]: a new entry opening a new menu that starts with its
 * parent's texts, layout and colours (new_menu). The core closed the
 * open label and counted the level. */
void cfg_menu_begin(struct cfg_parser *st, const char *tag, const char *end)
{
	struct cfg_menu_model *mm = st->c->menu;
	struct cfg_menu_entry *e;
	struct cfg_menu *m;

	if (mm->nmenus == CFG_MAX_MENUS ||
	    !(e = new_entry(st, CFG_MA_SUBMENU))) {
		if (!st->entries_warned)
			cfg_warn(st, CFG_W_MENU);
		st->entries_warned = true;
		/* Its lines go on filling the menu around it. */
		st->menus_lost++;
		return;
	}
	m = &mm->menus[mm->nmenus];
	*m = *cur_menu(st);
	m->title = 0;
	m->parent = st->menu;
	m->parent_entry = entry_index(st->c, e);
	m->defentry = CFG_ENTRY_NONE;
	m->tag = tag < end ? cfg_pool_add_warn(st, tag, end) : 0;
	e->display = m->tag;
	e->submenu = (uint8_t)mm->nmenus;
	st->menu = (uint8_t)mm->nmenus++;
}

void cfg_menu_end(struct cfg_parser *st)
{
	const struct cfg_menu *m = cur_menu(st);

	if (st->menus_lost)
		st->menus_lost--;
	else if (m->parent != CFG_MENU_NONE)
		st->menu = m->parent; /* an extra END stays in the top menu */
}

/* MENU TITLE: on a submenu still shown by its tag, the title becomes
 * its entry's text too; MENU LABEL outside a label names the submenu's
 * entry and, when it has no title yet, its title without the ^. */
static void do_title(struct cfg_parser *st, const char *arg, const char *end)
{
	struct cfg_menu *m = cur_menu(st);
	struct cfg_menu_entry *pe = parent_entry(st);

	m->title = cfg_pool_add_warn(st, arg, end);
	if (pe && pe->display == m->tag)
		pe->display = m->title;
}

static void do_label(struct cfg_parser *st, const char *arg, const char *end)
{
	struct cfg_menu_entry *e = cfg_cur_entry(st), *pe = parent_entry(st);
	struct cfg_menu *m = cur_menu(st);

	if (e) {
		e->display = cfg_pool_add_warn(st, arg, end);
	} else if (pe && !st->cur && !st->skip) {
		pe->display = cfg_pool_add_warn(st, arg, end);
		consider_hotkey(st->c, pe);
		if (!m->title) {
			uint16_t t = cfg_pool_add_warn(st, arg, end);
			char *s = st->c->menu->pool + t, *d = s;

			for (; t && *s; s++) /* strip_caret() */
				if (*s != '^')
					*d++ = *s;
			*d = '\0';
			m->title = t;
		}
	}
}

/* The UI's copy: on the open label's entry, or before any label of a
 * submenu on that submenu's entry (asked on entering it). The core
 * keeps its own (label->passwd, label->menu_passwd) for booting. */
static void do_passwd(struct cfg_parser *st, const char *arg, const char *end)
{
	struct cfg_menu_entry *e = cfg_cur_entry(st), *pe = parent_entry(st);

	if (e)
		e->passwd = cfg_pool_add_warn(st, arg, end);
	else if (pe && !st->cur && !st->skip)
		pe->passwd = cfg_pool_add_warn(st, arg, end);
}

/* MENU HIDDENKEY key[,key...] command */
static void do_hiddenkey(struct cfg_parser *st, const char *arg,
			 const char *end)
{
	struct cfg_menu_model *m = st->c->menu;
	const char *ke = text_word_end(arg, end), *k = arg;
	uint16_t cmd = cfg_pool_add_warn(st, text_skip_space(ke, end), end);

	while (k < ke) {
		const char *e = k + 1;

		while (e < ke && *e != ',')
			e++;
		if (m->nhiddenkeys == CFG_MAX_HIDDENKEYS) {
			cfg_warn(st, CFG_W_TOO_LONG);
			return;
		}
		m->hiddenkeys[m->nhiddenkeys].key = cfg_pool_add_warn(st, k, e);
		m->hiddenkeys[m->nhiddenkeys++].command = cmd;
		k = e + 1;
	}
}

/* MENU COLOR name ansi [fg [bg [shadow]]]: only the ANSI attribute is
 * kept ("*" keeps the one in force); the #AARRGGBB colours are vesamenu's
 * graphic screen. An unknown name is ignored, as in readconfig.c. */
static void do_color(struct cfg_parser *st, const char *arg, const char *end)
{
	const char *ne = text_word_end(arg, end);
	const char *a = text_skip_space(ne, end), *ae = text_word_end(a, end);

	for (unsigned i = 0; i < CFG_MC_COUNT; i++) {
		if (!text_word_is(arg, ne, cfg_menu_color_name(i)))
			continue;
		if (a < ae && !(ae - a == 1 && *a == '*'))
			cur_menu(st)->color[i] = cfg_pool_add_warn(st, a, ae);
		return;
	}
}

/* MENU GOTO / EXIT / QUIT / HELP change what the open label does. */
static void do_action(struct cfg_parser *st, enum cfg_menu_action a,
		      const char *arg, const char *end)
{
	struct cfg_menu_entry *e = cfg_cur_entry(st);

	if (!e)
		return;
	if (a == CFG_MA_EXIT && cur_menu(st)->parent == CFG_MENU_NONE)
		return; /* nothing to exit to */
	e->action = (uint8_t)a;
	e->target = 0;
	e->submenu = CFG_MENU_NONE;
	if (a == CFG_MA_HELP) /* MENU HELP file [background] */
		end = text_word_end(arg, end);
	if (arg < end && a != CFG_MA_QUIT)
		e->target = cfg_pool_add_warn(st, arg, end);
	else if (a == CFG_MA_EXIT)
		e->submenu = cur_menu(st)->parent;
}

static bool do_param(struct cfg_parser *st, const char *w, const char *we,
		     const char *arg, const char *end)
{
	for (unsigned i = 0; i < CFG_MP_COUNT; i++) {
		if (text_word_is(w, we, cfg_menu_param_name(i))) {
			cur_menu(st)->param[i] = (int16_t)cfg_atoi(arg, end);
			return true;
		}
	}
	for (unsigned i = 0; i < CFG_MSG_COUNT; i++) {
		if (text_word_is(w, we, cfg_menu_msg_name(i))) {
			cur_menu(st)->msg[i] = cfg_pool_add_warn(st, arg, end);
			return true;
		}
	}
	return false;
}

static unsigned menu_word(const char *p, const char *we)
{
	char w[sizeof(words[0].kw)];
	unsigned i;

	if (!text_copy_span(w, sizeof(w), p, we))
		return UINT8_MAX;
	for (i = 0; w[i]; i++)
		w[i] = text_to_lower(w[i]);
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(w, words[i].kw) == 0)
			return words[i].id;
	return UINT8_MAX;
}

void cfg_do_menu(struct cfg_parser *st, const char *p, const char *end)
{
	const char *we = text_word_end(p, end);
	const char *arg = text_skip_space(we, end), *w2;
	struct cfg_menu_model *mm = st->c->menu;
	struct cfg_menu *m = cur_menu(st);
	struct cfg_menu_entry *e = cfg_cur_entry(st), *pe = parent_entry(st);
	unsigned id = menu_word(p, we);

	switch (id) {
	case MW_LABEL:
		do_label(st, arg, end);
		break;
	case MW_TITLE:
		do_title(st, arg, end);
		break;
	case MW_DEFAULT:
		if (st->cur)
			st->cur->menu_default = true;
		else if (pe && !st->skip)
			mm->menus[m->parent].defentry = m->parent_entry;
		break;
	case MW_HIDE:
		if (st->cur)
			st->cur->menu_hide = true;
		break;
	case MW_PASSWD:
		do_passwd(st, arg, end);
		break;
	case MW_MASTER:
		w2 = text_word_end(arg, end);
		if (text_word_is(arg, w2, "passwd"))
			m->master_passwd = cfg_pool_add_warn(
			    st, text_skip_space(w2, end), end);
		break;
	case MW_SHIFTKEY:
		mm->shiftkey = true;
		break;
	case MW_HIDDEN:
		mm->hidden = true;
		break;
	case MW_HIDDENKEY:
		do_hiddenkey(st, arg, end);
		break;
	case MW_CLEAR:
		mm->clear = true;
		break;
	case MW_IMMEDIATE:
	case MW_NOIMMEDIATE:
		if (e)
			e->immediate = id == MW_IMMEDIATE;
		else
			m->immediate = id == MW_IMMEDIATE;
		break;
	case MW_COLOR:
		do_color(st, arg, end);
		break;
	case MW_SEPARATOR: /* the core closed the open label */
		new_entry(st, CFG_MA_SEPARATOR);
		break;
	case MW_DISABLE:
		if (e)
			e->action = CFG_MA_DISABLED;
		break;
	case MW_INDENT:
		if (e)
			e->indent = (uint8_t)cfg_atoi(arg, end);
		break;
	case MW_GOTO:
	case MW_EXIT:
	case MW_QUIT:
	case MW_HELP:
		do_action(st, CFG_MA_GOTO + (id - MW_GOTO), arg, end);
		break;
	case MW_ACCEPTED:
		break;
	default:
		if (!do_param(st, p, we, arg, end))
			cfg_warn(st, CFG_W_UNKNOWN);
	}
}
