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

/* CONFIG path [dir] / config.c32 path [dir]: reads path (relative to the
 * current directory), changes to dir when one is given (relative to the
 * current directory; "" = stay) and parses path into cfg, replacing it.
 * When path cannot be read it says why and returns false with cfg and the
 * directory untouched. */
bool cfgfile_switch(struct volume *v, struct cfg *cfg, const char *path,
		    const char *dir);

/* Parses the config in use (the one cfgfile_load found, or CONFIG's)
 * again, INCLUDEs too, calling the menu module's hooks to build the
 * model in *menu (cfg->menu = menu). The core's part of cfg comes out as
 * before; the warnings were printed the first time. False, after saying
 * why, when the file cannot be read again. */
bool cfgfile_reparse(struct volume *v, struct cfg *cfg,
		     const struct cfg_menu_hooks *hooks,
		     struct cfg_menu_model *menu);

#endif
