// SPDX-License-Identifier: BSD-2-Clause
/* The menu module: the menu model's parser (cmdline/config_menu*.c, run
 * through the core parser's hooks), the menu itself (cmdline/menu_ui*.c),
 * its screen (stage2/menu_screen.c) and the countdown. This file is its
 * header, entry table and run loop; stage2/ui.c calls it and does what
 * it returns (boot, ask a password, show help). It keeps no state of its
 * own: the model and the menu's state are in the core's heap. */
#include <stdint.h>
#include <stdio.h>
#include "cmdline/config_menu.h"
#include "cmdline/menu_ui.h"
#include "console.h"
#include "kbd.h"
#include "menu_screen.h"
#include "module.h"
#include "timer.h"

/* What the core allocates for the menu: the UI's state first. */
struct menu_state {
	struct menu_ui ui;
	struct menu_screen_ctx screen;
	/* TIMEOUT (until a key) and TOTALTIMEOUT (whatever is pressed), in
	 * ticks from start; 0 = none. */
	uint32_t idle, total, start;
};

/* A line for the caller to boot: the menu's own, or one of these. */
static int boot(struct menu_ui *u, const char *line)
{
	snprintf(u->line, sizeof(u->line), "%s", line);
	u->typed = false;
	return *line ? MENU_DO_BOOT : MENU_DO_PROMPT;
}

/* Waits for a key while the countdown runs; KBD_TIMEOUT when TIMEOUT or
 * TOTALTIMEOUT has run out. */
static int next_key(struct menu_state *s)
{
	uint32_t spent = timer_since(s->start), wait = 0;
	int key;

	if (s->idle) {
		menu_ui_countdown(
		    &s->ui, spent < s->idle ? (s->idle - spent + 17) / 18 : 0);
		wait = 18; /* redraw it each second */
	}
	if (s->total && (!wait || s->total - spent < wait))
		wait = spent < s->total ? s->total - spent : 1;
	key = kbd_getkey(wait);
	spent = timer_since(s->start);
	if (key != KBD_TIMEOUT) {
		if (s->idle)
			menu_ui_countdown(&s->ui, 0);
		s->idle = 0; /* a key stops TIMEOUT, not TOTALTIMEOUT */
		return key;
	}
	if ((s->idle && spent >= s->idle) || (s->total && spent >= s->total)) {
		s->idle = s->total = 0;
		return KBD_TIMEOUT;
	}
	return KEY_NONE;
}

static int run(struct menu_ui *u, const struct cfg *c, enum mod_menu_how how)
{
	struct menu_state *s = (struct menu_state *)u;
	int what = MENU_DO_NOTHING, key;

	if (how == MENU_RUN_FIRST || how == MENU_RUN_AGAIN) {
		s->idle = s->total = 0;
		s->start = timer_ticks();
		if (how == MENU_RUN_FIRST) {
			/* MENU SHIFTKEY: the menu only with Shift (or Ctrl,
			 * Alt, a lock key) held; else its default boots. */
			if (c->menu->shiftkey && !kbd_wants_prompt())
				return boot(u, cfg_default_line(c));
			s->idle = timer_ds_to_ticks(c->timeout_ds);
			s->total = timer_ds_to_ticks(c->totaltimeout_ds);
		}
		menu_ui_start(u, c, menu_screen_init(&s->screen, c->console));
	} else {
		if (how == MENU_RUN_KEY_REDRAW) {
			console_write("Press a key for the menu.");
			(void)kbd_getkey(0);
		}
		if (how == MENU_RUN_EDIT)
			menu_ui_edit(u);
		else if (how == MENU_RUN_PASSWD_OK)
			menu_ui_passwd_ok(u);
		else
			menu_ui_redraw(u);
	}
	while (what == MENU_DO_NOTHING) {
		key = next_key(s);
		if (key == KBD_TIMEOUT)
			what = boot(u, menu_ui_timeout_line(u));
		else if (key != KEY_NONE)
			what = menu_ui_key(u, key);
	}
	if (what == MENU_DO_ASK_PASSWD) /* the caller asks for u->line */
		snprintf(u->line, sizeof(u->line), "%s",
			 cfg_menu_str(c, u->passwd));
	menu_screen_leave(&s->screen);
	return what;
}

static const struct mod_menu_ops ops = {
    .state_size = sizeof(struct menu_state),
    .model_size = sizeof(struct cfg_menu_model),
    .hooks = &cfg_menu_hooks,
    .run = run,
};

__attribute__((section(".module.header"), used))
const struct bzmod_header module_header = {
    .magic = BZMOD_MAGIC,
    .abi = BZMOD_ABI,
    .nentries = MOD_MENU_ENTRIES,
    .name = "menu",
    .entry = {[MOD_MENU_OPS] = (uint32_t)&ops},
};
