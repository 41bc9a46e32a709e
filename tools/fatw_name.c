// SPDX-License-Identifier: BSD-2-Clause
// Names for the FAT writer: which names it writes (ASCII), the 8.3 short
// name made from a long one (the FAT specification's basis name and ~N
// tail), the long-name entries and the match of a name against an entry
// (as fs/fat_dir.c matches: ASCII letters fold).
#include <string.h>

#include "fs/fat.h"
#include "tools/fatw_name.h"

static char upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

int fatw_name_check(const char *s, size_t n)
{
	if (n == 0 || n > FAT_NAME_MAX)
		return -1;
	if ((n == 1 && s[0] == '.') || (n == 2 && !memcmp(s, "..", 2)))
		return -1;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		/* Control characters and what long names may not hold. */
		if (c < 0x20 || c > 0x7E || strchr("\"*/:<>?\\|", c))
			return -1;
	}
	/* Windows drops trailing dots and spaces: such names do not
	 * survive a round trip. */
	return s[n - 1] == '.' || s[n - 1] == ' ' ? -1 : 0;
}

/* What an 8.3 name may hold besides letters and digits. */
static bool short_ok(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       strchr("$%'-_@~`!(){}^#&", c);
}

/* The basis name: upper case, what 8.3 cannot hold made '_' or dropped,
 * base cut to 8 and extension to 3. True if that lost anything. */
static bool basis(const char *s, size_t n, uint8_t out[11])
{
	const char *dot = NULL;
	size_t b = 0, e = 0, start = 0;
	bool lossy = false;

	memset(out, ' ', 11);
	for (size_t i = 0; i < n; i++)
		if (s[i] == '.')
			dot = s + i;
	while (start < n && (s[start] == '.' || s[start] == ' '))
		start++, lossy = true;
	if (dot && dot < s + start)
		dot = NULL; /* ".profile": all base */
	for (size_t i = start; i < n; i++) {
		char c = upper(s[i]);

		if (dot && s + i == dot)
			continue;
		if (c == ' ' || c == '.') {
			lossy = true;
			continue;
		}
		if (!short_ok(c)) {
			c = '_';
			lossy = true;
		}
		if (!dot || s + i < dot) {
			if (b < 8)
				out[b++] = (uint8_t)c;
			else
				lossy = true;
		} else {
			if (e < 3)
				out[8 + e++] = (uint8_t)c;
			else
				lossy = true;
		}
	}
	if (b == 0) {
		out[0] = '_';
		lossy = true;
	}
	return lossy;
}

static bool used(const uint8_t (*names)[11], size_t n, const uint8_t raw[11])
{
	for (size_t i = 0; i < n; i++)
		if (!memcmp(names[i], raw, 11))
			return true;
	return false;
}

/* "BASE.EXT" of raw, as a name is written. */
static size_t display(const uint8_t raw[11], char out[13])
{
	size_t len = 0, b = 8, e = 3;

	while (b && raw[b - 1] == ' ')
		b--;
	while (e && raw[8 + e - 1] == ' ')
		e--;
	memcpy(out, raw, b);
	len = b;
	if (e) {
		out[len++] = '.';
		memcpy(out + len, raw + 8, e);
		len += e;
	}
	return len;
}

bool fatw_short_name(const char *s, size_t n, const uint8_t (*names)[11],
		     size_t nnames, uint8_t out[11])
{
	bool lossy = basis(s, n, out);
	uint8_t base[8];
	size_t b = 8;
	char shown[13];

	if (!lossy && !used(names, nnames, out))
		return display(out, shown) != n || memcmp(shown, s, n);
	memcpy(base, out, 8);
	while (b && base[b - 1] == ' ')
		b--;
	/* NAME~N: the tail replaces the end of the base when it must. */
	for (unsigned k = 1; k < 1000000; k++) {
		char tail[8];
		size_t t = 0, keep;

		for (unsigned v = k; v; v /= 10)
			tail[t++] = (char)('0' + v % 10);
		tail[t++] = '~';
		keep = b < 8 - t ? b : 8 - t;
		memset(out, ' ', 8);
		memcpy(out, base, keep);
		for (size_t i = 0; i < t; i++)
			out[keep + i] = (uint8_t)tail[t - 1 - i];
		if (!used(names, nnames, out))
			break;
	}
	return true;
}

unsigned fatw_lfn_count(size_t n)
{
	return (unsigned)((n + 12) / 13);
}

void fatw_lfn_entry(uint8_t *slot, const char *s, size_t n, unsigned ord,
		    bool last, uint8_t sum)
{
	/* The byte offsets of a long-name entry's 13 UTF-16 characters. */
	static const uint8_t at[13] = {1,  3,  5,  7,  9,  14, 16,
				       18, 20, 22, 24, 28, 30};
	size_t first = (size_t)(ord - 1) * 13;

	memset(slot, 0, 32);
	slot[0] = (uint8_t)(ord | (last ? 0x40 : 0));
	slot[11] = FAT_ATTR_LONG_NAME;
	slot[13] = sum;
	for (unsigned i = 0; i < 13; i++) {
		size_t k = first + i;
		/* The name, one NUL after it, then 0xFFFF padding. */
		uint16_t c = k < n ? (uint8_t)s[k] : k == n ? 0 : 0xFFFF;

		slot[at[i]] = (uint8_t)c;
		slot[at[i] + 1] = (uint8_t)(c >> 8);
	}
}

bool fatw_name_match(const uint16_t *lfn, size_t lfn_len, const uint8_t raw[11],
		     const char *s, size_t n)
{
	char shown[13];
	size_t len;

	if (lfn && lfn_len == n) {
		size_t i;

		for (i = 0; i < n; i++)
			if (lfn[i] > 0x7F || upper((char)lfn[i]) != upper(s[i]))
				break;
		if (i == n)
			return true;
	}
	len = display(raw, shown);
	if (len && shown[0] == 0x05)
		shown[0] = (char)0xE5;
	if (len != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (upper(shown[i]) != upper(s[i]))
			return false;
	return true;
}
