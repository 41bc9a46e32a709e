// SPDX-License-Identifier: BSD-2-Clause
/* fs/fat.c, mounting, over real images made by mkfs.fat and mtools:
 * FAT12/16/32 layouts and cluster sizes, the boot sector's checks, volumes
 * in partitions and past 2^32 sectors, the messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "fs/fat.h"
#include "fs/part.h"
#include "protocol/le.h"
#include "tests/unit/support/fat_fixture.h"
#include "tests/unit/support/fat_image.h"

/* --- FAT12 --------------------------------------------------------------- */

static void test_fat12_floppy(void **state)
{
	struct fx x;
	uint8_t *kernel, *conf, *one;

	(void)state;
	fx_mkfs(&x, 1440 * KiB, NULL);
	kernel = img_put(&x.im, "/KERNEL.BIN", 600 * KiB + 123, 1);
	conf = img_put(&x.im, "/extlinux.conf", 300, 2);
	img_mkdir(&x.im, "/syslinux");
	one = img_put(&x.im, "/syslinux/ldlinux.c32", 512, 3);
	fx_mount(&x);
	assert_int_equal(fat_type(&x.v), 12);
	/* 600 KiB in 512-byte clusters crosses FAT12 entries that straddle
	 * FAT sectors, both odd and even. */
	check_file(&x.v, "/KERNEL.BIN", kernel, 600 * KiB + 123);
	check_file(&x.v, "kernel.bin", kernel, 600 * KiB + 123);
	check_file_chunks(&x.v, "KERNEL.BIN", kernel, 600 * KiB + 123, 1000);
	check_file(&x.v, "/EXTLINUX.CONF", conf, 300);
	check_file(&x.v, "SYSLINUX/LDLINUX.C32", one, 512);
	free(kernel);
	free(conf);
	free(one);
	fx_free(&x);
}

/* 32 KiB and 64 KiB clusters on FAT12: few clusters, big ones. */
static void test_fat12_big_clusters(void **state)
{
	static const struct {
		const char *spc;
		uint64_t size;
	} cases[] = {{"64", 16 * MiB}, {"128", 32 * MiB}};
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fx x;
		uint8_t *a, *b;

		fx_mkfs(&x, cases[i].size, "-F", "12", "-s", cases[i].spc,
			NULL);
		a = img_put(&x.im, "/initrd.img", 3 * MiB + 7, 10 + i);
		b = img_put(&x.im, "/tiny", 1, 20 + i);
		fx_mount(&x);
		assert_int_equal(fat_type(&x.v), 12);
		assert_int_equal(512u << x.v.spc_shift,
				 (unsigned)atoi(cases[i].spc) * 512);
		check_file(&x.v, "initrd.img", a, 3 * MiB + 7);
		check_file_chunks(&x.v, "initrd.img", a, 3 * MiB + 7, 65537);
		check_file(&x.v, "TINY", b, 1);
		free(a);
		free(b);
		fx_free(&x);
	}
}

/* --- FAT16 --------------------------------------------------------------- */

static void test_fat16_cluster_sizes(void **state)
{
	static const struct {
		const char *spc;
		uint64_t size;
	} cases[] = {
	    {"1", 16 * MiB},
	    {"8", 64 * MiB},
	    {"64", 200 * MiB},
	    {"128", 300 * MiB},
	};
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fx x;
		uint8_t *k, *c;
		uint32_t cb = (uint32_t)atoi(cases[i].spc) * 512;

		fx_mkfs(&x, cases[i].size, "-F", "16", "-s", cases[i].spc,
			NULL);
		k = img_put(&x.im, "/vmlinuz-6.1.0-28-amd64", 2 * MiB + 999,
			    30 + i);
		/* Exactly one cluster: the end marker sits on cluster 1. */
		c = img_put(&x.im, "/exact", cb, 40 + i);
		fx_mount(&x);
		assert_int_equal(fat_type(&x.v), 16);
		assert_int_equal(512u << x.v.spc_shift, cb);
		check_file(&x.v, "vmlinuz-6.1.0-28-amd64", k, 2 * MiB + 999);
		check_file_chunks(&x.v, "VMLINUZ-6.1.0-28-AMD64", k,
				  2 * MiB + 999, 4000);
		check_file(&x.v, "exact", c, cb);
		free(k);
		free(c);
		fx_free(&x);
	}
}

/* Odd reserved count (no alignment) and a single FAT. */
static void test_fat16_reserved_one_fat(void **state)
{
	struct fx x;
	uint8_t *k;

	(void)state;
	fx_mkfs(&x, 32 * MiB, "-F", "16", "-a", "-R", "37", "-f", "1", NULL);
	k = img_put(&x.im, "/vmlinuz", 700 * KiB, 50);
	fx_mount(&x);
	assert_int_equal(fat_type(&x.v), 16);
	assert_int_equal(x.im.data[0x0E], 37);
	assert_int_equal(x.im.data[0x10], 1);
	check_file(&x.v, "/vmlinuz", k, 700 * KiB);
	free(k);
	fx_free(&x);
}

/* mkfs.fat -S: 512-byte logical sectors read; bigger ones are refused with
 * their own error (BIOS INT 13h and bzboot's reads are 512-byte), on each
 * FAT type. */
static void test_sector_sizes(void **state)
{
	static const char *const types[] = {"12", "16", "32"};
	static const uint64_t sizes[] = {8 * MiB, 64 * MiB, 300 * MiB};
	static const char *const big[] = {"1024", "2048", "4096"};
	unsigned t, i;

	(void)state;
	for (t = 0; t < 3; t++) {
		struct fx x;
		uint8_t *k;

		fx_mkfs(&x, sizes[t], "-F", types[t], "-S", "512", NULL);
		k = img_put(&x.im, "/vmlinuz", 200 * KiB + 7, 60 + t);
		fx_mount(&x);
		check_file(&x.v, "/vmlinuz", k, 200 * KiB + 7);
		free(k);
		fx_free(&x);
		for (i = 0; i < 3; i++) {
			fx_mkfs(&x, sizes[t], "-F", types[t], "-S", big[i],
				NULL);
			img_map(&x.im);
			img_memdisk(&x.im, 0, &x.md);
			assert_int_equal(
			    fat_mount(&x.v, &x.md.bd, 0, x.md.sectors),
			    FAT_EBADSECTSIZE);
			fx_free(&x);
		}
	}
}

/* --- FAT32 --------------------------------------------------------------- */

static void test_fat32_layouts(void **state)
{
	static const uint64_t sizes[] = {64 * MiB, 300 * MiB, 40 * MiB};
	unsigned i;

	(void)state;
	for (i = 0; i < 3; i++) {
		struct fx x;
		uint8_t *k;

		if (i == 0)
			fx_mkfs(&x, sizes[i], "-F", "32", "-s", "1", NULL);
		else if (i == 1)
			fx_mkfs(&x, sizes[i], "-F", "32", "-s", "8", "-R", "64",
				"-f", "1", NULL);
		else
			fx_mkfs(&x, sizes[i], "-F", "32", "-a", "-R", "7", "-f",
				"2", NULL);
		k = img_put(&x.im, "/vmlinuz", 1 * MiB + 1, 60 + i);
		fx_mount(&x);
		assert_int_equal(fat_type(&x.v), 32);
		if (i == 0)
			assert_true(x.v.clusters >= 65525);
		check_file(&x.v, "VMLINUZ", k, 1 * MiB + 1);
		free(k);
		fx_free(&x);
	}
}

/* mkfs.fat -F 32 on 16 MiB makes a FAT32 with too few clusters for the
 * spec's rule; its BPB is FAT32-shaped and it reads as FAT32, as Linux
 * reads it. (mtools follows the rule and cannot write it: the file is put
 * there by hand.) */
static void test_fat32_small(void **state)
{
	struct fx x;
	struct geo g;
	uint8_t want[5000], *root;
	uint32_t c, cb, done, n;

	(void)state;
	fx_mkfs(&x, 16 * MiB, "-F", "32", NULL);
	img_map(&x.im);
	geo_read(x.im.data, &g);
	assert_true(g.clusters < 65525);
	cb = g.spc * 512;
	pattern(want, sizeof(want), 70);
	root = geo_cluster(x.im.data, &g, g.root_cluster);
	memcpy(root, "A       TXT", 11);
	root[11] = FAT_ATTR_ARCHIVE;
	le16_put(root + 0x1A, 10);
	le32_put(root + 0x1C, sizeof(want));
	/* Clusters 10, 11, ... in a row; the driver must follow them. */
	for (c = 10, done = 0; done < sizeof(want); c++, done += cb) {
		n = sizeof(want) - done < cb ? sizeof(want) - done : cb;
		memcpy(geo_cluster(x.im.data, &g, c), want + done, n);
		geo_fat_set(x.im.data, &g, c, c + 1);
	}
	geo_fat_set(x.im.data, &g, c - 1, 0x0FFFFFFF);
	img_memdisk(&x.im, 0, &x.md);
	assert_int_equal(fat_mount(&x.v, &x.md.bd, 0, x.md.sectors), 0);
	assert_int_equal(fat_type(&x.v), 32);
	check_file(&x.v, "a.txt", want, sizeof(want));
	fx_free(&x);
}

/* The FAT32 root directory may live in any cluster: move it to the last
 * one by hand and look files up through it. */
static void test_fat32_root_anywhere(void **state)
{
	struct fx x;
	struct geo g;
	uint8_t *k;
	uint32_t old, last;

	(void)state;
	fx_mkfs(&x, 64 * MiB, "-F", "32", "-s", "1", NULL);
	k = img_put(&x.im, "/vmlinuz", 100 * KiB, 71);
	img_map(&x.im);
	geo_read(x.im.data, &g);
	old = g.root_cluster;
	last = g.clusters + 1;
	assert_true(geo_fat_get(x.im.data, &g, old) >= 0x0FFFFFF8);
	assert_int_equal(geo_fat_get(x.im.data, &g, last), 0);
	memcpy(geo_cluster(x.im.data, &g, last),
	       geo_cluster(x.im.data, &g, old), g.spc * 512);
	memset(geo_cluster(x.im.data, &g, old), 0, g.spc * 512);
	geo_fat_set(x.im.data, &g, last, 0x0FFFFFFF);
	geo_fat_set(x.im.data, &g, old, 0);
	le32_put(x.im.data + 0x2C, last);
	img_memdisk(&x.im, 0, &x.md);
	assert_int_equal(fat_mount(&x.v, &x.md.bd, 0, 0), 0);
	assert_int_equal(x.v.root_cluster, last);
	check_file(&x.v, "vmlinuz", k, 100 * KiB);
	le32_put(x.im.data + 0x2C, last + 1);
	assert_int_equal(fat_mount(&x.v, &x.md.bd, 0, 0), FAT_EBADROOT);
	free(k);
	fx_free(&x);
}

/* FAT32 with mirroring off reads the FAT that ExtFlags names. */
static void test_fat32_active_fat(void **state)
{
	struct fx x;
	struct fat_file f;
	struct geo g;
	uint8_t *k, *fat0;
	uint32_t c;

	(void)state;
	fx_mkfs(&x, 64 * MiB, "-F", "32", "-s", "1", "-f", "2", NULL);
	k = img_put(&x.im, "/vmlinuz", 40 * KiB, 72);
	fx_mount(&x);
	assert_int_equal(fat_open(&x.v, "vmlinuz", &f), 0);
	geo_read(x.im.data, &g);
	fat0 = x.im.data + (size_t)g.fat_start * 512;
	for (c = f.first_cluster; c < f.first_cluster + 80; c++)
		le32_put(fat0 + 4 * c, 0); /* FAT 0 only */
	le16_put(x.im.data + 0x28, 0x81);
	assert_int_equal(fat_mount(&x.v, &x.md.bd, 0, 0), 0);
	check_file(&x.v, "vmlinuz", k, 40 * KiB);
	le16_put(x.im.data + 0x28, 0x00); /* mirrored: FAT 0 */
	assert_int_equal(fat_mount(&x.v, &x.md.bd, 0, 0), 0);
	assert_int_equal(read_all(&x.v, "vmlinuz"), FAT_ECORRUPT);
	le16_put(x.im.data + 0x28, 0x82); /* only two FATs */
	assert_int_equal(fat_mount(&x.v, &x.md.bd, 0, 0), FAT_EBADLAYOUT);
	free(k);
	fx_free(&x);
}

/* --- boot sector validation ---------------------------------------------- */

static void test_bpb_checks(void **state)
{
	struct fx x;
	uint8_t save[512];
	uint8_t *b;

	(void)state;
	fx_mkfs(&x, 16 * MiB, "-F", "16", NULL);
	fx_mount(&x);
	b = x.im.data;
	memcpy(save, b, 512);
#define EXPECT(err)                                                            \
	do {                                                                   \
		assert_int_equal(fat_mount(&x.v, &x.md.bd, 0, x.md.sectors),   \
				 err);                                         \
		assert_int_equal(fat_type(&x.v), 0);                           \
		memcpy(b, save, 512);                                          \
	} while (0)
	le16_put(b + 0x0B, 4096);
	EXPECT(FAT_EBADSECTSIZE);
	le16_put(b + 0x0B, 1024);
	EXPECT(FAT_EBADSECTSIZE);
	le16_put(b + 0x0B, 1000);
	EXPECT(FAT_ENOTFAT);
	le16_put(b + 0x0B, 0);
	EXPECT(FAT_ENOTFAT);
	b[0x15] = 0x12; /* media byte */
	EXPECT(FAT_ENOTFAT);
	memset(b, 0, 512);
	EXPECT(FAT_ENOTFAT);
	b[0x0D] = 0;
	EXPECT(FAT_EBADCLUSTSIZE);
	b[0x0D] = 3;
	EXPECT(FAT_EBADCLUSTSIZE);
	le16_put(b + 0x0E, 0);
	EXPECT(FAT_EBADRESERVED);
	b[0x10] = 0;
	EXPECT(FAT_EBADNFATS);
	le16_put(b + 0x13, 0);
	le32_put(b + 0x20, 0);
	EXPECT(FAT_EBADTOTAL);
	assert_int_equal(fat_mount(&x.v, &x.md.bd, 0, x.md.sectors - 1),
			 FAT_EBADTOTAL);
	le16_put(b + 0x16, 1); /* FAT of 1 sector: 256 entries */
	EXPECT(FAT_EBADFATSIZE);
	le16_put(b + 0x0E, 0xFFFF); /* reserved area past the end */
	EXPECT(FAT_EBADLAYOUT);
	le16_put(b + 0x11, 0); /* FAT16 without a root directory */
	EXPECT(FAT_EBADLAYOUT);
	x.md.fail_call = x.md.calls + 1;
	EXPECT(FAT_EIO);
	x.md.fail_call = 0;
	assert_int_equal(fat_mount(&x.v, &x.md.bd, 0, x.md.sectors), 0);
	assert_int_equal(fat_mount(NULL, &x.md.bd, 0, 0), FAT_EINVAL);
	assert_int_equal(open_err(&x.v, "x"), FAT_ENOENT);
#undef EXPECT
	fx_free(&x);
}

/* --- partitions and 64-bit LBAs ------------------------------------------ */

static void test_partitioned_disk(void **state)
{
	struct img im;
	struct memdisk md;
	struct fat_volume v;
	struct part_entry p;
	uint8_t *k, *c, sector[512];
	char spath[128];
	char *sfdisk[] = {"sfdisk", NULL, NULL};
	FILE *fp;

	(void)state;
	img_new(&im, 48 * MiB);
	snprintf(spath, sizeof(spath), "%s/layout", im.dir);
	fp = fopen(spath, "w");
	assert_non_null(fp);
	fputs("label: dos\nstart=2048, size=30720, type=c, bootable\n", fp);
	fclose(fp);
	sfdisk[1] = im.path;
	assert_int_equal(run_argv_input(sfdisk, spath), 0);
	unlink(spath);
	run("mkfs.fat", "--offset", "2048", "-F", "16", im.path, "15360", NULL);
	img_offset(&im, 2048);
	k = img_put(&im, "/vmlinuz", 200 * KiB + 5, 900);
	img_mkdir(&im, "/boot");
	c = img_put(&im, "/boot/syslinux.cfg", 99, 901);
	img_map(&im);

	img_memdisk(&im, 0, &md);
	assert_int_equal(part_find(&md.bd, md.sectors, 0, sector, &p), 0);
	assert_int_equal(p.start_lba, 2048);
	assert_int_equal(p.sectors, 30720);
	assert_int_equal(p.type, 0x0C);
	assert_true(p.active);
	/* Reads must stay inside the partition. */
	md.lo = p.start_lba;
	md.hi = p.start_lba + p.sectors;
	assert_int_equal(fat_mount(&v, &md.bd, p.start_lba, p.sectors), 0);
	assert_int_equal(fat_type(&v), 16);
	check_file(&v, "vmlinuz", k, 200 * KiB + 5);
	check_file(&v, "BOOT/SYSLINUX.CFG", c, 99);
	assert_int_equal(md.bad, 0);
	/* The partition is smaller than the filesystem claims: refused. */
	assert_int_equal(fat_mount(&v, &md.bd, p.start_lba, 1000),
			 FAT_EBADTOTAL);
	free(k);
	free(c);
	img_free(&im);
}

/* The same volume seen at LBA 2^33 + 7: sums must be 64-bit. */
static void test_lba_above_4g(void **state)
{
	struct fx x;
	uint8_t *k;
	const uint64_t base = (1ULL << 33) + 7;

	(void)state;
	fx_mkfs(&x, 80 * MiB, "-F", "32", "-s", "2", NULL);
	k = img_put(&x.im, "/big one.bin", 3 * MiB + 3, 950);
	img_map(&x.im);
	img_memdisk(&x.im, base, &x.md);
	assert_int_equal(fat_mount(&x.v, &x.md.bd, base, x.md.sectors), 0);
	check_file(&x.v, "BIG ONE.BIN", k, 3 * MiB + 3);
	free(k);
	fx_free(&x);
}

static void test_strerror(void **state)
{
	int e;

	(void)state;
	for (e = 0; e >= FAT_EINVAL; e--) {
		assert_non_null(fat_strerror(e));
		assert_string_not_equal(fat_strerror(e), "unknown FAT error");
	}
	assert_string_equal(fat_strerror(1), "unknown FAT error");
	assert_string_equal(fat_strerror(FAT_ENOENT), "file not found");
	assert_string_equal(fat_strerror(FAT_EIO), "I/O error");
	assert_string_equal(fat_volume_strerror(NULL, FAT_ECORRUPT),
			    "corrupt filesystem");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    FX_TEST(test_fat12_floppy),
	    FX_TEST(test_fat12_big_clusters),
	    FX_TEST(test_fat16_cluster_sizes),
	    FX_TEST(test_fat16_reserved_one_fat),
	    FX_TEST(test_sector_sizes),
	    FX_TEST(test_fat32_layouts),
	    FX_TEST(test_fat32_small),
	    FX_TEST(test_fat32_root_anywhere),
	    FX_TEST(test_fat32_active_fat),
	    FX_TEST(test_bpb_checks),
	    FX_TEST(test_partitioned_disk),
	    FX_TEST(test_lba_above_4g),
	    FX_TEST(test_strerror),
	};

	return fx_run_tests("test_fat_mount", tests,
			    sizeof(tests) / sizeof(tests[0]));
}
