// SPDX-License-Identifier: BSD-2-Clause
// The sealed stage2 image: header checks, the checksum, sealing.
#include <stddef.h>
#include <stdint.h>

#include "stage1/format.h"
#include "protocol/le.h"
#include "tools/s2img.h"

#define OFF(field) offsetof(struct bz_stage2_header, field)

size_t s2img_sectors_for(size_t len)
{
	return (len + S2IMG_SECTOR - 1) / S2IMG_SECTOR;
}

int s2img_check_header(const uint8_t *img, size_t len)
{
	if (len < sizeof(struct bz_stage2_header))
		return S2IMG_ESHORT;
	if (le32_get(img + OFF(magic)) != BZ_S2_MAGIC)
		return S2IMG_EMAGIC;
	if (le16_get(img + OFF(abi)) != BZ_S2_ABI)
		return S2IMG_EABI;
	return S2IMG_OK;
}

int s2img_seal(uint8_t *img, size_t len)
{
	int err = s2img_check_header(img, len);

	if (err)
		return err;
	if (len % S2IMG_SECTOR)
		return S2IMG_EALIGN;
	if (len / S2IMG_SECTOR > BZ_S2_MAX_SECTORS)
		return S2IMG_EBIG;
	le16_put(img + OFF(sectors), (uint16_t)(len / S2IMG_SECTOR));
	le32_put(img + OFF(checksum), 0);
	le32_put(img + OFF(checksum), 0u - le32_sum(img, len));
	return S2IMG_OK;
}

int s2img_set_partition(uint8_t *img, size_t len, uint32_t partition)
{
	le32_put(img + OFF(partition), partition);
	return s2img_seal(img, len);
}

/* The sector count stored in a sealed image's header. */
static uint16_t s2img_header_sectors(const uint8_t *img)
{
	return le16_get(img + OFF(sectors));
}

int s2img_check(const uint8_t *img, size_t len)
{
	int err = s2img_check_header(img, len);

	if (err)
		return err;
	if (len % S2IMG_SECTOR)
		return S2IMG_EALIGN;
	if (s2img_header_sectors(img) != len / S2IMG_SECTOR)
		return S2IMG_ELENGTH;
	if (len / S2IMG_SECTOR > BZ_S2_MAX_SECTORS)
		return S2IMG_EBIG;
	if (le32_sum(img, len) != 0)
		return S2IMG_ECHECKSUM;
	return S2IMG_OK;
}

const char *s2img_strerror(int err)
{
	switch (err) {
	case S2IMG_OK:
		return "ok";
	case S2IMG_ESHORT:
		return "shorter than the stage2 header";
	case S2IMG_EMAGIC:
		return "no \"BZS2\" magic at offset 4";
	case S2IMG_EABI:
		return "stage2 ABI differs from stage1's";
	case S2IMG_EALIGN:
		return "not whole 512-byte sectors";
	case S2IMG_ELENGTH:
		return "header's sector count does not match "
		       "the length";
	case S2IMG_EBIG:
		return "larger than the 62-sector budget";
	case S2IMG_ECHECKSUM:
		return "checksum does not add up to zero";
	}
	return "unknown stage2 image error";
}
