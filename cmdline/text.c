// SPDX-License-Identifier: BSD-2-Clause
/* Text helpers shared by the config parser and the kernel command line:
 * one copy of each, so the two readers cannot drift apart. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cmdline/text.h"

bool text_is_syslinux_space(char ch)
{
	return (unsigned char)ch <= ' ' || ch == 0x7F;
}

bool text_is_kernel_space(char ch)
{
	return ch == ' ' || (ch >= '\t' && ch <= '\r');
}

char text_to_lower(char ch)
{
	return (ch >= 'A' && ch <= 'Z') ? (char)(ch + ('a' - 'A')) : ch;
}

unsigned text_digit_value(char ch)
{
	if (ch >= '0' && ch <= '9')
		return (unsigned)(ch - '0');
	ch = text_to_lower(ch);
	if (ch >= 'a' && ch <= 'f')
		return (unsigned)(ch - 'a' + 10);
	return 99;
}

int text_parse_uint(const char **pp, const char *end, unsigned base,
		    uint64_t max, uint64_t *out)
{
	const char *p = *pp;
	uint64_t v = 0, lim;
	unsigned d;
	bool any = false, over = false;

	if (base == 0) {
		base = 10;
		if (p < end && *p == '0') {
			base = 8;
			if (end - p > 2 && text_to_lower(p[1]) == 'x' &&
			    text_digit_value(p[2]) < 16) {
				base = 16;
				p += 2;
			}
		}
	}
	/* Constant divisors: no 64-bit division helper on the i386 target. */
	lim = base == 16  ? UINT64_MAX / 16
	      : base == 8 ? UINT64_MAX / 8
			  : UINT64_MAX / 10;
	for (; p < end && (d = text_digit_value(*p)) < base; p++) {
		/* Past 64 bits v wraps, so it can no longer be held to max. */
		if (v > lim || (v == lim && d > UINT64_MAX - lim * base))
			over = true;
		v = v * base + d;
		over = over || v > max;
		any = true;
	}
	*pp = p;
	*out = v;
	if (over)
		return TEXT_NUM_OVERFLOW;
	return any ? TEXT_NUM_OK : TEXT_NUM_NONE;
}

size_t text_unquoted_len(const char *p, const char *end)
{
	size_t n = 0;

	for (; p < end; p++)
		n += *p != '"';
	return n;
}

const char *text_skip_space(const char *p, const char *end)
{
	while (p < end && text_is_syslinux_space(*p))
		p++;
	return p;
}

const char *text_word_end(const char *p, const char *end)
{
	while (p < end && !text_is_syslinux_space(*p))
		p++;
	return p;
}

const char *text_trim_end(const char *p, const char *end)
{
	while (end > p && text_is_syslinux_space(end[-1]))
		end--;
	return end;
}

/* bzboot's way to name files with blanks: '"' cannot occur in a FAT
 * name, so no SYSLINUX config means anything else by it. */
const char *text_qword_end(const char *p, const char *end)
{
	bool quoted = false;

	for (; p < end && (quoted || !text_is_syslinux_space(*p)); p++)
		if (*p == '"')
			quoted = !quoted;
	return quoted ? NULL : p;
}

bool text_word_is(const char *p, const char *end, const char *kw)
{
	size_t n = (size_t)(end - p);

	if (strlen(kw) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (text_to_lower(p[i]) != kw[i])
			return false;
	return true;
}

bool text_ends_with(const char *p, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n >= k && memcmp(p + n - k, suffix, k) == 0;
}

bool text_copy_span(char *dst, size_t size, const char *p, const char *end)
{
	size_t n = (size_t)(end - p);

	if (n >= size)
		return false;
	memcpy(dst, p, n);
	dst[n] = '\0';
	return true;
}

bool text_copy_unquoted(char *dst, size_t size, const char *p, const char *end)
{
	if (text_unquoted_len(p, end) >= size)
		return false;
	for (; p < end; p++)
		if (*p != '"')
			*dst++ = *p;
	*dst = '\0';
	return true;
}
