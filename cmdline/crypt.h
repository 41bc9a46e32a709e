// SPDX-License-Identifier: BSD-2-Clause
/* The crypt(3) password hashes SYSLINUX's MENU PASSWD takes: MD5-crypt
 * ("$1$", Poul-Henning Kamp's) and SHA-256/SHA-512-crypt ("$5$", "$6$",
 * Ulrich Drepper's "Unix crypt using SHA-256 and SHA-512" spec). Each
 * writes only the hash text after the last '$', with no NUL: the caller
 * parsed the salt and rounds from the stored string (cmdline/passwd.c). */
#ifndef BZ_CMDLINE_CRYPT_H
#define BZ_CMDLINE_CRYPT_H

#include <stddef.h>
#include <stdint.h>

#define CRYPT_MD5_ROUNDS   1000u
#define CRYPT_MD5_LEN	   22
#define CRYPT_SHA256_LEN   43
#define CRYPT_SHA512_LEN   86
#define CRYPT_MD5_SALT_MAX 8
#define CRYPT_SHA_SALT_MAX 16
/* Drepper's rounds: the default, and the range rounds= may name. */
#define CRYPT_SHA_ROUNDS     5000u
#define CRYPT_SHA_ROUNDS_MIN 1000u
#define CRYPT_SHA_ROUNDS_MAX 999999999u

enum crypt_kind {
	CRYPT_MD5 = 1,	  /* "$1$": always 1000 rounds */
	CRYPT_SHA256 = 5, /* "$5$" */
	CRYPT_SHA512 = 6, /* "$6$" */
};

/* salt: salt_len bytes (at most CRYPT_MD5_SALT_MAX or _SHA_SALT_MAX),
 * without "$1$" or "$5$rounds=N$". rounds: 1000 for MD5-crypt. out:
 * CRYPT_MD5_LEN, CRYPT_SHA256_LEN or CRYPT_SHA512_LEN characters. */
void crypt_hash(enum crypt_kind kind, const char *key, const char *salt,
		size_t salt_len, uint32_t rounds, char *out);

#endif
