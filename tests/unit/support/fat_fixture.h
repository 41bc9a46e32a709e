// SPDX-License-Identifier: BSD-2-Clause
/* The FAT tests' fixture: an image made by mkfs.fat, the memdisk that
 * reads it and the volume mounted on it, and the checks that read files
 * back through fs/fat. They fail the running cmocka test. */
#ifndef BZ_TESTS_UNIT_SUPPORT_FAT_FIXTURE_H
#define BZ_TESTS_UNIT_SUPPORT_FAT_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "fs/fat.h"
#include "tests/unit/support/fat_image.h"
#include "tests/unit/support/memdisk.h"

/* A FAT test: img_teardown removes what a failed one left behind. */
#define FX_TEST(test) cmocka_unit_test_teardown(test, img_teardown)

struct CMUnitTest;

/* A FAT test program's main: runs the n tests (FX_TEST), with mtools set
 * up as the images need. */
int fx_run_tests(const char *name, const struct CMUnitTest *tests, size_t n);

#define KiB 1024u
#define MiB (1024u * 1024u)

/* One image, its device and a mounted volume. */
struct fx {
	struct img im;
	struct memdisk md;
	struct fat_volume v;
};

/* mkfs.fat with the NULL-terminated options, on a fresh sparse image. */
void fx_mkfs(struct fx *x, uint64_t bytes, ...);

/* Maps the image and mounts it as a superfloppy. */
void fx_mount(struct fx *x);

/* Checks that nothing read outside the volume, and removes the image. */
void fx_free(struct fx *x);

/* Opens `path` and checks its bytes equal `want` in one read. */
void check_file(struct fat_volume *v, const char *path, const uint8_t *want,
		size_t n);

/* Reads the whole file in `chunk`-byte pieces. */
void check_file_chunks(struct fat_volume *v, const char *path,
		       const uint8_t *want, size_t n, uint32_t chunk);

/* fat_open's result. */
int open_err(struct fat_volume *v, const char *path);

/* Reads everything; returns the first error or the byte count. */
long read_all(struct fat_volume *v, const char *path);

/* The contiguous cluster runs of `path`, read from the image's FAT; its
 * cluster count in *clusters when asked. */
uint32_t file_runs(struct fx *x, const char *path, uint32_t *clusters);

#endif
