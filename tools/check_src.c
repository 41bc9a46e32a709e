// SPDX-License-Identifier: BSD-2-Clause
// The files `bzboot check` reads: through fs/ on a FAT volume, or from a
// host directory that stands for the volume's root (tools/check_src.h).
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "tools/check_src.h"

#define CHUNK (1024 * 1024)

static int fat_src_read(struct check_src *s, const char *path, void *buf,
			size_t max, uint64_t *size, int whole)
{
	struct fat_file f;
	uint32_t want;
	int err, got;

	err = fat_open(s->fat, path, &f);
	if (err)
		return err;
	*size = fat_size(&f);
	want = *size < max ? (uint32_t)*size : (uint32_t)max;
	got = fat_read(&f, buf, want);
	if (got < 0)
		return got;
	if ((uint32_t)got != want) {
		s->missing = *size - (uint32_t)got;
		return CHECK_EEARLY;
	}
	if (!whole || want == *size)
		return 0;
	/* The rest, as stage2 reads it: front to back, a chunk at a time. */
	uint8_t *scratch = malloc(CHUNK);
	uint64_t left = *size - want;

	if (!scratch)
		return FAT_EIO;
	while (left) {
		uint32_t n = left < CHUNK ? (uint32_t)left : CHUNK;

		got = fat_read(&f, scratch, n);
		if (got < 0 || (uint32_t)got != n)
			break;
		left -= n;
	}
	free(scratch);
	if (left && got >= 0)
		s->missing = left - (uint32_t)got;
	return left ? (got < 0 ? got : CHECK_EEARLY) : 0;
}

/* The entry of dir named name, found as FAT finds it (case ignored), into
 * out (dir/entry); FAT_ENOENT when there is none. */
static int tree_lookup(const char *dir, const char *name, char *out,
		       size_t size)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int err = FAT_ENOENT;

	if (!d)
		return errno == ENOTDIR ? FAT_ENOTDIR : FAT_EIO;
	while ((e = readdir(d)) != NULL) {
		if (strcasecmp(e->d_name, name))
			continue;
		err =
		    (size_t)snprintf(out, size, "%s/%s", dir, e->d_name) < size
			? 0
			: FAT_ENAMETOOLONG;
		break;
	}
	closedir(d);
	return err;
}

static int tree_src_read(struct check_src *s, const char *path, void *buf,
			 size_t max, uint64_t *size)
{
	char at[4096], next[4096], name[256];
	int depth = 0, err;
	struct stat st;
	FILE *f;
	size_t n;

	snprintf(at, sizeof(at), "%s", s->root);
	while (*path) {
		const char *end;

		while (*path == '/')
			path++;
		if (!*path)
			break;
		end = strchr(path, '/');
		n = end ? (size_t)(end - path) : strlen(path);
		if (n >= sizeof(name))
			return FAT_ENAMETOOLONG;
		memcpy(name, path, n);
		name[n] = '\0';
		path += n;
		/* FAT's root has no "." or "..", its directories have both:
		 * nothing above the tree is reached */
		if (!strcmp(name, ".") || !strcmp(name, "..")) {
			if (!depth)
				return FAT_ENOENT;
			depth -= name[1] == '.';
		} else {
			depth++;
		}
		if (stat(at, &st) || !S_ISDIR(st.st_mode))
			return FAT_ENOTDIR;
		err = tree_lookup(at, name, next, sizeof(next));
		if (err)
			return err;
		memcpy(at, next, sizeof(at));
	}
	if (stat(at, &st))
		return FAT_EIO;
	if (S_ISDIR(st.st_mode))
		return FAT_EISDIR;
	*size = (uint64_t)st.st_size;
	f = fopen(at, "rb");
	if (!f)
		return FAT_EIO;
	n = fread(buf, 1, *size < max ? (size_t)*size : max, f);
	err = ferror(f) ? FAT_EIO : 0;
	fclose(f);
	if (!err && n != (*size < max ? (size_t)*size : max)) {
		s->missing = *size - n;
		err = CHECK_EEARLY;
	}
	return err;
}

int check_src_read(struct check_src *s, const char *path, void *buf, size_t max,
		   uint64_t *size, int whole)
{
	*size = 0;
	return s->fat ? fat_src_read(s, path, buf, max, size, whole)
		      : tree_src_read(s, path, buf, max, size);
}

const char *check_src_strerror(const struct check_src *s, int err)
{
	if (err == CHECK_EEARLY)
		return "file ended early";
	return s->fat ? fat_volume_strerror(s->fat, err) : fat_strerror(err);
}
