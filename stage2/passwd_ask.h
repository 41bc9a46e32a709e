/* SPDX-License-Identifier: BSD-2-Clause */
/* Asking for the MENU PASSWD that guards a line (cfg_boot_locked). */
#ifndef BZ_STAGE2_PASSWD_ASK_H
#define BZ_STAGE2_PASSWD_ASK_H

#include <stdbool.h>
#include "cmdline/config.h"
#include "memory.h"
#include "volume.h"

/* Loads the passwd module, then asks "Password: " on both consoles for
 * each password that guards b (its submenu's, then its own; the master
 * password is accepted for either) or, for CFG_LOCKED_MASTER, the master
 * password. True only when every one was given; false after Esc, a wrong
 * password (with a message and a delay) or a module that cannot be
 * loaded (its one line): the caller must not boot b then. */
bool passwd_ask(struct volume *v, const struct memory *mem,
		const struct cfg *cfg, const struct cfg_boot *b,
		enum cfg_lock lock);

/* Asks once for `stored` (a password as the config wrote it), the
 * master password accepted too; NULL: the master password only (Tab in
 * the menu under MENU MASTER PASSWD). Like passwd_ask otherwise. */
bool passwd_ask_for(struct volume *v, const struct memory *mem,
		    const struct cfg *cfg, const char *stored);

#endif
