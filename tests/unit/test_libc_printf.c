// SPDX-License-Identifier: BSD-2-Clause
// Unit tests for stage2/libc/printf.c, built for the host under bz_* names
// (tests/unit/module.mk): every conversion stdio.h lists, flags, widths,
// '*', and the C standard's return value and truncation.  stage2's printf
// (console.c) is this vsnprintf into a line buffer, then the console.
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "stage2/libc/stdio.h"
#include "stage2/libc/string.h"

static char out[128];

// Some checks pass formats gcc's format check rightly warns about (a lone
// '%', '-' with '0', a NULL %s): what stage2 does with them is the point.
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-overflow"

// Formats into out (the whole of it) and checks the text and the length.
#define CHECK(want, ...)                                                       \
	do {                                                                   \
		assert_int_equal(snprintf(out, sizeof(out), __VA_ARGS__),      \
				 sizeof(want) - 1);                            \
		assert_string_equal(out, want);                                \
	} while (0)

static void test_text(void **state)
{
	(void)state;
	CHECK("", "%s", "");
	CHECK("plain text", "plain text");
	CHECK("100%", "100%%");
	CHECK("%%", "%%%%");
	// Not a conversion stdio.h lists: printed as it stands.
	CHECK("%q", "%q");
	// A lone '%' at the end ends the output there.
	CHECK("end%", "end%");
	CHECK("w%", "w%5");
}

static void test_signed(void **state)
{
	(void)state;
	CHECK("0", "%d", 0);
	CHECK("42", "%d", 42);
	CHECK("-42", "%i", -42);
	CHECK("2147483647", "%d", INT_MAX);
	CHECK("-2147483648", "%d", INT_MIN);
	CHECK("-1", "%ld", -1L);
	CHECK("-2147483648", "%ld", (long)INT_MIN);
	CHECK("9223372036854775807", "%lld", LLONG_MAX);
	CHECK("-9223372036854775808", "%lld", LLONG_MIN);
	CHECK("-1 2 -3", "%d %lld %d", -1, 2LL, -3);
}

static void test_unsigned(void **state)
{
	(void)state;
	CHECK("0", "%u", 0u);
	CHECK("4294967295", "%u", UINT_MAX);
	CHECK("4294967295", "%lu", 4294967295UL);
	CHECK("18446744073709551615", "%llu", ULLONG_MAX);
	CHECK("0", "%x", 0u);
	CHECK("deadbeef", "%x", 0xDEADBEEFu);
	CHECK("DEADBEEF", "%X", 0xDEADBEEFu);
	CHECK("12345678", "%lx", 0x12345678UL);
	// 64-bit values, the memory map's addresses: both halves.
	CHECK("100000000", "%llx", 0x100000000ULL);
	CHECK("fffffffffffffff0", "%llx", 0xFFFFFFFFFFFFFFF0ULL);
	CHECK("FEDCBA9876543210", "%llX", 0xFEDCBA9876543210ULL);
	CHECK("1311768467463790320", "%llu", 0x123456789ABCDEF0ULL);
	// %zu: on the target size_t is unsigned int, which this reads.
	CHECK("512", "%zu", (size_t)512);
}

static void test_width(void **state)
{
	(void)state;
	CHECK("   42", "%5d", 42);
	CHECK("42   |", "%-5d|", 42);
	CHECK("00042", "%05d", 42);
	// The sign goes before the zeros, inside the width.
	CHECK("-0042", "%05d", -42);
	CHECK("  -42", "%5d", -42);
	CHECK("-42  |", "%-5d|", -42);
	// '-' wins over '0': padded with spaces on the right.
	CHECK("42   |", "%-05d|", 42);
	CHECK("-42  |", "%-05d|", -42);
	CHECK("0000beef", "%08x", 0xBEEFu);
	CHECK("    BEEF", "%8X", 0xBEEFu);
	CHECK("0000000100000000", "%016llx", 0x100000000ULL);
	// A width smaller than the number cuts nothing.
	CHECK("123456", "%3d", 123456);
	CHECK("-123456", "%03d", -123456);
}

static void test_star(void **state)
{
	(void)state;
	CHECK("   42", "%*d", 5, 42);
	CHECK("42   |", "%-*d|", 5, 42);
	CHECK("0000ff", "%0*x", 6, 0xFFu);
	CHECK("  ab", "%*s", 4, "ab");
	CHECK("ab", "%*s", 0, "ab");
	CHECK("abc", "%.*s", 3, "abcdef");
	CHECK("  abc|", "%*.*s|", 5, 3, "abcdef");
	// A negative precision is as if there were none (C11 7.21.6.1).
	CHECK("abcdef", "%.*s", -1, "abcdef");
	// A negative width is a '-' flag and a positive width (the same).
	CHECK("42   |", "%*d|", -5, 42);
	CHECK("ab  |", "%*s|", -4, "ab");
}

static void test_char_string(void **state)
{
	(void)state;
	CHECK("x", "%c", 'x');
	CHECK("    x", "%5c", 'x');
	CHECK("x  |", "%-3c|", 'x');
	CHECK("[\xE9]", "[%c]", 0xE9);
	CHECK("bzboot", "%s", "bzboot");
	CHECK("    bzboot", "%10s", "bzboot");
	CHECK("bzboot    |", "%-10s|", "bzboot");
	CHECK("bz", "%.2s", "bzboot");
	CHECK("", "%.0s", "bzboot");
	CHECK("bzboot", "%.20s", "bzboot");
	CHECK("   bz", "%5.2s", "bzboot");
	CHECK("(null)", "%s", (const char *)NULL);
	CHECK("a b c", "%s %c %s", "a", 'b', "c");
}

static void test_pointer(void **state)
{
	(void)state;
	CHECK("0x0", "%p", (void *)0);
	CHECK("0x9fc00", "%p", (void *)0x9FC00);
	CHECK("0xdeadbeef", "%p", (void *)0xDEADBEEFu);
}

// C's return value: the length it would have written; at most size - 1
// characters and always a NUL, except that size 0 writes nothing.
static void test_truncation(void **state)
{
	char small[8];

	(void)state;
	memset(small, 'Z', sizeof(small));
	assert_int_equal(snprintf(small, 5, "%s", "bzboot"), 6);
	assert_string_equal(small, "bzbo");
	assert_int_equal(small[5], 'Z');
	assert_int_equal(snprintf(small, 1, "%d", 12345), 5);
	assert_string_equal(small, "");
	assert_int_equal(snprintf(small, 6, "%5d", -1), 5);
	assert_string_equal(small, "   -1");
	assert_int_equal(snprintf(small, 6, "%6d", -1), 6);
	assert_string_equal(small, "    -");
	memset(small, 'Z', sizeof(small));
	assert_int_equal(snprintf(small, 0, "%s", "abc"), 3);
	assert_int_equal(small[0], 'Z');
	assert_int_equal(snprintf(NULL, 0, "%llx", 0x123456789ULL), 9);
	// A width wider than the buffer: counted, not written past it.
	assert_int_equal(snprintf(small, sizeof(small), "%40s", "x"), 40);
	assert_string_equal(small, "       ");
}

// vsnprintf is what printf and snprintf call: the same through a va_list,
// here into a buffer of size bytes (out's first ones).
static void check_va(int len, const char *want, size_t size, const char *fmt,
		     ...)
{
	va_list ap;

	va_start(ap, fmt);
	assert_int_equal(vsnprintf(out, size, fmt, ap), len);
	va_end(ap);
	assert_string_equal(out, want);
}

static void test_vsnprintf(void **state)
{
	(void)state;
	check_va(14, "mem=64 4000000", sizeof(out), "%s=%u %llx", "mem", 64u,
		 0x4000000ULL);
	check_va(6, "-12", 4, "%d", -12345);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_text),
	    cmocka_unit_test(test_signed),
	    cmocka_unit_test(test_unsigned),
	    cmocka_unit_test(test_width),
	    cmocka_unit_test(test_star),
	    cmocka_unit_test(test_char_string),
	    cmocka_unit_test(test_pointer),
	    cmocka_unit_test(test_truncation),
	    cmocka_unit_test(test_vsnprintf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
