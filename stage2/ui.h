/* SPDX-License-Identifier: BSD-2-Clause */
/* The boot prompt. */
#ifndef BZ_STAGE2_UI_H
#define BZ_STAGE2_UI_H

#include <stdbool.h>
#include "cmdline/config.h"
#include "memory.h"
#include "volume.h"

/* Boots the default (after TIMEOUT, or at once with PROMPT 0) or what is
 * typed at "boot:"; every failure comes back here. Does not return. */
void ui_run(struct volume *v, const struct memory *mem, struct cfg *cfg,
	    bool have_cfg) __attribute__((noreturn));

#endif
