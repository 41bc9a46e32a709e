// SPDX-License-Identifier: BSD-2-Clause
// Facts inside the kernel's protected-mode part, for tools that show them:
// the kernel_info structure (2.15+) and the payload's compression format.
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "protocol/bootparam.h"
#include "protocol/linux.h"

// header, size and size_total: the fields every kernel_info has.
#define KERNEL_INFO_MIN 12u

int linux_parse_kernel_info(const void *pm, size_t len, uint32_t offset,
			    struct kernel_info *ki)
{
	const uint8_t *b = pm;

	if (!pm || !ki)
		return LINUX_EINVAL;
	memset(ki, 0, sizeof(*ki));
	if (offset > len || len - offset < KERNEL_INFO_MIN)
		return LINUX_EBADKINFO;
	memcpy(ki, b + offset, KERNEL_INFO_MIN);
	// size counts the fixed fields the kernel knows, size_total adds the
	// variable-length data after them; all of it must be in the image.
	if (ki->header != KERNEL_INFO_MAGIC || ki->size < KERNEL_INFO_MIN ||
	    ki->size_total < ki->size || ki->size_total > len - offset) {
		memset(ki, 0, sizeof(*ki));
		return LINUX_EBADKINFO;
	}
	// Fields past size are ones this kernel predates: leave them 0.
	if (ki->size >= sizeof(*ki))
		memcpy(ki, b + offset, sizeof(*ki));
	return 0;
}

// Magic numbers from boot.rst (payload_offset) and the kernel's own
// compressed/ decompressors; LZMA's is its properties byte and dictionary
// size as the kernel's build writes them.
static const struct {
	uint8_t len, format;
	uint8_t magic[6];
} payload_magic[] = {
    {2, LINUX_PAYLOAD_GZIP, {0x1F, 0x8B}},
    {2, LINUX_PAYLOAD_GZIP, {0x1F, 0x9E}}, // old gzip
    {3, LINUX_PAYLOAD_BZIP2, {'B', 'Z', 'h'}},
    {3, LINUX_PAYLOAD_LZMA, {0x5D, 0x00, 0x00}},
    {6, LINUX_PAYLOAD_XZ, {0xFD, '7', 'z', 'X', 'Z', 0x00}},
    {4, LINUX_PAYLOAD_LZO, {0x89, 'L', 'Z', 'O'}},
    {4, LINUX_PAYLOAD_LZ4, {0x02, 0x21, 0x4C, 0x18}}, // legacy frames
    {4, LINUX_PAYLOAD_ZSTD, {0x28, 0xB5, 0x2F, 0xFD}},
    {4, LINUX_PAYLOAD_ELF, {0x7F, 'E', 'L', 'F'}},
};

int linux_payload_format(const void *payload, size_t len)
{
	size_t i;

	if (!payload)
		return LINUX_PAYLOAD_UNKNOWN;
	for (i = 0; i < sizeof(payload_magic) / sizeof(payload_magic[0]); i++)
		if (len >= payload_magic[i].len &&
		    !memcmp(payload, payload_magic[i].magic,
			    payload_magic[i].len))
			return payload_magic[i].format;
	return LINUX_PAYLOAD_UNKNOWN;
}
