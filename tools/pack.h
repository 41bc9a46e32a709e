// SPDX-License-Identifier: BSD-2-Clause
// bzpack: the format stage2/entry.asm unpacks. An LZ77 whose items
// alternate between literal runs and matches, with their lengths and
// offsets in Elias-gamma codes and one "same offset as last time" match:
// a bigger decoder than LZSS (56 bytes more entry) that packs stage2 about
// 13.5% smaller.
//
// Bits are read most significant first from bytes that the stream holds
// among its literal and offset bytes: a new bit byte is taken from the
// stream at the moment the decoder needs a bit and has none left. G(v),
// v >= 1, is v's bits below its top one, most significant first, each
// after a 1 bit, then a 0 bit: 1 is "0", 2 is "1 0 0", 5 is "1 0 1 1 0".
//
//   start:    a literal run
//   run:      G(n), then n bytes
//   after a run:   bit 0: a match at the last offset, G(length)
//                  bit 1: a match at a new offset
//   after a match: bit 0: a run;  bit 1: a match at a new offset
//   new offset: G(((offset - 1) >> 8) + 1), then the byte
//               (offset - 1) & 0xFF, then G(length - 1)
//
// The last offset starts at 1. The stream ends when the output reaches
// its size (the header's unpacked_size): no end marker.
#ifndef BZ_TOOLS_PACK_H
#define BZ_TOOLS_PACK_H

#include <stddef.h>
#include <stdint.h>

/* Room pack_bytes() may need for len bytes: one literal run is len bytes
 * and at most 8 bytes of bits; the margin covers the rest. */
static inline size_t pack_bound(size_t len)
{
	return len + len / 8 + 64;
}

/* Packs in[0..len) into out (pack_bound(len) bytes); returns the size. */
size_t pack_bytes(const uint8_t *in, size_t len, uint8_t *out);

/* Unpacks exactly out_len bytes from exactly in[0..len); returns 0, or -1
 * if the input is malformed, too short or too long. The same algorithm
 * as the asm. */
int unpack_bytes(const uint8_t *in, size_t len, uint8_t *out, size_t out_len);

#endif
