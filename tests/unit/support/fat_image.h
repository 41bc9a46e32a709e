// SPDX-License-Identifier: BSD-2-Clause
/* Test helpers for fs/: real FAT images made with mkfs.fat and mtools in a
 * temporary directory, mapped into memory (a struct memdisk reads them),
 * and an independent reading of their layout for patching. The helpers
 * fail the running cmocka test with its asserts. */
#ifndef BZ_TESTS_UNIT_SUPPORT_FAT_IMAGE_H
#define BZ_TESTS_UNIT_SUPPORT_FAT_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "tests/unit/support/memdisk.h"

extern char **environ;

struct img {
	char dir[64];	 /* mkdtemp() directory, removed by img_free */
	char path[128];	 /* the image file */
	char mpath[160]; /* what mtools -i takes (with @@offset) */
	uint8_t *data;	 /* MAP_PRIVATE: patches never reach the file */
	size_t len;
	unsigned nsrc;
};

struct geo {
	uint32_t fat_start, fat_sectors, nfats, data_start, spc, clusters;
	uint32_t root_cluster;
	int type;
};

/* Runs argv with output silenced and stdin from the file `input` (or
 * /dev/null); returns the exit status. posix_spawn, not fork: forking an
 * ASan process hundreds of times is what made this test slow. */
int run_argv_input(char *const argv[], const char *input);

int run_argv(char *const argv[]);

/* run("mkfs.fat", "-F", "12", path, NULL); fails the test on error. */
void run(const char *first, ...);

/* cmocka teardown: rm -rf whatever a failed test left behind. */
int img_teardown(void **state);

/* A sparse image of `bytes` in a fresh temporary directory. */
void img_new(struct img *im, uint64_t bytes);

/* Makes mtools address a filesystem that starts `sectors` in. */
void img_offset(struct img *im, uint64_t sectors);

/* Deterministic test bytes: xorshift32 from a seed. */
void pattern(uint8_t *buf, size_t n, uint32_t seed);

/* Copies `n` bytes of pattern(seed) to `dest` ("::/dir/name") in the
 * image; returns the bytes (caller frees) for later comparison. */
uint8_t *img_put(struct img *im, const char *dest, size_t n, uint32_t seed);

void img_mkdir(struct img *im, const char *dir);

void img_del(struct img *im, const char *file);

/* Maps the image file into im->data (MAP_PRIVATE). */
void img_map(struct img *im);

void img_free(struct img *im);

/* The layout read from the boot sector at vol, as the spec computes it. */
void geo_read(const uint8_t *vol, struct geo *g);

/* FAT entry c of the first FAT. */
uint32_t geo_fat_get(const uint8_t *vol, const struct geo *g, uint32_t c);

/* Sets the entry in every FAT copy. */
void geo_fat_set(uint8_t *vol, const struct geo *g, uint32_t c, uint32_t val);

/* The first byte of cluster c. */
uint8_t *geo_cluster(uint8_t *vol, const struct geo *g, uint32_t c);

/* The whole image as a disk starting at absolute LBA base. */
void img_memdisk(const struct img *im, uint64_t base, struct memdisk *m);

#endif
