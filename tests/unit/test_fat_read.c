// SPDX-License-Identifier: BSD-2-Clause
/* fs/fat_file.c over real images made by mkfs.fat and mtools: reads of
 * fragmented files, reads at any offset, device-call counts, damaged cluster
 * chains, I/O errors and the largest file FAT can hold. */
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fs/fat.h"
#include "protocol/le.h"
#include "tests/unit/support/fat_fixture.h"
#include "tests/unit/support/fat_image.h"

/* Deleted entries are skipped; a fragmented file reads back whole. */
static void test_fragmented(void **state)
{
	struct fx x;
	struct fat_file f;
	char name[32];
	uint8_t *big, *got;
	uint32_t runs, n;
	unsigned i;

	(void)state;
	fx_mkfs(&x, 16 * MiB, "-F", "16", "-s", "1", NULL);
	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "/F%02u", i);
		free(img_put(&x.im, name, 512, 200 + i));
	}
	for (i = 0; i < 40; i += 2) {
		snprintf(name, sizeof(name), "/F%02u", i);
		img_del(&x.im, name);
	}
	big = img_put(&x.im, "/big.bin", 100000, 250);
	fx_mount(&x);

	runs = file_runs(&x, "big.bin", &n);
	assert_int_equal(fat_open(&x.v, "big.bin", &f), 0);
	assert_int_equal(n, (100000 + 511) / 512);
	assert_true(runs >= 20);

	got = malloc(100000);
	assert_non_null(got);
	memdisk_reset_counts(&x.md);
	assert_int_equal(fat_read(&f, got, 100000), 100000);
	assert_memory_equal(got, big, 100000);
	/* One call per run, a partial last sector and a FAT line or two. */
	assert_true(x.md.calls <= runs + 4);
	free(got);
	check_file_chunks(&x.v, "big.bin", big, 100000, 777);
	check_file_chunks(&x.v, "big.bin", big, 100000, 512);
	assert_int_equal(open_err(&x.v, "F00"), FAT_ENOENT);
	assert_int_equal(open_err(&x.v, "F01"), 0);
	assert_int_equal(open_err(&x.v, "F38"), FAT_ENOENT);
	assert_int_equal(open_err(&x.v, "F39"), 0);
	assert_int_equal(open_err(&x.v, "\xe5"
					"02"),
			 FAT_ENOENT);
	free(big);
	fx_free(&x);
}

/* Reads that start and end anywhere in a file of 4 KiB clusters. */
static void test_offsets(void **state)
{
	struct fx x;
	struct fat_file f;
	uint8_t *want, *got;
	uint32_t size = 300 * KiB + 17, s = 12345, pos, len, i;
	int r;

	(void)state;
	fx_mkfs(&x, 160 * MiB, "-F", "32", "-s", "4", NULL);
	want = img_put(&x.im, "/file", size, 300);
	fx_mount(&x);
	got = malloc(size);
	assert_non_null(got);
	for (i = 0; i < 300; i++) {
		s = s * 1103515245u + 12345u;
		pos = (s >> 8) % (size + 1);
		s = s * 1103515245u + 12345u;
		len = i % 3 == 0 ? (s >> 8) % 5000 : (s >> 8) % 70000;
		/* Reads only go forward: to pos in one read, then len. */
		assert_int_equal(fat_open(&x.v, "file", &f), 0);
		assert_int_equal(fat_read(&f, got, pos), (int)pos);
		r = fat_read(&f, got, len);
		assert_int_equal(r, len < size - pos ? len : size - pos);
		assert_memory_equal(got, want + pos, (size_t)r);
		if (pos + (uint32_t)r == size)
			assert_int_equal(fat_read(&f, got, 10), 0);
	}
	/* Sequential partial reads across sector and cluster edges. */
	assert_int_equal(fat_open(&x.v, "file", &f), 0);
	assert_int_equal(fat_read(&f, got, 100), 100);
	assert_int_equal(fat_read(&f, got, 412), 412);
	assert_int_equal(fat_read(&f, got + 412, 2048 * 3 + 1), 2048 * 3 + 1);
	assert_memory_equal(got, want + 100, 412 + 2048 * 3 + 1);
	free(want);
	free(got);
	fx_free(&x);
}

/* A contiguous 1 MiB file takes one data call after open. */
static void test_read_calls(void **state)
{
	struct fx x;
	struct fat_file f;
	uint8_t *want, *got;
	void *aligned = NULL;

	(void)state;
	fx_mkfs(&x, 300 * MiB, "-F", "32", "-s", "8", NULL);
	want = img_put(&x.im, "/initrd.img", 1 * MiB, 400);
	fx_mount(&x);
	assert_int_equal(fat_open(&x.v, "initrd.img", &f), 0);
	assert_int_equal(posix_memalign(&aligned, 4096, 1 * MiB), 0);
	got = aligned;
	memdisk_reset_counts(&x.md);
	assert_int_equal(fat_read(&f, got, 1 * MiB), (int)(1 * MiB));
	assert_memory_equal(got, want, 1 * MiB);
	assert_true(x.md.calls <= 3);
	assert_int_equal(x.md.max_count, 2048);
	/* ... and at most two FAT cache lines besides. */
	assert_true(x.md.sectors_read - 2048 <= 2 * FAT_CACHE_LINE_SECTORS);
	free(got);
	free(want);
	fx_free(&x);
}

static void test_empty_file(void **state)
{
	struct fx x;
	struct fat_file f;
	uint8_t b;

	(void)state;
	fx_mkfs(&x, 1440 * KiB, NULL);
	free(img_put(&x.im, "/empty", 0, 1));
	fx_mount(&x);
	assert_int_equal(fat_open(&x.v, "empty", &f), 0);
	assert_int_equal(fat_size(&f), 0);
	assert_int_equal(fat_read(&f, &b, 1), 0);
	assert_int_equal(fat_read(&f, NULL, 0), 0);
	fx_free(&x);
}

/* --- corruption ---------------------------------------------------------- */

/* Patches one FAT entry of /file's chain (index `at`) and expects `err`
 * (and `why`) from a full read. */
static void chain_case(unsigned type, uint32_t at,
		       uint32_t (*val)(const struct geo *g, uint32_t first,
				       uint32_t c),
		       int err, int why)
{
	struct fx x;
	struct fat_file f;
	struct geo g;
	uint32_t c, i;
	long r;

	if (type == 12)
		fx_mkfs(&x, 1440 * KiB, NULL);
	else if (type == 16)
		fx_mkfs(&x, 16 * MiB, "-F", "16", "-s", "2", NULL);
	else
		fx_mkfs(&x, 64 * MiB, "-F", "32", "-s", "1", NULL);
	free(img_put(&x.im, "/file", 20 * KiB, 500));
	fx_mount(&x);
	assert_int_equal(read_all(&x.v, "file"), 20 * KiB);
	assert_int_equal(fat_open(&x.v, "file", &f), 0);
	geo_read(x.im.data, &g);
	assert_int_equal(g.type, (int)type);
	for (c = f.first_cluster, i = 0; i < at; i++)
		c = geo_fat_get(x.im.data, &g, c);
	geo_fat_set(x.im.data, &g, c, val(&g, f.first_cluster, c));
	/* Fresh mount: the FAT cache holds the old entries. */
	assert_int_equal(fat_mount(&x.v, &x.md.bd, 0, 0), 0);
	r = read_all(&x.v, "file");
	if (r != err)
		fprintf(stderr, "FAT%u at %u: got %ld (%s)\n", type, at, r,
			fat_volume_strerror(&x.v, (int)r));
	assert_int_equal(r, err);
	if (err == FAT_ECORRUPT)
		assert_int_equal(x.v.corrupt, why);
	fx_free(&x);
}

static uint32_t to_first(const struct geo *g, uint32_t first, uint32_t c)
{
	(void)g;
	(void)c;
	return first;
}

static uint32_t to_self(const struct geo *g, uint32_t first, uint32_t c)
{
	(void)g;
	(void)first;
	return c;
}

static uint32_t to_eoc(const struct geo *g, uint32_t first, uint32_t c)
{
	(void)first;
	(void)c;
	return g->type == 12 ? 0xFFF : g->type == 16 ? 0xFFFF : 0x0FFFFFFF;
}

static uint32_t to_free(const struct geo *g, uint32_t first, uint32_t c)
{
	(void)g;
	(void)first;
	(void)c;
	return 0;
}

static uint32_t to_past_end(const struct geo *g, uint32_t first, uint32_t c)
{
	(void)first;
	(void)c;
	return g->clusters + 2;
}

static uint32_t to_bad(const struct geo *g, uint32_t first, uint32_t c)
{
	(void)first;
	(void)c;
	return g->type == 12 ? 0xFF7 : g->type == 16 ? 0xFFF7 : 0x0FFFFFF7;
}

/* A free cluster after the end: the chain goes on past the size. */
static uint32_t to_far_free(const struct geo *g, uint32_t first, uint32_t c)
{
	(void)first;
	(void)c;
	return g->clusters;
}

static void test_corrupt_chains(void **state)
{
	static const unsigned types[] = {12, 16, 32};
	unsigned t, last;

	(void)state;
	for (t = 0; t < 3; t++) {
		/* 20 KiB: 40 clusters of 512 (FAT12, FAT32), 20 of 1 KiB. */
		last = types[t] == 16 ? 19 : 39;
		chain_case(types[t], 5, to_first, FAT_ECORRUPT,
			   FAT_CORRUPT_CHAIN_LONG);
		chain_case(types[t], 5, to_self, FAT_ECORRUPT,
			   FAT_CORRUPT_CHAIN_LONG);
		chain_case(types[t], last, to_first, FAT_ECORRUPT,
			   FAT_CORRUPT_CHAIN_LONG);
		chain_case(types[t], last, to_far_free, FAT_ECORRUPT,
			   FAT_CORRUPT_CHAIN_LONG);
		chain_case(types[t], 3, to_eoc, FAT_ECORRUPT,
			   FAT_CORRUPT_CHAIN_SHORT);
		chain_case(types[t], 0, to_eoc, FAT_ECORRUPT,
			   FAT_CORRUPT_CHAIN_SHORT);
		chain_case(types[t], 7, to_free, FAT_ECORRUPT,
			   FAT_CORRUPT_CLUSTER_FREE);
		chain_case(types[t], 7, to_past_end, FAT_ECORRUPT,
			   FAT_CORRUPT_CLUSTER_RANGE);
		chain_case(types[t], 7, to_bad, FAT_ECORRUPT,
			   FAT_CORRUPT_CLUSTER_RANGE);
	}
}

/* Found by fuzz_fat: a chain looping over a few clusters under an entry
 * that claims almost 4 GiB was caught only at the claimed size, after
 * gigabytes of reads. The cycle check must stop it within the loop. */
static void test_corrupt_loop_huge_size(void **state)
{
	static const unsigned types[] = {12, 16, 32};
	uint8_t *buf = malloc(64 * KiB), *root, *d;
	struct fx x;
	struct fat_file f;
	struct geo g;
	uint32_t c, i;
	unsigned t;
	int r = 0;

	(void)state;
	assert_non_null(buf);
	for (t = 0; t < 3; t++) {
		if (types[t] == 12)
			fx_mkfs(&x, 1440 * KiB, NULL);
		else if (types[t] == 16)
			fx_mkfs(&x, 16 * MiB, "-F", "16", "-s", "2", NULL);
		else
			fx_mkfs(&x, 64 * MiB, "-F", "32", "-s", "1", NULL);
		free(img_put(&x.im, "/file", 20 * KiB, 510));
		fx_mount(&x);
		assert_int_equal(fat_open(&x.v, "file", &f), 0);
		geo_read(x.im.data, &g);
		/* Cluster 4 of the file goes back to its first: a loop of 5. */
		for (c = f.first_cluster, i = 0; i < 4; i++)
			c = geo_fat_get(x.im.data, &g, c);
		geo_fat_set(x.im.data, &g, c, f.first_cluster);
		root = g.type == 32 ? geo_cluster(x.im.data, &g, g.root_cluster)
				    : x.im.data + ((size_t)g.fat_start +
						   g.nfats * g.fat_sectors) *
						      512;
		d = memmem(root, 512, "FILE       ", 11);
		assert_non_null(d);
		le32_put(d + 0x1C, 0xFFFFF000);
		assert_int_equal(fat_mount(&x.v, &x.md.bd, 0, 0), 0);
		assert_int_equal(fat_open(&x.v, "file", &f), 0);
		memdisk_reset_counts(&x.md);
		for (i = 0; i < 64; i++) {
			r = fat_read(&f, buf, 64 * KiB);
			if (r < 0)
				break;
		}
		assert_int_equal(r, FAT_ECORRUPT);
		assert_int_equal(x.v.corrupt, FAT_CORRUPT_CHAIN_LONG);
		/* The loop is 10 KiB (FAT16: 10 clusters of 1 KiB, 20 KiB). */
		assert_true(x.md.sectors_read < 200);
		/* Opening again restarts the walk, and the check with it. */
		assert_int_equal(fat_open(&x.v, "file", &f), 0);
		assert_int_equal(fat_read(&f, buf, 512), 512);
		fx_free(&x);
	}
	free(buf);
}

/* A directory whose first (full) cluster points at itself. */
static void test_io_errors(void **state)
{
	struct fx x;
	struct fat_file f;
	uint8_t *buf = malloc(64 * KiB);

	(void)state;
	assert_non_null(buf);
	fx_mkfs(&x, 16 * MiB, "-F", "16", NULL);
	free(img_put(&x.im, "/file", 60 * KiB, 800));
	fx_mount(&x);
	x.md.fail_call = x.md.calls + 1;
	assert_int_equal(open_err(&x.v, "file"), FAT_EIO);
	assert_int_equal(fat_open(&x.v, "file", &f), 0);
	/* Fail the FAT read, then the data read; then it all works. */
	x.md.fail_call = x.md.calls + 1;
	assert_int_equal(fat_read(&f, buf, 60 * KiB), FAT_EIO);
	assert_int_equal(fat_open(&x.v, "file", &f), 0);
	x.md.fail_call = x.md.calls + 2;
	assert_int_equal(fat_read(&f, buf, 60 * KiB), FAT_EIO);
	x.md.fail_call = 0;
	assert_int_equal(fat_open(&x.v, "file", &f), 0);
	assert_int_equal(fat_read(&f, buf, 60 * KiB), (int)(60 * KiB));
	free(buf);
	fx_free(&x);
}

static void test_file_4gib_minus_1(void **state)
{
	const uint32_t size = 0xFFFFFFFFu, cbytes = 32 * KiB;
	const uint32_t nclus =
	    (uint32_t)(((uint64_t)size + cbytes - 1) / cbytes);
	uint8_t tail[64], got[128];
	uint32_t reserved, fatsz, c0, i, data, root, left, n;
	uint8_t *skip;
	uint64_t off;
	struct fat_file f;
	struct fx x;
	uint8_t *b, *e;

	(void)state;
	fx_mkfs(&x, 4100ull * MiB, "-F", "32", "-s", "64", NULL);
	free(img_put(&x.im, "/BIG.BIN", 100, 70));
	img_map(&x.im);
	b = x.im.data;
	reserved = le16_get(b + 0x0E);
	fatsz = le32_get(b + 0x24);
	data = reserved + b[0x10] * fatsz;
	root = le32_get(b + 0x2C);
	/* The root's first cluster holds the label, then BIG.BIN. */
	e = b + (uint64_t)(data + (root - 2) * 64) * 512;
	while (memcmp(e, "BIG     BIN", 11))
		e += 32;
	c0 = le16_get(e + 0x14) << 16 | le16_get(e + 0x1A);
	le32_put(e + 0x1C, size);
	for (i = 0; i < nclus; i++)
		le32_put(b + reserved * 512ull + (c0 + i) * 4ull,
			 i + 1 < nclus ? c0 + i + 1 : 0x0FFFFFFF);
	/* The file's clusters are not read from the image (its pages would
	 * all be touched: 4 GiB of page cache) but as zeros, except for its
	 * last bytes, where its last cluster keeps them. */
	img_memdisk(&x.im, 0, &x.md);
	x.md.sectors = data + (c0 - 2) * 64;
	pattern(tail, sizeof(tail), 71);
	off = (uint64_t)(data + (c0 + nclus - 1 - 2) * 64) * 512 +
	      (size - sizeof(tail)) % cbytes;
	assert_true(off % 512 + sizeof(tail) <= 512);
	memcpy(memdisk_at(&x.md, off / 512) + off % 512, tail, sizeof(tail));
	assert_int_equal(fat_mount(&x.v, &x.md.bd, 0, x.md.hi), 0);
	assert_int_equal(fat_open(&x.v, "/big.bin", &f), 0);
	assert_int_equal(fat_size(&f), size);
	/* Up to the tail in reads of 16 MiB, then past the end. */
	skip = malloc(16 * MiB);
	assert_non_null(skip);
	for (left = size - sizeof(tail); left; left -= n) {
		n = left < 16 * MiB ? left : 16 * MiB;
		assert_int_equal(fat_read(&f, skip, n), (int)n);
	}
	free(skip);
	assert_int_equal(fat_read(&f, got, sizeof(got)), sizeof(tail));
	assert_memory_equal(got, tail, sizeof(tail));
	assert_int_equal(fat_read(&f, got, sizeof(got)), 0);
	assert_int_equal(fat_read(&f, got, 1), 0);
	/* Every byte went through the device: 8 Mi sectors. */
	assert_true(x.md.sectors_read >= (uint64_t)size / 512);
	memdisk_release(&x.md);
	fx_free(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    FX_TEST(test_fragmented),	  FX_TEST(test_offsets),
	    FX_TEST(test_read_calls),	  FX_TEST(test_empty_file),
	    FX_TEST(test_corrupt_chains), FX_TEST(test_corrupt_loop_huge_size),
	    FX_TEST(test_io_errors),	  FX_TEST(test_file_4gib_minus_1),
	};

	return fx_run_tests("test_fat_read", tests,
			    sizeof(tests) / sizeof(tests[0]));
}
