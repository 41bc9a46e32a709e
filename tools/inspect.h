// SPDX-License-Identifier: BSD-2-Clause
// bzboot inspect: a kernel file's header and the memory layout bzboot plans.
#ifndef BZ_TOOLS_INSPECT_H
#define BZ_TOOLS_INSPECT_H

/* argv[0] is "inspect". Returns an enum bz_exit. */
int cmd_inspect(int argc, char **argv);
extern const char cmd_inspect_help[];

#endif
