// SPDX-License-Identifier: BSD-2-Clause
/* The boot prompt, with SYSLINUX's rules: PROMPT 0 boots the DEFAULT
 * unless Shift/Alt/Ctrl or a lock key says otherwise; PROMPT 1 shows
 * "boot:" and boots the DEFAULT (or ONTIMEOUT) after TIMEOUT tenths of a
 * second unless a key is pressed; any failure prints one line and shows
 * "boot:" again. */
#include <stdio.h>
#include <string.h>
#include "boot_linux.h"
#include "c32_call.h"
#include "cfgfile.h"
#include "chain_call.h"
#include "cmdline/config_switch.h"
#include "cmdline/menu_ui.h" /* enum menu_do */
#include "cmdline/prompt.h"
#include "cmdline/prompt_vt.h"
#include "cmdline/keys.h"
#include "cmds_call.h"
#include "console.h"
#include "display.h"
#include "heap.h"
#include "kbd.h"
#include "module.h"
#include "passwd_ask.h"
#include "protocol/boot_msg.h"
#include "timer.h"
#include "ui.h"

struct ui {
	struct volume *v;
	const struct memory *mem;
	struct cfg *cfg;
	struct prompt_line *line;
	char *echo;	     /* PROMPT_ECHO_MAX bytes: on the heap, not in the
				unpacked image's bss (52 KiB with it) */
	struct prompt_vt vt; /* the serial terminal's column */
	bool in_onerror;
	bool switched;	/* CONFIG put a new config in cfg: start again */
	bool menu_next; /* ... for menu.c32 FILE: FILE's menu, whatever its
			   UI and PROMPT say, as menu.c32 shows it */
};

/* Tab completion's view of the config: the i-th label's name. */
static const char *label_name(void *ctx, unsigned i)
{
	const struct cfg *cfg = ctx;

	return i < cfg->nlabels ? cfg->labels[i].name : NULL;
}

/* "boot: " on a new line (at once after a line was ended), the echo
 * counting columns from there. */
static void show_prompt(struct ui *u, bool newline)
{
	console_write(newline ? "\nboot: " : "boot: ");
	prompt_vt_start(&u->vt, 6);
}

/* The prompt and the line again, the cursor where it was, after
 * something else was printed below the old one. */
static void reprompt(struct ui *u, char *echo, size_t size)
{
	show_prompt(u, true);
	prompt_redraw(u->line, echo, size);
	console_write_vt(echo, &u->vt);
}

/* Tab with several matches: lists them, then the prompt again (SYSLINUX
 * lists them the same way). */
static void list_matches(struct ui *u, char *echo, size_t size)
{
	const struct prompt_line *l = u->line;
	const char *name;
	unsigned i;

	console_putc('\n');
	for (i = 0; (name = label_name(l->ctx, i)) != NULL; i++) {
		if (prompt_completes(l, name)) {
			console_write(name);
			console_write("  ");
		}
	}
	reprompt(u, echo, size);
}

/* Reads one line at "boot:". Returns false when no key came within `idle`
 * ticks (TIMEOUT: cancelled by the first key) or the line was not done
 * within `total` ticks (TOTALTIMEOUT: not cancelled); 0 = no limit. */
static bool read_line(struct ui *u, uint32_t idle, uint32_t total)
{
	struct prompt_line *l = u->line;
	/* 4 KiB: not on the stack, which has 10 KiB for everything. */
	char *echo = u->echo;
	uint32_t start = timer_ticks(), wait;
	int key, st;

	prompt_start(l);
	show_prompt(u, false);
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
				reprompt(u, echo, PROMPT_ECHO_MAX);
			continue;
		}
		st = prompt_feed(l, key, echo, PROMPT_ECHO_MAX);
		console_write_vt(echo, &u->vt);
		if (st == PROMPT_DONE) /* the echo ended the line */
			return true;
		if (st == PROMPT_CANCEL)
			show_prompt(u, true);
		if (st == PROMPT_LIST)
			list_matches(u, echo, PROMPT_ECHO_MAX);
	}
}

/* CONFIG file [dir] or config.c32 file [dir]: the new config replaces
 * u->cfg (ldlinux restarts with it), or the old one stays when the file
 * cannot be read. Returns whether b was such a switch. */
static bool switch_config(struct ui *u, const struct cfg_boot *b)
{
	/* static: the stack has 10 KiB for everything */
	static char file[CFG_PATH_MAX], dir[CFG_PATH_MAX];

	if (!cfg_switch_target(b, file, dir))
		return false;
	u->switched = cfgfile_switch(u->v, u->cfg, file, dir);
	u->menu_next = b->type == CFG_KT_COM32 &&
		       cfg_is_menu_module(b->kernel, strlen(b->kernel));
	return true;
}

/* UI or DEFAULT menu.c32 FILE, or DEFAULT naming a label whose KERNEL
 * menu.c32 has APPEND FILE: the menu is FILE's (switch_config). */
static void menu_file(struct ui *u, const char *line)
{
	uintptr_t mark = heap_mark();
	struct cfg_boot *b = heap_alloc(sizeof(*b));

	if (b && !cfg_resolve_config(u->cfg, line, b))
		switch_config(u, b);
	heap_release(mark);
}

static bool try_boot(struct ui *u, const char *line, bool typed, int label);

/* Boots the line ifcpu64.c32, ifcpu.c32 or whichsys.c32 chose, as the
 * config's own (DEFAULT's) lines; a chain of them stops at 8, a loop. */
static void try_branch(struct ui *u, const char *next)
{
	static unsigned depth;

	if (depth == 8) {
		printf("bzboot: %s: 8 branches in a row (a loop?); "
		       "stopped.\n",
		       next);
		return;
	}
	depth++;
	try_boot(u, next, false, -1);
	depth--;
}

/* Boots `line`; returns only on failure: true when nothing failed to load
 * (a password refused, a prompt command ran). typed: it came from the
 * keyboard (ALLOWOPTIONS applies), not from the config (DEFAULT,
 * ONTIMEOUT...). label >= 0: a menu entry's label, booted as such (line
 * is its name, for messages), whatever labels share its first word. */
static bool try_boot(struct ui *u, const char *line, bool typed, int label)
{
	uintptr_t mark = heap_mark();
	struct cfg_boot *b = heap_alloc(sizeof(*b));
	enum cfg_lock lock;
	const char *next = NULL; /* what ifcpu64.c32... chose */
	bool refused = false;
	int err;

	if (!b) {
		printf("bzboot: out of loader memory.\n");
		return false;
	}
	err = label >= 0 ? cfg_resolve_label(u->cfg, (unsigned)label, b)
	      : typed	 ? cfg_resolve(u->cfg, line, b)
			 : cfg_resolve_config(u->cfg, line, b);
	if (typed && cmds_call(u->v, u->mem, u->cfg, b, err, line))
		refused = true; /* ls, cat...: a command ran, no ONERROR */
	else if (err)
		printf("bzboot: %s: %s.\n", line, cfg_strerror(err));
	else if (!b->kernel[0])
		printf("bzboot: " BZ_MSG_NO_KERNEL ".\n", line);
	else if ((lock = cfg_boot_locked(u->cfg, b, typed)) != CFG_UNLOCKED &&
		 !passwd_ask(u->v, u->mem, u->cfg, b, lock))
		refused = true; /* passwd_ask said why (Esc: nothing to say) */
	else if (b->type == CFG_KT_LINUX)
		boot_linux(u->v, u->mem, b);
	else if (!switch_config(u, b) && !chain_call(u->v, u->mem, b) &&
		 !(next = c32_call(u->v, u->mem, u->cfg, b)))
		printf("bzboot: " BZ_MSG_LINUX_ONLY ".\n", b->kernel,
		       b->type == CFG_KT_COM32 ? "COM32 module" : "non-Linux");
	heap_release(mark);
	if (u->switched)
		return refused;
	if (next && *next) {
		try_branch(u, next);
		return false; /* it ran ONERROR itself if it failed */
	}

	/* ONERROR runs once, with the failed command line appended (as in
	 * SYSLINUX); not for a password refused: nothing failed to load, and
	 * menu.c32 simply goes back to the menu. */
	if (u->cfg->onerror[0] && !u->in_onerror && !refused) {
		char *cmd = heap_alloc(2 * CFG_APPEND_MAX);

		if (cmd) {
			snprintf(cmd, 2 * CFG_APPEND_MAX, "%s %s",
				 u->cfg->onerror, line);
			u->in_onerror = true;
			try_boot(u, cmd, false, -1);
			u->in_onerror = false;
		}
		heap_release(mark);
	}
	return refused;
}

/* The menu (the menu module, loaded again after the passwd module
 * replaced it) until it hands over to the boot: prompt or a CONFIG
 * switched configs. False when it cannot run at all (no module, no
 * memory): it said why, and the prompt boots the DEFAULT instead. */
static bool run_menu(struct ui *u)
{
	const struct bzmod_header *m;
	const struct mod_menu_ops *ops;
	const char *line;
	unsigned back = 0;
	bool typed;
	int what, label;

	for (;;) {
		m = module_load(u->v, u->mem, "menu");
		ops = m ? module_entry(m, MOD_MENU_OPS) : NULL;
		what = ops ? ops->run(u->v, u->cfg, back, &line, &typed, &label)
			   : MOD_MENU_FAILED;
		back = what == MENU_DO_ASK_PASSWD &&
			       passwd_ask_for(u->v, u->mem, u->cfg, line)
			   ? MENU_BACK_RIGHT
			   : 0;
		if (what == MENU_DO_ASK_PASSWD)
			continue;
		if (what != MENU_DO_BOOT)
			return what != MOD_MENU_FAILED; /* MENU_DO_PROMPT */
		if (try_boot(u, line, typed, label)) /* back only on failure */
			back = MENU_BACK_REFUSED;
		if (u->switched)
			return true;
	}
}

/* The menu of this config, or of the file menu.c32 is given (not again
 * when that switch brought us here: forced). False as run_menu. */
static bool start_menu(struct ui *u, bool forced)
{
	if (!forced)
		menu_file(u,
			  u->cfg->has_ui ? u->cfg->ui : u->cfg->default_label);
	return u->switched || run_menu(u);
}

/* The UI for the config in u->cfg, as SYSLINUX starts it; returns when a
 * CONFIG switched to another one. */
static void run_config(struct ui *u, bool have_cfg)
{
	const struct cfg *cfg = u->cfg;
	struct prompt_line *l = u->line;
	const char *def = have_cfg ? cfg_default_line(cfg) : "";
	const char *on_timeout =
	    have_cfg && cfg->ontimeout[0] ? cfg->ontimeout : def;
	bool escape = !cfg->noescape && kbd_wants_prompt();
	/* UI menu.c32 runs whatever PROMPT or Shift say (ldlinux); DEFAULT
	 * menu.c32 is a default like any other. */
	bool forced = u->menu_next; /* menu.c32 FILE switched to this */
	bool menu = have_cfg && (forced || cfg_wants_menu(cfg));
	bool ask = cfg->prompt || escape;
	uint32_t idle = 0, total = 0;

	l->label = cfg->nocomplete ? NULL : label_name;
	l->ctx = u->cfg;
	u->menu_next = false;

	/* Esc: boot: with no timeout; no menu: boot: as with PROMPT 1 (it
	 * said why) */
	if (menu && (cfg->has_ui || forced || !ask))
		ask = !start_menu(u, forced);
	else if (!ask && *def)
		try_boot(u, def, false, -1);
	if (ask && *on_timeout) { /* the first line only */
		idle = timer_ds_to_ticks(cfg->timeout_ds);
		total = timer_ds_to_ticks(cfg->totaltimeout_ds);
	}
	while (!u->switched) {
		if (!read_line(u, idle, total)) {
			/* DEFAULT menu.c32 under PROMPT 1: the menu */
			if (!menu || cfg->ontimeout[0] ||
			    !start_menu(u, forced))
				try_boot(u, on_timeout, false, -1);
		} else if (l->buf[0])
			try_boot(u, l->buf, true, -1);
		else if ((!menu || !start_menu(u, forced)) && *def)
			try_boot(u, def, false, -1); /* the menu again, as
						    ldlinux runs the UI again */
		idle = total = 0;
	}
}

void ui_run(struct volume *v, const struct memory *mem, struct cfg *cfg,
	    bool have_cfg)
{
	struct ui u = {.v = v,
		       .mem = mem,
		       .cfg = cfg,
		       .line = heap_alloc(sizeof(struct prompt_line)),
		       .echo = heap_alloc(PROMPT_ECHO_MAX)};

	prompt_init(u.line); /* once: the history lasts for this boot */
	for (;;) {
		run_config(&u, have_cfg);
		u.switched = false;
		have_cfg = true;
		display_messages(v, cfg); /* the new config's SAY lines */
	}
}
