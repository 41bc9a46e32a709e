// SPDX-License-Identifier: BSD-2-Clause
/* libFuzzer target for cmdline/passwd.c and cmdline/crypt.c. The input is
 * "stored NUL typed", each handed over as an exact-size string so ASan
 * sees any over-read. Checks: no crash; a form no password can match is
 * never matched; plain text matches exactly itself; and a hash made here
 * from the input's salt with crypt_hash is taken for its own
 * password and for no other. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline/crypt.h"
#include "cmdline/passwd.h"

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_passwd: %s\n", what);
	abort();
}

/* The input, "stored NUL typed", as two exact-size strings. */
static void split(const uint8_t *data, size_t size, char **stored, char **typed)
{
	const uint8_t *z = memchr(data, 0, size);
	size_t n = z ? (size_t)(z - data) : size, m = z ? size - n - 1 : 0;

	*stored = malloc(n + 1);
	*typed = malloc(m + 1);
	if (!*stored || !*typed)
		fail("out of memory");
	memcpy(*stored, data, n);
	(*stored)[n] = '\0';
	memcpy(*typed, z ? z + 1 : data, m);
	(*typed)[m] = '\0';
}

/* A SHA-crypt hash of more than 1000 rounds (5000 without rounds=)
 * makes one input take a good part of a second: not checked. */
static bool too_slow(const char *stored, enum passwd_form form)
{
	const char *r = strstr(stored, "rounds=");

	if (form != PASSWD_SHA256 && form != PASSWD_SHA512)
		return false;
	return !r || strtoul(r + 7, NULL, 10) > 1000;
}

/* "$1$salt$hash", "$5$rounds=1000$salt$hash" or "$6$...": made from
 * typed with the first bytes of typed (no '$') as the salt. */
static void round_trip(const char *typed)
{
	static const char kinds[] = "156";
	char stored[128], wrong[64], *p;
	size_t salt_len = strcspn(typed, "$"), n;
	char kind = kinds[strlen(typed) % 3];

	if (strlen(typed) > 40)
		return;
	n = (size_t)snprintf(stored, sizeof(stored), "$%c$%s", kind,
			     kind == '1' ? "" : "rounds=1000$");
	if (salt_len > (kind == '1' ? CRYPT_MD5_SALT_MAX : CRYPT_SHA_SALT_MAX))
		salt_len =
		    kind == '1' ? CRYPT_MD5_SALT_MAX : CRYPT_SHA_SALT_MAX;
	p = stored + n;
	memcpy(p, typed, salt_len);
	p += salt_len;
	*p++ = '$';
	crypt_hash((enum crypt_kind)(kind - '0'), typed, typed, salt_len, 1000,
		   p);
	p += kind == '1'   ? CRYPT_MD5_LEN
	     : kind == '5' ? CRYPT_SHA256_LEN
			   : CRYPT_SHA512_LEN;
	*p = '\0';
	if (passwd_form(stored) != kind - '0')
		fail("a hash made by crypt is not read as its form");
	if (!passwd_check(stored, typed))
		fail("a hash made by crypt does not take its password");
	snprintf(wrong, sizeof(wrong), "%sx", typed);
	if (passwd_check(stored, wrong))
		fail("a hash made by crypt takes another password");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *stored, *typed;
	enum passwd_form form;
	bool ok;

	split(data, size, &stored, &typed);
	form = passwd_form(stored);

	if (form == PASSWD_PLAIN &&
	    (stored[0] == '$' && stored[1] && stored[2] == '$'))
		fail("a \"$x$\" string read as plain text");
	if (!too_slow(stored, form)) {
		ok = passwd_check(stored, typed);
		if (form == PASSWD_BAD && ok)
			fail("a malformed hash took a password");
		if (form == PASSWD_PLAIN && ok != !strcmp(stored, typed))
			fail("plain text not compared exactly");
	}
	if (passwd_check(NULL, typed) || passwd_check(stored, NULL))
		fail("NULL took a password");
	if (size % 4 == 0) /* a crypt each time would starve the rest */
		round_trip(typed);
	free(stored);
	free(typed);
	return 0;
}
