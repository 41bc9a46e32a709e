// SPDX-License-Identifier: BSD-2-Clause
/* MD5 (RFC 1321), SHA-1, SHA-256 and SHA-512 (FIPS 180-4): what the
 * password hashes of SYSLINUX's MENU PASSWD are made of. Small rather than
 * fast: a password is checked once, after a human typed it. */
#ifndef BZ_CMDLINE_HASH_H
#define BZ_CMDLINE_HASH_H

#include <stddef.h>
#include <stdint.h>

#define MD5_SIZE       16
#define SHA1_SIZE      20
#define SHA256_SIZE    32
#define SHA512_SIZE    64
#define HASH_BLOCK_MAX 128 /* SHA-512's block; the others use 64 */

/* One context for all four: they are Merkle-Damgard hashes that differ
 * only in the block function, the state, and the digest's byte order. */
struct hash_ctx {
	/* SHA-2's working variables and message schedule: here, first, so
	 * that i386 code reaches them with one-byte offsets. */
	uint64_t v[8], w[16];
	void (*block)(struct hash_ctx *ctx, const uint8_t *p);
	uint64_t bytes;	     /* hashed so far: the padding's length field */
	unsigned block_size; /* 64 or 128 */
	unsigned used;	     /* bytes waiting in buf */
	uint8_t buf[HASH_BLOCK_MAX];
	union {
		uint32_t h32[8];
		uint64_t h64[8];
	} h;
};

void md5_init(struct hash_ctx *ctx);
void sha1_init(struct hash_ctx *ctx);
void sha256_init(struct hash_ctx *ctx);
void sha512_init(struct hash_ctx *ctx);

void hash_update(struct hash_ctx *ctx, const void *data, size_t n);

/* Each writes its digest (MD5_SIZE ... SHA512_SIZE bytes) to out; the
 * context must be initialised again before it is used again. */
void md5_final(struct hash_ctx *ctx, uint8_t *out);
void sha1_final(struct hash_ctx *ctx, uint8_t *out);
void sha256_final(struct hash_ctx *ctx, uint8_t *out);
void sha512_final(struct hash_ctx *ctx, uint8_t *out);

/* --- for the hash implementations only -------------------------------- */

void hash_start(struct hash_ctx *ctx, unsigned block_size,
		void (*block)(struct hash_ctx *ctx, const uint8_t *p));

/* Appends 0x80, zeros, and the message length in bits as the block's
 * last 8 bytes (big- or little-endian), compressing what fills up.
 * SHA-512's length field is 16 bytes: its upper 8 are zeros from the
 * padding (no password is 2^61 bytes long). */
void hash_pad(struct hash_ctx *ctx, int big_endian);

/* A word of `bytes` bytes (4 or 8), most significant byte first. */
uint64_t hash_load_be(const uint8_t *p, unsigned bytes);
void hash_store_be(uint8_t *out, uint64_t v, unsigned bytes);

static inline uint32_t hash_rol32(uint32_t x, unsigned n)
{
	return (x << n) | (x >> (32 - n));
}

#endif
