// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for cmdline/passwd.c and cmdline/crypt.c: the SHA-crypt
 * spec's vectors, hashes made by the real tools (each with the command
 * that made it), and every way a stored hash can be wrong. Fresh
 * random-salt hashes from the tools: tests/tool/test_passwd.py. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cmdline/passwd.h"

struct vec {
	const char *typed;
	const char *stored;
};

/* Ulrich Drepper's "Unix crypt using SHA-256 and SHA-512" test vectors,
 * as crypt(3) writes them back: the salt cut to 16 bytes, rounds=10
 * raised to 1000 (the last two; that spelling is in test_bad_rounds). */
static const struct vec spec[] = {
    {"Hello world!",
     "$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5"},
    {"Hello world!", "$5$rounds=10000$saltstringsaltst$3xv.VbSHBb41AL9AvLeuj"
		     "ZkZRBAwqFMz2.opqey6IcA"},
    {"This is just a test", "$5$rounds=5000$toolongsaltstrin$Un/5jzAHMgOGZ5.mW"
			    "JpuVolil07guHPvOW8mGRcvxa5"},
    {"a very much longer text to encrypt.  This one even stretches over more"
     "than one line.",
     "$5$rounds=1400$anotherlongsalts$Rx.j8H.h8HjEDGomFU8bDkXm3XIUnzyxf12oP84B"
     "nq1"},
    {"we have a short salt string but not a short password",
     "$5$rounds=77777$short$JiO1O3ZpDAxGJeaDIuqCoEFysAe1mZNJRs3pw0KQRd/"},
    {"a short string", "$5$rounds=123456$asaltof16chars..$gP3VQ/6X7UUEW3HkBn2w"
		       "1/Ptq2jxPyzV/cZKmF/wJvD"},
    {"Hello world!", "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3"
		     "uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1"},
    {"Hello world!", "$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbD"
		     "Wra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3R"
		     "nOaw5v."},
    {"This is just a test", "$6$rounds=5000$toolongsaltstrin$lQ8jolhgVRVhY4b5p"
			    "ZKaysCLi0QBxGoNeKQzQ3glMhwllF7oGDZxUhx1yxdYcz/e1JS"
			    "bq3y6JMxxl8audkUEm0"},
    {"a very much longer text to encrypt.  This one even stretches over more"
     "than one line.",
     "$6$rounds=1400$anotherlongsalts$POfYwTEok97VWcjxIiSOjiykti.o/pQs.wPvMxQ6"
     "Fm7I6IoYN3CmLs66x9t0oSwbtEW7o7UmJEiDwGqd8p4ur1"},
    {"we have a short salt string but not a short password",
     "$6$rounds=77777$short$WuQyW2YR.hBNpjjRhpYD/ifIw05xdfeEyQoMxIXbkvr0gge1a1"
     "x3yRULJ5CCaUeOxFmtlcGZelFl5CxtgfiAc0"},
    {"a short string", "$6$rounds=123456$asaltof16chars..$BtCwjqMJGx5hrJhZywWv"
		       "t0RLE8uZ4oPwcelCjmw2kSYu.Ec6ycULevoBK25fs2xXgMNrCzIMVc"
		       "gEJAstJeonj1"},
    {"the minimum number is still observed",
     "$5$rounds=1000$roundstoolow$yfvwcWrQ8l/K0DAWyuPMDNHpIVlTQebY9l/gL972bIC"},
    {"the minimum number is still observed",
     "$6$rounds=1000$roundstoolow$kUMsbe306n21p9R.FRkW3IGn.S9NPN0x50YhH1xhLsPu"
     "WGsUSklZt58jaTfF4ZEQpyUNGc0dqbpBYYBaHHrsX."},
};

#define P40  "pppppppppppppppppppppppppppppppppppppppp"
#define P200 P40 P40 P40 P40 P40

/* Made by the tools Debian 12 ships (whois 5.5.17's mkpasswd, OpenSSL
 * 3.0, syslinux-utils 6.04's sha1pass, Python 3.11's crypt over
 * libxcrypt); the command is above each. */
static const struct vec tools[] = {
    /* mkpasswd -m md5crypt -S saltsalt password */
    {"password", "$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/"},
    /* openssl passwd -1 -salt abc 'Hello world!' */
    {"Hello world!", "$1$abc$.FiamM1s4pFo0QKAk4pqS."},
    /* openssl passwd -1 -salt 12345678 'a password longer than sixteen
     * bytes' */
    {"a password longer than sixteen bytes",
     "$1$12345678$H2K48mBSX8MIUbPKzMydi/"},
    /* python3 -c 'import crypt; print(crypt.crypt("x", "$1$$"))' */
    {"x", "$1$$LP5.V3ajGqHDdXW6XwZQy."},
    /* python3 -c 'import crypt; print(crypt.crypt("", "$1$saltsalt"))' */
    {"", "$1$saltsalt$5Jhcit4zN9UlGiA0txPkO0"},
    /* mkpasswd -m md5crypt -S longpass "$(printf 'p%.0s' $(seq 200))" */
    {P200, "$1$longpass$DURLXOdLcajac9mu2imeZ."},
    /* mkpasswd -m sha-256 -S saltsaltsaltsalt -R 1000 secret */
    {"secret", "$5$rounds=1000$saltsaltsaltsalt$wYd0WDLeF2azwHAX40d1O2vcn89WFS"
	       "xXFzmX1Ppv5U0"},
    /* python3 -c 'import crypt; print(crypt.crypt("", "$5$saltstring"))' */
    {"", "$5$saltstring$FdNfA4gXqvCeO6iZs7G/.wwwoywYZqo0l1pwmfWaBA7"},
    /* python3 -c 'import crypt; print(crypt.crypt("x", "$5$$"))' */
    {"x", "$5$$0Uor7kq6CTPY0DtjOiw.I2DuJSUfiZxCqkrafMVjNc8"},
    /* mkpasswd -m sha-256 -S longpass -R 1000 "$(printf 'p%.0s' $(seq
     * 200))" */
    {P200, "$5$rounds=1000$longpass$P6ekFe.BEF2NU10nxQwWyF9SNMgjFT0xGhPDKAeh9"
	   "m4"},
    /* openssl passwd -6 -salt Hi 'pässwörd ü' (UTF-8) */
    {"p\xc3\xa4ssw\xc3\xb6rd \xc3\xbc",
     "$6$Hi$goiYCfNLlFTqaJzPd2/xdxy0a4SNut8NaHFsUPalAoAq2SioMaK7e.ixHF84GODnq"
     "lVQunxj0./a3o4sFAQau0"},
    /* openssl passwd -6 -salt 'rounds=9999$s' k */
    {"k", "$6$rounds=9999$s$dZ1fjBtOGT9MHW3rPBiJMUOTCByFBegYMNVd5PwlfvEGJ/6n7"
	  "6tV.96SV5SEEUzbQDBShQLeov8x3BIzKA/hX/"},
    /* mkpasswd -m sha-512 -R 20000 -S roundsrounds 'twenty thousand' */
    {"twenty thousand", "$6$rounds=20000$roundsrounds$jQ9dqORyfKXVKZQZGiTZEoCC"
			"JnJVUr4dgC6pWKUok6Mp/T0Tr.kwt91dkmY1L5AIlhHXrdgQ39n8"
			"v.Zyg8MSv/"},
    /* mkpasswd -m sha-512 -S abcdefgh -R 1000
     * sixty-four-characters-long-password-000000000000000000000000000 */
    {"sixty-four-characters-long-password-000000000000000000000000000",
     "$6$rounds=1000$abcdefgh$lpIBRJpO7wl0my6h8NB62XpflL4d.c5yLjDp443wdtMz19jB"
     "/OLZEML1yKBiEMu9nZ9KTF5dXTR07AIta4fw/0"},
    /* python3 -c 'import crypt; print(crypt.crypt("", "$6$saltstring"))' */
    {"", "$6$saltstring$kyGrqt6gmjAdtFLPrflEFifSYLCWWq1pyx95SvqinLDy2UHmj0sTF0"
	 "MSLMwxPFZc3tu5kQckI8fks0zOPda3n1"},
    /* python3 -c 'import crypt; print(crypt.crypt("x", "$6$$"))' */
    {"x", "$6$$KvRrc0bxRLyTUhO8OJOmRczh7oCol5BACiR8rmdfVzvuGgm8JmLDumsL/ah.jFt"
	  "T.DswxoP9Nv3ByfU4j5hm/0"},
    /* mkpasswd -m sha-512 -S longpass -R 1000 "$(printf 'p%.0s' $(seq
     * 200))" */
    {P200, "$6$rounds=1000$longpass$t.n4uBuhR9iERIdPYrICbpGSs0NT1dn3Uz/nCt36H"
	   "sNozc0r.kZrP3SDO5E5kgQMDDqKj.5kiKbJtSAxTK0BQ0"},
    /* sha1pass secret mysalt */
    {"secret", "$4$mysalt$uw8AUJWWweO2osun4qglayTF15o$"},
    /* sha1pass '' x */
    {"", "$4$x$EfatjsUqKYSrqv18O1FlA3hcIHI$"},
    /* sha1pass 'Hello world!' '' */
    {"Hello world!", "$4$$00hq6RNueFa8QiEjhep5cJRHWAI$"},
    /* sha1pass secret salts */
    {"secret", "$4$salts$FdpCyvJpM1aRfafRYdoMfZ+/r5A$"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A vector with more than 20000 rounds: too slow to try thrice more. */
static bool slow(const struct vec *v)
{
	const char *r = strstr(v->stored, "rounds=");

	return r && atoi(r + 7) > 20000;
}

/* Matches, and a change of one byte in the password does not. */
static void check_vectors(const struct vec *v, size_t n)
{
	char wrong[256];
	size_t i, len;

	for (i = 0; i < n; i++) {
		assert_true(passwd_form(v[i].stored) > PASSWD_PLAIN);
		if (!passwd_check(v[i].stored, v[i].typed))
			fail_msg("%s does not take '%s'", v[i].stored,
				 v[i].typed);
		if (slow(&v[i]))
			continue;
		len = strlen(v[i].typed);
		memcpy(wrong, v[i].typed, len + 1);
		if (len) {
			wrong[len - 1] ^= 1;
			assert_false(passwd_check(v[i].stored, wrong));
			wrong[len - 1] ^= 1;
			wrong[len - 1] = '\0'; /* one byte short */
			assert_false(passwd_check(v[i].stored, wrong));
		} else {
			assert_false(passwd_check(v[i].stored, " "));
		}
		strcpy(wrong + len, "x"); /* one byte more */
		assert_false(passwd_check(v[i].stored, wrong));
	}
}

static void test_spec_vectors(void **state)
{
	(void)state;
	check_vectors(spec, COUNT(spec));
}

static void test_tool_vectors(void **state)
{
	(void)state;
	check_vectors(tools, COUNT(tools));
}

/* SYSLINUX: anything but "$", a byte, "$" is plain text, compared
 * whole. */
static void test_plain(void **state)
{
	(void)state;
	assert_int_equal(passwd_form("secret"), PASSWD_PLAIN);
	assert_true(passwd_check("secret", "secret"));
	assert_false(passwd_check("secret", "Secret"));
	assert_false(passwd_check("secret", "secre"));
	assert_false(passwd_check("secret", "secret "));
	assert_false(passwd_check("secret", ""));
	assert_true(passwd_check("", ""));
	assert_false(passwd_check("", "x"));
	/* Not "$x$": plain text, dollars and all. */
	assert_int_equal(passwd_form("$"), PASSWD_PLAIN);
	assert_int_equal(passwd_form("$1"), PASSWD_PLAIN);
	assert_int_equal(passwd_form("$$$"), PASSWD_BAD);
	assert_int_equal(passwd_form("$1x$"), PASSWD_PLAIN);
	assert_true(passwd_check("$1", "$1"));
	assert_true(passwd_check("$1x$abc", "$1x$abc"));
}

static void test_null(void **state)
{
	(void)state;
	assert_int_equal(passwd_form(NULL), PASSWD_BAD);
	assert_false(passwd_check(NULL, ""));
	assert_false(passwd_check(NULL, "x"));
	assert_false(passwd_check("", NULL));
	assert_false(passwd_check(tools[0].stored, NULL));
}

static void test_forms(void **state)
{
	(void)state;
	assert_int_equal(passwd_form(tools[0].stored), PASSWD_MD5);
	assert_int_equal(passwd_form(tools[18].stored), PASSWD_SHA1);
	assert_int_equal(passwd_form(spec[0].stored), PASSWD_SHA256);
	assert_int_equal(passwd_form(spec[6].stored), PASSWD_SHA512);
	/* Unknown schemes, bcrypt included: SYSLINUX refuses them too. */
	assert_int_equal(passwd_form("$2$abc$def"), PASSWD_BAD);
	assert_int_equal(passwd_form("$2b$10$abcdefghijklmnopqrstuu"),
			 PASSWD_PLAIN);
	assert_int_equal(passwd_form("$7$x$y"), PASSWD_BAD);
	assert_false(passwd_check("$7$x$y", "$7$x$y"));
	assert_false(passwd_check("$$$", "$$$"));
}

/* Every proper prefix of a valid hash is refused, whatever is typed,
 * and is a form nobody can match (or short plain text). */
static void test_truncated(void **state)
{
	char cut[256];
	size_t i, n;

	(void)state;
	for (i = 0; i < COUNT(tools); i++) {
		if (strstr(tools[i].stored, "rounds=20000"))
			continue; /* slow, and the others cover $6$ */
		/* n = 0 is the plain-text empty password: "" takes it */
		for (n = 1; n < strlen(tools[i].stored); n++) {
			/* "$4$...$" without its last '$' is still whole */
			if (tools[i].stored[1] == '4' &&
			    n == strlen(tools[i].stored) - 1)
				continue;
			memcpy(cut, tools[i].stored, n);
			cut[n] = '\0';
			assert_false(passwd_check(cut, tools[i].typed));
			if (n >= 3)
				assert_int_equal(passwd_form(cut), PASSWD_BAD);
		}
	}
}

/* One hash character changed, anywhere, is refused. For "$4$" the last
 * digit's two spare bits are not part of the hash (SYSLINUX's
 * unbase64() drops them), so the change is to its upper bits. */
static void test_garbled(void **state)
{
	char bad[256];
	const char *hash;
	size_t i, k;

	(void)state;
	for (i = 0; i < COUNT(tools); i++) {
		/* each change costs a whole crypt: SHA-crypt at 1000 rounds */
		if (tools[i].stored[1] >= '5' &&
		    !strstr(tools[i].stored, "rounds=1000$"))
			continue;
		strcpy(bad, tools[i].stored);
		hash = strrchr(tools[i].stored, '$');
		if (tools[i].stored[1] == '4')
			hash = strchr(tools[i].stored + 3, '$');
		for (k = (size_t)(hash + 1 - tools[i].stored);
		     bad[k] && bad[k] != '$'; k++) {
			bad[k] = strchr("ABCD", bad[k]) ? 'Q' : 'A';
			assert_false(passwd_check(bad, tools[i].typed));
			bad[k] = tools[i].stored[k];
		}
		assert_true(passwd_check(bad, tools[i].typed));
	}
}

/* What may follow a hash: as in SYSLINUX, the end or a '$' and anything
 * (it compares its own output as a prefix); nothing else. */
static void test_trailer(void **state)
{
	(void)state;
	assert_true(
	    passwd_check("$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/$", "password"));
	assert_true(passwd_check("$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/$junk",
				 "password"));
	assert_false(
	    passwd_check("$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/x", "password"));
	assert_false(
	    passwd_check("$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/ ", "password"));
	assert_true(
	    passwd_check("$4$mysalt$uw8AUJWWweO2osun4qglayTF15o", "secret"));
	assert_true(
	    passwd_check("$4$mysalt$uw8AUJWWweO2osun4qglayTF15o=$", "secret"));
	assert_false(
	    passwd_check("$4$mysalt$uw8AUJWWweO2osun4qglayTF15oA$", "secret"));
	assert_false(
	    passwd_check("$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBB"
			 "GWEc5A",
			 "Hello world!"));
}

/* SYSLINUX's unbase64() also reads the file-name-safe digits: '-' or
 * '.' for '+', '_' for '/'. */
static void test_sha1_alphabet(void **state)
{
	(void)state;
	assert_true(
	    passwd_check("$4$salts$FdpCyvJpM1aRfafRYdoMfZ-_r5A$", "secret"));
	assert_true(
	    passwd_check("$4$salts$FdpCyvJpM1aRfafRYdoMfZ._r5A$", "secret"));
	assert_false(
	    passwd_check("$4$salts$FdpCyvJpM1aRfafRYdoMfZ*/r5A$", "secret"));
	/* the spare bits of the last digit: I (8) and L (11) read alike */
	assert_true(passwd_check("$4$x$EfatjsUqKYSrqv18O1FlA3hcIHL$", ""));
}

/* rounds= is taken only as crypt writes it: a number in 1000..999999999
 * without leading zeros; SYSLINUX would write any other back differently
 * and never match. */
static void test_bad_rounds(void **state)
{
	static const char *const bad[] = {
	    "$5$rounds=10$roundstoolow$yfvwcWrQ8l/K0DAWyuPMDNHpIVlTQebY9l/"
	    "gL972bIC",
	    "$5$rounds=01000$roundstoolow$yfvwcWrQ8l/K0DAWyuPMDNHpIVlTQebY9l/"
	    "gL972bIC",
	    "$5$rounds=999$roundstoolow$yfvwcWrQ8l/K0DAWyuPMDNHpIVlTQebY9l/"
	    "gL972bIC",
	    "$5$rounds=1000000000$roundstoolow$yfvwcWrQ8l/"
	    "K0DAWyuPMDNHpIVlTQebY9l/"
	    "gL972bIC",
	    "$5$rounds=4294968296$roundstoolow$yfvwcWrQ8l/"
	    "K0DAWyuPMDNHpIVlTQebY9l/"
	    "gL972bIC",
	    "$5$rounds=$roundstoolow$yfvwcWrQ8l/K0DAWyuPMDNHpIVlTQebY9l/"
	    "gL972bIC",
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(bad); i++) {
		assert_int_equal(passwd_form(bad[i]), PASSWD_BAD);
		assert_false(passwd_check(bad[i], spec[12].typed));
	}
	/* "rounds=" without digits and a '$' is salt text, as in SYSLINUX */
	assert_int_equal(passwd_form("$5$rounds=x$yfvwcWrQ8l/K0DAWyuPMDNHpIVlT"
				     "QebY9l/gL972bIC"),
			 PASSWD_SHA256);
}

/* Salts longer than crypt keeps (8 for MD5, 16 for SHA) never match in
 * SYSLINUX, which writes the cut salt back. */
static void test_long_salt(void **state)
{
	(void)state;
	assert_int_equal(passwd_form("$1$saltsaltX$qjXMvbEw8oaL.CzflDtaK/"),
			 PASSWD_BAD);
	assert_false(
	    passwd_check("$1$saltsaltX$qjXMvbEw8oaL.CzflDtaK/", "password"));
	assert_int_equal(passwd_form("$5$rounds=5000$toolongsaltstring$Un/5jzAH"
				     "MgOGZ5.mWJpuVolil07guHPvOW8mGRcvxa5"),
			 PASSWD_BAD);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_spec_vectors),
	    cmocka_unit_test(test_tool_vectors),
	    cmocka_unit_test(test_plain),
	    cmocka_unit_test(test_null),
	    cmocka_unit_test(test_forms),
	    cmocka_unit_test(test_truncated),
	    cmocka_unit_test(test_garbled),
	    cmocka_unit_test(test_trailer),
	    cmocka_unit_test(test_sha1_alphabet),
	    cmocka_unit_test(test_bad_rounds),
	    cmocka_unit_test(test_long_salt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
