// SPDX-License-Identifier: BSD-2-Clause
// The one-line messages stage2 prints when an entry cannot be loaded, in
// one place, because `bzboot check` prints the same ones for the entries
// that would meet them. Each is the text between "bzboot: " and ".\n"
// (stage2 adds both, but no full stop after a "?"; the check adds
// neither). Text only: nothing here prints.
#ifndef BZ_PROTOCOL_BOOT_MSG_H
#define BZ_PROTOCOL_BOOT_MSG_H

/* a file: its name, fat_strerror() / fat_volume_strerror() */
#define BZ_MSG_FILE_NOT_FOUND                                                  \
	"%s: %s. Check the name (ls it on the FAT partition) or type another"
#define BZ_MSG_FILE_CORRUPT "%s: %s. Run fsck.fat on the partition"
#define BZ_MSG_FILE_ENDED                                                      \
	"%s: file ended early (%u bytes missing). Run fsck.fat on the "        \
	"partition"
#define BZ_MSG_NAME_TOO_LONG "%s/%s: name too long (%u characters at most)"

/* a label (its line, or its kernel and type) */
#define BZ_MSG_NO_KERNEL "%s: the label has no LINUX or KERNEL line"
#define BZ_MSG_LINUX_ONLY                                                      \
	"%s: bzboot boots Linux kernels only; this is a SYSLINUX %s entry"

/* a Linux kernel, its command line and initrds */
#define BZ_MSG_KERNEL_SHORT "%s: only %u bytes: not a Linux kernel"
#define BZ_MSG_NOT_KERNEL   "%s: %s. Is it a Linux kernel?"
#define BZ_MSG_CMDLINE_LONG                                                    \
	"%s: the command line is longer than the %u characters this kernel "   \
	"accepts; shorten APPEND or what was typed"
#define BZ_MSG_LOADER_OPTION "%s=%s: %s"
#define BZ_MSG_INITRD_NAME   "an initrd name is longer than %u characters"
#define BZ_MSG_INITRDS_MANY                                                    \
	"more than %u initrds given; join some of them into one file"

/* a module (stage2/module.c): not found (name, cwd as ", cwd/" or "",
 * name), not the one named, or refused by bzmod_check() */
#define BZ_MSG_MODULE_MISSING                                                  \
	"module %s.bzm not found in /boot/bzboot/%s%s%s or /: run bzboot "     \
	"install (it writes the modules) or copy build/modules/%s.bzm to "     \
	"/boot/bzboot/"
#define BZ_MSG_MODULE_NAME                                                     \
	"%s: holds module %.15s, not %s: copy build/modules/%s.bzm there"
#define BZ_MSG_MODULE_BAD                                                      \
	"%s: %s: copy build/modules/%s.bzm of the build that made this "       \
	"stage2 (reinstall both)"

/* the layout plan refused: pieces printed in this order, a size in MiB
 * (BZ_MSG_MIB, tenths) where one piece ends and the next begins */
#define BZ_MSG_MIB	    "%u.%u MiB"
#define BZ_MSG_INITRD_ROOM1 "%s: the initrd ("
#define BZ_MSG_INITRD_ROOM2                                                    \
	") does not fit in free RAM: RAM above 1 MiB ends at 0x%llx, the "     \
	"kernel takes 0x%x-0x%llx"
#define BZ_MSG_INITRD_LIMIT ", initrds must end below 0x%llx"
#define BZ_MSG_INITRD_MEM   " (mem=); remove mem= or use a smaller initrd"
#define BZ_MSG_INITRD_MORE  "; use a smaller initrd or more RAM"
#define BZ_MSG_HIGHMEM1	    "%s: the kernel needs RAM at 0x%x-0x%llx ("
#define BZ_MSG_HIGHMEM2                                                        \
	"; it runs from 0x%llx), but RAM above 1 MiB ends at 0x%llx ("
#define BZ_MSG_HIGHMEM3 "). Boot it with more RAM"
#define BZ_MSG_ZIMAGE                                                          \
	"%s: a zImage's kernel must fit in 0x%x bytes below 0x90000; this "    \
	"one has 0x%x. Build a bzImage"

/* mboot.c32's files (stage2/mboot_boot.c; stage2 adds "; nothing
 * booted"): a file's size or unpacked size and the RAM left, in KiB; a
 * kernel segment's first and last byte and mb_segment_why() */
#define BZ_MSG_MB_NOFIT "%s: %u KiB do not fit in the %u KiB of RAM left"
#define BZ_MSG_MB_UNPACK_ROOM                                                  \
	"%s: unpacked it needs %u KiB, more than the %u KiB of RAM left"
#define BZ_MSG_MB_UNPACK  "%s: cannot unpack it: %s"
#define BZ_MSG_MB_SEGMENT "%s: a segment at 0x%x-0x%x lies %s"

/* a file the chain module boots (stage2/chain_file.c): its size, the
 * most, low memory's top and the LINUX hint; where one fails 0xAA55
 * (stage2 adds "; not booting it"); chain.c32's file= options refused
 * (the option; file or sector, address, the limit) */
#define BZ_MSG_BOOT_FILE_SIZE                                                  \
	"%s: %lu bytes; a boot file must have 1 to %lu (the room below "       \
	"0x%lx, the top of low memory)%s"
#define BZ_MSG_BOOT_FILE_HINT "; a Linux kernel boots with LINUX, not KERNEL"
#define BZ_MSG_NOT_SECTOR     "%s: not a boot sector (no 0xAA55 at bytes 510-511)"
#define BZ_MSG_CHAIN_NOSECT                                                    \
	"option '%s' needs the partition's sector (nosect, grldr=, "           \
	"isolinux= and bs= leave it out)"
#define BZ_MSG_CHAIN_ISOLINUX                                                  \
	"isolinux= is only valid when booted by ISOLINUX from a CD (it "       \
	"fills in the boot info table); bzboot boots from disks"
#define BZ_MSG_CHAIN_LOW                                                       \
	"the %s would load at 0x%lx, below 0x%x, where bzboot's last step "    \
	"runs"
#define BZ_MSG_CHAIN_HIGH                                                      \
	"the %s would load at 0x%lx, above the top of low memory (0x%lx)"

#endif
