// SPDX-License-Identifier: BSD-2-Clause
// The host side of stage2 packing: an LZSS packer with optimal parsing and
// the reference unpacker the sealer checks every packed image with.
//
// Greedy matching (always the longest match) is not the smallest encoding
// of this format: a literal now can allow a longer match one byte later.
// The packer finds, for every position, the longest match in the 4 KiB
// window (hash chains), then works backwards choosing the cheapest way to
// encode the rest from each position: a literal (9 bits with its flag bit)
// or a match of any length from 3 up to the longest (17 bits). A match
// of length n exists at the longest match's offset for every n below it,
// so the lengths are all the choice there is. Fewest bits is fewest
// bytes: the packed size is ceil(bits / 8).
#include <stdlib.h>

#include "protocol/le.h"
#include "tools/lzss.h"

#define HASH_BITS  12
#define NO_POS	   ((size_t)-1)
#define LIT_BITS   9  /* flag bit + byte */
#define MATCH_BITS 17 /* flag bit + 16-bit offset/length word */

static unsigned hash3(const uint8_t *p)
{
	return ((p[0] << 8) ^ (p[1] << 4) ^ p[2]) & ((1u << HASH_BITS) - 1);
}

/* The longest match for every position: len[i] (0 if below LZSS_MIN) at
 * off[i] bytes back. */
static void find_matches(const uint8_t *in, size_t len, uint8_t *mlen,
			 uint16_t *moff)
{
	size_t *head = malloc(sizeof(size_t) << HASH_BITS);
	size_t *prev = malloc(sizeof(size_t) * (len ? len : 1));

	if (!head || !prev)
		abort();
	for (size_t h = 0; h < (1u << HASH_BITS); h++)
		head[h] = NO_POS;
	for (size_t i = 0; i < len; i++) {
		size_t best = 0, best_off = 0, max = len - i;

		mlen[i] = 0;
		moff[i] = 0;
		if (max < LZSS_MIN)
			continue;
		if (max > LZSS_MAX)
			max = LZSS_MAX;
		unsigned h = hash3(in + i);

		for (size_t cand = head[h];
		     cand != NO_POS && i - cand <= LZSS_WINDOW && best < max;
		     cand = prev[cand]) {
			size_t n = 0;

			while (n < max && in[cand + n] == in[i + n])
				n++;
			if (n > best) {
				best = n;
				best_off = i - cand;
			}
		}
		if (best >= LZSS_MIN) {
			mlen[i] = (uint8_t)best;
			moff[i] = (uint16_t)best_off;
		}
		prev[i] = head[h];
		head[h] = i;
	}
	free(head);
	free(prev);
}

size_t lzss_pack(const uint8_t *in, size_t len, uint8_t *out)
{
	uint8_t *mlen = malloc(len ? len : 1);
	uint16_t *moff = malloc(sizeof(uint16_t) * (len ? len : 1));
	/* cost[i]: fewest bits for in[i..len); step[i]: the first item's
	 * length there, 1 = a literal. */
	size_t *cost = malloc(sizeof(size_t) * (len + 1));
	uint8_t *step = malloc(len ? len : 1);
	size_t o = 0, flag_at = 0;
	unsigned nbits = 8;

	if (!mlen || !moff || !cost || !step)
		abort();
	find_matches(in, len, mlen, moff);
	cost[len] = 0;
	for (size_t i = len; i-- > 0;) {
		cost[i] = LIT_BITS + cost[i + 1];
		step[i] = 1;
		for (size_t n = LZSS_MIN; n <= mlen[i]; n++) {
			if (MATCH_BITS + cost[i + n] < cost[i]) {
				cost[i] = MATCH_BITS + cost[i + n];
				step[i] = (uint8_t)n;
			}
		}
	}
	for (size_t i = 0; i < len; i += step[i]) {
		if (nbits == 8) { /* a new flag byte */
			flag_at = o++;
			out[flag_at] = 0;
			nbits = 0;
		}
		if (step[i] >= LZSS_MIN) {
			unsigned w = (unsigned)(moff[i] - 1) |
				     (unsigned)(step[i] - LZSS_MIN) << 12;

			le16_put(out + o, (uint16_t)w);
			o += 2;
		} else {
			out[flag_at] |= 1u << nbits;
			out[o++] = in[i];
		}
		nbits++;
	}
	free(mlen);
	free(moff);
	free(cost);
	free(step);
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
