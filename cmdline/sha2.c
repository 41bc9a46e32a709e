// SPDX-License-Identifier: BSD-2-Clause
/* SHA-256 and SHA-512 (FIPS 180-4 sections 6.2, 6.4): for SHA-crypt, the
 * "$5$" and "$6$" passwords. One block function for both, in 64-bit words
 * cut to 32 bits for SHA-256: the two differ only in word size, round
 * count and rotations, and SHA-256's constants are the upper halves of
 * SHA-512's (both are roots of the same primes). Small over fast: stage2
 * checks one password per prompt. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cmdline/hash.h"

/* The first 64 bits of the cube roots' fractions of the first 80 primes
 * (FIPS 180-4 section 4.2.3); SHA-256 takes the upper 32 of the first 64
 * (4.2.2). */
static const uint64_t sha2_k[80] = {
    0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f,
    0xe9b5dba58189dbbc, 0x3956c25bf348b538, 0x59f111f1b605d019,
    0x923f82a4af194f9b, 0xab1c5ed5da6d8118, 0xd807aa98a3030242,
    0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235,
    0xc19bf174cf692694, 0xe49b69c19ef14ad2, 0xefbe4786384f25e3,
    0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65, 0x2de92c6f592b0275,
    0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
    0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f,
    0xbf597fc7beef0ee4, 0xc6e00bf33da88fc2, 0xd5a79147930aa725,
    0x06ca6351e003826f, 0x142929670a0e6e70, 0x27b70a8546d22ffc,
    0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
    0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6,
    0x92722c851482353b, 0xa2bfe8a14cf10364, 0xa81a664bbc423001,
    0xc24b8b70d0f89791, 0xc76c51a30654be30, 0xd192e819d6ef5218,
    0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99,
    0x34b0bcb5e19b48a8, 0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb,
    0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3, 0x748f82ee5defb2fc,
    0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
    0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915,
    0xc67178f2e372532b, 0xca273eceea26619c, 0xd186b8c721c0c207,
    0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178, 0x06f067aa72176fba,
    0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
    0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc,
    0x431d67c49c100d4c, 0x4cc5d4becb3e42b6, 0x597f299cfc657e2a,
    0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
};

/* The square roots' fractions of the first 8 primes: SHA-512's initial
 * state (5.3.5), whose upper halves are SHA-256's (5.3.3). */
static const uint64_t sha2_iv[8] = {
    0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b,
    0xa54ff53a5f1d36f1, 0x510e527fade682d1, 0x9b05688c2b3e6c1f,
    0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
};

/* The rotations of Sigma0, Sigma1, sigma0, sigma1 (4.1.2, 4.1.3), three
 * each; the last of each sigma is a shift, not a rotation. */
static const uint8_t rot256[12] = {2, 13, 22, 6, 11, 25, 7, 18, 3, 17, 19, 10};
static const uint8_t rot512[12] = {28, 34, 39, 14, 18, 41, 1, 8, 7, 19, 61, 6};

struct sha2_round {
	uint64_t mask; /* a word's bits */
	unsigned bits; /* 32 or 64 */
	const uint8_t *rot;
};

/* Sigma (shift false) or sigma (true) with the rotations at rot. */
static uint64_t sigma(const struct sha2_round *r, uint64_t x,
		      const uint8_t *rot, bool shift)
{
	uint64_t s = 0;
	unsigned j, n;

	for (j = 0; j < 3; j++) {
		n = rot[j];
		s ^= shift && j == 2
			 ? x >> n
			 : ((x >> n) | (x << (r->bits - n))) & r->mask;
	}
	return s;
}

static void sha2_block(struct hash_ctx *ctx, const uint8_t *p)
{
	bool big = ctx->block_size == 128;
	struct sha2_round r = {big ? ~0ull : 0xffffffffu, big ? 64 : 32,
			       big ? rot512 : rot256};
	unsigned i, size = r.bits / 8;
	uint64_t *w = ctx->w, *v = ctx->v, *h = ctx->h.h64, t1, t2, k;

	memcpy(v, h, sizeof(ctx->v));
	for (i = 0; i < (big ? 80u : 64u); i++) {
		if (i < 16)
			w[i] = hash_load_be(p + size * i, size);
		else
			w[i & 15] =
			    (w[i & 15] +
			     sigma(&r, w[(i + 1) & 15], r.rot + 6, 1) +
			     w[(i + 9) & 15] +
			     sigma(&r, w[(i + 14) & 15], r.rot + 9, 1)) &
			    r.mask;
		k = big ? sha2_k[i] : sha2_k[i] >> 32;
		t1 = v[7] + sigma(&r, v[4], r.rot + 3, 0) +
		     ((v[4] & v[5]) ^ (~v[4] & v[6])) + k + w[i & 15];
		t2 = sigma(&r, v[0], r.rot, 0) +
		     ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));
		memmove(v + 1, v, 7 * sizeof(v[0]));
		v[4] = (v[4] + t1) & r.mask;
		v[0] = (t1 + t2) & r.mask;
	}
	for (i = 0; i < 8; i++)
		h[i] = (h[i] + v[i]) & r.mask;
}

static void sha2_init(struct hash_ctx *ctx, unsigned block_size)
{
	unsigned i;

	hash_start(ctx, block_size, sha2_block);
	for (i = 0; i < 8; i++)
		ctx->h.h64[i] =
		    block_size == 128 ? sha2_iv[i] : sha2_iv[i] >> 32;
}

void sha256_init(struct hash_ctx *ctx)
{
	sha2_init(ctx, 64);
}

void sha512_init(struct hash_ctx *ctx)
{
	sha2_init(ctx, 128);
}

static void sha2_final(struct hash_ctx *ctx, uint8_t *out, unsigned size)
{
	unsigned i;

	hash_pad(ctx, 1);
	for (i = 0; i < 8; i++)
		hash_store_be(out + size * i, ctx->h.h64[i], size);
}

void sha256_final(struct hash_ctx *ctx, uint8_t *out)
{
	sha2_final(ctx, out, 4);
}

void sha512_final(struct hash_ctx *ctx, uint8_t *out)
{
	sha2_final(ctx, out, 8);
}
