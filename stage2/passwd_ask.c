// SPDX-License-Identifier: BSD-2-Clause
/* The password prompt (stage2/passwd_ask.h). The checker itself, with
 * its MD5 and SHA hashes, is the passwd module (stage2/mod_passwd.c):
 * stage2's 62 sectors do not hold it. menu.c32's rule: an entry opens to
 * its own password or to the master password; what the master password
 * guards (editing, the free command line) opens to that only. */
#include <string.h>
#include "console.h"
#include "kbd.h"
#include "module.h"
#include "passwd_ask.h"
#include "timer.h"

#define PASSWD_MAX 128
/* About 1.5 s after a wrong password: guessing by hand stays slow. */
#define WRONG_DELAY_TICKS 27

/* Reads a password into buf, echoing '*'. False on Esc. */
static bool read_passwd(char *buf)
{
	size_t n = 0;
	int key;

	console_write("Password: ");
	for (;;) {
		key = kbd_getkey(0);
		if (key == KEY_ENTER) {
			buf[n] = '\0';
			console_putc('\n');
			return true;
		}
		if (key == KEY_ESC) {
			console_putc('\n');
			return false;
		}
		if (key == KEY_BACKSPACE && n) {
			n--;
			console_write("\b \b");
		} else if (key >= ' ' && key < 0x7F && n < PASSWD_MAX - 1) {
			buf[n++] = (char)key;
			console_putc('*');
		}
	}
}

static void wrong_passwd(void)
{
	uint32_t start = timer_ticks();

	console_write("bzboot: wrong password.\n");
	/* Polling the keyboard calls the BIOS, which lets the timer tick
	 * (stage2 itself runs with interrupts off); keys typed while
	 * waiting are guesses made blind: they are dropped. */
	while (timer_since(start) < WRONG_DELAY_TICKS)
		(void)kbd_getkey(1);
}

/* Asks once; true if the answer is `stored` or the master password. */
static bool ask_one(mod_passwd_check_fn check, const struct cfg *cfg,
		    const char *stored)
{
	static char typed[PASSWD_MAX];
	const char *master = cfg_passwd(cfg, cfg->master_passwd);
	bool ok;

	if (!read_passwd(typed))
		return false; /* Esc: back to the prompt, nothing booted */
	ok = (stored && check(stored, typed)) ||
	     (master && check(master, typed));
	memset(typed, 0, sizeof(typed));
	if (!ok)
		wrong_passwd();
	return ok;
}

/* The passwd module's checker, loading it; NULL after saying why. */
static mod_passwd_check_fn checker(struct volume *v, const struct memory *mem)
{
	const struct bzmod_header *m = module_load(v, mem, "passwd");
	mod_passwd_check_fn check;

	if (!m)
		return NULL;
	check = (mod_passwd_check_fn)module_entry(m, MOD_PASSWD_CHECK);
	if (!check)
		console_write("bzboot: the passwd module has no checker: copy "
			      "build/modules/passwd.bzm again.\n");
	return check;
}

bool passwd_ask_for(struct volume *v, const struct memory *mem,
		    const struct cfg *cfg, const char *stored)
{
	mod_passwd_check_fn check = checker(v, mem);

	return check && ask_one(check, cfg, stored);
}

bool passwd_ask(struct volume *v, const struct memory *mem,
		const struct cfg *cfg, const struct cfg_boot *b,
		enum cfg_lock lock)
{
	mod_passwd_check_fn check;

	if (lock == CFG_LOCKED_MASTER)
		return passwd_ask_for(v, mem, cfg, NULL);
	if (!(check = checker(v, mem)))
		return false;
	/* the submenu's (menu.c32 asks on entering it), then the entry's */
	if (b->label->menu_passwd &&
	    !ask_one(check, cfg, cfg_passwd(cfg, b->label->menu_passwd)))
		return false;
	return !b->label->passwd ||
	       ask_one(check, cfg, cfg_passwd(cfg, b->label->passwd));
}
