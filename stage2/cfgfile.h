/* SPDX-License-Identifier: BSD-2-Clause */
/* The config file on the boot volume: found, read and parsed. */
#ifndef BZ_STAGE2_CFGFILE_H
#define BZ_STAGE2_CFGFILE_H

#include <stdbool.h>
#include "cmdline/config.h"
#include "volume.h"

/* Finds and parses the config (bzboot.cfg, else SYSLINUX's places); prints
 * what it found or why not. Returns true when one was parsed. */
bool cfgfile_load(struct volume *v, struct cfg *cfg);

/* CONFIG file [dir]: parses path (relative to the current directory)
 * into cfg, replacing it, after making dir ("" = keep the current one;
 * relative to it) the directory relative names start from. Prints why
 * not; then cfg holds an empty config and false is returned. */
bool cfgfile_switch(struct volume *v, struct cfg *cfg, const char *path,
		    const char *dir);

/* Parses the config file cfgfile_load found again (INCLUDEs too, from
 * the current directory), calling the menu module's hooks to build the
 * model in *menu (cfg->menu = menu). The core's part of cfg comes out as
 * before; the warnings were printed the first time. False, after saying
 * why, when the file cannot be read again. */
bool cfgfile_reparse(struct volume *v, struct cfg *cfg,
		     const struct cfg_menu_hooks *hooks,
		     struct cfg_menu_model *menu);

#endif
