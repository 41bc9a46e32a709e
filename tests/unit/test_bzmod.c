// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for the module file (protocol/bzmod.c): what the sealer
 * writes is what stage2's loader accepts, and each thing the loader
 * checks (magic, ABI, size, checksum, stage2 identity) refuses a file
 * that differs in it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "protocol/bzmod.h"
#include "protocol/le.h"

#define LEN 256
#define ID  0x12345678u

static uint8_t img[LEN];

/* A raw module as the link makes it: header, then code bytes. */
static void raw_module(void)
{
	struct bzmod_header h = {.magic = BZMOD_MAGIC,
				 .abi = BZMOD_ABI,
				 .nentries = 1,
				 .name = "passwd",
				 .entry = {0x90100}};

	memset(img, 0, sizeof(img));
	memcpy(img, &h, sizeof(h));
	for (size_t i = sizeof(h); i < LEN; i++)
		img[i] = (uint8_t)(i * 7);
}

static uint32_t word_sum(void)
{
	uint32_t s = 0;

	for (size_t i = 0; i < LEN; i += 4)
		s += le32_get(img + i);
	return s;
}

static void test_sealed_passes(void **state)
{
	(void)state;
	raw_module();
	assert_int_equal(bzmod_seal(img, LEN, ID), BZMOD_OK);
	assert_int_equal(le32_get(img + 0x08), LEN);
	assert_int_equal(le32_get(img + 0x10), ID);
	assert_int_equal(word_sum(), 0);
	assert_int_equal(bzmod_check(img, LEN, ID), BZMOD_OK);
}

static void test_each_check_refuses(void **state)
{
	(void)state;
	raw_module();
	bzmod_seal(img, LEN, ID);
	/* another stage2 build */
	assert_int_equal(bzmod_check(img, LEN, ID + 1), BZMOD_EIDENT);
	/* one flipped bit anywhere in the body */
	img[200] ^= 0x04;
	assert_int_equal(bzmod_check(img, LEN, ID), BZMOD_ECHECKSUM);
	img[200] ^= 0x04;
	/* cut short, or a length the header does not state */
	assert_int_equal(bzmod_check(img, LEN - 4, ID), BZMOD_ESIZE);
	assert_int_equal(bzmod_check(img, 10, ID), BZMOD_ESHORT);
	assert_int_equal(bzmod_check(img, LEN - 1, ID), BZMOD_ESIZE);
	/* format of another bzboot, or not a module at all */
	img[4]++;
	assert_int_equal(bzmod_check(img, LEN, ID), BZMOD_EABI);
	assert_int_equal(bzmod_seal(img, LEN, ID), BZMOD_EABI);
	img[4]--;
	img[0] = 'X';
	assert_int_equal(bzmod_check(img, LEN, ID), BZMOD_EMAGIC);
	assert_int_equal(bzmod_seal(img, LEN, ID), BZMOD_EMAGIC);
}

static void test_identity_sees_order(void **state)
{
	uint8_t a[8] = {1, 0, 0, 0, 2, 0, 0, 0};
	uint8_t b[8] = {2, 0, 0, 0, 1, 0, 0, 0};

	(void)state;
	/* a plain sum would call moved code the same stage2 */
	assert_int_not_equal(bzmod_ident(a, 8), bzmod_ident(b, 8));
	assert_int_equal(bzmod_ident(a, 8), bzmod_ident(a, 8));
	assert_string_equal(bzmod_strerror(BZMOD_EIDENT),
			    "built for another bzboot build");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sealed_passes),
	    cmocka_unit_test(test_each_check_refuses),
	    cmocka_unit_test(test_identity_sees_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
