// SPDX-License-Identifier: BSD-2-Clause
/* chain.c32's words that boot a file instead of (or beside) the sector:
 * file=, seg=, sect=, the OS loaders ntldr= ... bss=, and what each sets,
 * as SYSLINUX 6.04's com32/chain/options.c and doc/chain.txt define
 * them; the registers mangle.c hands over. Pure. */
#ifndef BZ_CMDLINE_CHAIN_LOADER_H
#define BZ_CMDLINE_CHAIN_LOADER_H

#include <stdbool.h>
#include <stdint.h>

#define CHAIN_FILE_MAX	  256
#define CHAIN_SECTOR_ADDR 0x7C00
#define CHAIN_DOS_MIN	  0x500 /* chain.c32's lowest load address */

/* Whether a file booted as a sector at 0:7C00 is one: 512 bytes or more
 * with 0xAA55 at bytes 510-511 (the chain module and bzboot check; inline:
 * nothing in the core). */
static inline bool chain_sector_image(const uint8_t *img, uint32_t size)
{
	return size >= 512 && img[510] == 0x55 && img[511] == 0xAA;
}

/* The loaders that change more than addresses and flags. */
enum chain_loader {
	CHAIN_LDR_FILE = 0, /* file=, and the loaders that only move it */
	CHAIN_LDR_CMLDR,    /* "cmdcons" into the sector at offset 3 */
	CHAIN_LDR_GRLDR,    /* DH = partition number - 1 */
	CHAIN_LDR_ISOLINUX, /* a boot info table: ISOLINUX only */
	CHAIN_LDR_BSS,	    /* the sector's BPB copied into the file */
};

struct chain_load {
	char file[CHAIN_FILE_MAX]; /* "": no file, the sector boots */
	enum chain_loader kind;
	uint32_t fseg, foff, fip; /* the file at fseg:foff, entry fseg:fip */
	uint32_t sseg, soff, sip; /* the sector's */
	bool sect;		  /* read the partition's sector */
	bool maps;		  /* ... and put it in memory */
	bool filebpb; /* fix the file's BPB as setbpb the sector's */
	bool hptr;    /* DS:SI -> the hand-over, not the sector */
};

/* What a loader word also sets in struct chain_args (chain_load_word). */
#define CHAIN_LOAD_NOHAND 0x01 /* nohand */
#define CHAIN_LOAD_SETBPB 0x02 /* setbpb */

/* chain.c32's defaults: the sector at 0:7C00, mapped; no file. */
void chain_load_init(struct chain_load *l);

/* One word [p, we). *sets gets the CHAIN_LOAD_* a loader word also
 * sets (0 for others). 0 when it was one of these, 1 when not, -1 for a
 * seg=/sect= address chain.c32 refuses (not a number, below 0x500, an
 * entry offset past 0xFFFE) or a file name too long. */
int chain_load_word(const char *p, const char *we, struct chain_load *l,
		    unsigned *sets);

/* What options.c checks after the last word: the BPB options (setbpb:
 * any of chain_args's) and maps need the sector, filebpb a file. NULL,
 * or the option at fault ("setbpb"). */
const char *chain_load_conflict(const struct chain_load *l, bool setbpb);

/* The registers chain.c32's mangler_init/mangler_handover set, for a
 * boot that loads what `l` says: the rest are 0 and interrupts off. */
struct chain_regs {
	uint16_t cs, ip, ds, ss;
	uint32_t esp, esi, ebp, eax;
	uint16_t dx, bx;
};

/* hand: the hand-over entry goes to 0:07BE (and no overlap dropped it);
 * gpt: it is a GPT partition's; index: the partition number (0: the
 * disk). */
void chain_load_regs(const struct chain_load *l, uint8_t drive, bool hand,
		     bool gpt, unsigned index, struct chain_regs *r);

#endif
