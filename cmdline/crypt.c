// SPDX-License-Identifier: BSD-2-Clause
/* MD5-crypt and SHA-crypt (cmdline/crypt.h). The two share their shape:
 * a digest A of key and salt, then a fixed pattern of rounds, each
 * hashing A with P (the key, or for SHA-crypt a key-long string made from
 * a digest of the key) and S (likewise from the salt). One context is
 * live at a time, so the scratch is one context and three digests. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cmdline/crypt.h"
#include "cmdline/hash.h"

struct crypt_alg {
	void (*init)(struct hash_ctx *ctx);
	void (*final)(struct hash_ctx *ctx, uint8_t *out);
	unsigned size;
	/* The digest's bytes in the order crypt's base64 takes them, three
	 * at a time, most significant first. */
	const uint8_t *order;
};

/* The digests first: i386 code reaches them through the pointer with
 * one-byte offsets. */
struct crypt_scratch {
	uint8_t a[SHA512_SIZE];	 /* the digest the rounds feed back */
	uint8_t dp[SHA512_SIZE]; /* P's period (SHA-crypt; first B) */
	uint8_t ds[SHA512_SIZE]; /* S's period (SHA-crypt) */
	struct hash_ctx ctx;
};

static const uint8_t order_md5[16] = {0,  6, 12, 1,  7, 13, 2, 8,
				      14, 3, 9,	 15, 4, 10, 5, 11};
static const uint8_t order_sha256[32] = {
    0,	10, 20, 21, 1,	11, 12, 22, 2,	3,  13, 23, 24, 4,  14, 15,
    25, 5,  6,	16, 26, 27, 7,	17, 18, 28, 8,	9,  19, 29, 31, 30};
static const uint8_t order_sha512[64] = {
    0,	21, 42, 22, 43, 1,  44, 2,  23, 3,  24, 45, 25, 46, 4,	47,
    5,	26, 6,	27, 48, 28, 49, 7,  50, 8,  29, 9,  30, 51, 31, 52,
    10, 53, 11, 32, 12, 33, 54, 34, 55, 13, 56, 14, 35, 15, 36, 57,
    37, 58, 16, 59, 17, 38, 18, 39, 60, 40, 61, 19, 62, 20, 41, 63};

static const struct crypt_alg alg_md5 = {md5_init, md5_final, MD5_SIZE,
					 order_md5};
static const struct crypt_alg alg_sha256 = {sha256_init, sha256_final,
					    SHA256_SIZE, order_sha256};
static const struct crypt_alg alg_sha512 = {sha512_init, sha512_final,
					    SHA512_SIZE, order_sha512};

/* n bytes of src repeated: how both specs extend a digest to a length. */
static void add_repeated(struct hash_ctx *ctx, const void *src, size_t period,
			 size_t n)
{
	size_t take;

	while (n) {
		take = n < period ? n : period;
		hash_update(ctx, src, take);
		n -= take;
	}
}

/* The rounds loop, the same in both: A = H(A or P, [S], [P], P or A). */
static void crypt_rounds(const struct crypt_alg *alg, struct crypt_scratch *s,
			 const void *p, size_t p_period, size_t p_len,
			 const void *salt, size_t salt_len, uint32_t rounds)
{
	uint32_t i;

	for (i = 0; i < rounds; i++) {
		alg->init(&s->ctx);
		if (i & 1)
			add_repeated(&s->ctx, p, p_period, p_len);
		else
			hash_update(&s->ctx, s->a, alg->size);
		if (i % 3)
			hash_update(&s->ctx, salt, salt_len);
		if (i % 7)
			add_repeated(&s->ctx, p, p_period, p_len);
		if (i & 1)
			hash_update(&s->ctx, s->a, alg->size);
		else
			add_repeated(&s->ctx, p, p_period, p_len);
		alg->final(&s->ctx, s->a);
	}
}

/* crypt's base64: "./0-9A-Za-z", least significant 6 bits first, each
 * group of three bytes (or the last one or two) in alg->order. */
static void crypt_encode(const struct crypt_alg *alg, const uint8_t *d,
			 char *out)
{
	static const char b64[64] = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "abcdefghijklmnopqrstuvwxyz";
	unsigned i = 0, k, chars;
	uint32_t w;

	while (i < alg->size) {
		chars = alg->size - i >= 3 ? 4 : alg->size - i + 1;
		for (w = 0, k = 0; k < 3 && i < alg->size; k++)
			w = w << 8 | d[alg->order[i++]];
		while (chars--) {
			*out++ = b64[w & 63];
			w >>= 6;
		}
	}
}

/* The work of crypt_hash, in scratch s: not inlined, so that the code
 * reaches the digests through a pointer with one-byte offsets. */
static __attribute__((noinline)) void
crypt_run(enum crypt_kind kind, const char *key, const char *salt,
	  size_t salt_len, uint32_t rounds, char *out, struct crypt_scratch *s)
{
	static const uint8_t zero;
	const struct crypt_alg *alg = kind == CRYPT_MD5	     ? &alg_md5
				      : kind == CRYPT_SHA256 ? &alg_sha256
							     : &alg_sha512;
	bool md5 = kind == CRYPT_MD5;
	const void *p = key, *sp = salt;
	size_t key_len = strlen(key), p_period = key_len, i;

	/* The alternate sum B = H(key salt key) first (SHA-crypt's steps
	 * 4-8), in s->dp for now, so that one context is enough. */
	alg->init(&s->ctx);
	hash_update(&s->ctx, key, key_len);
	hash_update(&s->ctx, salt, salt_len);
	hash_update(&s->ctx, key, key_len);
	alg->final(&s->ctx, s->dp);

	/* A = H(key [magic] salt B..., then per bit of the key's length:
	 * MD5-crypt a zero byte (1) or the key's first byte (0), SHA-crypt
	 * B (1) or the key (0)): steps 1-3, 9-12. */
	alg->init(&s->ctx);
	hash_update(&s->ctx, key, key_len);
	if (md5)
		hash_update(&s->ctx, "$1$", 3);
	hash_update(&s->ctx, salt, salt_len);
	add_repeated(&s->ctx, s->dp, alg->size, key_len);
	for (i = key_len; i; i >>= 1)
		if (md5)
			hash_update(&s->ctx, i & 1 ? (const void *)&zero : key,
				    1);
		else if (i & 1)
			hash_update(&s->ctx, s->dp, alg->size);
		else
			hash_update(&s->ctx, key, key_len);
	alg->final(&s->ctx, s->a);

	if (!md5) {
		/* Steps 13-16: P's period DP = H(key, key_len times). */
		alg->init(&s->ctx);
		for (i = 0; i < key_len; i++)
			hash_update(&s->ctx, key, key_len);
		alg->final(&s->ctx, s->dp);
		/* Steps 17-20: S's period DS = H(salt, 16 + A[0] times). */
		alg->init(&s->ctx);
		for (i = 0; i < 16u + s->a[0]; i++)
			hash_update(&s->ctx, salt, salt_len);
		alg->final(&s->ctx, s->ds);
		p = s->dp;
		p_period = alg->size;
		sp = s->ds;
	}
	crypt_rounds(alg, s, p, p_period, key_len, sp, salt_len, rounds);
	crypt_encode(alg, s->a, out);
}

void crypt_hash(enum crypt_kind kind, const char *key, const char *salt,
		size_t salt_len, uint32_t rounds, char *out)
{
	struct crypt_scratch s;

	crypt_run(kind, key, salt, salt_len, rounds, out, &s);
	memset(&s, 0, sizeof(s));
}
