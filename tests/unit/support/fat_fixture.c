// SPDX-License-Identifier: BSD-2-Clause
/* The FAT tests' fixture of fat_fixture.h: an image, its disk and a
 * mounted volume, and the checks that read files back through fs/fat. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fs/fat.h"
#include "tests/unit/support/fat_fixture.h"

/* mkfs.fat with the NULL-terminated options, on a fresh sparse image. */
void fx_mkfs(struct fx *x, uint64_t bytes, ...)
{
	char *argv[16];
	va_list ap;
	int n = 0;

	img_new(&x->im, bytes);
	argv[n++] = "mkfs.fat";
	va_start(ap, bytes);
	while ((argv[n] = va_arg(ap, char *)) != NULL && n < 14)
		n++;
	va_end(ap);
	argv[n++] = x->im.path;
	argv[n] = NULL;
	assert_int_equal(run_argv(argv), 0);
}

/* Maps the image and mounts it as a superfloppy. */
void fx_mount(struct fx *x)
{
	img_map(&x->im);
	img_memdisk(&x->im, 0, &x->md);
	assert_int_equal(fat_mount(&x->v, &x->md.bd, 0, x->md.sectors), 0);
}

void fx_free(struct fx *x)
{
	assert_int_equal(x->md.bad, 0);
	img_free(&x->im);
}

/* Opens `path` and checks its bytes equal `want` in one read. */
void check_file(struct fat_volume *v, const char *path, const uint8_t *want,
		size_t n)
{
	struct fat_file f;
	uint8_t *got = malloc(n + 1);
	int r;

	assert_non_null(got);
	r = fat_open(v, path, &f);
	if (r)
		fprintf(stderr, "open %s: %s\n", path,
			fat_volume_strerror(v, r));
	assert_int_equal(r, 0);
	assert_int_equal(fat_size(&f), n);
	assert_int_equal(fat_read(&f, got, (uint32_t)n + 1), (int)n);
	assert_memory_equal(got, want, n);
	assert_int_equal(fat_read(&f, got, 1), 0);
	free(got);
}

/* Reads the whole file in `chunk`-byte pieces. */
void check_file_chunks(struct fat_volume *v, const char *path,
		       const uint8_t *want, size_t n, uint32_t chunk)
{
	struct fat_file f;
	uint8_t *got = malloc(n + chunk);
	size_t done = 0;
	int r;

	assert_non_null(got);
	assert_int_equal(fat_open(v, path, &f), 0);
	while ((r = fat_read(&f, got + done, chunk)) > 0)
		done += (size_t)r;
	assert_int_equal(r, 0);
	assert_int_equal(done, n);
	assert_memory_equal(got, want, n);
	free(got);
}

int open_err(struct fat_volume *v, const char *path)
{
	struct fat_file f;

	return fat_open(v, path, &f);
}

/* Reads everything; returns the first error or the byte count. */
long read_all(struct fat_volume *v, const char *path)
{
	struct fat_file f;
	uint8_t *buf;
	long r;

	r = fat_open(v, path, &f);
	if (r)
		return r;
	buf = malloc(fat_size(&f) + 1);
	assert_non_null(buf);
	r = fat_read(&f, buf, fat_size(&f));
	free(buf);
	return r;
}

/* The contiguous cluster runs of `path`, read from the image's FAT; its
 * cluster count in *clusters when asked. */
uint32_t file_runs(struct fx *x, const char *path, uint32_t *clusters)
{
	struct fat_file f;
	struct geo g;
	uint32_t c, next, eoc, runs = 1, n = 0;

	assert_int_equal(fat_open(&x->v, path, &f), 0);
	geo_read(x->im.data, &g);
	eoc = g.type == 12 ? 0xFF8 : g.type == 16 ? 0xFFF8 : 0x0FFFFFF8;
	for (c = f.first_cluster; c >= 2 && c < eoc; c = next, n++) {
		next = geo_fat_get(x->im.data, &g, c);
		if (next < eoc && next != c + 1)
			runs++;
	}
	if (clusters)
		*clusters = n;
	return runs;
}

int fx_run_tests(const char *name, const struct CMUnitTest *tests, size_t n)
{
	/* mtools refuses geometry it finds odd unless told not to check. */
	setenv("MTOOLS_SKIP_CHECK", "1", 1);
	return _cmocka_run_group_tests(name, tests, n, NULL, NULL);
}
