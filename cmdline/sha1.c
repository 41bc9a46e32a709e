// SPDX-License-Identifier: BSD-2-Clause
/* SHA-1 (FIPS 180-4 section 6.1): only for SYSLINUX's "$4$" passwords.
 * The message schedule is a rolling 16 words, not 80. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cmdline/hash.h"

static void sha1_block(struct hash_ctx *ctx, const uint8_t *p)
{
	uint32_t w[16], *h = ctx->h.h32;
	uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f, k, t;
	unsigned i;

	for (i = 0; i < 80; i++) {
		if (i < 16)
			w[i] = (uint32_t)hash_load_be(p + 4 * i, 4);
		else
			w[i & 15] =
			    hash_rol32(w[(i + 13) & 15] ^ w[(i + 8) & 15] ^
					   w[(i + 2) & 15] ^ w[i & 15],
				       1);
		if (i < 20) {
			f = (b & c) | (~b & d);
			k = 0x5a827999;
		} else if (i < 40) {
			f = b ^ c ^ d;
			k = 0x6ed9eba1;
		} else if (i < 60) {
			f = (b & c) | (b & d) | (c & d);
			k = 0x8f1bbcdc;
		} else {
			f = b ^ c ^ d;
			k = 0xca62c1d6;
		}
		t = hash_rol32(a, 5) + f + e + k + w[i & 15];
		e = d;
		d = c;
		c = hash_rol32(b, 30);
		b = a;
		a = t;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
}

void sha1_init(struct hash_ctx *ctx)
{
	static const uint32_t iv[5] = {0x67452301, 0xefcdab89, 0x98badcfe,
				       0x10325476, 0xc3d2e1f0};
	hash_start(ctx, 64, sha1_block);
	memcpy(ctx->h.h32, iv, sizeof(iv));
}

void sha1_final(struct hash_ctx *ctx, uint8_t *out)
{
	unsigned i;

	hash_pad(ctx, 1);
	for (i = 0; i < 5; i++)
		hash_store_be(out + 4 * i, ctx->h.h32[i], 4);
}
