// SPDX-License-Identifier: BSD-2-Clause
/* MENU PASSWD checking (cmdline/passwd.h). A stored hash is parsed
 * strictly: SYSLINUX matches a string only if the hash computed from its
 * salt reproduces it, so a hash it could never match is refused here
 * before any hashing. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cmdline/crypt.h"
#include "cmdline/hash.h"
#include "cmdline/passwd.h"

#define SHA1_B64_LEN 27 /* base64 of 20 bytes, without the '=' */

/* A stored hash, split. */
struct passwd_hash {
	enum passwd_form form;
	const char *salt;
	size_t salt_len;
	uint32_t rounds;
	const char *hash; /* hash_len characters of the stored string */
	size_t hash_len;
};

static bool is_crypt64(char c)
{
	return (c >= '.' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	       (c >= 'a' && c <= 'z');
}

/* SYSLINUX's unbase64() alphabet: standard base64 plus the file-name-safe
 * '.', '-' (62) and '_' (63). Returns 64 for any other byte. */
static unsigned b64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return (unsigned)(c - 'A');
	if (c >= 'a' && c <= 'z')
		return (unsigned)(c - 'a' + 26);
	if (c >= '0' && c <= '9')
		return (unsigned)(c - '0' + 52);
	if (c == '+' || c == '.' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	return 64;
}

/* "rounds=N$" with N as Drepper's crypt writes it back (decimal, no
 * leading zero, in range): SYSLINUX compares its own output with the
 * stored string, so any other spelling of N never matches. Returns the
 * text after the '$', or NULL if N is not such a number. */
static const char *parse_rounds(const char *p, uint32_t *rounds)
{
	uint32_t n = 0;
	unsigned digits = 0;

	if (*p == '0')
		return NULL;
	while (*p >= '0' && *p <= '9' && digits < 9) {
		n = n * 10 + (uint32_t)(*p++ - '0');
		digits++;
	}
	if (*p != '$' || n < CRYPT_SHA_ROUNDS_MIN || n > CRYPT_SHA_ROUNDS_MAX)
		return NULL;
	*rounds = n;
	return p + 1;
}

/* After the hash: the end, or a '$' and anything (SYSLINUX's check). */
static bool hash_ends(const char *p)
{
	return *p == '\0' || *p == '$';
}

static enum passwd_form parse(const char *s, struct passwd_hash *h)
{
	const char *p, *dollar;
	size_t salt_max, len, i;

	memset(h, 0, sizeof(*h));
	if (!s)
		return PASSWD_BAD;
	if (s[0] != '$' || !s[1] || s[2] != '$')
		return PASSWD_PLAIN;
	p = s + 3;
	h->rounds = CRYPT_SHA_ROUNDS;
	switch (s[1]) {
	case '1':
		h->rounds = CRYPT_MD5_ROUNDS;
		salt_max = CRYPT_MD5_SALT_MAX;
		len = CRYPT_MD5_LEN;
		break;
	case '4':
		salt_max = (size_t)-1;
		len = SHA1_B64_LEN;
		break;
	case '5':
	case '6':
		salt_max = CRYPT_SHA_SALT_MAX;
		len = s[1] == '5' ? CRYPT_SHA256_LEN : CRYPT_SHA512_LEN;
		/* "rounds=" not followed by digits and '$' is salt text. */
		if (!strncmp(p, "rounds=", 7)) {
			for (dollar = p + 7; *dollar >= '0' && *dollar <= '9';)
				dollar++;
			if (*dollar == '$') {
				p = parse_rounds(p + 7, &h->rounds);
				if (!p)
					return PASSWD_BAD;
			}
		}
		break;
	default:
		return PASSWD_BAD;
	}
	dollar = strchr(p, '$');
	if (dollar) {
		h->salt = p;
		h->salt_len = (size_t)(dollar - p);
		p = dollar + 1;
	} else if (s[1] == '4') {
		h->salt = p; /* sha1pass without a salt: the hash alone */
	} else {
		return PASSWD_BAD;
	}
	if (h->salt_len > salt_max)
		return PASSWD_BAD;
	for (i = 0; i < len; i++) {
		if (s[1] == '4' ? b64_value(p[i]) > 63 : !is_crypt64(p[i]))
			return PASSWD_BAD;
	}
	h->hash = p;
	h->hash_len = len;
	p += len;
	if (s[1] == '4' && *p == '=')
		p++;
	if (!hash_ends(p))
		return PASSWD_BAD;
	h->form = (enum passwd_form)(s[1] - '0');
	return h->form;
}

enum passwd_form passwd_form(const char *stored)
{
	struct passwd_hash h;

	return parse(stored, &h);
}

/* Nonzero if the n bytes differ; no early exit. */
static unsigned differ(const void *a, const void *b, size_t n)
{
	const uint8_t *x = a, *y = b;
	unsigned d = 0;

	while (n--)
		d |= *x++ ^ *y++;
	return d;
}

/* Plain text: as long as the stored password whatever was typed. */
static bool check_plain(const char *stored, const char *typed)
{
	size_t n = strlen(stored), t = strlen(typed), i;
	unsigned d = n != t;

	for (i = 0; i < n; i++)
		d |= (uint8_t)stored[i] ^ (uint8_t)(i < t ? typed[i] : 0);
	return !d;
}

/* "$4$": SHA-1 over the salt text then the password, compared with the
 * stored base64 decoded as SYSLINUX's unbase64() does (the last digit's
 * two spare bits ignored). Not inlined: its hash context would sit in
 * passwd_check's frame under crypt_hash's own. */
static __attribute__((noinline)) bool check_sha1(const struct passwd_hash *h,
						 const char *typed)
{
	struct hash_ctx ctx;
	uint8_t want[SHA1_SIZE], got[SHA1_SIZE];
	uint32_t bits = 0;
	unsigned nbits = 0, n = 0;
	size_t i;
	bool ok;

	for (i = 0; i < h->hash_len; i++) {
		bits = bits << 6 | b64_value(h->hash[i]);
		nbits += 6;
		if (nbits >= 8) {
			nbits -= 8;
			if (n < SHA1_SIZE)
				want[n++] = (uint8_t)(bits >> nbits);
		}
	}
	sha1_init(&ctx);
	hash_update(&ctx, h->salt, h->salt_len);
	hash_update(&ctx, typed, strlen(typed));
	sha1_final(&ctx, got);
	ok = !differ(want, got, SHA1_SIZE);
	memset(&ctx, 0, sizeof(ctx));
	memset(got, 0, sizeof(got));
	return ok;
}

bool passwd_check(const char *stored, const char *typed)
{
	struct passwd_hash h;
	char got[CRYPT_SHA512_LEN];

	if (!typed)
		return false;
	switch (parse(stored, &h)) {
	case PASSWD_PLAIN:
		return check_plain(stored, typed);
	case PASSWD_SHA1:
		return check_sha1(&h, typed);
	case PASSWD_MD5:
	case PASSWD_SHA256:
	case PASSWD_SHA512:
		crypt_hash((enum crypt_kind)h.form, typed, h.salt, h.salt_len,
			   h.rounds, got);
		break;
	default:
		return false;
	}
	return !differ(got, h.hash, h.hash_len);
}
