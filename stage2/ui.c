// SPDX-License-Identifier: BSD-2-Clause
/* The boot prompt, with SYSLINUX's rules: PROMPT 0 boots the DEFAULT
 * unless Shift/Alt/Ctrl or a lock key says otherwise; PROMPT 1 shows
 * "boot:" and boots the DEFAULT (or ONTIMEOUT) after TIMEOUT tenths of a
 * second unless a key is pressed; any failure prints one line and shows
 * "boot:" again. */
#include <stdio.h>
#include <string.h>
#include "boot_linux.h"
#include "cfgfile.h"
#include "cmdline/menu_ui.h"
#include "cmdline/prompt.h"
#include "cmdline/keys.h"
#include "console.h"
#include "display.h"
#include "heap.h"
#include "kbd.h"
#include "module.h"
#include "passwd_ask.h"
#include "timer.h"
#include "ui.h"

struct ui {
	struct volume *v;
	const struct memory *mem;
	struct cfg *cfg;
	struct prompt_line *line;
	bool in_onerror;
	bool menu_seen; /* TIMEOUT and MENU SHIFTKEY: the first time only */
	struct menu_ui *menu; /* the menu module's state, once built */
};

/* Tab completion's view of the config: the i-th label's name. */
static const char *label_name(void *ctx, unsigned i)
{
	const struct cfg *cfg = ctx;

	return i < cfg->nlabels ? cfg->labels[i].name : NULL;
}

/* The prompt and the line again, the cursor where it was, after
 * something else was printed below the old one. */
static void reprompt(const struct prompt_line *l, char *echo, size_t size)
{
	console_write("\nboot: ");
	prompt_redraw(l, echo, size);
	console_write(echo);
}

/* Tab with several matches: lists them, then the prompt again (SYSLINUX
 * lists them the same way). */
static void list_matches(const struct prompt_line *l, char *echo, size_t size)
{
	const char *name;
	unsigned i;

	console_putc('\n');
	for (i = 0; (name = label_name(l->ctx, i)) != NULL; i++) {
		if (prompt_completes(l, name)) {
			console_write(name);
			console_write("  ");
		}
	}
	reprompt(l, echo, size);
}

/* Reads one line at "boot:". Returns false when no key came within `idle`
 * ticks (TIMEOUT: cancelled by the first key) or the line was not done
 * within `total` ticks (TOTALTIMEOUT: not cancelled); 0 = no limit. */
static bool read_line(struct ui *u, uint32_t idle, uint32_t total)
{
	struct prompt_line *l = u->line;
	/* 4 KiB: static, the stack has 10 KiB for everything (Makefile). */
	static char echo[PROMPT_ECHO_MAX];
	uint32_t start = timer_ticks(), wait;
	int key, st;

	prompt_start(l);
	console_write("boot: ");
	for (;;) {
		wait = idle;
		if (total) {
			uint32_t spent = timer_since(start);
			uint32_t left = spent < total ? total - spent : 1;

			wait = wait && wait < left ? wait : left;
		}
		key = kbd_getkey(wait);
		if (key == KBD_TIMEOUT) {
			console_putc('\n');
			return false;
		}
		idle = 0; /* a key stops TIMEOUT, not TOTALTIMEOUT */
		if (key >= KEY_F1 && key <= KEY_F12) {
			/* the help file the config names for this key */
			if (display_fkey(u->v, u->cfg, key - KEY_F1 + 1))
				reprompt(l, echo, sizeof(echo));
			continue;
		}
		st = prompt_feed(l, key, echo, sizeof(echo));
		console_write(echo);
		if (st == PROMPT_DONE) /* the echo ended the line */
			return true;
		if (st == PROMPT_CANCEL)
			console_write("\nboot: ");
		if (st == PROMPT_LIST)
			list_matches(l, echo, sizeof(echo));
	}
}

/* Boots `line`; returns only on failure. typed: it came from the keyboard
 * (ALLOWOPTIONS applies), not from the config (DEFAULT, ONTIMEOUT...). */
static void try_boot(struct ui *u, const char *line, bool typed)
{
	uintptr_t mark = heap_mark();
	struct cfg_boot *b = heap_alloc(sizeof(*b));
	enum cfg_lock lock;
	bool refused = false;
	int err;

	if (!b) {
		printf("bzboot: out of loader memory.\n");
		return;
	}
	err = typed ? cfg_resolve(u->cfg, line, b)
		    : cfg_resolve_config(u->cfg, line, b);
	if (err)
		printf("bzboot: %s: %s.\n", line, cfg_strerror(err));
	else if (!b->kernel[0])
		printf("bzboot: %s: the label has no LINUX or KERNEL line.\n",
		       line);
	else if ((lock = cfg_boot_locked(u->cfg, b, typed)) != CFG_UNLOCKED &&
		 !passwd_ask(u->v, u->mem, u->cfg, b, lock))
		refused = true; /* passwd_ask said why (Esc: nothing to say) */
	else if (b->type != CFG_KT_LINUX)
		printf("bzboot: %s: bzboot boots Linux kernels only; this is "
		       "a SYSLINUX %s entry.\n",
		       b->kernel,
		       b->type == CFG_KT_COM32 ? "COM32 module" : "non-Linux");
	else
		boot_linux(u->v, u->mem, b);
	heap_release(mark);

	/* ONERROR runs once, with the failed command line appended (as in
	 * SYSLINUX); not for a password refused: nothing failed to load, and
	 * menu.c32 simply goes back to the menu. */
	if (u->cfg->onerror[0] && !u->in_onerror && !refused) {
		char *cmd = heap_alloc(2 * CFG_APPEND_MAX);

		if (cmd) {
			snprintf(cmd, 2 * CFG_APPEND_MAX, "%s %s",
				 u->cfg->onerror, line);
			u->in_onerror = true;
			try_boot(u, cmd, false);
			u->in_onerror = false;
		}
		heap_release(mark);
	}
}

/* The menu module's table, loading the module (again: the passwd module
 * replaces it while a password is checked). NULL after saying why. */
static const struct mod_menu_ops *menu_ops(struct ui *u)
{
	const struct bzmod_header *m = module_load(u->v, u->mem, "menu");

	return m ? module_entry(m, MOD_MENU_OPS) : NULL;
}

/* The menu (the menu module, loaded again after the passwd module
 * replaced it) until it hands over to the boot: prompt. False when it
 * cannot run at all (no module, no memory): it said why, and the prompt
 * boots the DEFAULT instead. */
static bool run_menu(struct ui *u)
{
	const struct mod_menu_ops *ops = menu_ops(u);
	int how = u->menu ? MENU_RUN_AGAIN : MENU_RUN_FIRST, what;
	bool ok;

	if (!ops)
		return false;
	if (!u->menu) {
		struct cfg_menu_model *m = heap_alloc(ops->model_size);

		u->menu = heap_alloc(ops->state_size);
		if (!m || !u->menu ||
		    !cfgfile_reparse(u->v, u->cfg, ops->hooks, m)) {
			printf("bzboot: no menu: out of loader memory, or the "
			       "config cannot be read again.\n");
			u->menu = NULL;
			return false;
		}
	}
	for (;;) {
		what = ops->run(u->menu, u->cfg, how);
		ok = false;
		if (what == MENU_DO_PROMPT)
			return true;
		if (what == MENU_DO_BOOT)
			try_boot(u, u->menu->line, u->menu->typed);
		else if (what == MENU_DO_FKEY)
			display_fkey(u->v, u->cfg, (unsigned)u->menu->fkey);
		else if (what == MENU_DO_HELP)
			display_file(u->v, u->cfg, u->menu->line, "MENU HELP");
		else
			ok = passwd_ask_for(
			    u->v, u->mem, u->cfg,
			    what == MENU_DO_ASK_PASSWD ? u->menu->line : NULL);
		if (!(ops = menu_ops(u)))
			return true;
		how = !ok			   ? MENU_RUN_KEY_REDRAW
		      : what == MENU_DO_ASK_MASTER ? MENU_RUN_EDIT
						   : MENU_RUN_PASSWD_OK;
	}
}

void ui_run(struct volume *v, const struct memory *mem, struct cfg *cfg,
	    bool have_cfg)
{
	struct ui u = {v,     mem,   cfg, heap_alloc(sizeof(*u.line)),
		       false, false, NULL};
	struct prompt_line *l = u.line;
	const char *def = have_cfg ? cfg_default_line(cfg) : "";
	const char *on_timeout =
	    have_cfg && cfg->ontimeout[0] ? cfg->ontimeout : def;
	bool escape = !cfg->noescape && kbd_wants_prompt();
	/* UI menu.c32 runs whatever PROMPT or Shift say (ldlinux); DEFAULT
	 * menu.c32 is a default like any other. */
	bool menu = have_cfg && cfg_wants_menu(cfg);

	prompt_init(l); /* once: the history lasts for this boot */
	if (!cfg->nocomplete) {
		l->label = label_name;
		l->ctx = cfg;
	}

	if (menu && (cfg->has_ui || (!cfg->prompt && !escape)) &&
	    run_menu(&u)) {
		/* Esc or MENU QUIT: the prompt, with no timeout */
	} else if (!menu && *def && !cfg->prompt && !escape) {
		try_boot(&u, def, false);
	} else if (*on_timeout && (cfg->prompt || escape || menu)) {
		/* PROMPT 1, or a menu that could not run (it said why) */
		if (!read_line(&u, timer_ds_to_ticks(cfg->timeout_ds),
			       timer_ds_to_ticks(cfg->totaltimeout_ds)))
			try_boot(&u, on_timeout, false);
		else if (l->buf[0])
			try_boot(&u, l->buf, true);
		else if (!menu || !run_menu(&u))
			try_boot(&u, def, false);
	}
	for (;;) {
		read_line(&u, 0, 0);
		if (l->buf[0])
			try_boot(&u, l->buf, true);
		else if (!menu || !run_menu(&u))
			try_boot(&u, def, false); /* "": says it is blank */
	}
}
