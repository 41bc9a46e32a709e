/* SPDX-License-Identifier: BSD-2-Clause */
/* The boot prompt's commands (ls, cat, info, reboot, poweroff, help),
 * beyond SYSLINUX: the core only recognises the word; the commands are
 * the cmds module (stage2/mod_cmds.c). */
#ifndef BZ_STAGE2_CMDS_CALL_H
#define BZ_STAGE2_CMDS_CALL_H

#include <stdbool.h>
#include "cmdline/config.h"

struct volume;
struct memory;

/* When the typed `line` is a command (its first word is one and names no
 * label: b and err are cfg_resolve's result for it), runs it from the
 * cmds module and returns true; under MENU MASTER PASSWD only after that
 * password, as for any free command line. False: boot the line. */
bool cmds_call(struct volume *v, const struct memory *mem,
	       const struct cfg *cfg, const struct cfg_boot *b, int err,
	       const char *line);

#endif
