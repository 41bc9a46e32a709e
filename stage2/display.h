/* SPDX-License-Identifier: BSD-2-Clause */
/* SAY lines, DISPLAY files and the F-key help files, shown on the screen
 * (INT 10h, with colours) and the serial console (ANSI) at once. */
#ifndef BZ_STAGE2_DISPLAY_H
#define BZ_STAGE2_DISPLAY_H

#include <stdbool.h>
#include "cmdline/config.h"
#include "volume.h"

/* The config's SAY lines and DISPLAY files, in the config's order. */
void display_messages(struct volume *v, const struct cfg *cfg);

/* F<n>'s help file (n = 1..12; 0 is F10) on a new line, as at SYSLINUX's
 * boot: prompt. Returns false when the config names no file for that key
 * (nothing is printed); the caller redraws its prompt otherwise. */
bool display_fkey(struct volume *v, const struct cfg *cfg, unsigned n);

/* Shows the file (SYSLINUX's control codes applied); `what` names the
 * directive in the message when it cannot be read ("MENU HELP"). */
void display_file(struct volume *v, const struct cfg *cfg, const char *name,
		  const char *what);

#endif
