// SPDX-License-Identifier: BSD-2-Clause
/* Checking a typed password against MENU PASSWD / MENU MASTER PASSWD, in
 * every form SYSLINUX's menu takes (com32/menu/passwd.c): plain text,
 * "$1$salt$hash" (MD5-crypt), "$4$salt$hash$" (SYSLINUX's sha1pass:
 * base64 of SHA-1(salt, password)), "$5$" and "$6$" (SHA-256/512-crypt,
 * with an optional "rounds=N$" before the salt). Pure. */
#ifndef BZ_CMDLINE_PASSWD_H
#define BZ_CMDLINE_PASSWD_H

#include <stdbool.h>

enum passwd_form {
	PASSWD_BAD = -1, /* "$x$..." that no password can match */
	PASSWD_PLAIN = 0,
	PASSWD_MD5 = 1,	   /* $1$ */
	PASSWD_SHA1 = 4,   /* $4$ */
	PASSWD_SHA256 = 5, /* $5$ */
	PASSWD_SHA512 = 6, /* $6$ */
};

/* The form of a stored password, PASSWD_BAD for a NULL, an unknown "$n$"
 * or a hash that is cut short, too long, or not in its alphabet: one the
 * config reader can warn about, as nobody can ever type it. As in
 * SYSLINUX, a string is a hash only if it starts "$", a byte, "$"; any
 * other string is a plain-text password. */
enum passwd_form passwd_form(const char *stored);

/* True if typed is the password stored (a MENU PASSWD value). Never true
 * for a PASSWD_BAD form or a NULL. The comparison of the final hash (or
 * plain text) takes the same time wherever the first difference is. A
 * "$5$"/"$6$" check runs the hash's rounds: 5000 by default, up to the
 * 999999999 that rounds= may ask (the config's author chose the wait). */
bool passwd_check(const char *stored, const char *typed);

#endif
