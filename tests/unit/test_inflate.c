// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for protocol/inflate.c: gzip members made by Python's zlib
 * (stored, fixed and dynamic Huffman blocks, every optional header field)
 * decode to what was compressed; every way a file can be broken is an
 * error, never a read or write outside the buffers (ASan). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "protocol/inflate.h"

static struct inflate_work work;
static uint8_t out[4096];

#define TEXT                                                                   \
	"Multiboot kernels such as xen.gz are gzip files; "                    \
	"Multiboot kernels such as xen.gz are gzip files; "                    \
	"Multiboot kernels such as xen.gz are gzip files; the end.\n"

/* zlib level 0: one stored block */
static const uint8_t stored[] =
    "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\x01\x9c\x00\x63\xff" TEXT
    "\x7d\xb5\x28\xc3\x9c\x00\x00\x00";
/* zlib Z_FIXED: one fixed-Huffman block with back references */
static const uint8_t fixed[] =
    "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xf3\x2d\xcd\x29\xc9\x4c"
    "\xca\xcf\x2f\x51\xc8\x4e\x2d\xca\x4b\xcd\x29\x56\x28\x2e\x4d\xce"
    "\x50\x48\x2c\x56\xa8\x48\xcd\xd3\x4b\xaf\x52\x48\x2c\x4a\x55\x48"
    "\xaf\xca\x2c\x50\x48\xcb\xcc\x49\x2d\xb6\x56\xf0\xa5\xb9\x86\x92"
    "\x8c\x54\x85\xd4\xbc\x14\x3d\x2e\x00\x7d\xb5\x28\xc3\x9c\x00\x00"
    "\x00";
/* zlib level 9 over lcg_text(): one dynamic-Huffman block */
static const uint8_t dynamic[] =
    "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\x25\x50\xc9\x01\x80\x30"
    "\x0c\x9a\x15\xc8\xb5\xff\x04\x42\xf5\xa1\x31\xe5\x2c\x7a\x08\xfa"
    "\x19\x48\x28\x00\x44\x1e\x36\x9a\xd2\xaa\x28\x40\x27\xbc\xaf\x66"
    "\x1e\x64\xd7\x68\x60\xa8\x96\x09\x5d\x86\xa2\x48\x93\x82\xc3\x9e"
    "\x97\xa7\xe5\x2f\xb5\x0b\xd5\xb6\xe9\x54\xdd\xd8\x4e\x16\xef\xc8"
    "\x3f\x03\xff\xf8\xe5\xf3\xe7\x74\x99\x46\x11\xb6\x04\x0c\xb5\xb0"
    "\xca\x9b\x39\x8f\xbd\x8a\xba\xc1\xb1\x67\x3b\x3f\xd4\x73\x4f\x64"
    "\x94\x78\x66\x23\x74\x18\x1a\xba\xae\x2a\xb1\xac\x1d\x19\xde\x64"
    "\xa6\x9d\xb2\x75\xd1\xf9\x63\xd0\xee\x8e\x5d\x8d\x34\x41\x4a\xf2"
    "\x0f\x67\xb5\x9c\x2f\xd6\xad\x2f\xa7\x95\xb0\x1b\x0c\x9f\x65\xfa"
    "\x78\xce\x8d\xa4\xfb\x6b\xee\x85\xef\x75\x6d\xe8\xab\x65\x3c\x12"
    "\xbb\xef\x11\xd6\xdd\x53\xe5\xbc\xe3\xf4\x4e\x7c\x3e\x11\xd3\xf8"
    "\xfa\x90\x01\x00\x00";
/* "abc" with FHCRC, FEXTRA ("XY12"), FNAME ("f.txt") and FCOMMENT */
static const uint8_t fields[] =
    "\x1f\x8b\x08\x1e\x00\x00\x00\x00\x00\x03\x04\x00\x58\x59\x31\x32"
    "\x66\x2e\x74\x78\x74\x00\x63\x00\x1b\xe5\x4b\x4c\x4a\x06\x00\xc2"
    "\x41\x24\x35\x03\x00\x00\x00";
static const uint8_t empty[] = "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03"
			       "\x03\x00\x00\x00\x00\x00\x00\x00\x00\x00";

/* The 400 letters the dynamic vector holds (Python made them the same
 * way). */
static const uint8_t *lcg_text(void)
{
	static uint8_t t[400];
	uint32_t x = 12345;

	for (int i = 0; i < 400; i++) {
		unsigned r;

		x = (x * 1103515245u + 12345u) & 0x7fffffff;
		r = (x >> 16) % 16;
		t[i] = (uint8_t)('a' + (r < 8 ? r : r % 3));
	}
	return t;
}

static int unpack(const uint8_t *in, size_t len, size_t cap, size_t *n)
{
	memset(out, 0xAA, sizeof(out));
	return gzip_inflate(&work, in, len, out, cap, n);
}

static void expect(const uint8_t *in, size_t len, const void *want, size_t wlen)
{
	size_t n = 99;

	assert_true(gzip_is(in, len));
	assert_int_equal(gzip_isize(in, len), wlen);
	assert_int_equal(unpack(in, len, wlen, &n), INFLATE_OK);
	assert_int_equal(n, wlen);
	assert_memory_equal(out, want, wlen);
}

static void test_blocks(void **state)
{
	(void)state;
	expect(stored, sizeof(stored) - 1, TEXT, strlen(TEXT));
	expect(fixed, sizeof(fixed) - 1, TEXT, strlen(TEXT));
	expect(dynamic, sizeof(dynamic) - 1, lcg_text(), 400);
	expect(fields, sizeof(fields) - 1, "abc", 3);
	expect(empty, sizeof(empty) - 1, "", 0);
}

/* Every prefix is cut short; nothing is read past it (ASan). */
static void test_truncated(void **state)
{
	const uint8_t *v[] = {stored, fixed, dynamic, fields};
	size_t len[] = {sizeof(stored) - 1, sizeof(fixed) - 1,
			sizeof(dynamic) - 1, sizeof(fields) - 1};
	size_t n;

	(void)state;
	for (unsigned i = 0; i < 4; i++)
		for (size_t cut = 0; cut < len[i]; cut++) {
			uint8_t *copy = malloc(cut ? cut : 1);

			memcpy(copy, v[i], cut);
			assert_int_not_equal(unpack(copy, cut, sizeof(out), &n),
					     INFLATE_OK);
			assert_int_equal(n, 0);
			free(copy);
		}
}

static void test_broken(void **state)
{
	uint8_t b[sizeof(fixed)];
	size_t len = sizeof(fixed) - 1, n;

	(void)state;
	/* a wrong CRC-32, a wrong size */
	memcpy(b, fixed, len);
	b[len - 8] ^= 1;
	assert_int_equal(unpack(b, len, sizeof(out), &n), INFLATE_ECHECK);
	memcpy(b, fixed, len);
	b[len - 4] ^= 1;
	assert_int_equal(unpack(b, len, sizeof(out), &n), INFLATE_ECHECK);
	/* more output than the buffer holds */
	assert_int_equal(unpack(fixed, len, strlen(TEXT) - 1, &n),
			 INFLATE_ESPACE);
	assert_int_equal(unpack(stored, sizeof(stored) - 1, 10, &n),
			 INFLATE_ESPACE);
	assert_int_equal(unpack(dynamic, sizeof(dynamic) - 1, 399, &n),
			 INFLATE_ESPACE);
	/* not gzip; deflate is method 8; reserved flag bits */
	memcpy(b, fixed, len);
	b[0] = 0x1e;
	assert_false(gzip_is(b, len));
	assert_int_equal(unpack(b, len, sizeof(out), &n), INFLATE_EFORMAT);
	b[0] = 0x1f;
	b[2] = 7;
	assert_int_equal(unpack(b, len, sizeof(out), &n), INFLATE_EFORMAT);
	b[2] = 8;
	b[3] = 0x20;
	assert_int_equal(unpack(b, len, sizeof(out), &n), INFLATE_EFORMAT);
	/* block type 3 */
	memcpy(b, fixed, len);
	b[10] |= 6;
	assert_int_equal(unpack(b, len, sizeof(out), &n), INFLATE_EDATA);
	/* a stored block whose length and its complement disagree */
	memcpy(b, stored, 19);
	b[13] ^= 1;
	assert_int_equal(unpack(b, 19, sizeof(out), &n), INFLATE_EDATA);
}

/* A fixed block opening with a back reference (length 3, distance 1)
 * to before the output's start: zlib says "distance too far back". */
static void test_distance_too_far(void **state)
{
	static const uint8_t b[] = "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03"
				   "\x03\x02\x00\x00"
				   "\x00\x00\x00\x00\x03\x00\x00\x00";
	size_t n;

	(void)state;
	assert_int_equal(unpack(b, sizeof(b) - 1, sizeof(out), &n),
			 INFLATE_EDATA);
	assert_string_equal(inflate_strerror(INFLATE_EDATA),
			    "the compressed data is invalid");
}

/* Single-bit flips anywhere: an error, or (a flip in the header's
 * time, flags or OS bytes, or in the last byte's padding bits) the same
 * text: never another result (the CRC-32) and never a fault. */
static void test_bit_flips(void **state)
{
	uint8_t b[sizeof(dynamic)];
	size_t len = sizeof(dynamic) - 1, n;

	(void)state;
	for (size_t bit = 0; bit < len * 8; bit++) {
		memcpy(b, dynamic, len);
		b[bit / 8] ^= (uint8_t)(1 << (bit % 8));
		if (unpack(b, len, sizeof(out), &n) == INFLATE_OK) {
			assert_int_equal(n, 400);
			assert_memory_equal(out, lcg_text(), 400);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_blocks),
	    cmocka_unit_test(test_truncated),
	    cmocka_unit_test(test_broken),
	    cmocka_unit_test(test_distance_too_far),
	    cmocka_unit_test(test_bit_flips),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
