// SPDX-License-Identifier: BSD-2-Clause
// bzboot install: stage1 and stage2 onto a disk (the MBR and its gap, a GPT
// disk's BIOS boot partition, or a FAT volume's boot sector).
#ifndef BZ_TOOLS_INSTALL_H
#define BZ_TOOLS_INSTALL_H

/* argv[0] is "install". Returns an enum bz_exit. */
int cmd_install(int argc, char **argv);
extern const char cmd_install_help[];

#endif
