// SPDX-License-Identifier: BSD-2-Clause
/* The test suites' one in-memory disk: a struct blockdev over a buffer (a
 * mapped image) and/or sparse sectors written one by one, that checks
 * where it is read, counts the reads and fails the ones a test asks to.
 * No cmocka here: the fuzzer links it too. */
#ifndef BZ_TESTS_UNIT_SUPPORT_MEMDISK_H
#define BZ_TESTS_UNIT_SUPPORT_MEMDISK_H

#include <stdint.h>

#include "fs/blockdev.h"

#define MEMDISK_NO_LBA UINT64_MAX

struct memdisk_sector {
	uint64_t lba;
	uint8_t *data; /* 512 bytes, its own allocation: pointers stay */
};

struct memdisk {
	struct blockdev bd;  /* what fs/ is given: bd.ctx is the memdisk */
	const uint8_t *data; /* sectors [base, base + sectors) of the disk */
	uint64_t base, sectors;
	/* Reads are allowed in [lo, hi) only (the disk, or the volume under
	 * test); others fail and count in bad. Inside [lo, hi), sectors that
	 * neither data nor memdisk_at hold read as zeros. */
	uint64_t lo, hi;
	struct memdisk_sector *extra;
	unsigned nextra, cap;

	unsigned calls; /* read calls, failed ones too */
	unsigned bad;	/* calls outside [lo, hi) or of 0 sectors */
	uint64_t sectors_read;
	uint32_t max_count; /* largest single request */

	unsigned fail_call; /* this call (1-based, as calls counts) fails */
	uint64_t fail_lba;  /* a read covering it fails; MEMDISK_NO_LBA */
};

/* data holds `sectors` sectors of the disk from absolute LBA base on; reads
 * are allowed there. data may be NULL with sectors 0 (memdisk_new). */
void memdisk_init(struct memdisk *m, const uint8_t *data, uint64_t base,
		  uint64_t sectors);

/* A sparse disk of `sectors` sectors, all zero until memdisk_at; on the
 * heap (it is large with its sectors): memdisk_free. */
struct memdisk *memdisk_new(uint64_t sectors);
void memdisk_free(struct memdisk *m);

/* Frees the sectors memdisk_at made, for a memdisk that is not on the
 * heap (memdisk_free does it for memdisk_new's). */
void memdisk_release(struct memdisk *m);

/* The sector at lba, outside data, created zeroed on first use; the
 * pointer stays valid until memdisk_free. */
uint8_t *memdisk_at(struct memdisk *m, uint64_t lba);

/* Writes len bytes from lba on through memdisk_at. */
void memdisk_write(struct memdisk *m, uint64_t lba, const void *src,
		   uint64_t len);

/* The blockdev read function: failures return -5 (injected) or -1. */
int memdisk_read(void *ctx, uint64_t lba, uint32_t count, void *buf);

/* calls, sectors_read and max_count back to 0 (not bad). */
void memdisk_reset_counts(struct memdisk *m);

#endif
