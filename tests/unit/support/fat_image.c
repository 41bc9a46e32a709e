// SPDX-License-Identifier: BSD-2-Clause
/* The FAT image helpers of fat_image.h: mkfs.fat, mtools and sfdisk run
 * with posix_spawn, images in temporary directories, and a reading of the
 * layout that does not share fs/fat.c's code. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "protocol/le.h"
#include "tests/unit/support/fat_image.h"

/* --- processes ----------------------------------------------------------- */

/* Runs argv with output silenced and stdin from the file `input` (or
 * /dev/null); returns the exit status. posix_spawn, not fork: forking an
 * ASan process hundreds of times is what made this test slow. */
int run_argv_input(char *const argv[], const char *input)
{
	static const char *const sbin[] = {"/usr/sbin/", "/sbin/"};
	posix_spawn_file_actions_t fa;
	char path[128];
	unsigned i;
	int status, err;
	pid_t pid;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, input ? input : "/dev/null",
					 O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	err = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	/* mkfs.fat and sfdisk live in sbin, often not in a user's PATH. */
	for (i = 0; err == ENOENT && !strchr(argv[0], '/') && i < 2; i++) {
		snprintf(path, sizeof(path), "%s%s", sbin[i], argv[0]);
		err = posix_spawn(&pid, path, &fa, NULL, argv, environ);
	}
	posix_spawn_file_actions_destroy(&fa);
	if (err)
		return err == ENOENT ? 127 : -1;
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

int run_argv(char *const argv[])
{
	return run_argv_input(argv, NULL);
}

/* run("mkfs.fat", "-F", "12", path, NULL); fails the test on error. */
void run(const char *first, ...)
{
	char *argv[32];
	va_list ap;
	int n = 0, rc;

	argv[n++] = (char *)first;
	va_start(ap, first);
	while ((argv[n] = va_arg(ap, char *)) != NULL && n < 31)
		n++;
	va_end(ap);
	argv[n] = NULL;
	rc = run_argv(argv);
	if (rc != 0) {
		fprintf(stderr, "command failed (%d):", rc);
		for (n = 0; argv[n]; n++)
			fprintf(stderr, " '%s'", argv[n]);
		fprintf(stderr, "\n");
		if (rc == 127)
			fprintf(stderr, "not found: install dosfstools, mtools "
					"and fdisk\n");
	}
	assert_int_equal(rc, 0);
}

/* --- images -------------------------------------------------------------- */

/* Temporary directories still alive: a failed assert longjmps past
 * img_free, so the per-test teardown removes what is left here. */
static char img_live[8][64];

static void img_live_set(const char *dir, bool add)
{
	unsigned i;

	for (i = 0; i < 8; i++) {
		if (add && !img_live[i][0]) {
			strcpy(img_live[i], dir);
			return;
		}
		if (!add && !strcmp(img_live[i], dir)) {
			img_live[i][0] = 0;
			return;
		}
	}
}

/* cmocka teardown: rm -rf whatever a failed test left behind. */
int img_teardown(void **state)
{
	char *argv[] = {"rm", "-rf", NULL, NULL};
	unsigned i;

	(void)state;
	for (i = 0; i < 8; i++) {
		if (!img_live[i][0])
			continue;
		argv[2] = img_live[i];
		run_argv(argv);
		img_live[i][0] = 0;
	}
	return 0;
}

/* A sparse image of `bytes` in a fresh temporary directory. */
void img_new(struct img *im, uint64_t bytes)
{
	int fd;

	memset(im, 0, sizeof(*im));
	strcpy(im->dir, "/tmp/bzfat.XXXXXX");
	assert_non_null(mkdtemp(im->dir));
	img_live_set(im->dir, true);
	snprintf(im->path, sizeof(im->path), "%s/disk.img", im->dir);
	snprintf(im->mpath, sizeof(im->mpath), "%s", im->path);
	fd = open(im->path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)bytes), 0);
	close(fd);
}

/* Makes mtools address a filesystem that starts `sectors` in. */
void img_offset(struct img *im, uint64_t sectors)
{
	snprintf(im->mpath, sizeof(im->mpath), "%s@@%llu", im->path,
		 (unsigned long long)sectors * 512);
}

/* Deterministic test bytes: xorshift32 from a seed. */
void pattern(uint8_t *buf, size_t n, uint32_t seed)
{
	uint32_t x = seed * 2654435761u + 1;
	size_t i;

	for (i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = (uint8_t)(x >> 11);
	}
}

/* Copies `n` bytes of pattern(seed) to `dest` ("::/dir/name") in the
 * image; returns the bytes (caller frees) for later comparison. */
uint8_t *img_put(struct img *im, const char *dest, size_t n, uint32_t seed)
{
	char src[128], mdest[512];
	uint8_t *buf = malloc(n ? n : 1);
	FILE *fp;

	assert_non_null(buf);
	pattern(buf, n, seed);
	snprintf(src, sizeof(src), "%s/src%u", im->dir, im->nsrc++);
	fp = fopen(src, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(buf, 1, n, fp), n);
	fclose(fp);
	snprintf(mdest, sizeof(mdest), "::%s", dest);
	run("mcopy", "-i", im->mpath, src, mdest, NULL);
	unlink(src);
	return buf;
}

void img_mkdir(struct img *im, const char *dir)
{
	char mdir[512];

	snprintf(mdir, sizeof(mdir), "::%s", dir);
	run("mmd", "-i", im->mpath, mdir, NULL);
}

void img_del(struct img *im, const char *file)
{
	char mfile[512];

	snprintf(mfile, sizeof(mfile), "::%s", file);
	run("mdel", "-i", im->mpath, mfile, NULL);
}

void img_map(struct img *im)
{
	struct stat st;
	int fd = open(im->path, O_RDONLY);

	assert_true(fd >= 0);
	assert_int_equal(fstat(fd, &st), 0);
	im->len = (size_t)st.st_size;
	im->data =
	    mmap(NULL, im->len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	close(fd);
	assert_true(im->data != MAP_FAILED);
}

void img_free(struct img *im)
{
	char p[192];
	unsigned i;

	if (im->data && im->data != MAP_FAILED)
		munmap(im->data, im->len);
	unlink(im->path);
	for (i = 0; i < im->nsrc; i++) {
		snprintf(p, sizeof(p), "%s/src%u", im->dir, i);
		unlink(p);
	}
	if (im->dir[0] && rmdir(im->dir) != 0)
		fprintf(stderr, "rmdir %s: %s\n", im->dir, strerror(errno));
	img_live_set(im->dir, false);
	memset(im, 0, sizeof(*im));
}

/* --- an independent reading of the layout, for patching ------------------ */

void geo_read(const uint8_t *vol, struct geo *g)
{
	uint32_t total =
	    le16_get(vol + 0x13) ? le16_get(vol + 0x13) : le32_get(vol + 0x20);
	uint32_t root = (le16_get(vol + 0x11) * 32 + 511) / 512;

	g->fat_sectors =
	    le16_get(vol + 0x16) ? le16_get(vol + 0x16) : le32_get(vol + 0x24);
	g->fat_start = le16_get(vol + 0x0E);
	g->nfats = vol[0x10];
	g->spc = vol[0x0D];
	g->data_start = g->fat_start + g->nfats * g->fat_sectors + root;
	g->clusters = (total - g->data_start) / g->spc;
	g->type = g->clusters < 4085 ? 12 : g->clusters < 65525 ? 16 : 32;
	if (le16_get(vol + 0x16) == 0)
		g->type = 32;
	g->root_cluster = g->type == 32 ? le32_get(vol + 0x2C) : 0;
}

uint32_t geo_fat_get(const uint8_t *vol, const struct geo *g, uint32_t c)
{
	const uint8_t *fat = vol + (size_t)g->fat_start * 512;
	uint32_t v;

	if (g->type == 12) {
		v = le16_get(fat + c + c / 2);
		return c & 1 ? v >> 4 : v & 0xFFF;
	}
	if (g->type == 16)
		return le16_get(fat + c * 2);
	return le32_get(fat + c * 4) & 0x0FFFFFFF;
}

/* Sets the entry in every FAT copy. */
void geo_fat_set(uint8_t *vol, const struct geo *g, uint32_t c, uint32_t val)
{
	uint32_t i, v;

	for (i = 0; i < g->nfats; i++) {
		uint8_t *fat =
		    vol +
		    ((size_t)g->fat_start + (size_t)i * g->fat_sectors) * 512;

		if (g->type == 12) {
			v = le16_get(fat + c + c / 2);
			if (c & 1)
				v = (v & 0x000F) | (val & 0xFFF) << 4;
			else
				v = (v & 0xF000) | (val & 0xFFF);
			le16_put(fat + c + c / 2, v);
		} else if (g->type == 16) {
			le16_put(fat + c * 2, val);
		} else {
			le32_put(fat + c * 4,
				 (le32_get(fat + c * 4) & 0xF0000000) |
				     (val & 0x0FFFFFFF));
		}
	}
}

uint8_t *geo_cluster(uint8_t *vol, const struct geo *g, uint32_t c)
{
	return vol + ((size_t)g->data_start + (size_t)(c - 2) * g->spc) * 512;
}

void img_memdisk(const struct img *im, uint64_t base, struct memdisk *m)
{
	memdisk_init(m, im->data, base, im->len / 512);
}
