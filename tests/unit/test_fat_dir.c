// SPDX-License-Identifier: BSD-2-Clause
/* fs/fat_dir.c over real images made by mkfs.fat and mtools: long and
 * short names, directories, damaged directory entries and chains, and
 * long runs of creates, deletes and growth in deep directories. */
#define _GNU_SOURCE /* memmem */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "fs/fat.h"
#include "protocol/le.h"
#include "tests/unit/support/fat_fixture.h"
#include "tests/unit/support/fat_image.h"

/* --- names and directories ----------------------------------------------- */

static void test_names_and_dirs(void **state)
{
	struct fx x;
	uint8_t *conf, *vml, *deb, *up, *deep, *longf, *many;
	char longname[256], path[300];
	unsigned i;

	(void)state;
	fx_mkfs(&x, 64 * MiB, "-F", "32", "-s", "1", "-n", "BZBOOT", NULL);
	conf = img_put(&x.im, "/extlinux.conf", 777, 80);
	vml = img_put(&x.im, "/vmlinuz-6.1.0-28-amd64", 50 * KiB, 81);
	img_mkdir(&x.im, "/Debian Kernels");
	deb = img_put(&x.im, "/Debian Kernels/vmlinuz", 33 * KiB, 82);
	up = img_put(&x.im, "/UPPER.TXT", 10, 83);
	img_mkdir(&x.im, "/boot");
	img_mkdir(&x.im, "/boot/extlinux");
	deep = img_put(&x.im, "/boot/extlinux/extlinux.conf", 1500, 84);
	/* 255 characters: 20 long-name entries. */
	memset(longname, 'n', 251);
	memcpy(longname + 251, ".cfg", 5);
	snprintf(path, sizeof(path), "/%s", longname);
	longf = img_put(&x.im, path, 64, 85);
	/* Enough long names for the directory to span many clusters. */
	img_mkdir(&x.im, "/many");
	for (i = 0; i < 40; i++) {
		snprintf(path, sizeof(path), "/many/a long file name %02u.txt",
			 i);
		free(img_put(&x.im, path, i, 90 + i));
	}
	many = img_put(&x.im, "/many/the last one.txt", 2000, 86);
	fx_mount(&x);

	check_file(&x.v, "/extlinux.conf", conf, 777);
	check_file(&x.v, "extlinux.conf", conf, 777);
	check_file(&x.v, "//EXTLINUX.CONF", conf, 777);
	check_file(&x.v, "ExtLinux.Conf", conf, 777);
	check_file(&x.v, "EXTLIN~1.CON", conf, 777); /* the 8.3 alias */
	check_file(&x.v, "/vmlinuz-6.1.0-28-amd64", vml, 50 * KiB);
	check_file(&x.v, "/Debian Kernels/vmlinuz", deb, 33 * KiB);
	check_file(&x.v, "debian kernels//VMLINUZ", deb, 33 * KiB);
	check_file(&x.v, "/upper.txt", up, 10);
	check_file(&x.v, "/boot/extlinux/extlinux.conf", deep, 1500);
	check_file(&x.v, "boot/extlinux/../extlinux/./extlinux.conf", deep,
		   1500);
	check_file(&x.v, "/boot/../extlinux.conf", conf, 777);
	check_file(&x.v, longname, longf, 64);
	check_file(&x.v, "/many/THE LAST ONE.TXT", many, 2000);
	assert_true(x.v.spc_shift == 0); /* so "many" spans clusters */

	assert_int_equal(open_err(&x.v, "/nope"), FAT_ENOENT);
	assert_int_equal(open_err(&x.v, "/extlinux.con"), FAT_ENOENT);
	assert_int_equal(open_err(&x.v, "/extlinux.conff"), FAT_ENOENT);
	assert_int_equal(open_err(&x.v, "/Debian Kernels/nope"), FAT_ENOENT);
	assert_int_equal(open_err(&x.v, "/many/nope"), FAT_ENOENT);
	assert_int_equal(open_err(&x.v, "/nodir/x"), FAT_ENOENT);
	assert_int_equal(open_err(&x.v, "BZBOOT"), FAT_ENOENT); /* label */
	assert_int_equal(open_err(&x.v, "/extlinux.conf/x"), FAT_ENOTDIR);
	assert_int_equal(open_err(&x.v, "/extlinux.conf/"), FAT_ENOTDIR);
	assert_int_equal(open_err(&x.v, "/Debian Kernels"), FAT_EISDIR);
	assert_int_equal(open_err(&x.v, "/Debian Kernels/"), FAT_EISDIR);
	assert_int_equal(open_err(&x.v, "/boot/extlinux/.."), FAT_EISDIR);
	assert_int_equal(open_err(&x.v, "/"), FAT_EISDIR);
	assert_int_equal(open_err(&x.v, ""), FAT_EISDIR);
	memset(path, 'x', 256);
	path[256] = 0;
	assert_int_equal(open_err(&x.v, path), FAT_ENAMETOOLONG);
	path[255] = 0;
	assert_int_equal(open_err(&x.v, path), FAT_ENOENT);
	free(conf);
	free(vml);
	free(deb);
	free(up);
	free(deep);
	free(longf);
	free(many);
	fx_free(&x);
}

/* Finds the long-name entry whose first five characters are `ascii`. */
static uint8_t *find_lfn(struct img *im, const char *ascii)
{
	uint8_t pat[10];
	size_t i;

	for (i = 0; i < 5; i++) {
		pat[2 * i] = (uint8_t)ascii[i];
		pat[2 * i + 1] = 0;
	}
	for (i = 32; i + 32 <= im->len; i += 32)
		if (im->data[i + 11] == 0x0F &&
		    !memcmp(im->data + i + 1, pat, 10))
			return im->data + i;
	fail_msg("no long-name entry for %s", ascii);
	return NULL;
}

static void test_lfn_checks(void **state)
{
	struct fx x;
	uint8_t *a, *b, *c, *e;

	(void)state;
	fx_mkfs(&x, 16 * MiB, "-F", "16", NULL);
	/* 13 characters: one entry, no terminator. */
	a = img_put(&x.im, "/extlinux.conf", 10, 100);
	/* 25 characters: two entries. */
	b = img_put(&x.im, "/second-name-is-26-chr.txt", 20, 101);
	c = img_put(&x.im, "/cafe-latte.txt", 30, 102);
	free(img_put(&x.im, "/xyemoji-file.txt", 40, 103));
	fx_mount(&x);
	check_file(&x.v, "extlinux.conf", a, 10);
	check_file(&x.v, "second-name-is-26-chr.txt", b, 20);

	/* A wrong checksum drops the long name; the 8.3 alias still works. */
	e = find_lfn(&x.im, "extli");
	e[13] ^= 0x55;
	assert_int_equal(open_err(&x.v, "extlinux.conf"), FAT_ENOENT);
	check_file(&x.v, "EXTLIN~1.CON", a, 10);
	e[13] ^= 0x55;
	check_file(&x.v, "extlinux.conf", a, 10);

	/* A sequence gap (ord 1 missing: first entry says 3 parts). */
	e = find_lfn(&x.im, "secon"); /* ord 1, after ord 0x42 */
	assert_int_equal(e[0], 0x01);
	assert_int_equal(e[-32], 0x42);
	e[-32] = 0x43;
	assert_int_equal(open_err(&x.v, "second-name-is-26-chr.txt"),
			 FAT_ENOENT);
	e[-32] = 0x42;
	e[0] = 0x02;
	assert_int_equal(open_err(&x.v, "second-name-is-26-chr.txt"),
			 FAT_ENOENT);
	e[0] = 0x01;
	e[13] ^= 1; /* parts of one name disagree on the checksum */
	assert_int_equal(open_err(&x.v, "second-name-is-26-chr.txt"),
			 FAT_ENOENT);
	e[13] ^= 1;
	check_file(&x.v, "second-name-is-26-chr.txt", b, 20);

	/* UCS-2 beyond ASCII: 'e' -> U+00E9; only an exact é matches. */
	e = find_lfn(&x.im, "cafe-");
	assert_int_equal(e[7], 'e');
	e[7] = 0xE9;
	check_file(&x.v, "caf\xc3\xa9-latte.txt", c, 30); /* UTF-8 */
	check_file(&x.v, "CAF\xc3\xa9-LATTE.TXT", c, 30);
	check_file(&x.v, "caf\xe9-latte.txt", c, 30); /* Latin-1 byte */
	assert_int_equal(open_err(&x.v, "cafe-latte.txt"), FAT_ENOENT);
	assert_int_equal(open_err(&x.v, "CAF\xc3\x89-LATTE.TXT"), FAT_ENOENT);

	/* Beyond the BMP: U+1F600 is the pair D83D DE00 in the entry. */
	e = find_lfn(&x.im, "xyemo");
	le16_put(e + 1, 0xD83D);
	le16_put(e + 3, 0xDE00);
	assert_int_equal(open_err(&x.v, "\xf0\x9f\x98\x80"
					"EMOJI-file.txt"),
			 0);
	assert_int_equal(open_err(&x.v, "\xf0\x9f\x98\x81"
					"emoji-file.txt"),
			 FAT_ENOENT);
	assert_int_equal(open_err(&x.v, "xyemoji-file.txt"), FAT_ENOENT);
	free(a);
	free(b);
	free(c);
	fx_free(&x);
}

static void test_corrupt_dir_loop(void **state)
{
	struct fx x;
	struct fat_file f;
	struct geo g;
	char name[32];
	uint8_t *d;
	uint32_t c;
	unsigned i;

	(void)state;
	fx_mkfs(&x, 64 * MiB, "-F", "32", "-s", "1", NULL);
	img_mkdir(&x.im, "/DIR");
	/* 8.3 names only: one entry each, so 14 + "." + ".." fill the
	 * first 512-byte cluster and the rest spill into a second. */
	for (i = 0; i < 20; i++) {
		snprintf(name, sizeof(name), "/DIR/F%02u.TXT", i);
		free(img_put(&x.im, name, 1, 600 + i));
	}
	fx_mount(&x);
	assert_int_equal(open_err(&x.v, "DIR/F19.TXT"), 0);
	assert_int_equal(open_err(&x.v, "DIR/NOPE"), FAT_ENOENT);
	assert_int_equal(fat_open(&x.v, "DIR/F00.TXT", &f), 0);
	geo_read(x.im.data, &g);
	/* Find DIR's cluster from its entry in the root. */
	d = memmem(geo_cluster(x.im.data, &g, g.root_cluster), 512,
		   "DIR        ", 11);
	assert_non_null(d);
	c = le16_get(d + 0x1A) | le16_get(d + 0x14) << 16;
	assert_memory_equal(geo_cluster(x.im.data, &g, c) + 15 * 32,
			    "F13     TXT", 11);
	geo_fat_set(x.im.data, &g, c, c);
	assert_int_equal(fat_mount(&x.v, &x.md.bd, 0, 0), 0);
	assert_int_equal(open_err(&x.v, "DIR/NOPE"), FAT_ECORRUPT);
	assert_int_equal(x.v.corrupt, FAT_CORRUPT_DIR_LOOP);
	assert_string_equal(fat_volume_strerror(&x.v, FAT_ECORRUPT),
			    "corrupt filesystem: "
			    "directory too long or looping");
	/* The same for the root directory chain. */
	geo_fat_set(x.im.data, &g, c, 0x0FFFFFFF);
	geo_fat_set(x.im.data, &g, g.root_cluster, g.root_cluster);
	memset(geo_cluster(x.im.data, &g, g.root_cluster) + 32, 'X', 480);
	for (i = 1; i < 16; i++)
		geo_cluster(x.im.data, &g, g.root_cluster)[i * 32 + 11] = 0x20;
	assert_int_equal(fat_mount(&x.v, &x.md.bd, 0, 0), 0);
	assert_int_equal(open_err(&x.v, "NOPE"), FAT_ECORRUPT);
	fx_free(&x);
}

/* A directory entry pointing outside the volume. */
static void test_corrupt_dirent(void **state)
{
	struct fx x;
	struct fat_file f;
	uint8_t buf[16];
	struct geo g;
	uint8_t *d;

	(void)state;
	fx_mkfs(&x, 16 * MiB, "-F", "16", NULL);
	free(img_put(&x.im, "/KERNEL.BIN", 5000, 700));
	img_mkdir(&x.im, "/SUB");
	fx_mount(&x);
	geo_read(x.im.data, &g);
	d = memmem(x.im.data, x.im.len, "KERNEL  BIN", 11);
	assert_non_null(d);
	/* FAT12/16 ignore the high word (OS/2 kept EA handles there). */
	le16_put(d + 0x14, 0x1234);
	assert_int_equal(read_all(&x.v, "KERNEL.BIN"), 5000);
	le16_put(d + 0x1A, (uint16_t)(g.clusters + 2));
	assert_int_equal(open_err(&x.v, "KERNEL.BIN"), FAT_ECORRUPT);
	le16_put(d + 0x1A, 0);
	assert_int_equal(fat_open(&x.v, "KERNEL.BIN", &f), FAT_ECORRUPT);
	assert_int_equal(fat_read(&f, buf, sizeof(buf)), FAT_EINVAL);
	assert_string_equal(fat_volume_strerror(&x.v, FAT_ECORRUPT),
			    "corrupt filesystem: cluster chain ends early");
	d = memmem(x.im.data, x.im.len, "SUB        ", 11);
	assert_non_null(d);
	le16_put(d + 0x1A, 1);
	assert_int_equal(open_err(&x.v, "SUB/X"), FAT_ECORRUPT);
	fx_free(&x);
}

/* --- churn: create, delete, grow, in deep long-named directories ------- */

#define CHURN_FILES 48

struct churn_file {
	char path[160];
	uint8_t *data;
	size_t len;
	bool alive;
};

static uint32_t churn_rand(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/* FAT32's FSInfo "next free cluster" hint makes mtools allocate past the
 * holes; "unknown" makes it search from the start, as other systems do. */
static void churn_forget_hint(struct img *im)
{
	uint8_t bs[512], ff[4] = {0xFF, 0xFF, 0xFF, 0xFF};
	int fd = open(im->path, O_RDWR);

	assert_true(fd >= 0);
	assert_int_equal(pread(fd, bs, 512, 0), 512);
	assert_int_equal(pwrite(fd, ff, 4, le16_get(bs + 0x30) * 512 + 0x1EC),
			 4);
	close(fd);
}

/* 120 mtools operations from a fixed seed: new files with long names in
 * a 10-level directory chain, deletions, and files "grown" (deleted and
 * written again longer, after others took the clusters behind them: the
 * way an append fragments a file). Every live file is then read back
 * through fs/ and compared, every deleted one must be gone. */
static void churn(const char *type, uint64_t size, const char *spc,
		  uint32_t seed)
{
	static const char *const dirs[] = {
	    "/", "/boot/", "/boot/Debian Kernels/",
	    "/deep/level 1/level 2/level 3/level 4/level 5/level 6/level 7/"
	    "level 8/level 9/level 10/"};
	struct churn_file *fs = calloc(CHURN_FILES, sizeof(*fs));
	uint32_t x = seed;
	unsigned i, op, n = 0, grown = 0, gone = 0, split = 0;
	struct fx x_;

	assert_non_null(fs);
	fx_mkfs(&x_, size, "-F", type, "-s", spc, NULL);
	img_mkdir(&x_.im, "/boot");
	img_mkdir(&x_.im, "/boot/Debian Kernels");
	img_mkdir(&x_.im, "/deep");
	for (i = 1; i <= 10; i++) {
		char d[160] = "/deep";

		for (unsigned j = 1; j <= i; j++)
			snprintf(d + strlen(d), sizeof(d) - strlen(d),
				 "/level %u", j);
		img_mkdir(&x_.im, d);
	}
	for (op = 0; op < 120; op++) {
		uint32_t r = churn_rand(&x);
		struct churn_file *f = &fs[r % (n ? n : 1)];

		if (!strcmp(type, "32"))
			churn_forget_hint(&x_.im);

		if (n && f->alive && r % 3 == 0) { /* delete */
			img_del(&x_.im, f->path);
			f->alive = false;
		} else if (n && f->alive && r % 3 == 1) { /* grow */
			img_del(&x_.im, f->path);
			free(f->data);
			f->len += 1 + churn_rand(&x) % (24 * KiB);
			f->data = img_put(&x_.im, f->path, f->len, r);
			grown++;
		} else if (n < CHURN_FILES) { /* create */
			f = &fs[n];
			snprintf(f->path, sizeof(f->path),
				 "%sa file with a long name %03u.bin",
				 dirs[r % 4], n);
			f->len = churn_rand(&x) % (40 * KiB);
			f->data = img_put(&x_.im, f->path, f->len, r);
			f->alive = true;
			n++;
		}
	}
	fx_mount(&x_);
	for (i = 0; i < n; i++) {
		if (fs[i].alive) {
			check_file(&x_.v, fs[i].path, fs[i].data, fs[i].len);
			split += file_runs(&x_, fs[i].path, NULL) > 1;
		} else {
			assert_int_equal(open_err(&x_.v, fs[i].path),
					 FAT_ENOENT);
			gone++;
		}
		free(fs[i].data);
	}
	/* The seed really made all three happen. */
	assert_true(grown >= 5 && gone >= 5 && split >= 3);
	free(fs);
	fx_free(&x_);
}

static void test_churn(void **state)
{
	(void)state;
	churn("12", 6 * MiB, "4", 1);
	churn("16", 32 * MiB, "1", 2);
	churn("32", 64 * MiB, "1", 3);
}

/* The largest file FAT can describe, 4 GiB - 1 bytes: its 131072 clusters
 * of 32 KiB are chained by hand in a sparse 4 GiB FAT32 (mtools would
 * write all of it). Seeks and reads at the very end must neither wrap the
 * 32-bit position nor read a cluster too many. */
int main(void)
{
	const struct CMUnitTest tests[] = {
	    FX_TEST(test_names_and_dirs),
	    FX_TEST(test_lfn_checks),
	    FX_TEST(test_corrupt_dir_loop),
	    FX_TEST(test_corrupt_dirent),
	    FX_TEST(test_churn),
	};

	return fx_run_tests("test_fat_dir", tests,
			    sizeof(tests) / sizeof(tests[0]));
}
