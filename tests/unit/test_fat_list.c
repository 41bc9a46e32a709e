// SPDX-License-Identifier: BSD-2-Clause
/* fs/fat_dir.c's listing (fat_opendir, fat_readdir: the boot prompt's
 * `ls`) over images made by mkfs.fat and mtools: names long and short,
 * sizes, directories, order, the fixed FAT12/16 root and chains of many
 * clusters, and the errors. */
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
#include "tests/unit/support/fat_image.h"

/* The listing of path as "name size|name/ ..." lines; the error or 0. */
static int list(struct fat_volume *v, const char *path, char *out, size_t size)
{
	struct fat_dir d;
	struct fat_entry e;
	size_t n = 0;
	int r;

	out[0] = '\0';
	r = fat_opendir(v, path, &d);
	if (r)
		return r;
	while ((r = fat_readdir(&d, &e)) == 1) {
		if (n + sizeof(e.name) + 16 > size)
			continue; /* a looping directory: only its end counts */
		if (e.attr & FAT_ATTR_DIRECTORY)
			n += (size_t)snprintf(out + n, size - n, "%s/\n",
					      e.name);
		else
			n += (size_t)snprintf(out + n, size - n, "%s %u\n",
					      e.name, (unsigned)e.size);
	}
	if (r == 0) /* the end stays the end */
		assert_int_equal(fat_readdir(&d, &e), 0);
	return r;
}

static void check_root(const char *fat, uint64_t bytes, const char *spc)
{
	struct fx x;
	char out[4096];

	fx_mkfs(&x, bytes, "-F", fat, "-s", spc, "-n", "BZLABEL", NULL);
	free(img_put(&x.im, "/vmlinuz", 5000, 1));
	img_mkdir(&x.im, "/boot");
	free(img_put(&x.im, "/UPPER.TXT", 10, 2));
	free(img_put(&x.im, "/Grüße aus Köln.cfg", 3, 3));
	free(img_put(&x.im, "/boot/syslinux.cfg", 77, 4));
	img_mkdir(&x.im, "/boot/sub");
	fx_mount(&x);

	assert_int_equal(list(&x.v, "/", out, sizeof(out)), 0);
	/* directory order, the volume label left out */
	assert_string_equal(out, "vmlinuz 5000\nboot/\nUPPER.TXT 10\n"
				 "Grüße aus Köln.cfg 3\n");
	assert_int_equal(list(&x.v, "", out, sizeof(out)), 0);
	assert_string_equal(out, "vmlinuz 5000\nboot/\nUPPER.TXT 10\n"
				 "Grüße aus Köln.cfg 3\n");
	/* "." and ".." are left out; a subdirectory, any case, any slashes */
	assert_int_equal(list(&x.v, "BOOT//", out, sizeof(out)), 0);
	assert_string_equal(out, "syslinux.cfg 77\nsub/\n");
	assert_int_equal(list(&x.v, "/boot/sub", out, sizeof(out)), 0);
	assert_string_equal(out, "");
	/* ".." of a first-level directory is the root */
	assert_int_equal(list(&x.v, "/boot/..", out, sizeof(out)), 0);
	assert_non_null(strstr(out, "vmlinuz 5000\n"));

	assert_int_equal(list(&x.v, "/vmlinuz", out, sizeof(out)), FAT_ENOTDIR);
	assert_int_equal(list(&x.v, "/nope", out, sizeof(out)), FAT_ENOENT);
	assert_int_equal(list(&x.v, "/vmlinuz/x", out, sizeof(out)),
			 FAT_ENOTDIR);
	fx_free(&x);
}

static void test_roots(void **state)
{
	(void)state;
	check_root("12", 2 * MiB, "4");
	check_root("16", 32 * MiB, "1");
	check_root("32", 64 * MiB, "1");
}

/* A directory of many clusters, listed whole and in order; a long name of
 * 255 characters. */
static void test_many_clusters(void **state)
{
	struct fx x;
	static char out[16384];
	char name[300], want[320];
	char *p;
	unsigned i;

	(void)state;
	fx_mkfs(&x, 64 * MiB, "-F", "32", "-s", "1", NULL);
	img_mkdir(&x.im, "/many");
	for (i = 0; i < 60; i++) {
		snprintf(name, sizeof(name), "/many/a long file name %02u.txt",
			 i);
		free(img_put(&x.im, name, i, 10 + i));
	}
	memset(name, 'n', 251);
	memcpy(name + 251, ".cfg", 5);
	snprintf(want, sizeof(want), "/many/%s", name);
	free(img_put(&x.im, want, 1, 9));
	fx_mount(&x);
	assert_true(x.v.spc_shift == 0); /* so "many" spans clusters */

	assert_int_equal(list(&x.v, "/many", out, sizeof(out)), 0);
	p = out;
	for (i = 0; i < 60; i++) {
		snprintf(want, sizeof(want), "a long file name %02u.txt %u\n",
			 i, i);
		assert_memory_equal(p, want, strlen(want));
		p += strlen(want);
	}
	snprintf(want, sizeof(want), "%s 1\n", name);
	assert_string_equal(p, want);
	fx_free(&x);
}

/* A directory whose chain loops is corrupt, not endless: the root's
 * second cluster chained back to its first. */
static void test_loop(void **state)
{
	struct fx x;
	struct geo g;
	char name[32];
	static char out[8192];
	uint32_t next;
	unsigned i;

	(void)state;
	fx_mkfs(&x, 64 * MiB, "-F", "32", "-s", "1", NULL);
	/* 8.3 names: one entry each, 20 of them spill past 16 a cluster */
	for (i = 0; i < 20; i++) {
		snprintf(name, sizeof(name), "/G%02u.TXT", i);
		free(img_put(&x.im, name, 1, 700 + i));
	}
	fx_mount(&x);
	assert_int_equal(list(&x.v, "/", out, sizeof(out)), 0);
	assert_non_null(strstr(out, "G19.TXT 1\n"));
	geo_read(x.im.data, &g);
	next = geo_fat_get(x.im.data, &g, g.root_cluster);
	assert_true(next >= 2 && next < 0x0FFFFFF8);
	assert_true(geo_fat_get(x.im.data, &g, next) >= 0x0FFFFFF8);
	/* no end-of-directory mark: the walk must follow the chain */
	for (i = 0; i < 512; i += 32)
		if (geo_cluster(x.im.data, &g, next)[i] == 0)
			geo_cluster(x.im.data, &g, next)[i] = 0xE5;
	geo_fat_set(x.im.data, &g, next, g.root_cluster);
	assert_int_equal(fat_mount(&x.v, &x.md.bd, 0, 0), 0);
	assert_int_equal(list(&x.v, "/", out, sizeof(out)), FAT_ECORRUPT);
	assert_int_equal(x.v.corrupt, FAT_CORRUPT_DIR_LOOP);
	fx_free(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    FX_TEST(test_roots),
	    FX_TEST(test_many_clusters),
	    FX_TEST(test_loop),
	};

	return fx_run_tests("test_fat_list", tests,
			    sizeof(tests) / sizeof(tests[0]));
}
