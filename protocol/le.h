// SPDX-License-Identifier: BSD-2-Clause
// Little-endian loads and stores for on-disk fields: byte by byte, so they
// work at any alignment and on any host byte order.
#ifndef BZ_PROTOCOL_LE_H
#define BZ_PROTOCOL_LE_H

#include <stddef.h>
#include <stdint.h>

static inline uint16_t le16_get(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t le32_get(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static inline uint64_t le64_get(const uint8_t *p)
{
	return (uint64_t)le32_get(p) | (uint64_t)le32_get(p + 4) << 32;
}

static inline void le16_put(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void le32_put(uint8_t *p, uint32_t v)
{
	le16_put(p, (uint16_t)v);
	le16_put(p + 2, (uint16_t)(v >> 16));
}

static inline void le64_put(uint8_t *p, uint64_t v)
{
	le32_put(p, (uint32_t)v);
	le32_put(p + 4, (uint32_t)(v >> 32));
}

/* The 32-bit sum of the little-endian words of p[0..len) (a trailing
 * partial word is not counted): the checksum stage2's image and modules
 * carry, sealed so that it comes to zero. */
static inline uint32_t le32_sum(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;

	for (size_t i = 0; i + 4 <= len; i += 4)
		sum += le32_get(p + i);
	return sum;
}

#endif
