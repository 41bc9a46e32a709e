/* SPDX-License-Identifier: BSD-2-Clause */
/* Inside the cmds module (stage2/mod_cmds.c): one function a command.
 * argv/argc as cmds_split() made them, argv[0] the command word. Each
 * prints what it did or one line saying what failed and why. */
#ifndef BZ_STAGE2_CMDS_MOD_H
#define BZ_STAGE2_CMDS_MOD_H

#include "cmdline/config.h"
#include "memory.h"
#include "volume.h"

struct cmds_env {
	struct volume *v;
	const struct memory *mem;
	const struct cfg *cfg;
	int argc;
	const char **argv;
};

void cmds_ls(const struct cmds_env *e);	      /* stage2/cmds_files.c */
void cmds_cat(const struct cmds_env *e);      /* stage2/cmds_files.c */
void cmds_info(const struct cmds_env *e);     /* stage2/cmds_info.c */
void cmds_reboot(const struct cmds_env *e);   /* stage2/cmds_power.c */
void cmds_poweroff(const struct cmds_env *e); /* stage2/cmds_power.c */
void cmds_layout(const struct cmds_env *e);   /* stage2/cmds_layout.c */

#endif
