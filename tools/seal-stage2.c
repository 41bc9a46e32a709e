// SPDX-License-Identifier: BSD-2-Clause
// seal-stage2 IN.raw OUT.bin [MAIN.raw]: append MAIN packed with bzpack
// (tools/pack.h; when given) to the raw entry IN, pad to whole sectors, store
// the sector count, payload fields and checksum, and hold it to the 62-sector
// budget.
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/le.h"
#include "stage1/format.h"
#include "tools/file.h"
#include "tools/pack.h"
#include "tools/s2img.h"

#define PROG "seal-stage2"

/* Anything this large is a wrong input, not a stage2 to measure. */
#define RAW_MAX (16u << 20)
/* The packer needs about 640 bytes of memory per input byte; stage2 is
 * at most 52 KiB unpacked (docs/architecture.md, "Size budget"). */
#define MAIN_MAX (1u << 20)

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

static int read_raw(const char *path, size_t extra, uint8_t **buf, size_t *len)
{
	int err = file_read(path, RAW_MAX, extra, buf, len);

	if (err)
		fprintf(stderr, PROG ": cannot read %s: %s\n", path,
			err == -EFBIG ? "larger than 16 MiB, not a stage2"
				      : strerror(-err));
	return err;
}

/* Appends main packed at a 4-byte aligned offset after the entry and
 * records where; unpacks it again to prove the round trip. */
static int pack_main(const char *main_path, uint8_t **img, size_t *len)
{
	uint8_t *main, *packed, *check, *grown;
	size_t mlen, plen, off = (*len + 3) & ~(size_t)3;
	int err;

	err = read_raw(main_path, 0, &main, &mlen);
	if (err)
		return 1;
	if (mlen > MAIN_MAX) {
		fprintf(stderr,
			PROG ": %s: %zu bytes, more than stage2 can be "
			     "unpacked (at most %u): is it stage2.raw?\n",
			main_path, mlen, MAIN_MAX);
		free(main);
		return 1;
	}
	packed = malloc(pack_bound(mlen));
	check = malloc(mlen + 1);
	if (!packed || !check)
		abort();
	plen = pack_bytes(main, mlen, packed);
	if (unpack_bytes(packed, plen, check, mlen) ||
	    memcmp(check, main, mlen)) {
		fprintf(stderr, PROG ": %s: packing does not round-trip\n",
			main_path);
		return 1;
	}
	grown = realloc(*img, off + plen + S2IMG_SECTOR);
	if (!grown)
		abort();
	memset(grown + *len, 0, off + plen + S2IMG_SECTOR - *len);
	memcpy(grown + off, packed, plen);
	le32_put(grown + offsetof(struct bz_stage2_header, payload_off), off);
	le32_put(grown + offsetof(struct bz_stage2_header, packed_size), plen);
	le32_put(grown + offsetof(struct bz_stage2_header, unpacked_size),
		 mlen);
	printf("stage2: %zu bytes of entry, %zu bytes packed to %zu (%zu%%)\n",
	       *len, mlen, plen, mlen ? plen * 100 / mlen : 0);
	*img = grown;
	*len = off + plen;
	free(main);
	free(packed);
	free(check);
	return 0;
}

static int seal(const char *in, const char *out, const char *main_path)
{
	uint8_t *img;
	size_t len, sectors;
	int err;

	if (read_raw(in, S2IMG_SECTOR, &img, &len))
		return 1;
	err = s2img_check_header(img, len);
	if (err) {
		free(img);
		return refuse_header(in, err);
	}
	if (main_path && pack_main(main_path, &img, &len)) {
		free(img);
		return 1;
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
	if (argc < 3 || argc > 4 || argv[1][0] == '-') {
		fprintf(stderr, "usage: " PROG " IN.raw OUT.bin [MAIN.raw]\n");
		return 2;
	}
	return seal(argv[1], argv[2], argc == 4 ? argv[3] : NULL);
}
