// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for cmdline/hash.c, md5.c, sha1.c, sha256.c, sha512.c:
 * the RFC 1321 and FIPS 180 test vectors, and every message length from
 * 0 to 299 fed in uneven pieces (each padding case, each block edge). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cmdline/hash.h"

struct alg {
	void (*init)(struct hash_ctx *ctx);
	void (*final)(struct hash_ctx *ctx, uint8_t *out);
	size_t size;
};

static const struct alg md5 = {md5_init, md5_final, MD5_SIZE};
static const struct alg sha1 = {sha1_init, sha1_final, SHA1_SIZE};
static const struct alg sha256 = {sha256_init, sha256_final, SHA256_SIZE};
static const struct alg sha512 = {sha512_init, sha512_final, SHA512_SIZE};

static void hex(const uint8_t *d, size_t n, char *out)
{
	while (n--)
		out += sprintf(out, "%02x", *d++);
}

/* The digest of msg fed `piece` bytes at a time (0: all at once). */
static void digest(const struct alg *a, const void *msg, size_t len,
		   size_t piece, char *out)
{
	struct hash_ctx ctx;
	uint8_t d[SHA512_SIZE];
	const uint8_t *p = msg;
	size_t take;

	a->init(&ctx);
	do {
		take = piece && piece < len ? piece : len;
		hash_update(&ctx, p, take);
		p += take;
		len -= take;
	} while (len);
	a->final(&ctx, d);
	hex(d, a->size, out);
}

static void check(const struct alg *a, const char *msg, const char *want)
{
	char got[2 * SHA512_SIZE + 1];
	size_t piece;

	for (piece = 0; piece < 4; piece++) {
		digest(a, msg, strlen(msg), piece * 7, got);
		assert_string_equal(got, want);
	}
}

static const char *million_a(void)
{
	static char m[1000001];

	memset(m, 'a', 1000000);
	return m;
}

/* RFC 1321 appendix A.5. */
static void test_md5_rfc1321(void **state)
{
	(void)state;
	check(&md5, "", "d41d8cd98f00b204e9800998ecf8427e");
	check(&md5, "abc", "900150983cd24fb0d6963f7d28e17f72");
	check(&md5, "message digest", "f96b697d7cb7938d525a2f31aaf161d0");
	check(&md5,
	      "1234567890123456789012345678901234567890"
	      "1234567890123456789012345678901234567890",
	      "57edf4a22be3c955ac49da2e2107b67a");
}

/* FIPS 180-2 appendix A (and the NIST example values for SHA-1). */
static void test_sha1_fips180(void **state)
{
	(void)state;
	check(&sha1, "", "da39a3ee5e6b4b0d3255bfef95601890afd80709");
	check(&sha1, "abc", "a9993e364706816aba3e25717850c26c9cd0d89d");
	check(&sha1, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	      "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
	check(&sha1, million_a(), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

/* FIPS 180-2 appendix B. */
static void test_sha256_fips180(void **state)
{
	(void)state;
	check(
	    &sha256, "",
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	check(
	    &sha256, "abc",
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	check(
	    &sha256, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	check(
	    &sha256, million_a(),
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* FIPS 180-2 appendix C. */
static void test_sha512_fips180(void **state)
{
	(void)state;
	check(
	    &sha512, "",
	    "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
	    "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");
	check(
	    &sha512, "abc",
	    "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
	    "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
	check(
	    &sha512,
	    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
	    "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
	    "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
	    "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909");
	check(
	    &sha512, million_a(),
	    "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
	    "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b");
}

/* H(H(m_0) || ... || H(m_299)), m_n being n bytes (i * 31 + n) & 0xff,
 * each fed in pieces of n % 13 + 1 bytes. The expected values are
 * Python's: hashlib.new(name) over the same messages. */
static void chain(const struct alg *a, const char *want)
{
	struct hash_ctx outer;
	uint8_t msg[300], d[SHA512_SIZE];
	char inner[2 * SHA512_SIZE + 1], got[2 * SHA512_SIZE + 1];
	size_t n, i;

	a->init(&outer);
	for (n = 0; n < 300; n++) {
		for (i = 0; i < n; i++)
			msg[i] = (uint8_t)(i * 31 + n);
		digest(a, msg, n, n % 13 + 1, inner);
		for (i = 0; i < a->size; i++)
			sscanf(inner + 2 * i, "%2hhx", &d[i]);
		hash_update(&outer, d, a->size);
	}
	a->final(&outer, d);
	hex(d, a->size, got);
	assert_string_equal(got, want);
}

static void test_every_length(void **state)
{
	(void)state;
	chain(&md5, "b55d5b6e07844061657cced61e9ea7b9");
	chain(&sha1, "b9d956d3a9b44baa2d20ff7053a790ca0c1c0797");
	chain(
	    &sha256,
	    "148b894486945a24e834868db010090f61da189d018f0bf543b188081480175d");
	chain(
	    &sha512,
	    "ad822927061178037f606349701a35f5094cda5a23cfe758f80ff191c3800415"
	    "81924348bc3c444be7a3e86ba0225a1f770f93f93256d0da1133d487d14c059e");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_md5_rfc1321),
	    cmocka_unit_test(test_sha1_fips180),
	    cmocka_unit_test(test_sha256_fips180),
	    cmocka_unit_test(test_sha512_fips180),
	    cmocka_unit_test(test_every_length),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
