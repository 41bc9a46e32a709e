// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for drivers/virtq.c: the legacy ring layout, read requests
 * as header/data/status chains (split at VBLK_MAX_SECTORS, as many as the
 * table holds, their heads in the available ring across its wrap), and
 * the GET_ID padding that gives the BIOS its index back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "drivers/virtq.h"

#define NUM    16
#define HDR    0x5000u
#define STATUS 0x6000u

static struct vq_desc desc[NUM];
static uint16_t ring[NUM];
static struct vblk_hdr hdr[NUM / VBLK_DESCS];

static struct vblk_batch batch(uint16_t avail_idx)
{
	struct vblk_batch b = {desc, ring, NUM, avail_idx, hdr, HDR, STATUS};

	memset(desc, 0xAA, sizeof(desc));
	memset(ring, 0xAA, sizeof(ring));
	memset(hdr, 0xAA, sizeof(hdr));
	return b;
}

static void test_layout(void **state)
{
	(void)state;
	/* SeaBIOS's 256-entry queue: table 4 KiB, avail after it, used on
	 * the next 4 KiB boundary. */
	assert_int_equal(vq_avail_addr(0x7000000, 256), 0x7001000);
	assert_int_equal(vq_used_addr(0x7000000, 256), 0x7002000);
	/* 128: 2048 + 6 + 256 bytes fit in the first page */
	assert_int_equal(vq_used_addr(0x10000, 128), 0x11000);
	assert_int_equal(vq_used_addr(0x10000, 4), 0x11000);
	/* not a power of two, too small, too large, past 4 GiB */
	assert_int_equal(vq_avail_addr(0x10000, 100), 0);
	assert_int_equal(vq_used_addr(0x10000, 2), 0);
	assert_int_equal(vq_used_addr(0x10000, 65536), 0);
	assert_int_equal(vq_used_addr(0xFFFFF000u, 256), 0);
	assert_int_not_equal(vq_used_addr(0xFFFF0000u, 256), 0);
}

static void test_index_math(void **state)
{
	(void)state;
	assert_int_equal(vq_in_flight(5, 5), 0);
	assert_int_equal(vq_in_flight(2, 0xFFFE), 4); /* across the wrap */
	assert_int_equal(vq_pad_count(0), 0);
	assert_int_equal(vq_pad_count(1), 65535);
	assert_int_equal(vq_pad_count(65535), 1);
	/* issued + pad is a whole turn of the 16-bit index */
	for (unsigned k = 1; k < 65536; k += 997)
		assert_int_equal((k + vq_pad_count((uint16_t)k)) % 65536, 0);
}

static void check_chain(unsigned r, uint64_t lba, uint32_t dst, uint32_t n)
{
	const struct vq_desc *d = &desc[r * VBLK_DESCS];

	assert_int_equal(hdr[r].type, VBLK_T_IN);
	assert_int_equal(hdr[r].reserved, 0);
	assert_true(hdr[r].sector == lba);
	assert_true(d[0].addr == HDR + 16 * r);
	assert_int_equal(d[0].len, 16);
	assert_int_equal(d[0].flags, VQ_F_NEXT); /* the device reads it */
	assert_int_equal(d[0].next, r * VBLK_DESCS + 1);
	assert_true(d[1].addr == dst);
	assert_int_equal(d[1].len, n * 512);
	assert_int_equal(d[1].flags, VQ_F_NEXT | VQ_F_WRITE);
	assert_int_equal(d[1].next, r * VBLK_DESCS + 2);
	assert_true(d[2].addr == STATUS + r);
	assert_int_equal(d[2].len, 1);
	assert_int_equal(d[2].flags, VQ_F_WRITE); /* the chain ends */
}

static void test_one_request(void **state)
{
	struct vblk_batch b = batch(7);

	(void)state;
	assert_int_equal(vblk_build(&b, 1234, 100, 0x100000), 100);
	assert_int_equal(b.avail_idx, 8);
	assert_int_equal(ring[7], 0);
	check_chain(0, 1234, 0x100000, 100);
	assert_int_equal(desc[3].len, 0xAAAAAAAA); /* nothing more written */
}

static void test_split_and_wrap(void **state)
{
	/* 16 entries: 5 chains of 3; 3 full requests and a short one */
	uint32_t count = 3 * VBLK_MAX_SECTORS + 8;
	struct vblk_batch b = batch(0xFFFE);

	(void)state;
	assert_int_equal(vblk_build(&b, 10, count, 0x200000), count);
	assert_int_equal(b.avail_idx, 2); /* 4 requests across the wrap */
	for (unsigned r = 0; r < 4; r++) {
		uint32_t n = r < 3 ? VBLK_MAX_SECTORS : 8;

		check_chain(r, 10 + r * VBLK_MAX_SECTORS,
			    0x200000 + r * VBLK_MAX_SECTORS * 512, n);
		assert_int_equal(ring[(0xFFFE + r) % NUM], r * VBLK_DESCS);
	}
}

static void test_table_full(void **state)
{
	/* more than 5 requests' worth: 5 are built, the caller goes on */
	struct vblk_batch b = batch(0);

	(void)state;
	assert_int_equal(vblk_build(&b, 0, 9 * VBLK_MAX_SECTORS, 0x1000000),
			 5 * VBLK_MAX_SECTORS);
	assert_int_equal(b.avail_idx, 5);
	check_chain(4, 4 * VBLK_MAX_SECTORS,
		    0x1000000 + 4 * VBLK_MAX_SECTORS * 512, VBLK_MAX_SECTORS);
}

static void test_past_4g(void **state)
{
	struct vblk_batch b = batch(3);

	(void)state;
	assert_int_equal(vblk_build(&b, 0, 9, 0xFFFFF000u), 0);
	assert_int_equal(b.avail_idx, 3);
	assert_int_equal(vblk_build(&b, 0, 8, 0xFFFFF000u), 8); /* to the end */
}

static void test_get_id_padding(void **state)
{
	struct vblk_batch b = batch(0xFFF0);

	(void)state;
	vblk_build_id(&b, 0x7000, NUM);
	assert_int_equal(b.avail_idx, 0);
	assert_int_equal(hdr[0].type, VBLK_T_GET_ID);
	assert_true(desc[1].addr == 0x7000);
	assert_int_equal(desc[1].len, VBLK_ID_BYTES);
	for (unsigned i = 0; i < NUM; i++)
		assert_int_equal(ring[i], 0); /* every slot: the one chain */
	assert_int_equal(desc[3].len, 0xAAAAAAAA);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_layout),
	    cmocka_unit_test(test_index_math),
	    cmocka_unit_test(test_one_request),
	    cmocka_unit_test(test_split_and_wrap),
	    cmocka_unit_test(test_table_full),
	    cmocka_unit_test(test_past_4g),
	    cmocka_unit_test(test_get_id_padding),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
