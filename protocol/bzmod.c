// SPDX-License-Identifier: BSD-2-Clause
/* Stage2 module files: identity, sealing and checking (protocol/bzmod.h). */
#include <stddef.h>
#include <stdint.h>

#include "protocol/bzmod.h"
#include "protocol/le.h"

#define OFF(field) __builtin_offsetof(struct bzmod_header, field)

uint32_t bzmod_ident(const uint8_t *p, size_t len)
{
	uint32_t h = 0;

	for (size_t i = 0; i + 4 <= len; i += 4)
		h = ((h << 5) | (h >> 27)) + le32_get(p + i);
	return h;
}

static int check_header(const uint8_t *img, size_t len)
{
	if (len < sizeof(struct bzmod_header))
		return BZMOD_ESHORT;
	if (le32_get(img + OFF(magic)) != BZMOD_MAGIC)
		return BZMOD_EMAGIC;
	if (le16_get(img + OFF(abi)) != BZMOD_ABI)
		return BZMOD_EABI;
	return len % 4 ? BZMOD_ESIZE : BZMOD_OK;
}

int bzmod_seal(uint8_t *img, size_t len, uint32_t stage2_id)
{
	int err = check_header(img, len);

	if (err)
		return err;
	le32_put(img + OFF(size), (uint32_t)len);
	le32_put(img + OFF(stage2_id), stage2_id);
	le32_put(img + OFF(checksum), 0);
	le32_put(img + OFF(checksum), 0u - le32_sum(img, len));
	return BZMOD_OK;
}

int bzmod_check(const uint8_t *img, size_t len, uint32_t stage2_id)
{
	int err = check_header(img, len);

	if (err)
		return err;
	if (le32_get(img + OFF(size)) != len)
		return BZMOD_ESIZE;
	if (le32_sum(img, len))
		return BZMOD_ECHECKSUM;
	if (le32_get(img + OFF(stage2_id)) != stage2_id)
		return BZMOD_EIDENT;
	return BZMOD_OK;
}

const char *bzmod_strerror(int err)
{
	switch (err) {
	case BZMOD_OK:
		return "ok";
	case BZMOD_ESHORT:
		return "file too short for a module";
	case BZMOD_EMAGIC:
		return "not a bzboot module (bad magic)";
	case BZMOD_EABI:
		return "module format of another bzboot version";
	case BZMOD_ESIZE:
		return "length does not match its header";
	case BZMOD_ECHECKSUM:
		return "checksum mismatch: the file is damaged";
	case BZMOD_EIDENT:
		return "built for another bzboot build";
	}
	return "unknown module error";
}
