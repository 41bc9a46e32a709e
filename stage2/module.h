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
#define MOD_MENU_FAILED (-1) /* run: no menu (it said why) */
/* run's `back`: how the last call's request ended */
#define MENU_BACK_RIGHT	  1u /* the password asked for was right */
#define MENU_BACK_REFUSED 2u /* the boot asked a password and was refused */
struct cfg;
struct volume;
struct mod_menu_ops {
	/* Runs the menu of this config (building its model the first
	 * time) on both consoles, with the countdown, help files and
	 * submenus, until the caller must act: MENU_DO_BOOT (*line,
	 * *typed; a TIMEOUT too; called again, the menu comes back after
	 * a key, or at once with MENU_BACK_REFUSED: the boot's password
	 * was refused, which said so), MENU_DO_ASK_PASSWD (ask for *line,
	 * a password as the config wrote it, or the master password when
	 * *line is NULL; then call again with MENU_BACK_RIGHT when it was
	 * right), MENU_DO_PROMPT (Esc, MENU QUIT) or MOD_MENU_FAILED. The
	 * screen is plain text again by then. *label: for MENU_DO_BOOT,
	 * the label the entry (or the TIMEOUT's default entry) boots,
	 * to resolve exactly (cfg_resolve_label: *line is its name, whose
	 * first word may name another label); -1 for an edited line or a
	 * line the config wrote (ONTIMEOUT, MENU HIDDENKEY...). */
	int (*run)(struct volume *v, struct cfg *c, unsigned back,
		   const char **line, bool *typed, int *label);
};

struct volume;
struct memory;
struct cfg;

/* The cmds module's (stage2/mod_cmds.c): the boot prompt's commands. */
enum { MOD_CMDS_RUN = 0, MOD_CMDS_ENTRIES };
typedef void (*mod_cmds_run_fn)(struct volume *v, const struct memory *mem,
				const struct cfg *cfg, const char *line);

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
