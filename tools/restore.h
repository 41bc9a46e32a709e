// SPDX-License-Identifier: BSD-2-Clause
// bzboot restore: put back the sectors an install saved with --backup.
#ifndef BZ_TOOLS_RESTORE_H
#define BZ_TOOLS_RESTORE_H

/* argv[0] is "restore". Returns an enum bz_exit. */
int cmd_restore(int argc, char **argv);
extern const char cmd_restore_help[];

#endif
