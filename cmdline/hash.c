// SPDX-License-Identifier: BSD-2-Clause
/* Block buffering and padding for the Merkle-Damgard hashes (RFC 1321
 * section 3.1-3.2, FIPS 180-4 section 5.1): one copy for all four. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cmdline/hash.h"

void hash_start(struct hash_ctx *ctx, unsigned block_size,
		void (*block)(struct hash_ctx *ctx, const uint8_t *p))
{
	ctx->block = block;
	ctx->bytes = 0;
	ctx->block_size = block_size;
	ctx->used = 0;
}

void hash_update(struct hash_ctx *ctx, const void *data, size_t n)
{
	const uint8_t *p = data;
	size_t take;

	ctx->bytes += n;
	while (n) {
		take = ctx->block_size - ctx->used;
		if (take > n)
			take = n;
		memcpy(ctx->buf + ctx->used, p, take);
		ctx->used += take;
		p += take;
		n -= take;
		if (ctx->used == ctx->block_size) {
			ctx->block(ctx, ctx->buf);
			ctx->used = 0;
		}
	}
}

void hash_pad(struct hash_ctx *ctx, int big_endian)
{
	uint64_t bits = ctx->bytes << 3;
	/* The length field: 8 bytes in a 64-byte block, 16 in SHA-512's. */
	unsigned i, field = ctx->block_size / 8, end = ctx->block_size - 8;

	ctx->buf[ctx->used++] = 0x80;
	if (ctx->used > ctx->block_size - field) {
		memset(ctx->buf + ctx->used, 0, ctx->block_size - ctx->used);
		ctx->block(ctx, ctx->buf);
		ctx->used = 0;
	}
	memset(ctx->buf + ctx->used, 0, end - ctx->used);
	for (i = 0; i < 8; i++, bits >>= 8)
		ctx->buf[end + (big_endian ? 7 - i : i)] = (uint8_t)bits;
	ctx->block(ctx, ctx->buf);
	ctx->used = 0;
}

uint64_t hash_load_be(const uint8_t *p, unsigned bytes)
{
	uint64_t v = 0;

	while (bytes--)
		v = v << 8 | *p++;
	return v;
}

void hash_store_be(uint8_t *out, uint64_t v, unsigned bytes)
{
	while (bytes--) {
		out[bytes] = (uint8_t)v;
		v >>= 8;
	}
}
