// SPDX-License-Identifier: BSD-2-Clause
/* MD5 (RFC 1321): only for MD5-crypt, the "$1$" passwords. The 64 steps
 * run as one loop over tables, which -Os keeps small. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cmdline/hash.h"

/* T[i] = floor(2^32 * abs(sin(i + 1))), RFC 1321 section 3.4. */
static const uint32_t md5_t[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a,
    0xa8304613, 0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be,
    0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340,
    0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8,
    0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
    0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
    0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92,
    0xffeff47d, 0x85845dd1, 0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1,
    0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};

/* The rotation of each step: four per round, repeated. */
static const uint8_t md5_s[16] = {7, 12, 17, 22, 5, 9,	14, 20,
				  4, 11, 16, 23, 6, 10, 15, 21};

static void md5_block(struct hash_ctx *ctx, const uint8_t *p)
{
	uint32_t *h = ctx->h.h32, a = h[0], b = h[1], c = h[2], d = h[3];
	uint32_t f, t;
	unsigned i, g;

	for (i = 0; i < 64; i++) {
		switch (i >> 4) {
		case 0:
			f = (b & c) | (~b & d);
			g = i;
			break;
		case 1:
			f = (d & b) | (~d & c);
			g = 5 * i + 1;
			break;
		case 2:
			f = b ^ c ^ d;
			g = 3 * i + 5;
			break;
		default:
			f = c ^ (b | ~d);
			g = 7 * i;
			break;
		}
		g = (g & 15) * 4;
		t = d;
		d = c;
		c = b;
		f += a + md5_t[i] +
		     ((uint32_t)p[g] | (uint32_t)p[g + 1] << 8 |
		      (uint32_t)p[g + 2] << 16 | (uint32_t)p[g + 3] << 24);
		b += hash_rol32(f, md5_s[(i >> 4) * 4 + (i & 3)]);
		a = t;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
}

void md5_init(struct hash_ctx *ctx)
{
	static const uint32_t iv[4] = {0x67452301, 0xefcdab89, 0x98badcfe,
				       0x10325476};
	hash_start(ctx, 64, md5_block);
	memcpy(ctx->h.h32, iv, sizeof(iv));
}

void md5_final(struct hash_ctx *ctx, uint8_t *out)
{
	unsigned i;

	hash_pad(ctx, 0);
	for (i = 0; i < MD5_SIZE; i++)
		out[i] = (uint8_t)(ctx->h.h32[i / 4] >> 8 * (i % 4));
}
