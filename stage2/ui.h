/* SPDX-License-Identifier: BSD-2-Clause */
/* The config file (cfgfile.c) and the boot prompt (ui.c). */
#ifndef BZ_STAGE2_UI_H
#define BZ_STAGE2_UI_H

#include <stdbool.h>
#include "cmdline/config.h"
#include "memory.h"
#include "volume.h"

/* Finds and parses the config (bzboot.cfg, else SYSLINUX's places); prints
 * what it found or why not. Returns true when one was parsed. */
bool config_load(struct volume *v, struct cfg *cfg);

/* Boots the default (after TIMEOUT, or at once with PROMPT 0) or what is
 * typed at "boot:"; every failure comes back here. Does not return. */
void ui_run(struct volume *v, const struct memory *mem, struct cfg *cfg,
	    bool have_cfg) __attribute__((noreturn));

#endif
