// SPDX-License-Identifier: BSD-2-Clause
// The sealed stage2 image (stage1/format.h): header checks, the checksum,
// and sealing a raw image. Shared by seal-stage2 and bzboot.
#ifndef BZ_TOOLS_S2IMG_H
#define BZ_TOOLS_S2IMG_H

#include <stddef.h>
#include <stdint.h>

#define S2IMG_SECTOR 512

enum s2img_err {
	S2IMG_OK = 0,
	S2IMG_ESHORT = -1, /* shorter than the header */
	S2IMG_EMAGIC = -2,
	S2IMG_EABI = -3,
	S2IMG_EALIGN = -4,  /* not a whole number of sectors */
	S2IMG_ELENGTH = -5, /* header's sector count != image length */
	S2IMG_EBIG = -6,    /* more than BZ_S2_MAX_SECTORS */
	S2IMG_ECHECKSUM = -7,
};

/* Sectors needed to hold len bytes, rounded up. */
size_t s2img_sectors_for(size_t len);

/* Magic and ABI of a raw or sealed image. */
int s2img_check_header(const uint8_t *img, size_t len);

/*
 * Seal an image already padded to whole sectors: store its sector count and
 * the checksum that makes s2img_sum() zero.
 */
int s2img_seal(uint8_t *img, size_t len);

/*
 * Store which partition stage2 boots from (the header's partition field: a
 * number, 0 to choose, or BZ_S2_PART_VOLUME) and seal the image again.
 */
int s2img_set_partition(uint8_t *img, size_t len, uint32_t partition);

/* Everything stage1 and stage2 will check, plus the sector budget. */
int s2img_check(const uint8_t *img, size_t len);

const char *s2img_strerror(int err);

#endif
