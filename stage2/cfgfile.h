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

/* The config file in use, for the menu module, which parses it again
 * with its model's hooks: one of the names cfgfile_load tries, or the
 * file CONFIG switched to (ui.c's buffer, kept until the next switch;
 * a relative name is then looked up from CONFIG's new directory); NULL
 * when there is none. */
extern const char *cfgfile_in_use;

#endif
