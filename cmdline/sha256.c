// SPDX-License-Identifier: BSD-2-Clause
/* SHA-256 (FIPS 180-4 section 6.2): for SHA-256-crypt, the "$5$"
 * passwords. The message schedule is a rolling 16 words, not 64. */
#include <stddef.h>
#include <stdint.h>

#include "cmdline/hash.h"

/* The first 32 bits of the cube roots' fractions of the first 64 primes
 * (FIPS 180-4 section 4.2.2). */
static const uint32_t sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t ror(uint32_t x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

static void sha256_block(struct hash_ctx *ctx, const uint8_t *p)
{
	uint32_t w[16], v[8], *h = ctx->h.h32, t1, t2, s0, s1;
	unsigned i;

	for (i = 0; i < 8; i++)
		v[i] = h[i];
	for (i = 0; i < 64; i++) {
		if (i < 16) {
			w[i] = hash_load_be32(p + 4 * i);
		} else {
			s0 = w[(i + 1) & 15];
			s1 = w[(i + 14) & 15];
			w[i & 15] += (ror(s0, 7) ^ ror(s0, 18) ^ (s0 >> 3)) +
				     w[(i + 9) & 15] +
				     (ror(s1, 17) ^ ror(s1, 19) ^ (s1 >> 10));
		}
		t1 = v[7] + (ror(v[4], 6) ^ ror(v[4], 11) ^ ror(v[4], 25)) +
		     ((v[4] & v[5]) ^ (~v[4] & v[6])) + sha256_k[i] + w[i & 15];
		t2 = (ror(v[0], 2) ^ ror(v[0], 13) ^ ror(v[0], 22)) +
		     ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));
		v[7] = v[6];
		v[6] = v[5];
		v[5] = v[4];
		v[4] = v[3] + t1;
		v[3] = v[2];
		v[2] = v[1];
		v[1] = v[0];
		v[0] = t1 + t2;
	}
	for (i = 0; i < 8; i++)
		h[i] += v[i];
}

void sha256_init(struct hash_ctx *ctx)
{
	/* The square roots' fractions of the first 8 primes (4.2.2). */
	static const uint32_t iv[8] = {
	    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};

	hash_start(ctx, 64, sha256_block, iv, sizeof(iv));
}

void sha256_final(struct hash_ctx *ctx, uint8_t *out)
{
	hash_pad(ctx, 1);
	hash_store_be(ctx, out, 8, 4);
}
