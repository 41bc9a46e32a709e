// SPDX-License-Identifier: BSD-2-Clause
// The stage images bzboot install writes, built in or read from files, and
// the checks that refuse a wrong file before the disk is opened.
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "stage1/format.h"
#include "tools/bzboot.h"
#include "tools/file.h"
#include "tools/image.h"
#include "tools/s2img.h"

#define STAGE1_SIZE 512 /* build/stage1/mbr.bin is one sector */

/* The built-in copy [start, end) when path is NULL, else path's bytes. */
static int image_read(struct image *img, const char *path, size_t max,
		      const uint8_t *start, const uint8_t *end)
{
	int err;

	if (!path) {
		img->len = (size_t)(end - start);
		img->data = malloc(img->len);
		if (!img->data) {
			bz_error("out of memory");
			return -1;
		}
		memcpy(img->data, start, img->len);
		return 0;
	}
	err = file_read(path, max, 0, &img->data, &img->len);
	if (err == -EFBIG)
		bz_error("%s is larger than %zu bytes: is it the right file?",
			 path, max);
	else if (err)
		bz_error("cannot read %s: %s", path, strerror(-err));
	return err ? -1 : 0;
}

int image_load_stage1(struct image *img, const char *path)
{
	const char *name = path ? path : "the built-in stage1";

	if (image_read(img, path, STAGE1_SIZE, bz_stage1_start, bz_stage1_end))
		return -1;
	if (img->len != STAGE1_SIZE) {
		bz_error("%s is %zu bytes; stage1 must be exactly %d "
			 "(build/stage1/mbr.bin)",
			 name, img->len, STAGE1_SIZE);
		return -1;
	}
	return 0;
}

int image_load_stage2(struct image *img, const char *path)
{
	const char *name = path ? path : "the built-in stage2";
	int err;

	if (image_read(img, path, BZ_S2_MAX_SECTORS * S2IMG_SECTOR,
		       bz_stage2_start, bz_stage2_end))
		return -1;
	err = s2img_check(img->data, img->len);
	if (err) {
		bz_error("%s is not a sealed stage2 image: %s (use "
			 "build/stage2.bin, made by seal-stage2)",
			 name, s2img_strerror(err));
		return -1;
	}
	return 0;
}
