// SPDX-License-Identifier: BSD-2-Clause
/* The stage2 module file (docs/architecture.md, "Modules"): a flat binary
 * linked at stage2's MEM_MODULE against stage2's own symbols, stored as
 * NAME.bzm on the FAT volume. Its header is its first bytes. The sealer
 * (tools/seal-module.c) writes size, checksum and stage2_id, the identity
 * of the stage2 it was linked against, which stage2 computes at run time
 * over the same bytes: a module from another build is refused rather than
 * called at the wrong addresses. Pure: stage2 checks, the sealer seals,
 * the unit tests try both. */
#ifndef BZ_PROTOCOL_BZMOD_H
#define BZ_PROTOCOL_BZMOD_H

#include <stddef.h>
#include <stdint.h>

#define BZMOD_MAGIC    0x444D5A42u /* "BZMD" */
#define BZMOD_ABI      1
#define BZMOD_NAME_MAX 16
#define BZMOD_ENTRIES  4

struct bzmod_header {
	uint32_t magic;		       /* 0x00 BZMOD_MAGIC */
	uint16_t abi;		       /* 0x04 BZMOD_ABI */
	uint16_t nentries;	       /* 0x06 entries used */
	uint32_t size;		       /* 0x08 file length, a multiple of 4 */
	uint32_t checksum;	       /* 0x0C makes the sum of all words 0 */
	uint32_t stage2_id;	       /* 0x10 bzmod_ident of its stage2 */
	char name[BZMOD_NAME_MAX];     /* 0x14 NUL-terminated: "passwd" */
	uint32_t entry[BZMOD_ENTRIES]; /* 0x24 addresses of its functions */
} __attribute__((packed));

_Static_assert(sizeof(struct bzmod_header) == 0x34, "module header size");
_Static_assert(__builtin_offsetof(struct bzmod_header, checksum) == 0x0C &&
		   __builtin_offsetof(struct bzmod_header, stage2_id) == 0x10 &&
		   __builtin_offsetof(struct bzmod_header, entry) == 0x24,
	       "module header layout");

enum bzmod_err {
	BZMOD_OK = 0,
	BZMOD_ESHORT = -1, /* shorter than its header, or than its size */
	BZMOD_EMAGIC = -2,
	BZMOD_EABI = -3,
	BZMOD_ESIZE = -4, /* size is not the file's length or not 4-aligned */
	BZMOD_ECHECKSUM = -5,
	BZMOD_EIDENT = -6, /* linked against another stage2 */
};

/* The identity of a stage2: a rotate-and-add over the little-endian words
 * of its code and constants (len % 4 == 0), so moved code changes it too. */
uint32_t bzmod_ident(const uint8_t *p, size_t len);

/* Stores size (len, a multiple of 4), stage2_id and the checksum. 0, or
 * BZMOD_ESHORT/EMAGIC/EABI/ESIZE. */
int bzmod_seal(uint8_t *img, size_t len, uint32_t stage2_id);

/* Everything stage2 checks before calling into a module: the header, the
 * length, the sum of the words, and that stage2_id is `stage2_id`. */
int bzmod_check(const uint8_t *img, size_t len, uint32_t stage2_id);

const char *bzmod_strerror(int err);

#endif
