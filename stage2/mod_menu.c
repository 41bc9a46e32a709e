// SPDX-License-Identifier: BSD-2-Clause
/* The menu module: the menu model's parser (cmdline/config_menu*.c, run
 * through the core parser's hooks), the menu itself (cmdline/menu_ui*.c),
 * its screen (stage2/menu_screen.c), the countdown, help files and
 * submenus. This file is its header, entry table and run loop; stage2/
 * ui.c calls it and does only what needs the core: boot a line, ask the
 * master password. The module keeps no state of its own: the model and
 * the menu's state are one block of the core's heap (cfg->menu). */
#include <stdint.h>
#include <stdio.h>
#include "cfgfile.h"
#include "cmdline/config_menu.h"
#include "cmdline/menu_ui.h"
#include "console.h"
#include "display.h"
#include "heap.h"
#include "kbd.h"
#include "menu_screen.h"
#include "module.h"
#include "timer.h"
#include "volume.h"

/* What follows the model in its block: the UI's state and the screen's,
 * TIMEOUT (until a key) and TOTALTIMEOUT (whatever is pressed) in ticks
 * from start (0 = none). */
struct menu_state {
	struct menu_ui ui;
	struct menu_screen_ctx screen;
	uint32_t idle, total, start;
	bool booted; /* it returned MENU_DO_BOOT: called again, it failed */
	int asked;   /* the MENU_DO_ASK_* the caller is answering */
};

static struct menu_state *state_of(const struct cfg *c)
{
	return (struct menu_state *)(c->menu + 1);
}

/* Waits for a key while the countdown runs; KBD_TIMEOUT when TIMEOUT or
 * TOTALTIMEOUT has run out, KEY_NONE each second before. */
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

/* INCLUDE files for the parse again: read whole onto the heap. */
static int load(void *ctx, const char *path, const char **text, size_t *len)
{
	struct volume *v = ctx;
	struct fat_file f;
	char *t = NULL;

	if (!volume_file_open(v, path, &f) &&
	    (t = heap_alloc(fat_size(&f) + 1)) &&
	    volume_file_read(v, &f, path, t, fat_size(&f), false))
		t = NULL;
	*len = t ? fat_size(&f) : 0;
	*text = t;
	return t ? 0 : -1;
}

/* The model and the state for this config, built the first time: the
 * config file (and its INCLUDEs) parsed again with the model's hooks.
 * The core's part of c comes out the same (cfg_parse_menu). */
static struct menu_state *build(struct volume *v, struct cfg *c)
{
	struct cfg_include_ops inc = {load, NULL, v, NULL};
	struct cfg_menu_model *m;
	struct menu_state *s;
	const char *text;
	uintptr_t mark;
	size_t len;
	int err = -1;

	if (c->menu)
		return state_of(c);
	m = heap_alloc(sizeof(*m) + sizeof(*s));
	if (!m) {
		printf("bzboot: out of loader memory for the menu.\n");
		return NULL;
	}
	mark = heap_mark(); /* the texts: the model keeps copies */
	if (cfgfile_in_use && !load(v, cfgfile_in_use, &text, &len))
		err = cfg_parse_menu(c, m, text, len, &inc);
	heap_release(mark);
	if (err)
		return NULL; /* volume_file_* said why */
	s = state_of(c);
	s->start = timer_ticks();
	s->idle = timer_ds_to_ticks(c->timeout_ds);
	s->total = timer_ds_to_ticks(c->totaltimeout_ds);
	return s;
}

/* Shows an F-key or MENU HELP file over the menu, then the menu again. */
static void show_help(struct volume *v, const struct cfg *c,
		      struct menu_state *s, int what)
{
	menu_screen_leave(&s->screen);
	if (what == MENU_DO_FKEY)
		display_fkey(v, c, (unsigned)s->ui.fkey);
	else
		display_file(v, c, s->ui.line, "MENU HELP");
	console_write("Press a key for the menu.");
	(void)kbd_getkey(0);
	menu_ui_redraw(&s->ui);
}

/* Where the menu carries on: from the start, after the password the
 * caller asked (right or not), or after a boot that failed. */
static int resume(struct menu_state *s, const struct cfg *c, unsigned back)
{
	bool right = back & MENU_BACK_RIGHT;
	struct menu_ui *u = &s->ui;
	int asked = s->asked;

	s->asked = 0;
	if (!s->screen.scr.put) {
		menu_ui_start(u, c, menu_screen_init(&s->screen, c->console));
		return MENU_DO_NOTHING;
	}
	/* a failed load's message stays until a key; a refused password
	 * goes straight back, as menu.c32 does (passwd_ask said so) */
	if (s->booted && !asked && !(back & MENU_BACK_REFUSED)) {
		console_write("Press a key for the menu.");
		(void)kbd_getkey(0);
	}
	s->booted = false;
	menu_ui_redraw(u);
	if (right && asked == MENU_DO_ASK_MASTER)
		menu_ui_edit(u);
	else if (right)
		return menu_ui_passwd_ok(u); /* what Enter or Tab asked */
	return MENU_DO_NOTHING;		     /* a wrong password said so */
}

static int run(struct volume *v, struct cfg *c, unsigned back,
	       const char **line, bool *typed, int *label)
{
	bool fresh = !c->menu;
	struct menu_state *s = build(v, c);
	struct menu_ui *u;
	int what, key = KEY_NONE;
	const char *file;

	if (!s)
		return MOD_MENU_FAILED;
	u = &s->ui;
	*line = u->line;
	*typed = false;
	*label = -1;
	/* MENU SHIFTKEY: the menu only with Shift (or Ctrl, Alt, a lock
	 * key) held; else its default boots at once, nothing drawn. */
	if (fresh && c->menu->shiftkey && !kbd_wants_prompt()) {
		snprintf(u->line, sizeof(u->line), "%s", cfg_default_line(c));
		return MENU_DO_BOOT;
	}
	for (what = resume(s, c, back);; what = MENU_DO_NOTHING) {
		if (what == MENU_DO_NOTHING) {
			key = next_key(s);
			if (key == KBD_TIMEOUT) {
				file = menu_ui_timeout_line(u);
				snprintf(u->line, sizeof(u->line), "%s", file);
				what = *file ? MENU_DO_BOOT : MENU_DO_PROMPT;
			} else if (key != KEY_NONE) {
				what = menu_ui_key(u, key);
			}
		}
		if (what == MENU_DO_FKEY || what == MENU_DO_HELP)
			show_help(v, c, s, what);
		else if (what != MENU_DO_NOTHING)
			break;
	}
	if (what == MENU_DO_ASK_PASSWD || what == MENU_DO_ASK_MASTER) {
		/* the caller asks (the passwd module replaces this one) and
		 * calls again with the answer; NULL: the master password */
		s->asked = what;
		*line = what == MENU_DO_ASK_PASSWD && u->passwd
			    ? cfg_menu_str(c, u->passwd)
			    : NULL;
		what = MENU_DO_ASK_PASSWD;
	}
	*typed = u->typed && what == MENU_DO_BOOT && key != KBD_TIMEOUT;
	if (what == MENU_DO_BOOT && !*typed)
		*label =
		    key == KBD_TIMEOUT ? menu_ui_timeout_label(u) : u->label;
	s->booted = what == MENU_DO_BOOT;
	menu_screen_leave(&s->screen);
	return what;
}

static const struct mod_menu_ops ops = {.run = run};

__attribute__((section(".module.header"), used))
const struct bzmod_header module_header = {
    .magic = BZMOD_MAGIC,
    .abi = BZMOD_ABI,
    .nentries = MOD_MENU_ENTRIES,
    .name = "menu",
    .entry = {[MOD_MENU_OPS] = (uint32_t)&ops},
};
