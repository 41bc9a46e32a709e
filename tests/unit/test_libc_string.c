// SPDX-License-Identifier: BSD-2-Clause
// Unit tests for stage2/libc/string.c, built for the host under bz_* names
// (tests/unit/module.mk): the C standard's semantics, byte for byte, and
// not one byte written outside the destination.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "stage2/libc/string.h"

#define GUARD 0x5A // fills the bytes around a destination

static uint8_t src_buf[64], dst_buf[64 + 16];

// A pattern no two nearby bytes share, so a shifted copy shows.
static void pattern(uint8_t *b, size_t n, uint8_t seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		b[i] = (uint8_t)(seed + i * 7 + 1);
}

static void assert_guards(const uint8_t *d, size_t n)
{
	size_t i;

	for (i = 0; i < 8; i++)
		assert_int_equal(dst_buf[i], GUARD);
	for (i = (size_t)(d - dst_buf) + n; i < sizeof(dst_buf); i++)
		assert_int_equal(dst_buf[i], GUARD);
}

// Every length up to 19 (the dword loop and each tail of 0-3 bytes) at
// every alignment of source and destination.
static void test_memcpy(void **state)
{
	size_t n, so, dof, i;

	(void)state;
	for (so = 0; so < 4; so++)
		for (dof = 0; dof < 4; dof++)
			for (n = 0; n < 20; n++) {
				uint8_t *d = dst_buf + 8 + dof;

				pattern(src_buf, sizeof(src_buf), (uint8_t)n);
				for (i = 0; i < sizeof(dst_buf); i++)
					dst_buf[i] = GUARD;
				assert_ptr_equal(memcpy(d, src_buf + so, n), d);
				for (i = 0; i < n; i++)
					assert_int_equal(d[i], src_buf[so + i]);
				assert_guards(d, n);
			}
}

// The reference: what memmove must produce, through a separate copy.
static void moved(uint8_t *want, const uint8_t *b, size_t len, size_t to,
		  size_t from, size_t n)
{
	uint8_t tmp[64];
	size_t i;

	for (i = 0; i < len; i++)
		want[i] = b[i];
	for (i = 0; i < n; i++)
		tmp[i] = b[from + i];
	for (i = 0; i < n; i++)
		want[to + i] = tmp[i];
}

// Overlaps both ways (destination above the source copies backwards,
// below it forwards, dword by dword), at distances 1 to 5 and lengths that
// cover the dword loop's tails; then no overlap, the same pointer, n = 0.
static void test_memmove(void **state)
{
	uint8_t b[40], want[40];
	size_t dist, n, i, base = 10;

	(void)state;
	for (dist = 1; dist <= 5; dist++)
		for (n = 0; n <= 17; n++) {
			// Destination above the source.
			pattern(b, sizeof(b), (uint8_t)dist);
			moved(want, b, sizeof(b), base + dist, base, n);
			assert_ptr_equal(memmove(b + base + dist, b + base, n),
					 b + base + dist);
			for (i = 0; i < sizeof(b); i++)
				assert_int_equal(b[i], want[i]);
			// Destination below the source.
			pattern(b, sizeof(b), (uint8_t)(dist + 100));
			moved(want, b, sizeof(b), base - dist, base, n);
			assert_ptr_equal(memmove(b + base - dist, b + base, n),
					 b + base - dist);
			for (i = 0; i < sizeof(b); i++)
				assert_int_equal(b[i], want[i]);
		}
	// Apart, the same place, nothing.
	pattern(b, sizeof(b), 3);
	moved(want, b, sizeof(b), 20, 0, 12);
	assert_ptr_equal(memmove(b + 20, b, 12), b + 20);
	assert_memory_equal(b, want, sizeof(b));
	pattern(b, sizeof(b), 4);
	moved(want, b, sizeof(b), 5, 5, 20);
	assert_ptr_equal(memmove(b + 5, b + 5, 20), b + 5);
	assert_memory_equal(b, want, sizeof(b));
	assert_ptr_equal(memmove(b + 6, b + 5, 0), b + 6);
	assert_memory_equal(b, want, sizeof(b));
}

static void test_memset(void **state)
{
	size_t n, dof, i;

	(void)state;
	for (dof = 0; dof < 4; dof++)
		for (n = 0; n < 20; n++) {
			uint8_t *d = dst_buf + 8 + dof;

			for (i = 0; i < sizeof(dst_buf); i++)
				dst_buf[i] = GUARD;
			// Only the low byte of c counts.
			assert_ptr_equal(memset(d, 0x1A7, n), d);
			for (i = 0; i < n; i++)
				assert_int_equal(d[i], 0xA7);
			assert_guards(d, n);
		}
}

static void test_memcmp(void **state)
{
	static const uint8_t a[] = {1, 2, 3, 0x80}, b[] = {1, 2, 4, 0x01};

	(void)state;
	assert_int_equal(memcmp(a, a, sizeof(a)), 0);
	assert_int_equal(memcmp(a, b, 0), 0);
	assert_int_equal(memcmp(a, b, 2), 0);
	assert_true(memcmp(a, b, 3) < 0);
	assert_true(memcmp(b, a, 3) > 0);
	// Bytes compare as unsigned char: 0x80 is above 0x01.
	assert_true(memcmp(a + 3, b + 3, 1) > 0);
	assert_true(memcmp(b + 3, a + 3, 1) < 0);
}

static void test_memchr(void **state)
{
	static const uint8_t b[] = {'a', 0, 'b', 0xE9, 'b'};

	(void)state;
	assert_ptr_equal(memchr(b, 'b', sizeof(b)), b + 2);
	assert_ptr_equal(memchr(b, 0, sizeof(b)), b + 1);
	assert_ptr_equal(memchr(b, 0xE9, sizeof(b)), b + 3);
	// c converts to unsigned char: -23 and 0x1E9 are 0xE9 too.
	assert_ptr_equal(memchr(b, -23, sizeof(b)), b + 3);
	assert_ptr_equal(memchr(b, 0x1E9, sizeof(b)), b + 3);
	assert_null(memchr(b, 'b', 2));
	assert_null(memchr(b, 'a', 0));
	assert_null(memchr(b, 'z', sizeof(b)));
}

static void test_strlen(void **state)
{
	(void)state;
	assert_int_equal(strlen(""), 0);
	assert_int_equal(strlen("a"), 1);
	assert_int_equal(strlen("bzboot\0hidden"), 6);
	assert_int_equal(strnlen("bzboot", 3), 3);
	assert_int_equal(strnlen("bzboot", 6), 6);
	assert_int_equal(strnlen("bzboot", 100), 6);
	assert_int_equal(strnlen("bzboot", 0), 0);
	// Never reads past max: a buffer without a NUL.
	assert_int_equal(strnlen((const char *)src_buf, 0), 0);
}

static void test_strcmp(void **state)
{
	(void)state;
	assert_int_equal(strcmp("", ""), 0);
	assert_int_equal(strcmp("linux", "linux"), 0);
	assert_true(strcmp("linu", "linux") < 0);
	assert_true(strcmp("linux", "linu") > 0);
	assert_true(strcmp("a", "b") < 0);
	// As unsigned char: "\xE9" sorts after "z".
	assert_true(strcmp("\xE9", "z") > 0);
	assert_true(strcmp("z", "\xE9") < 0);
	assert_int_equal(strncmp("linux", "linuy", 4), 0);
	assert_true(strncmp("linux", "linuy", 5) < 0);
	assert_int_equal(strncmp("a", "b", 0), 0);
	// Stops at the NUL: what follows it does not count.
	assert_int_equal(strncmp("ab\0x", "ab\0y", 4), 0);
	assert_true(strncmp("ab", "abc", 3) < 0);
	assert_true(strncmp("\xE9", "z", 1) > 0);
}

static void test_strchr(void **state)
{
	static const char s[] = "a=b=c\xE9";

	(void)state;
	assert_ptr_equal(strchr(s, '='), s + 1);
	assert_ptr_equal(strrchr(s, '='), s + 3);
	assert_ptr_equal(strchr(s, 'a'), s);
	assert_ptr_equal(strrchr(s, 'a'), s);
	assert_null(strchr(s, 'z'));
	assert_null(strrchr(s, 'z'));
	// The terminator is part of the string.
	assert_ptr_equal(strchr(s, '\0'), s + 6);
	assert_ptr_equal(strrchr(s, '\0'), s + 6);
	// c converts to char: 0xE9 finds the byte 0xE9.
	assert_ptr_equal(strchr(s, 0xE9), s + 5);
	assert_ptr_equal(strrchr(s, 0xE9), s + 5);
	assert_null(strchr("", 'a'));
	assert_null(strrchr("", 'a'));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_memcpy), cmocka_unit_test(test_memmove),
	    cmocka_unit_test(test_memset), cmocka_unit_test(test_memcmp),
	    cmocka_unit_test(test_memchr), cmocka_unit_test(test_strlen),
	    cmocka_unit_test(test_strcmp), cmocka_unit_test(test_strchr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
