/* SPDX-License-Identifier: BSD-2-Clause */
/* Modules: code that does not fit in stage2's 62 sectors, kept as
 * NAME.bzm files on the FAT volume and loaded at MEM_MODULE when first
 * needed (docs/architecture.md, "Modules"). The file format, which the
 * host sealer shares, is protocol/bzmod.h's struct bzmod_header. */
#ifndef BZ_STAGE2_MODULE_H
#define BZ_STAGE2_MODULE_H

#include <stdbool.h>
#include "protocol/bzmod.h"

/* The passwd module's entry table (stage2/mod_passwd.c). */
enum { MOD_PASSWD_CHECK = 0, MOD_PASSWD_ENTRIES };
typedef bool (*mod_passwd_check_fn)(const char *stored, const char *typed);

/* The menu module's entry table (stage2/mod_menu.c): entry 0 is the
 * address of its struct mod_menu_ops. It keeps nothing itself: the
 * model and the menu's state are one block of the core's heap, reached
 * through cfg->menu, so they outlast the module being replaced (by
 * passwd) and loaded again. */
enum { MOD_MENU_OPS = 0, MOD_MENU_ENTRIES };
/* How mod_menu_ops.run starts, and what it can return besides the
 * MENU_DO_* it hands over (cmdline/menu_ui.h). */
enum mod_menu_how {
	MENU_RUN_START = 100, /* draw it; the first time for this config
				 (cfg->menu NULL: the model is built) with
				 TIMEOUT, TOTALTIMEOUT and MENU SHIFTKEY */
	MENU_RUN_KEY_REDRAW,  /* after a boot that failed or was refused:
				 wait for a key, draw it again */
	MENU_RUN_FAILED = -1, /* returned: no menu (it said why) */
};
struct cfg;
struct cfg_menu_hooks;
struct cfg_menu_model;
struct volume;
/* stage2/cfgfile.c's, handed to the module (nothing else in the core
 * calls it, so the link would drop it). */
typedef bool (*mod_menu_reparse_fn)(struct volume *v, struct cfg *cfg,
				    const struct cfg_menu_hooks *hooks,
				    struct cfg_menu_model *menu);
struct mod_menu_ops {
	/* Runs the menu on both consoles, the countdown, help files and
	 * submenus too, until the caller must act: MENU_DO_BOOT (*line,
	 * *typed; a TIMEOUT too), MENU_DO_PROMPT, or MENU_RUN_FAILED; the
	 * screen is plain text again by then. */
	int (*run)(struct volume *v, struct cfg *c, int how,
		   mod_menu_reparse_fn reparse, const char **line, bool *typed);
};

struct volume;
struct memory;

/* Makes module `name` resident: NAME.bzm from /boot/bzboot/, the config
 * file's directory, then /, checked (fits below mem->low_top, magic, ABI,
 * checksum, built with this stage2) before anything in it runs. The one
 * already resident is kept; loading another replaces it. NULL after one
 * line saying what failed, in which file, and what to do. */
const struct bzmod_header *
module_load(struct volume *v, const struct memory *mem, const char *name);

/* Entry n of a loaded module, NULL if it has none. */
void *module_entry(const struct bzmod_header *m, unsigned n);

#endif
