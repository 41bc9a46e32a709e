// SPDX-License-Identifier: BSD-2-Clause
/* A BPB copied into a boot-sector file: chain.c32's bss= (the sector's
 * fields the file's BPB version has; SYSLINUX 6.04 com32/chain/mangle.c
 * manglesf_bss) and SYSLINUX's own .bss files, into which the volume's
 * BPB goes (ldlinux chainboot.c, core/fs/fat/fat.c vfat_copy_superblock).
 * The versions are fs/bpb_patch.c's. Pure. */
#ifndef BZ_FS_BPB_COPY_H
#define BZ_FS_BPB_COPY_H

#include <stdbool.h>
#include <stdint.h>

#include "fs/bpb_patch.h"

/* SYSLINUX's .bss patch: bytes 0x0B-0x3D of the volume's boot sector
 * (the DOS 2.0-4.0 BPB up to the FAT12/16 file-system type). */
#define BPB_BSS_START 0x0B
#define BPB_BSS_END   0x3E

/* bss=: the version file and sec share (both 512 bytes), or -1 when
 * either has none chain.c32 knows, -2 when they differ. */
int bpb_bss_match(const uint8_t *file, const uint8_t *sec);

/* bss=: every field of version kind copied from sec into file. */
void bpb_bss_copy(uint8_t *file, const uint8_t *sec, enum bpb_kind kind);

/* SYSLINUX's .bss: bytes BPB_BSS_START to BPB_BSS_END of the volume's
 * boot sector vol into file. False, file untouched, when vol has no
 * reserved sectors or no FATs (fat.c's sanity check). */
bool bpb_syslinux_bss(uint8_t *file, const uint8_t *vol);

#endif
