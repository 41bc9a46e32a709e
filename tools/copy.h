// SPDX-License-Identifier: BSD-2-Clause
// bzboot copy: a file into the FAT volume bzboot boots from.
#ifndef BZ_TOOLS_COPY_H
#define BZ_TOOLS_COPY_H

/* argv[0] is "copy". Returns an enum bz_exit. */
int cmd_copy(int argc, char **argv);
extern const char cmd_copy_help[];

#endif
