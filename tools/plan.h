// SPDX-License-Identifier: BSD-2-Clause
// A write plan: every sector bzboot install or restore will write, in order,
// with the bytes it will write, the bytes the disk held when the plan was
// made and what each byte range is. --dry-run prints it, --backup saves
// it, and only plan_run() writes.
#ifndef BZ_TOOLS_PLAN_H
#define BZ_TOOLS_PLAN_H

#include <stdbool.h>
#include <stdint.h>

#include "tools/disk.h"

/* stage2, PBR, its FAT32 backup, the MBR, and the FAT writer's: new
 * clusters, each FAT copy, FSInfo, directories (in runs of sectors) */
#define PLAN_MAX_WRITES	  64
#define PLAN_MAX_NOTES	  12
#define PLAN_WHAT	  80 /* one description, NUL included */
#define PLAN_MAX_VOLATILE 8

/* A byte range inside one write, and what it is ("MBR code bytes 0-439"). */
struct plan_note {
	unsigned write; /* index into plan.w */
	uint64_t off;	/* bytes from the start of the disk */
	uint32_t len;
	char what[PLAN_WHAT];
};

struct plan_write {
	uint64_t lba;
	uint32_t sectors;
	uint8_t *data; /* what will be written: malloc'd */
	uint8_t *old;  /* what the disk held when planned: malloc'd */
	char what[PLAN_WHAT];
};

struct plan {
	struct disk *d;
	const char *cmd; /* "install", "restore": for messages */
	struct plan_write w[PLAN_MAX_WRITES];
	unsigned n;
	struct plan_note note[PLAN_MAX_NOTES];
	unsigned n_notes;
	unsigned done; /* writes finished by plan_run() */
	/* Sectors a file system rewrites in normal use (FAT, FSInfo): not
	 * part of the disk's identity a backup records. */
	struct {
		uint64_t lba, sectors;
	} vol[PLAN_MAX_VOLATILE];
	unsigned n_vol;
};

/*
 * Append a write of `sectors` sectors of data at lba (data is copied, the
 * disk's current bytes there read). Writes run in the order added: add
 * the one that makes the BIOS run new code last. 0, or -1 after a message.
 */
int plan_add(struct plan *p, uint64_t lba, const void *data, uint32_t sectors,
	     const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/*
 * The last write added is a read-modify-write of `was`, the copy its data
 * was made from: its sectors must still hold that (a table changed since
 * would be undone). 0, or -1 after a message.
 */
int plan_expect(struct plan *p, const void *was);

/* Describe bytes [off, off+len) of the disk, inside the last write added,
 * for the dry run. A write without notes is described by its own `what`. */
void plan_note(struct plan *p, uint64_t off, uint32_t len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Mark sectors [lba, lba+sectors) as ones a file system rewrites. */
void plan_volatile(struct plan *p, uint64_t lba, uint64_t sectors);
bool plan_is_volatile(const struct plan *p, uint64_t lba);

/* The write covering lba, or NULL. */
const struct plan_write *plan_find(const struct plan *p, uint64_t lba);

/* Sectors the plan writes, over all its writes. */
uint64_t plan_sectors(const struct plan *p);

/* The dry run: every write and byte range, in order, on stdout. */
void plan_print(const struct plan *p);

/*
 * Write the plan in order. Before each write its sectors are read again
 * and must still hold what they held when planned (a partitioner running
 * meanwhile is not undone); after it, they are flushed and read back.
 * 0, or -1 after saying what failed and how far it got.
 */
int plan_run(struct plan *p);

void plan_free(struct plan *p);

#endif
