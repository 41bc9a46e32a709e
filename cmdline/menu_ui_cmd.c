// SPDX-License-Identifier: BSD-2-Clause
/* What the menu hands back to boot: an entry's command line as menu.c32
 * builds it (readconfig.c record(): "KERNEL [APPEND] [initrd=INITRD]",
 * ".TYPE " first when LINUX, BOOT, ... named the kernel), the default
 * and timeout lines, and MENU HIDDENKEY's key names (libutil keyname.c). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cmdline/menu_ui_internal.h"

/* readconfig.c kernel_types[] for the keywords that name a type. */
static const struct {
	const char *name;
	enum cfg_kernel_type type;
} types[] = {
    {"kernel", CFG_KT_KERNEL},	 {"linux", CFG_KT_LINUX},
    {"boot", CFG_KT_BOOT},	 {"bss", CFG_KT_BSS},
    {"pxe", CFG_KT_PXE},	 {"fdimage", CFG_KT_FDIMAGE},
    {"comboot", CFG_KT_COMBOOT}, {"com32", CFG_KT_COM32},
    {"config", CFG_KT_CONFIG},	 {"localboot", CFG_KT_LOCALBOOT},
};

static void add(char *buf, size_t size, size_t *n, const char *s)
{
	for (; *s && *n + 1 < size; s++)
		buf[(*n)++] = *s;
	buf[*n] = '\0';
}

void ui_entry_cmdline(const struct cfg_label *l, char *buf, size_t size)
{
	size_t n = 0;

	if (!size)
		return;
	buf[0] = '\0';
	for (unsigned i = 1; i < sizeof(types) / sizeof(types[0]); i++) {
		if (types[i].type == l->type) {
			add(buf, size, &n, ".");
			add(buf, size, &n, types[i].name);
			add(buf, size, &n, " ");
		}
	}
	/* The parser took the quotes off a file name with blanks. */
	if (strchr(l->kernel, ' ')) {
		add(buf, size, &n, "\"");
		add(buf, size, &n, l->kernel);
		add(buf, size, &n, "\"");
	} else {
		add(buf, size, &n, l->kernel);
	}
	if (l->kernel_args[0]) {
		add(buf, size, &n, " ");
		add(buf, size, &n, l->kernel_args);
	}
	if (l->append[0]) {
		add(buf, size, &n, " ");
		add(buf, size, &n, l->append);
	}
	if (l->initrd[0]) {
		add(buf, size, &n, " initrd=");
		add(buf, size, &n, l->initrd);
	}
}

void ui_set_line(struct menu_ui *u, const char *s)
{
	size_t n = 0;

	u->line[0] = '\0';
	add(u->line, sizeof(u->line), &n, s);
}

void ui_typed_line(struct menu_ui *u, const char *line)
{
	u->ktype = CFG_KT_KERNEL;
	if (line[0] == '.') {
		const char *w = line + 1, *e = w;

		while (*e && *e != ' ' && *e != '\t')
			e++;
		for (unsigned i = 0; i < sizeof(types) / sizeof(types[0]);
		     i++) {
			if (strlen(types[i].name) == (size_t)(e - w) &&
			    memcmp(types[i].name, w, (size_t)(e - w)) == 0) {
				u->ktype = types[i].type;
				while (*e == ' ' || *e == '\t')
					e++;
				line = e;
				break;
			}
		}
	}
	ui_set_line(u, line);
}

/* The entry a menu boots by default (menu.c32's defentry): where the
 * menu started, else its MENU DEFAULT, else its first selectable
 * entry. CFG_ENTRY_NONE if none. */
static unsigned default_entry(const struct menu_ui *u)
{
	const struct cfg_menu_model *mm = cfg_model(u->cfg);
	unsigned e = mm->menus[u->menu].defentry;

	if (u->menu == u->start_menu)
		return u->start_entry;
	if (e != CFG_ENTRY_NONE)
		return e;
	for (unsigned i = 0; i < u->nitems; i++)
		if (!ui_disabled(ui_item(u, (int)i)))
			return u->items[i];
	return CFG_ENTRY_NONE;
}

int menu_ui_timeout_label(const struct menu_ui *u)
{
	unsigned e = default_entry(u);
	const struct cfg_menu_entry *me;

	if (u->cfg->ontimeout[0] || e >= cfg_model(u->cfg)->nentries)
		return -1;
	me = &cfg_model(u->cfg)->entries[e];
	if (me->action != CFG_MA_BOOT || me->label >= u->cfg->nlabels)
		return -1;
	return me->label;
}

const char *menu_ui_default_line(const struct menu_ui *u)
{
	unsigned e = default_entry(u);
	const struct cfg_menu_entry *me;

	if (e >= cfg_model(u->cfg)->nentries)
		return "";
	me = &cfg_model(u->cfg)->entries[e];
	if (me->action != CFG_MA_BOOT || me->label >= u->cfg->nlabels)
		return ""; /* menu.c32: no command line, leave the menu */
	return u->cfg->labels[me->label].name;
}

const char *menu_ui_timeout_line(const struct menu_ui *u)
{
	if (u->cfg->ontimeout[0])
		return u->cfg->ontimeout;
	return menu_ui_default_line(u);
}

static bool same_name(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;

		if (x != y)
			return false;
	}
	return *a == *b;
}

/* key_name_to_code(): one character is itself, "^X" a control key,
 * else a name; KEY_NONE (never a key) when unknown. */
static int key_code(const char *name)
{
	static const struct {
		const char *name;
		int key;
	} names[] = {
	    {"Backspace", KEY_BACKSPACE},
	    {"Tab", KEY_TAB},
	    {"Enter", KEY_ENTER},
	    {"Esc", KEY_ESC},
	    {"Escape", KEY_ESC},
	    {"Space", ' '},
	    {"Up", KEY_UP},
	    {"Down", KEY_DOWN},
	    {"Left", KEY_LEFT},
	    {"Right", KEY_RIGHT},
	    {"PgUp", KEY_PGUP},
	    {"PgDn", KEY_PGDN},
	    {"Home", KEY_HOME},
	    {"End", KEY_END},
	    {"Insert", KEY_INSERT},
	    {"Delete", KEY_DELETE},
	};

	if (name[0] && !name[1])
		return (unsigned char)name[0];
	if (name[0] == '^' && name[1] && !name[2])
		return name[1] == '?' ? 0x7F : (unsigned char)name[1] & 0x9F;
	if ((name[0] == 'F' || name[0] == 'f') && name[1] >= '1' &&
	    name[1] <= '9') {
		int n = name[1] - '0';

		if (name[2] >= '0' && name[2] <= '9' && !name[3])
			n = n * 10 + name[2] - '0';
		else if (name[2])
			n = 0;
		if (n >= 1 && n <= 12)
			return KEY_F1 + n - 1;
	}
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (same_name(names[i].name, name))
			return names[i].key;
	return KEY_NONE;
}

const char *ui_hidden_key(const struct menu_ui *u, int key)
{
	const struct cfg_menu_model *mm = cfg_model(u->cfg);
	const char *cmd = NULL;

	/* A later MENU HIDDENKEY for the same key replaces the earlier. */
	for (unsigned i = 0; i < mm->nhiddenkeys && i < CFG_MAX_HIDDENKEYS; i++)
		if (key != KEY_NONE &&
		    key_code(cfg_menu_str(u->cfg, mm->hiddenkeys[i].key)) ==
			key)
			cmd = cfg_menu_str(u->cfg, mm->hiddenkeys[i].command);
	return cmd;
}
