// SPDX-License-Identifier: BSD-2-Clause
/* fs/fat.c over real images made by mkfs.fat and mtools: FAT12/16/32,
 * cluster sizes, long names, fragmentation, read-call counts, corruption. */
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fs/fat.h"
#include "fs/part.h"
#include "tests/unit/fat_image.h"

#define KiB 1024u
#define MiB (1024u * 1024u)

/* One image, its device and a mounted volume. */
struct fx {
	struct img im;
	struct memdev md;
	struct fat_volume v;
};

/* mkfs.fat with the NULL-terminated options, on a fresh sparse image. */
static void fx_mkfs(struct fx *x, uint64_t bytes, ...)
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
static void fx_mount(struct fx *x)
{
	img_map(&x->im);
	memdev_init(&x->md, &x->im, 0);
	assert_int_equal(fat_mount(&x->v, &x->md.bd, 0, x->md.sectors), 0);
}

static void fx_free(struct fx *x)
{
	assert_int_equal(x->md.bad, 0);
	img_free(&x->im);
}

/* Opens `path` and checks its bytes equal `want` in one read. */
static void check_file(struct fat_volume *v, const char *path,
		       const uint8_t *want, size_t n)
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
static void check_file_chunks(struct fat_volume *v, const char *path,
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

static int open_err(struct fat_volume *v, const char *path)
{
	struct fat_file f;

	return fat_open(v, path, &f);
}

/* Reads everything; returns the first error or the byte count. */
static long read_all(struct fat_volume *v, const char *path)
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
			memdev_init(&x.md, &x.im, 0);
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
	put_le16(root + 0x1A, 10);
	put_le32(root + 0x1C, sizeof(want));
	/* Clusters 10, 11, ... in a row; the driver must follow them. */
	for (c = 10, done = 0; done < sizeof(want); c++, done += cb) {
		n = sizeof(want) - done < cb ? sizeof(want) - done : cb;
		memcpy(geo_cluster(x.im.data, &g, c), want + done, n);
		geo_fat_set(x.im.data, &g, c, c + 1);
	}
	geo_fat_set(x.im.data, &g, c - 1, 0x0FFFFFFF);
	memdev_init(&x.md, &x.im, 0);
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
	put_le32(x.im.data + 0x2C, last);
	memdev_init(&x.md, &x.im, 0);
	assert_int_equal(fat_mount(&x.v, &x.md.bd, 0, 0), 0);
	assert_int_equal(x.v.root_cluster, last);
	check_file(&x.v, "vmlinuz", k, 100 * KiB);
	put_le32(x.im.data + 0x2C, last + 1);
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
		put_le32(fat0 + 4 * c, 0); /* FAT 0 only */
	put_le16(x.im.data + 0x28, 0x81);
	assert_int_equal(fat_mount(&x.v, &x.md.bd, 0, 0), 0);
	check_file(&x.v, "vmlinuz", k, 40 * KiB);
	put_le16(x.im.data + 0x28, 0x00); /* mirrored: FAT 0 */
	assert_int_equal(fat_mount(&x.v, &x.md.bd, 0, 0), 0);
	assert_int_equal(read_all(&x.v, "vmlinuz"), FAT_ECORRUPT);
	put_le16(x.im.data + 0x28, 0x82); /* only two FATs */
	assert_int_equal(fat_mount(&x.v, &x.md.bd, 0, 0), FAT_EBADLAYOUT);
	free(k);
	fx_free(&x);
}

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
	put_le16(e + 1, 0xD83D);
	put_le16(e + 3, 0xDE00);
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

/* Deleted entries are skipped; a fragmented file reads back whole. */
/* The contiguous cluster runs of `path`, read from the image's FAT; its
 * cluster count in *clusters when asked. */
static uint32_t file_runs(struct fx *x, const char *path, uint32_t *clusters)
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
	memdev_reset_counts(&x.md);
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

static void test_seek(void **state)
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
	assert_int_equal(fat_open(&x.v, "file", &f), 0);
	for (i = 0; i < 300; i++) {
		s = s * 1103515245u + 12345u;
		pos = (s >> 8) % (size + 1);
		s = s * 1103515245u + 12345u;
		len = i % 3 == 0 ? (s >> 8) % 5000 : (s >> 8) % 70000;
		assert_int_equal(fat_seek(&f, pos), 0);
		assert_int_equal(fat_tell(&f), pos);
		r = fat_read(&f, got, len);
		assert_int_equal(r, len < size - pos ? len : size - pos);
		assert_memory_equal(got, want + pos, (size_t)r);
		assert_int_equal(fat_tell(&f), pos + (uint32_t)r);
	}
	assert_int_equal(fat_seek(&f, size), 0);
	assert_int_equal(fat_read(&f, got, 10), 0);
	assert_int_equal(fat_seek(&f, size + 1), FAT_EINVAL);
	/* Sequential partial reads across sector and cluster edges. */
	assert_int_equal(fat_seek(&f, 100), 0);
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
	void *aligned;

	(void)state;
	fx_mkfs(&x, 300 * MiB, "-F", "32", "-s", "8", NULL);
	want = img_put(&x.im, "/initrd.img", 1 * MiB, 400);
	fx_mount(&x);
	assert_int_equal(fat_open(&x.v, "initrd.img", &f), 0);
	assert_int_equal(posix_memalign(&aligned, 4096, 1 * MiB), 0);
	got = aligned;
	memdev_reset_counts(&x.md);
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
		put_le32(d + 0x1C, 0xFFFFF000);
		assert_int_equal(fat_mount(&x.v, &x.md.bd, 0, 0), 0);
		assert_int_equal(fat_open(&x.v, "file", &f), 0);
		memdev_reset_counts(&x.md);
		for (i = 0; i < 64; i++) {
			r = fat_read(&f, buf, 64 * KiB);
			if (r < 0)
				break;
		}
		assert_int_equal(r, FAT_ECORRUPT);
		assert_int_equal(x.v.corrupt, FAT_CORRUPT_CHAIN_LONG);
		/* The loop is 10 KiB (FAT16: 10 clusters of 1 KiB, 20 KiB). */
		assert_true(x.md.sectors_read < 200);
		/* Seeking back restarts the walk, and the check with it. */
		assert_int_equal(fat_seek(&f, 0), 0);
		assert_int_equal(fat_read(&f, buf, 512), 512);
		fx_free(&x);
	}
	free(buf);
}

/* A directory whose first (full) cluster points at itself. */
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
	c = le16(d + 0x1A) | le16(d + 0x14) << 16;
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
	put_le16(d + 0x14, 0x1234);
	assert_int_equal(read_all(&x.v, "KERNEL.BIN"), 5000);
	put_le16(d + 0x1A, (uint16_t)(g.clusters + 2));
	assert_int_equal(open_err(&x.v, "KERNEL.BIN"), FAT_ECORRUPT);
	put_le16(d + 0x1A, 0);
	assert_int_equal(fat_open(&x.v, "KERNEL.BIN", &f), FAT_ECORRUPT);
	assert_int_equal(fat_read(&f, buf, sizeof(buf)), FAT_EINVAL);
	assert_string_equal(fat_volume_strerror(&x.v, FAT_ECORRUPT),
			    "corrupt filesystem: cluster chain ends early");
	d = memmem(x.im.data, x.im.len, "SUB        ", 11);
	assert_non_null(d);
	put_le16(d + 0x1A, 1);
	assert_int_equal(open_err(&x.v, "SUB/X"), FAT_ECORRUPT);
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
	put_le16(b + 0x0B, 4096);
	EXPECT(FAT_EBADSECTSIZE);
	put_le16(b + 0x0B, 1024);
	EXPECT(FAT_EBADSECTSIZE);
	put_le16(b + 0x0B, 1000);
	EXPECT(FAT_ENOTFAT);
	put_le16(b + 0x0B, 0);
	EXPECT(FAT_ENOTFAT);
	b[0x15] = 0x12; /* media byte */
	EXPECT(FAT_ENOTFAT);
	memset(b, 0, 512);
	EXPECT(FAT_ENOTFAT);
	b[0x0D] = 0;
	EXPECT(FAT_EBADCLUSTSIZE);
	b[0x0D] = 3;
	EXPECT(FAT_EBADCLUSTSIZE);
	put_le16(b + 0x0E, 0);
	EXPECT(FAT_EBADRESERVED);
	b[0x10] = 0;
	EXPECT(FAT_EBADNFATS);
	put_le16(b + 0x13, 0);
	put_le32(b + 0x20, 0);
	EXPECT(FAT_EBADTOTAL);
	assert_int_equal(fat_mount(&x.v, &x.md.bd, 0, x.md.sectors - 1),
			 FAT_EBADTOTAL);
	put_le16(b + 0x16, 1); /* FAT of 1 sector: 256 entries */
	EXPECT(FAT_EBADFATSIZE);
	put_le16(b + 0x0E, 0xFFFF); /* reserved area past the end */
	EXPECT(FAT_EBADLAYOUT);
	put_le16(b + 0x11, 0); /* FAT16 without a root directory */
	EXPECT(FAT_EBADLAYOUT);
	x.md.fail_at = x.md.calls + 1;
	EXPECT(FAT_EIO);
	x.md.fail_at = 0;
	assert_int_equal(fat_mount(&x.v, &x.md.bd, 0, x.md.sectors), 0);
	assert_int_equal(fat_mount(NULL, &x.md.bd, 0, 0), FAT_EINVAL);
	assert_int_equal(open_err(&x.v, "x"), FAT_ENOENT);
#undef EXPECT
	fx_free(&x);
}

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
	x.md.fail_at = x.md.calls + 1;
	assert_int_equal(open_err(&x.v, "file"), FAT_EIO);
	assert_int_equal(fat_open(&x.v, "file", &f), 0);
	/* Fail the FAT read, then the data read; then it all works. */
	x.md.fail_at = x.md.calls + 1;
	assert_int_equal(fat_read(&f, buf, 60 * KiB), FAT_EIO);
	assert_int_equal(fat_seek(&f, 0), 0);
	x.md.fail_at = x.md.calls + 2;
	assert_int_equal(fat_read(&f, buf, 60 * KiB), FAT_EIO);
	x.md.fail_at = 0;
	assert_int_equal(fat_seek(&f, 0), 0);
	assert_int_equal(fat_read(&f, buf, 60 * KiB), (int)(60 * KiB));
	free(buf);
	fx_free(&x);
}

/* --- partitions and 64-bit LBAs ------------------------------------------ */

static void test_partitioned_disk(void **state)
{
	struct img im;
	struct memdev md;
	struct fat_volume v;
	struct part_entry p;
	uint8_t *k, *c;
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

	assert_int_equal(part_pick_boot(im.data, &p), 0);
	assert_int_equal(p.start_lba, 2048);
	assert_int_equal(p.sectors, 30720);
	assert_int_equal(p.type, 0x0C);
	assert_true(p.active);
	memdev_init(&md, &im, 0);
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
	memdev_init(&x.md, &x.im, base);
	assert_int_equal(fat_mount(&x.v, &x.md.bd, base, x.md.sectors), 0);
	check_file(&x.v, "BIG ONE.BIN", k, 3 * MiB + 3);
	free(k);
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
	assert_int_equal(pwrite(fd, ff, 4, le16(bs + 0x30) * 512 + 0x1EC), 4);
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
static void test_file_4gib_minus_1(void **state)
{
	const uint32_t size = 0xFFFFFFFFu, cbytes = 32 * KiB;
	const uint32_t nclus =
	    (uint32_t)(((uint64_t)size + cbytes - 1) / cbytes);
	uint8_t tail[64], got[128];
	uint32_t reserved, fatsz, c0, i, data, root;
	uint64_t off;
	struct fat_file f;
	struct fx x;
	uint8_t *b, *e;

	(void)state;
	fx_mkfs(&x, 4100ull * MiB, "-F", "32", "-s", "64", NULL);
	free(img_put(&x.im, "/BIG.BIN", 100, 70));
	img_map(&x.im);
	b = x.im.data;
	reserved = le16(b + 0x0E);
	fatsz = le32(b + 0x24);
	data = reserved + b[0x10] * fatsz;
	root = le32(b + 0x2C);
	/* The root's first cluster holds the label, then BIG.BIN. */
	e = b + (uint64_t)(data + (root - 2) * 64) * 512;
	while (memcmp(e, "BIG     BIN", 11))
		e += 32;
	c0 = le16(e + 0x14) << 16 | le16(e + 0x1A);
	put_le32(e + 0x1C, size);
	for (i = 0; i < nclus; i++)
		put_le32(b + reserved * 512ull + (c0 + i) * 4ull,
			 i + 1 < nclus ? c0 + i + 1 : 0x0FFFFFFF);
	/* The file's last bytes, where its last cluster keeps them. */
	pattern(tail, sizeof(tail), 71);
	off = (uint64_t)(data + (c0 + nclus - 1 - 2) * 64) * 512 +
	      (size - sizeof(tail)) % cbytes;
	memcpy(b + off, tail, sizeof(tail));
	memdev_init(&x.md, &x.im, 0);
	assert_int_equal(fat_mount(&x.v, &x.md.bd, 0, x.md.sectors), 0);
	assert_int_equal(fat_open(&x.v, "/big.bin", &f), 0);
	assert_int_equal(fat_size(&f), size);
	assert_int_equal(fat_seek(&f, size - sizeof(tail)), 0);
	assert_int_equal(fat_read(&f, got, sizeof(got)), sizeof(tail));
	assert_memory_equal(got, tail, sizeof(tail));
	assert_int_equal(fat_tell(&f), size);
	assert_int_equal(fat_read(&f, got, sizeof(got)), 0);
	assert_int_equal(fat_seek(&f, size), 0);
	assert_int_equal(fat_read(&f, got, 1), 0);
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
#define T(test) cmocka_unit_test_teardown(test, img_teardown)
	const struct CMUnitTest tests[] = {
	    T(test_fat12_floppy),
	    T(test_fat12_big_clusters),
	    T(test_fat16_cluster_sizes),
	    T(test_fat16_reserved_one_fat),
	    T(test_sector_sizes),
	    T(test_fat32_layouts),
	    T(test_fat32_small),
	    T(test_fat32_root_anywhere),
	    T(test_fat32_active_fat),
	    T(test_names_and_dirs),
	    T(test_lfn_checks),
	    T(test_fragmented),
	    T(test_seek),
	    T(test_read_calls),
	    T(test_empty_file),
	    T(test_corrupt_chains),
	    T(test_corrupt_loop_huge_size),
	    T(test_corrupt_dir_loop),
	    T(test_corrupt_dirent),
	    T(test_bpb_checks),
	    T(test_io_errors),
	    T(test_partitioned_disk),
	    T(test_lba_above_4g),
	    T(test_churn),
	    T(test_file_4gib_minus_1),
	    T(test_strerror),
	};
#undef T

	/* mtools refuses geometry it finds odd unless told not to check. */
	setenv("MTOOLS_SKIP_CHECK", "1", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
