// SPDX-License-Identifier: BSD-2-Clause
// bzboot's backup file: every sector an install writes, as it was before
// and as the install writes it, with the identity of the disk (format:
// docs/install.md, "The backup file").
#ifndef BZ_TOOLS_BACKUP_H
#define BZ_TOOLS_BACKUP_H

#include <stdbool.h>
#include <stdint.h>

#include "cmdline/hash.h"
#include "tools/disk.h"
#include "tools/plan.h"

#define BACKUP_VERSION	  1
#define BACKUP_AROUND	  8 /* sectors each side of a write hashed */
#define BACKUP_MAX_AROUND (PLAN_MAX_WRITES * 2 * BACKUP_AROUND)
#define BACKUP_ID_MBR	  1u /* LBA 0 held an MBR table: mbr_sig valid */
#define BACKUP_ID_GPT	  2u /* LBA 1 held a GPT header: gpt_guid valid */

/* What says which disk a backup belongs to. */
struct backup_identity {
	uint64_t size; /* bytes */
	uint32_t flags;
	uint32_t mbr_sig;     /* LBA 0 bytes 440-443 */
	uint8_t gpt_guid[16]; /* the GPT header's DiskGUID */
	unsigned n_around;
	uint64_t around[BACKUP_MAX_AROUND]; /* LBAs hashed, ascending */
	uint8_t around_hash[SHA256_SIZE];
};

struct backup_write {
	uint64_t lba;
	uint32_t sectors;
	char what[PLAN_WHAT];
	const uint8_t *old, *new; /* into backup.buf */
};

struct backup {
	char version[32]; /* the bzboot that made it */
	uint64_t made;	  /* seconds since 1970 */
	struct backup_identity id;
	unsigned n;
	struct backup_write w[PLAN_MAX_WRITES];
	uint8_t *buf; /* the file: free() it */
};

/*
 * d's identity now: size, the MBR signature and GPT disk GUID when LBA 0
 * holds a table, and the hash of the id->n_around sectors id->around lists
 * (the caller fills those in). 0, or -1 after a message.
 */
int backup_identity_read(struct disk *d, struct backup_identity *id);

/*
 * Save what plan p will overwrite, and what it will write, with the disk's
 * identity, to path, then read the file back and check it. An existing
 * file is refused unless overwrite. 0, or -1 after a message.
 */
int backup_save(const struct plan *p, const char *path, bool overwrite);

/* Refuse an existing path unless overwrite, and d itself always (checked
 * early, so a dry run says so too; backup_save() creates the file
 * exclusively all the same). */
int backup_check_new(const struct disk *d, const char *path, bool overwrite);

/* Read and check path (magic, version, size, checksum). 0, or -1 after
 * saying what is wrong with the file. */
int backup_load(const char *path, struct backup *b);

#endif
