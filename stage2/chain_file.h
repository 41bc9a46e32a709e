/* SPDX-License-Identifier: BSD-2-Clause */
/* The chain module's file boots: SYSLINUX's KERNEL/BOOT/BSS boot-sector
 * files (stage2/chain_kernel.c) and chain.c32's file= and OS loaders
 * (stage2/chain_file.c). Files are staged above 1 MiB and moved to their
 * places, which may cover stage2, by the blob in chain_jump.asm. */
#ifndef BZ_STAGE2_CHAIN_FILE_H
#define BZ_STAGE2_CHAIN_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "bios.h"
#include "cmdline/chain_args.h"
#include "cmdline/config.h"
#include "fs/part.h"
#include "fs/part_handover.h"

struct volume;
struct memory;

/* Where things wait above 1 MiB for the last step; below 0x600 nothing
 * may go (the blob runs at 0x500-0x5FF). */
#define CHAIN_STAGE_SECTOR 0x100000u
#define CHAIN_STAGE_HAND   0x100200u
#define CHAIN_STAGE_FILE   0x100400u
#define CHAIN_LOW_MIN	   0x600u

/* chain_jump.asm's parameters: the register image, SS:SP, CS:IP and the
 * moves, a len of 0 ending them. */
struct chain_move {
	uint32_t dst, src, len;
};
struct chain_jump {
	struct biosregs r; /* EFLAGS: IF clear, as SYSLINUX enters */
	uint16_t sp, ss, ip, cs;
	struct chain_move move[4];
};
_Static_assert(sizeof(struct chain_jump) == 100 &&
		   offsetof(struct chain_jump, move) == 52,
	       "chain_jump.asm's parameters");

/* Reads `path` (relative to the config's directory) to CHAIN_STAGE_FILE;
 * at most `max` bytes fit where it goes. sector_image: it must end its
 * first 512 bytes with 0xAA55. Its size, or 0 after one line. */
uint32_t chain_file_load(struct volume *v, const struct memory *mem,
			 const char *path, uint32_t max, bool sector_image);

/* "Booting <what>...", the moves and the jump. False, after one line,
 * when a move would reach below CHAIN_LOW_MIN. */
bool chain_file_jump(const char *what, const struct chain_jump *j);

/* What chain.c32's words chose (stage2/chain_boot.c). */
struct chain_target {
	uint8_t drive;
	const struct part_entry *e; /* the partition; NULL: the whole disk */
	const struct part_geom *g;
	struct mbr_entry *pe;  /* its hand-over entry, hide applies */
	const uint8_t *sector; /* read, with 0xAA55; unread with nosect */
	uint8_t *hand;	       /* pe goes to its start; a GPT entry after */
	uint32_t hand_len;     /* 16, or 148 with the GPT entry */
	const char *what;      /* "chain.c32 hd0 1 ntldr=/ntldr" */
};

/* chain.c32 with file= or an OS loader (a->ld.file set). Returns after
 * one line when it did not jump. */
void chain_file_boot(struct volume *v, const struct memory *mem,
		     const struct chain_args *a, const struct chain_target *t);

/* KERNEL x.bs/.bin/.bss, BOOT, BSS as SYSLINUX's disk variants boot
 * them. Returns after one line when it did not jump. */
void chain_kernel_boot(struct volume *v, const struct memory *mem,
		       const struct cfg_boot *b);

#endif
