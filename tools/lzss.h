// SPDX-License-Identifier: BSD-2-Clause
// LZSS as stage2's entry unpacks it (stage2/entry.asm, unpack): a flag
// byte before every 8 items, least significant bit first; 1 = one literal
// byte, 0 = a match, 16 bits little-endian: offset - 1 in bits 0-11
// (1..4096 bytes back), length - 3 in bits 12-15 (3..18 bytes). Chosen for
// the smallest decoder, not the best ratio.
#ifndef BZ_TOOLS_LZSS_H
#define BZ_TOOLS_LZSS_H

#include <stddef.h>
#include <stdint.h>

#define LZSS_WINDOW 4096
#define LZSS_MIN    3
#define LZSS_MAX    18

/* Worst case: every byte a literal, plus one flag byte per 8. */
static inline size_t lzss_bound(size_t len)
{
	return len + len / 8 + 1;
}

/* Packs in[0..len) into out (lzss_bound(len) bytes); returns the size. */
size_t lzss_pack(const uint8_t *in, size_t len, uint8_t *out);

/* Unpacks; returns the unpacked size, or (size_t)-1 if the input is
 * malformed or would exceed out_max. The same algorithm as the asm. */
size_t lzss_unpack(const uint8_t *in, size_t len, uint8_t *out, size_t out_max);

#endif
