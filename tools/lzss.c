// SPDX-License-Identifier: BSD-2-Clause
// The host side of stage2 packing: a greedy LZSS packer (longest match in
// the 4 KiB window, found through hash chains) and the reference unpacker
// the sealer checks every packed image with.
#include <stdlib.h>
#include <string.h>

#include "protocol/le.h"
#include "tools/lzss.h"

#define HASH_BITS 12
#define NO_POS	  ((size_t)-1)

static unsigned hash3(const uint8_t *p)
{
	return ((p[0] << 8) ^ (p[1] << 4) ^ p[2]) & ((1u << HASH_BITS) - 1);
}

size_t lzss_pack(const uint8_t *in, size_t len, uint8_t *out)
{
	size_t *head = malloc(sizeof(size_t) << HASH_BITS);
	size_t *prev = malloc(sizeof(size_t) * (len ? len : 1));
	size_t i = 0, o = 0, flag_at = 0;
	unsigned nbits = 8;

	if (!head || !prev)
		abort();
	for (size_t h = 0; h < (1u << HASH_BITS); h++)
		head[h] = NO_POS;
	while (i < len) {
		size_t best = 0, best_off = 0;

		if (nbits == 8) { /* a new flag byte */
			flag_at = o++;
			out[flag_at] = 0;
			nbits = 0;
		}
		if (i + LZSS_MIN <= len) {
			size_t cand = head[hash3(in + i)];

			while (cand != NO_POS && i - cand <= LZSS_WINDOW) {
				size_t n = 0, max = len - i;

				if (max > LZSS_MAX)
					max = LZSS_MAX;
				while (n < max && in[cand + n] == in[i + n])
					n++;
				if (n > best) {
					best = n;
					best_off = i - cand;
				}
				cand = prev[cand];
			}
		}
		size_t step = best >= LZSS_MIN ? best : 1;

		if (best >= LZSS_MIN) {
			unsigned w = (unsigned)(best_off - 1) |
				     (unsigned)(best - LZSS_MIN) << 12;

			le16_put(out + o, (uint16_t)w);
			o += 2;
		} else {
			out[flag_at] |= 1u << nbits;
			out[o++] = in[i];
		}
		nbits++;
		for (size_t k = 0; k < step; k++, i++) {
			if (i + LZSS_MIN <= len) {
				unsigned h = hash3(in + i);

				prev[i] = head[h];
				head[h] = i;
			}
		}
	}
	free(head);
	free(prev);
	return o;
}

size_t lzss_unpack(const uint8_t *in, size_t len, uint8_t *out, size_t out_max)
{
	size_t i = 0, o = 0;

	while (i < len) {
		unsigned flags = in[i++];

		for (int bit = 0; bit < 8 && i < len; bit++, flags >>= 1) {
			if (flags & 1) {
				if (o >= out_max)
					return (size_t)-1;
				out[o++] = in[i++];
				continue;
			}
			if (i + 2 > len)
				return (size_t)-1;
			unsigned w = le16_get(in + i);
			size_t off = (w & 0xFFF) + 1, n = (w >> 12) + LZSS_MIN;

			i += 2;
			if (off > o || o + n > out_max)
				return (size_t)-1;
			for (size_t k = 0; k < n; k++, o++)
				out[o] = out[o - off];
		}
	}
	return o;
}
