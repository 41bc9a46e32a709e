// SPDX-License-Identifier: BSD-2-Clause
// bzboot check: the configs, as stage2's cfgfile.c reads them (INCLUDEs
// from the config's directory), parsed by cmdline/ with the menu model
// for the submenus, and one line per label; then the DEFAULT and
// ONTIMEOUT lines when they name no label, and the configs switched to.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline/config_switch.h"
#include "tools/check.h"

#define MAX_INCLUDES 64

static const char *const status_word[] = {"ok", "other", "FAIL"};

struct walk {
	struct check_run *r;
	const char *name; /* the config file */
	const struct cfg *cfg;
	/* why an INCLUDE was not read, by the index of the warning the
	 * parser adds for it at once */
	char *why[CFG_MAX_WARNINGS];
	unsigned nincludes;
	char *include[MAX_INCLUDES]; /* names, in cfg_label.file's order */
};

/* INCLUDE as cfgfile.c's include_load: from the config's directory; a
 * file that cannot be read is skipped (the parser warns) after stage2's
 * message about it. */
static int include_load(void *ctx, const char *path, const char **text,
			size_t *len)
{
	struct walk *w = ctx;
	char why[CHECK_PATH_MAX + 128] = "", full[CHECK_PATH_MAX];
	const char *name = cfg_path_in(w->r->env.cwd, path, full, sizeof(full));
	char *buf = malloc(CHECK_CFG_FILE_MAX + 1);
	uint64_t size;

	*text = NULL;
	if (buf && !check_read(&w->r->env, path, buf, CHECK_CFG_FILE_MAX + 1,
			       &size, 1, why, sizeof(why))) {
		if (size > CHECK_CFG_FILE_MAX)
			snprintf(why, sizeof(why),
				 "%s is %llu bytes; the "
				 "limit is %u",
				 name, (unsigned long long)size,
				 CHECK_CFG_FILE_MAX);
		else if (w->nincludes < MAX_INCLUDES)
			*text = buf;
	}
	if (!*text) {
		if (!*why)
			snprintf(why, sizeof(why), "too many INCLUDE files");
		if (w->cfg->nwarnings < CFG_MAX_WARNINGS)
			w->why[w->cfg->nwarnings] = strdup(why);
		else
			fprintf(w->r->warn, "  %s: INCLUDE %s: %s\n", w->name,
				path, why);
		free(buf);
		return -1;
	}
	w->include[w->nincludes++] = strdup(name ? name : path);
	*len = (size_t)size;
	return 0;
}

static void include_release(void *ctx, const char *text, size_t len)
{
	(void)ctx, (void)len;
	free((void *)text);
}

/* "Submenu > " for each MENU BEGIN around label i, from the model. */
static void menu_path(const struct cfg *cfg, unsigned i, char *out, size_t size)
{
	const struct cfg_menu_model *m = cfg->menu;
	unsigned at[CFG_MAX_MENUS], n = 0, menu;
	char text[256];
	uint16_t e = m->label_entry[i];

	*out = '\0';
	if (e == CFG_ENTRY_NONE)
		return;
	for (menu = m->entries[e].menu;
	     menu && menu < m->nmenus && n < CFG_MAX_MENUS;
	     menu = m->menus[menu].parent)
		at[n++] = menu;
	while (n--) {
		uint16_t pe = m->menus[at[n]].parent_entry;

		if (pe < m->nentries)
			cfg_menu_display(cfg, &m->entries[pe], text,
					 sizeof(text));
		else
			snprintf(text, sizeof(text), "%s",
				 cfg_menu_str(cfg, m->menus[at[n]].title));
		check_add(out, size, "%s > ", text);
	}
}

/* What a label that boots nothing does in the menu. */
static const char *menu_action(const struct cfg *cfg, unsigned i)
{
	const struct cfg_menu_model *m = cfg->menu;
	uint16_t e = m->label_entry[i];

	switch (e == CFG_ENTRY_NONE ? CFG_MA_BOOT : m->entries[e].action) {
	case CFG_MA_EXIT:
		return "MENU EXIT: back to the menu above";
	case CFG_MA_GOTO:
		return "MENU GOTO: opens another menu";
	case CFG_MA_QUIT:
		return "MENU QUIT: leaves the menu for boot:";
	case CFG_MA_HELP:
		return "MENU HELP: shows a help file";
	case CFG_MA_DISABLED:
		return "MENU DISABLE: cannot be chosen";
	default:
		return NULL;
	}
}

static void print_entry(struct check_run *r, enum check_status st,
			const char *name, const char *what)
{
	r->count[st]++;
	printf("  %-5s %s: %s\n", status_word[st], name, what);
}

static void labels(struct check_run *r, const struct cfg *cfg, char *out,
		   struct cfg_boot *b)
{
	char name[512];
	const char *act;
	enum check_status st;

	for (unsigned i = 0; i < cfg->nlabels; i++) {
		menu_path(cfg, i, name, sizeof(name));
		check_add(name, sizeof(name), "%s", cfg->labels[i].name);
		*out = '\0';
		act = menu_action(cfg, i);
		if (act) {
			print_entry(r, CHECK_OTHER, name, act);
			continue;
		}
		st = check_entry(r, cfg, b, cfg_resolve_label(cfg, i, b), out,
				 CHECK_LINE_MAX, 0);
		print_entry(r, st, name, out);
	}
}

/* DEFAULT and ONTIMEOUT when they are a command line of their own (a
 * label's name is its label's line). */
static void config_line(struct check_run *r, const struct cfg *cfg,
			const char *what, const char *line, char *out,
			struct cfg_boot *b)
{
	enum check_status st;
	char name[CFG_APPEND_MAX + 16];
	int err;

	if (!*line)
		return;
	err = cfg_resolve_config(cfg, line, b);
	if (!err && b->label && !*b->extra)
		return;
	*out = '\0';
	st = check_entry(r, cfg, b, err, out, CHECK_LINE_MAX, 0);
	snprintf(name, sizeof(name), "%s %s", what, line);
	print_entry(r, st, name, out);
}

static void warnings(struct walk *w, const struct cfg *cfg)
{
	for (unsigned i = 0; i < cfg->nwarnings; i++) {
		const struct cfg_warning *x = &cfg->warnings[i];
		const char *file = x->file && x->file <= w->nincludes
				       ? w->include[x->file - 1]
				       : w->name;

		fprintf(w->r->warn, "  %s:%u: %s%s%s\n", file, x->line,
			cfg_warning_str(x->code), w->why[i] ? ": " : "",
			w->why[i] ? w->why[i] : "");
		free(w->why[i]);
	}
	if (cfg->warnings_lost)
		fprintf(w->r->warn, "  %s: %u more warnings not kept\n",
			w->name, cfg->warnings_lost);
}

static void walk_one(struct check_run *r, const struct check_config *c,
		     const char *text, size_t len, struct cfg *cfg,
		     struct cfg_menu_model *model, char *out,
		     struct cfg_boot *b)
{
	struct walk w = {.r = r, .name = c->path, .cfg = cfg};
	struct cfg_include_ops inc = {include_load, include_release, &w, NULL};

	r->env.cwd = c->cwd;
	printf("%s (directory %s%s%s):\n", c->path, *c->cwd ? c->cwd : "/",
	       *c->from ? ", from " : "", c->from);
	cfg_parse_menu(cfg, model, text, len, &inc);
	/* run_menu(): without its module the menu says why and boot:
	 * comes instead */
	*out = '\0';
	if (cfg_wants_menu(cfg) && check_module(r, "menu", out, CHECK_LINE_MAX))
		fprintf(r->warn, "  %s: %s\n", c->path, out);
	labels(r, cfg, out, b);
	config_line(r, cfg, "DEFAULT", cfg_default_line(cfg), out, b);
	config_line(r, cfg, "ONTIMEOUT", cfg->ontimeout, out, b);
	if (!cfg->nlabels && !*cfg_default_line(cfg) && !*cfg->ontimeout)
		print_entry(r, CHECK_FAIL, "(nothing)",
			    "no LABEL, DEFAULT or ONTIMEOUT: stage2 would "
			    "show boot: with nothing to boot");
	warnings(&w, cfg);
	while (w.nincludes)
		free(w.include[--w.nincludes]);
}

bool check_queue(struct check_run *r, const char *path, const char *newcwd,
		 const char *from, char *out, size_t size)
{
	struct check_config *c;

	for (unsigned i = 0; i < r->nconfigs; i++)
		if (!strcmp(r->configs[i].path, path) &&
		    !strcmp(r->configs[i].cwd, newcwd))
			return true; /* walked, or to be */
	if (r->nconfigs == CHECK_MAX_CONFIGS) {
		check_add(out, size, "more than %u configs to check",
			  CHECK_MAX_CONFIGS);
		return false;
	}
	c = &r->configs[r->nconfigs++];
	snprintf(c->path, sizeof(c->path), "%s", path);
	snprintf(c->cwd, sizeof(c->cwd), "%s", newcwd);
	snprintf(c->from, sizeof(c->from), "%s", from);
	return true;
}

void check_walk(struct check_run *r, const char *name, const char *cwd,
		const char *text, size_t len)
{
	struct cfg *cfg = malloc(sizeof(*cfg));
	struct cfg_menu_model *model = malloc(sizeof(*model));
	struct cfg_boot *b = malloc(sizeof(*b));
	char *out = malloc(CHECK_LINE_MAX), *buf = malloc(CHECK_CFG_FILE_MAX);
	uint64_t size;

	if (!cfg || !model || !b || !out || !buf) {
		fprintf(stderr, "bzboot: check: out of memory\n");
		exit(2);
	}
	check_queue(r, name, cwd, "", out, CHECK_LINE_MAX);
	walk_one(r, &r->configs[0], text, len, cfg, model, out, b);
	for (r->next = 1; r->next < r->nconfigs; r->next++) {
		const struct check_config *c = &r->configs[r->next];

		/* read when its switch was checked; absolute by now */
		r->env.cwd = "";
		*out = '\0';
		putchar('\n');
		if (check_read(&r->env, c->path, buf, CHECK_CFG_FILE_MAX, &size,
			       1, out, CHECK_LINE_MAX)) {
			printf("%s: %s\n", c->path, out);
			r->count[CHECK_FAIL]++;
			continue;
		}
		walk_one(r, c, buf, (size_t)size, cfg, model, out, b);
	}
	free(buf);
	free(out);
	free(b);
	free(model);
	free(cfg);
}
