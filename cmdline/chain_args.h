// SPDX-License-Identifier: BSD-2-Clause
/* chain.c32's arguments and LOCALBOOT's type, read the way SYSLINUX 6.04
 * reads them (com32/chain/options.c, ldlinux's execute.c), for the chain
 * module (stage2/mod_chain.c). Pure: what to boot, never how. */
#ifndef BZ_CMDLINE_CHAIN_ARGS_H
#define BZ_CMDLINE_CHAIN_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmdline/chain_loader.h"

#define CHAIN_WORD_MAX 64 /* a word quoted in an error, with its NUL */

/* Which disk the words name; chain.c32's default is `boot`. */
enum chain_disk {
	CHAIN_DISK_BOOT = 0, /* boot [P]: the disk bzboot was booted from */
	CHAIN_DISK_DRIVE,    /* hdN / fdN [P]: BIOS drive 0x80+N / N */
	CHAIN_DISK_MBR,	     /* mbr:0xSIG [P]: the hard disk with that ID */
	CHAIN_DISK_FS,	     /* fs: the partition of bzboot's config */
	CHAIN_DISK_GUID,     /* guid:G [P]: a GPT partition's or disk's GUID */
	CHAIN_DISK_LABEL,    /* label:NAME: a GPT partition's name */
};

#define CHAIN_LABEL_MAX 37 /* a GPT name's 36 characters and a NUL */

/* hide/hideall/unhide/unhideall (struct chain_args.hide) */
#define CHAIN_HIDE_ON  0x01 /* one of them was given (nohide: 0) */
#define CHAIN_HIDE_ALL 0x02 /* logical partitions too, not primaries only */
#define CHAIN_HIDE_REV 0x04 /* unhide every one, not hide the others */

/* What the BPB patch changes in the loaded sector (struct chain_args.bpb):
 * setbpb is all three; sethid, setgeo, setdrv the older single ones. */
#define CHAIN_BPB_HID 0x01 /* hidden sectors = the partition's LBA */
#define CHAIN_BPB_GEO 0x02 /* sectors per track and heads: the BIOS's */
#define CHAIN_BPB_DRV 0x04 /* the drive number byte = DL */
#define CHAIN_BPB_ALL (CHAIN_BPB_HID | CHAIN_BPB_GEO | CHAIN_BPB_DRV)

struct chain_args {
	enum chain_disk disk;
	uint8_t drive;	  /* CHAIN_DISK_DRIVE: the BIOS drive number */
	uint32_t mbr_sig; /* CHAIN_DISK_MBR: the MBR's disk signature */
	unsigned part;	  /* 0 = the whole disk (its MBR); 1-4, 5+ */
	bool hand;	  /* DS:SI -> the partition entry (default on) */
	bool swap;	  /* trade the drive's number with 0x80 */
	bool brk;	  /* break: stop before the jump */
	uint8_t hide;	  /* CHAIN_HIDE_*: in memory only, never on disk */
	uint8_t bpb;	  /* CHAIN_BPB_*: patched in memory only */
	int16_t drvoff;	  /* setdrv=OFF: DL's byte in the sector; -1: the
			   * BPB's own (0x24, 0x40 or 0x6F) */
	uint8_t guid[16]; /* CHAIN_DISK_GUID: in the byte order GPT stores */
	char label[CHAIN_LABEL_MAX]; /* CHAIN_DISK_LABEL */
	struct chain_load ld; /* file=, seg=, ntldr=...: a file to boot */
};

enum chain_err {
	CHAIN_OK = 0,
	CHAIN_EUNKNOWN = -1,	 /* not a chain.c32 word */
	CHAIN_EUNSUPPORTED = -2, /* chain.c32 has it, bzboot not yet */
	CHAIN_ENUMBER = -3,	 /* disk or partition number unreadable */
	CHAIN_EGUID = -4,	 /* guid: not 32 hex digits */
	CHAIN_ELABEL = -5,	 /* label: empty or longer than 36 */
	CHAIN_EADDRESS = -6,	 /* seg=/sect= refused, a file name too long */
};

/* Reads chain.c32's arguments (the words after the module's name: its
 * KERNEL line's, the APPEND, then what was typed, joined by blanks) into
 * *a. On an error, `word` (CHAIN_WORD_MAX bytes) holds the word at fault
 * (cut if longer). Returns 0 or a negative enum chain_err. */
int chain_parse(const char *args, struct chain_args *a, char *word);

const char *chain_strerror(int err);

/* LOCALBOOT's type as ldlinux reads it: strtoul(type, NULL, 0) cut to 16
 * bits and signed. -1 (also 0xffff) means INT 18h, anything else is the
 * BIOS drive in the low byte (0 = the first floppy, 0x80 = the first hard
 * disk) with DX = the 16 bits. False when the type is not a number. */
bool chain_localboot_type(const char *type, int16_t *out);

#endif
