// SPDX-License-Identifier: BSD-2-Clause
// seal-stage2 IN.raw OUT.bin: pad the raw stage2 to whole sectors, store its
// sector count and checksum, and hold it to the 62-sector budget.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stage1/format.h"
#include "tools/file.h"
#include "tools/s2img.h"

#define PROG "seal-stage2"

/* Anything this large is a wrong input, not a stage2 to measure. */
#define RAW_MAX (16u << 20)

static int refuse_header(const char *in, int err)
{
	fprintf(stderr, PROG ": %s: %s: ", in, s2img_strerror(err));
	if (err == S2IMG_EABI)
		fprintf(stderr, "stage2's entry and stage1/format.h disagree; "
				"rebuild both from one tree\n");
	else
		fprintf(stderr,
			"is it the objcopy -O binary output of "
			"stage2, starting with struct bz_stage2_header?\n");
	return 1;
}

static int refuse_size(const char *in, size_t sectors)
{
	fprintf(stderr,
		PROG ": %s: stage2 is %zu sectors, the budget is %d "
		     "(%d KiB, the gap of a disk partitioned at sector 63): "
		     "make it smaller\n",
		in, sectors, BZ_S2_MAX_SECTORS,
		BZ_S2_MAX_SECTORS * S2IMG_SECTOR / 1024);
	return 1;
}

static int seal(const char *in, const char *out)
{
	uint8_t *img;
	size_t len, sectors;
	int err;

	err = file_read(in, RAW_MAX, S2IMG_SECTOR, &img, &len);
	if (err) {
		fprintf(stderr, PROG ": cannot read %s: %s\n", in,
			err == -EFBIG ? "larger than 16 MiB, not a stage2"
				      : strerror(-err));
		return 1;
	}
	err = s2img_check_header(img, len);
	if (err) {
		free(img);
		return refuse_header(in, err);
	}
	sectors = s2img_sectors_for(len);
	if (sectors > BZ_S2_MAX_SECTORS) {
		free(img);
		return refuse_size(in, sectors);
	}
	/* file_read() left zeroed room behind the data: that is the pad. */
	s2img_seal(img, sectors * S2IMG_SECTOR);
	err = file_write(out, img, sectors * S2IMG_SECTOR);
	free(img);
	if (err) {
		fprintf(stderr, PROG ": cannot write %s: %s\n", out,
			strerror(-err));
		return 1;
	}
	printf("stage2: %zu bytes, %zu of %d sectors\n", len, sectors,
	       BZ_S2_MAX_SECTORS);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 3 || argv[1][0] == '-') {
		fprintf(stderr, "usage: " PROG " IN.raw OUT.bin\n");
		return 2;
	}
	return seal(argv[1], argv[2]);
}
