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
 * address of its struct mod_menu_ops. The state it works on is the
 * caller's: state_size bytes of the core's heap, a struct menu_ui first
 * (cmdline/menu_ui.h: the caller reads the results there), so it
 * survives the module being replaced (by passwd) and loaded again. */
enum { MOD_MENU_OPS = 0, MOD_MENU_ENTRIES };
/* How mod_menu_ops.run starts. */
enum mod_menu_how {
	MENU_RUN_FIRST,	     /* draw it, TIMEOUT, TOTALTIMEOUT, SHIFTKEY */
	MENU_RUN_AGAIN,	     /* draw it (from the prompt): no timeouts */
	MENU_RUN_REDRAW,     /* back after a password or a message */
	MENU_RUN_KEY_REDRAW, /* the same, after the user pressed a key */
	MENU_RUN_EDIT,	     /* the master password was right: Tab */
	MENU_RUN_PASSWD_OK,  /* the submenu's password was right: open it */
};
struct cfg;
struct cfg_menu_hooks;
struct menu_ui;
struct mod_menu_ops {
	uint32_t state_size;		    /* for the state */
	uint32_t model_size;		    /* for the struct cfg_menu_model */
	const struct cfg_menu_hooks *hooks; /* for cfgfile_reparse */
	/* Runs the menu of c->menu on both consoles, the countdown too,
	 * until it has something for the caller (enum menu_do, never
	 * MENU_DO_NOTHING), with the screen left as plain text. The
	 * results are in the struct menu_ui: line (MENU_DO_BOOT, also on
	 * a timeout; MENU_DO_ASK_PASSWD: the password to ask), typed,
	 * fkey. */
	int (*run)(struct menu_ui *u, const struct cfg *c,
		   enum mod_menu_how how);
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
