// SPDX-License-Identifier: BSD-2-Clause
/* fs/part.c and part_mbr.c over hand-built sectors: which MBR partition
 * is booted, the EBR chains of logical partitions (numbering, loops, links
 * out of range), the tables that are refused, the messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fs/part.h"
#include "fs/part_priv.h" /* part_type_is_fat */
#include "tests/unit/support/memdisk.h"
#include "tests/unit/support/part_disk.h"

/* part_find's automatic choice on a disk whose LBA 0 is mbr, the rest
 * zeros. */
static int pick(const uint8_t mbr[512], struct part_entry *p)
{
	struct memdisk *sp = memdisk_new(1ull << 33);
	int err;

	memcpy(memdisk_at(sp, 0), mbr, 512);
	err = find_part(sp, 0, 0, p);
	memdisk_free(sp);
	return err;
}

/* part_foreach on the same disk. */
static int list(const uint8_t mbr[512], struct seen *s)
{
	struct memdisk *sp = memdisk_new(1ull << 33);
	int err;

	memcpy(memdisk_at(sp, 0), mbr, 512);
	err = seen_walk(sp, 0, s);
	memdisk_free(sp);
	return err;
}

static void test_active_fat_wins(void **state)
{
	uint8_t mbr[512];
	struct part_entry p;

	(void)state;
	mbr_init(mbr);
	mbr_set(mbr, 0, 0x00, 0x0C, 2048, 1000);
	mbr_set(mbr, 1, 0x00, 0x83, 4096, 1000);
	mbr_set(mbr, 2, 0x80, 0x0E, 8192, 5000);
	assert_int_equal(pick(mbr, &p), 0);
	assert_int_equal(p.index, 3);
	assert_int_equal(p.type, 0x0E);
	assert_true(p.active);
	assert_int_equal(p.start_lba, 8192);
	assert_int_equal(p.sectors, 5000);
}

static void test_first_fat_without_active(void **state)
{
	uint8_t mbr[512];
	struct part_entry p;

	(void)state;
	mbr_init(mbr);
	mbr_set(mbr, 0, 0x00, 0x83, 2048, 1000);
	mbr_set(mbr, 1, 0x00, 0x1B, 4096, 2000); /* hidden FAT32 */
	mbr_set(mbr, 3, 0x00, 0x06, 9000, 3000);
	assert_int_equal(pick(mbr, &p), 0);
	assert_int_equal(p.index, 2);
	assert_int_equal(p.type, 0x1B);
	assert_false(p.active);
	assert_int_equal(p.start_lba, 4096);

	/* An active non-FAT partition does not stop the search. */
	mbr_set(mbr, 0, 0x80, 0x83, 2048, 1000);
	assert_int_equal(pick(mbr, &p), 0);
	assert_int_equal(p.index, 2);
}

static void test_fat_types(void **state)
{
	static const uint8_t fat[] = {0x01, 0x04, 0x06, 0x0B, 0x0C, 0x0E,
				      0x11, 0x14, 0x16, 0x1B, 0x1C, 0x1E};
	unsigned t, i, n = 0;

	(void)state;
	for (t = 0; t < 256; t++) {
		bool want = false;

		for (i = 0; i < sizeof(fat); i++)
			want |= fat[i] == t;
		assert_int_equal(part_type_is_fat((uint8_t)t), want);
		n += want;
	}
	assert_int_equal(n, 12);
}

static void test_errors(void **state)
{
	uint8_t mbr[512];
	struct part_entry p;
	struct memdisk *sp;

	(void)state;
	mbr_init(mbr);
	mbr_set(mbr, 0, 0x80, 0x83, 2048, 1000);
	mbr_set(mbr, 1, 0x00, 0x82, 4096, 1000);
	assert_int_equal(pick(mbr, &p), PART_ENOFAT);

	mbr_init(mbr);
	assert_int_equal(pick(mbr, &p), PART_ENOFAT);

	/* A 0xEE entry makes it a GPT disk, here one without a header. */
	mbr_init(mbr);
	mbr_set(mbr, 0, 0x00, 0xEE, 1, 0xFFFFFFFF);
	assert_int_equal(pick(mbr, &p), PART_EGPTHDR);
	/* Hybrid MBR: the GPT is what counts. */
	mbr_set(mbr, 1, 0x80, 0x0C, 2048, 1000);
	assert_int_equal(pick(mbr, &p), PART_EGPTHDR);

	mbr_init(mbr);
	mbr_set(mbr, 0, 0x80, 0x0C, 2048, 1000);
	mbr[511] = 0;
	assert_int_equal(pick(mbr, &p), PART_ENOSIG);
	mbr[511] = 0xAA;
	mbr[510] = 0xAA;
	assert_int_equal(pick(mbr, &p), PART_ENOSIG);

	/* A FAT boot sector (superfloppy) is not a partition table. */
	mbr_init(mbr);
	mbr_set(mbr, 0, 0x80, 0x0C, 2048, 1000);
	mbr[0x1BE + 16] = 0x37;
	assert_int_equal(pick(mbr, &p), PART_EBADTABLE);

	/* Sector 0 is the MBR itself; an empty entry is none at all. */
	mbr_init(mbr);
	mbr_set(mbr, 0, 0x80, 0x0C, 0, 1000);
	assert_int_equal(pick(mbr, &p), PART_EBADENTRY);
	mbr_set(mbr, 0, 0x80, 0x0C, 2048, 0);
	assert_int_equal(pick(mbr, &p), PART_ENOFAT);

	sp = memdisk_new(4096);
	mbr_init(memdisk_at(sp, 0));
	mbr_set(memdisk_at(sp, 0), 0, 0x80, 0x0C, 2048, 1000);
	assert_int_equal(part_find(&sp->bd, 0, 0, NULL, &p), PART_EINVAL);
	assert_int_equal(part_find(&sp->bd, 0, 0, mbr, NULL), PART_EINVAL);
	assert_int_equal(find_part(sp, 0, 0, &p), 0);
	memdisk_free(sp);
}

static void test_list(void **state)
{
	uint8_t mbr[512];
	struct seen s;

	(void)state;
	mbr_init(mbr);
	assert_int_equal(list(mbr, &s), 0);
	assert_int_equal(s.n, 0);
	mbr_set(mbr, 1, 0x00, 0x83, 2048, 1000);
	mbr_set(mbr, 3, 0x80, 0x0C, 0xFFFFF000u, 0xFFFFFFFFu);
	assert_int_equal(list(mbr, &s), 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.e[0].index, 2);
	assert_int_equal(s.e[0].type, 0x83);
	assert_false(s.e[0].active);
	assert_int_equal(s.e[1].index, 4);
	assert_true(s.e[1].active);
	/* 32-bit fields, 64-bit sums: no wrap past 2 TiB. */
	assert_int_equal(s.e[1].start_lba + s.e[1].sectors, 0x1FFFFEFFFull);
	mbr[510] = 0;
	assert_int_equal(list(mbr, &s), PART_ENOSIG);
	assert_int_equal(s.n, 0);
}

static void test_strerror(void **state)
{
	int e;

	(void)state;
	for (e = 0; e >= PART_ENOPART; e--)
		assert_string_not_equal(part_strerror(e),
					"unknown partition error");
	assert_string_equal(part_strerror(-100), "unknown partition error");
	assert_string_equal(part_strerror(PART_ENOPART - 1),
			    "unknown partition error");
	assert_string_equal(part_strerror(1), "unknown partition error");
	assert_string_equal(part_strerror(PART_ECORRUPT),
			    "extended partition chain loops or points outside");
	assert_string_equal(part_strerror(PART_EIO), "read error");
}

static void check_entry(const struct part_entry *e, unsigned index,
			uint8_t type, uint64_t start, uint64_t sectors)
{
	assert_int_equal(e->index, index);
	assert_int_equal(e->type, type);
	assert_int_equal(e->start_lba, start);
	assert_int_equal(e->sectors, sectors);
	assert_false(e->gpt);
	assert_int_equal(e->attrs, 0);
}

/* --- MBR through the device ---------------------------------------------- */

/* Primary 1 Linux, 2 extended at 10000 (20000 sectors) holding logicals
 * 5 (Linux swap), 6 (FAT32), 7 (FAT16); primary 3 FAT12. */
static struct memdisk *disk_logicals(void)
{
	struct memdisk *sp = memdisk_new(100000);
	uint8_t *m = memdisk_at(sp, 0);

	mbr_init(m);
	mbr_set(m, 0, 0x00, 0x83, 2048, 4000);
	mbr_set(m, 1, 0x00, 0x05, 10000, 20000);
	mbr_set(m, 2, 0x00, 0x01, 40000, 1000);
	ebr_put(sp, 10000, 0x82, 63, 937, 1000, 3000);
	ebr_put(sp, 11000, 0x0C, 2048, 952, 5000, 6000);
	ebr_put(sp, 15000, 0x0E, 1, 5999, 0, 0);
	return sp;
}

static void test_mbr_logicals(void **state)
{
	struct memdisk *sp = disk_logicals();
	struct seen s;
	struct part_entry p;

	(void)state;
	assert_int_equal(seen_walk(sp, 0, &s), 0);
	assert_int_equal(s.n, 6);
	check_entry(&s.e[0], 1, 0x83, 2048, 4000);
	check_entry(&s.e[1], 2, 0x05, 10000, 20000); /* as Linux lists it */
	check_entry(&s.e[2], 3, 0x01, 40000, 1000);
	check_entry(&s.e[3], 5, 0x82, 10063, 937);
	check_entry(&s.e[4], 6, 0x0C, 13048, 952);
	check_entry(&s.e[5], 7, 0x0E, 15001, 5999);

	/* By number, whatever the type. */
	assert_int_equal(find_part(sp, 0, 6, &p), 0);
	check_entry(&p, 6, 0x0C, 13048, 952);
	assert_int_equal(find_part(sp, 0, 2, &p), 0);
	check_entry(&p, 2, 0x05, 10000, 20000);
	assert_int_equal(find_part(sp, 0, 5, &p), 0);
	assert_int_equal(p.type, 0x82);
	assert_int_equal(find_part(sp, 0, 4, &p), PART_ENOPART);
	assert_int_equal(find_part(sp, 0, 8, &p), PART_ENOPART);
	assert_int_equal(find_part(sp, 0, 99, &p), PART_ENOPART);

	/* Automatic: the FAT primary 3 before any logical. */
	assert_int_equal(find_part(sp, 0, 0, &p), 0);
	check_entry(&p, 3, 0x01, 40000, 1000);
	/* Without it, the first FAT logical. */
	mbr_set(memdisk_at(sp, 0), 2, 0x00, 0x00, 0, 0);
	assert_int_equal(find_part(sp, 0, 0, &p), 0);
	check_entry(&p, 6, 0x0C, 13048, 952);
	/* An active FAT primary beats the earlier non-active one... */
	mbr_set(memdisk_at(sp, 0), 0, 0x00, 0x0B, 2048, 4000);
	mbr_set(memdisk_at(sp, 0), 3, 0x80, 0x06, 50000, 100);
	assert_int_equal(find_part(sp, 0, 0, &p), 0);
	check_entry(&p, 4, 0x06, 50000, 100);
	assert_true(p.active);
	/* ...but a boot flag on a logical counts for nothing. */
	mbr_set(memdisk_at(sp, 0), 3, 0x00, 0x00, 0, 0);
	memdisk_at(sp, 11000)[0x1BE] = 0x80;
	assert_int_equal(find_part(sp, 0, 0, &p), 0);
	check_entry(&p, 1, 0x0B, 2048, 4000);
	assert_int_equal(find_part(sp, 0, 6, &p), 0);
	assert_true(p.active);
	memdisk_free(sp);
}

/* Linux's numbering: an EBR without a logical partition takes no number;
 * every extended primary (0x05, 0x0F, 0x85) is followed, in slot order. */
static void test_mbr_numbering(void **state)
{
	struct memdisk *sp = memdisk_new(200000);
	uint8_t *m = memdisk_at(sp, 0);
	struct seen s;
	struct part_entry p;

	(void)state;
	mbr_init(m);
	mbr_set(m, 0, 0x00, 0x85, 100000, 50000);
	mbr_set(m, 1, 0x00, 0x00, 5, 5); /* type 0: empty */
	mbr_set(m, 2, 0x00, 0x83, 7, 0); /* size 0: empty */
	mbr_set(m, 3, 0x00, 0x0F, 2048, 20000);
	ebr_put(sp, 100000, 0x00, 0, 0, 100, 200);	 /* no logical */
	ebr_put(sp, 100100, 0x83, 10, 100, 0, 0);	 /* 5 */
	ebr_put(sp, 2048, 0x0C, 2048, 4096, 8000, 9000); /* 6 */
	/* Backwards links are fine (fdisk writes them). */
	ebr_put(sp, 10048, 0x06, 1, 999, 7000, 500); /* 7 */
	ebr_put(sp, 9048, 0x0B, 1, 499, 0, 0);	     /* 8 */
	assert_int_equal(seen_walk(sp, 0, &s), 0);
	assert_int_equal(s.n, 6);
	check_entry(&s.e[0], 1, 0x85, 100000, 50000);
	check_entry(&s.e[1], 4, 0x0F, 2048, 20000);
	check_entry(&s.e[2], 5, 0x83, 100110, 100);
	check_entry(&s.e[3], 6, 0x0C, 4096, 4096);
	check_entry(&s.e[4], 7, 0x06, 10049, 999);
	check_entry(&s.e[5], 8, 0x0B, 9049, 499);
	assert_int_equal(find_part(sp, 0, 0, &p), 0);
	assert_int_equal(p.index, 6);
	assert_int_equal(find_part(sp, 0, 8, &p), 0);
	check_entry(&p, 8, 0x0B, 9049, 499);

	/* Slots as fdisk reads them: the first data entry and the first
	 * link, wherever they are (DR-DOS puts the link first). */
	m = memdisk_at(sp, 100000);
	memset(m + 0x1BE, 0, 64);
	mbr_set(m, 0, 0x00, 0x85, 100, 200);
	assert_int_equal(seen_walk(sp, 0, &s), 0);
	assert_int_equal(s.n, 6);
	check_entry(&s.e[2], 5, 0x83, 100110, 100);
	mbr_set(m, 1, 0x00, 0x0E, 50, 50);
	mbr_set(m, 2, 0x00, 0x0C, 60, 50);	/* a second one: ignored */
	mbr_set(m, 3, 0x00, 0x05, 49000, 1000); /* a second link: ignored */
	assert_int_equal(seen_walk(sp, 0, &s), 0);
	assert_int_equal(s.n, 7);
	check_entry(&s.e[2], 5, 0x0E, 100050, 50);
	check_entry(&s.e[3], 6, 0x83, 100110, 100);
	memset(m + 0x1BE, 0, 64);
	mbr_set(m, 3, 0x00, 0x05, 100, 200);
	mbr_set(m, 2, 0x00, 0x0E, 50, 50);
	assert_int_equal(seen_walk(sp, 0, &s), 0);
	check_entry(&s.e[2], 5, 0x0E, 100050, 50);
	check_entry(&s.e[3], 6, 0x83, 100110, 100);

	/* A zeroed first EBR: an empty extended partition, no error. */
	memset(memdisk_at(sp, 2048), 0, 512);
	assert_int_equal(seen_walk(sp, 0, &s), 0);
	assert_int_equal(s.n, 4);
	assert_int_equal(s.e[3].index, 6);
	assert_int_equal(s.e[3].start_lba, 100110);

	/* fn's nonzero value stops the walk and comes back. */
	memset(&s, 0, sizeof(s));
	s.stop_at = 4;
	{
		uint8_t buf[512];

		assert_int_equal(part_foreach(&sp->bd, 0, buf, seen_fn, &s), 7);
	}
	assert_int_equal(s.n, 2);
	memdisk_free(sp);
}

static void test_mbr_chain_corrupt(void **state)
{
	struct memdisk *sp;
	struct seen s;
	struct part_entry p;
	unsigned i;

	(void)state;
	/* A link back to the first EBR. */
	sp = disk_logicals();
	ebr_put(sp, 15000, 0x0E, 1, 5999, 0, 1000);
	assert_int_equal(seen_walk(sp, 0, &s), PART_ECORRUPT);
	assert_int_equal(s.n, 6); /* those before the bad link were seen */
	/* What comes before the damage can still be chosen. */
	assert_int_equal(find_part(sp, 0, 7, &p), 0);
	assert_int_equal(find_part(sp, 0, 8, &p), PART_ECORRUPT);
	assert_int_equal(find_part(sp, 0, 0, &p), 0);
	assert_int_equal(p.index, 3);

	/* A link to itself. */
	ebr_put(sp, 15000, 0x0E, 1, 5999, 5000, 1000);
	assert_int_equal(seen_walk(sp, 0, &s), PART_ECORRUPT);
	/* A longer loop: 5 -> 6 -> 7 -> 6, cut by the EBR budget. */
	ebr_put(sp, 15000, 0x0E, 1, 5999, 1000, 1000);
	sp->calls = 0;
	assert_int_equal(seen_walk(sp, 0, &s), PART_ECORRUPT);
	assert_int_equal(sp->calls, 1 + PART_MAX_LOGICAL);
	assert_int_equal(s.n, 3 + PART_MAX_LOGICAL);

	/* A link past the extended partition's end. */
	ebr_put(sp, 15000, 0x0E, 1, 5999, 19999, 2);
	assert_int_equal(seen_walk(sp, 0, &s), PART_ECORRUPT);
	ebr_put(sp, 15000, 0x0E, 1, 5999, 20000, 1);
	assert_int_equal(seen_walk(sp, 0, &s), PART_ECORRUPT);
	/* 32-bit wrap must not hide it. */
	ebr_put(sp, 15000, 0x0E, 1, 5999, 0xFFFFFF00u, 0x200);
	assert_int_equal(seen_walk(sp, 0, &s), PART_ECORRUPT);
	ebr_put(sp, 15000, 0x0E, 1, 5999, 19999, 1); /* the last sector: ok */
	assert_int_equal(seen_walk(sp, 0, &s), 0);

	/* A logical partition past the end (its EBR is 5000 sectors into
	 * the 20000-sector extended partition). */
	ebr_put(sp, 15000, 0x0E, 1, 15000, 0, 0);
	assert_int_equal(seen_walk(sp, 0, &s), PART_ECORRUPT);
	assert_int_equal(s.n, 5);
	ebr_put(sp, 15000, 0x0E, 0xFFFFFFFFu, 2, 0, 0);
	assert_int_equal(seen_walk(sp, 0, &s), PART_ECORRUPT);
	ebr_put(sp, 15000, 0x0E, 2, 0xFFFFFFFFu, 0, 0);
	assert_int_equal(seen_walk(sp, 0, &s), PART_ECORRUPT);
	ebr_put(sp, 15000, 0x0E, 15000, 1, 0, 0);
	assert_int_equal(seen_walk(sp, 0, &s), PART_ECORRUPT);
	ebr_put(sp, 15000, 0x0E, 14999, 1, 0, 0); /* ends at the end: ok */
	assert_int_equal(seen_walk(sp, 0, &s), 0);
	ebr_put(sp, 15000, 0x0E, 1, 14999, 0, 0);
	assert_int_equal(seen_walk(sp, 0, &s), 0);
	assert_int_equal(s.e[5].start_lba, 15001);
	assert_int_equal(s.e[5].sectors, 14999);

	/* An EBR that cannot be read. */
	sp->fail_lba = 11000;
	assert_int_equal(seen_walk(sp, 0, &s), PART_EIO);
	assert_int_equal(find_part(sp, 0, 6, &p), PART_EIO);
	sp->fail_lba = 0;
	assert_int_equal(seen_walk(sp, 0, &s), PART_EIO);
	assert_int_equal(find_part(sp, 0, 0, &p), PART_EIO);
	memdisk_free(sp);

	/* Exactly PART_MAX_LOGICAL logicals are fine, one more is not. */
	sp = memdisk_new(1000000);
	mbr_init(memdisk_at(sp, 0));
	mbr_set(memdisk_at(sp, 0), 0, 0x00, 0x0F, 1000, 200000);
	for (i = 0; i < PART_MAX_LOGICAL; i++)
		ebr_put(sp, 1000 + 100 * i, 0x83, 1, 99, 100 * (i + 1),
			i + 1 < PART_MAX_LOGICAL ? 100 : 0);
	assert_int_equal(seen_walk(sp, 0, &s), 0);
	assert_int_equal(s.n, 1 + PART_MAX_LOGICAL);
	assert_int_equal(s.e[PART_MAX_LOGICAL].index, 4 + PART_MAX_LOGICAL);
	ebr_put(sp, 1000 + 100 * (PART_MAX_LOGICAL - 1), 0x83, 1, 99,
		100 * PART_MAX_LOGICAL, 100);
	ebr_put(sp, 1000 + 100 * PART_MAX_LOGICAL, 0x83, 1, 99, 0, 0);
	assert_int_equal(seen_walk(sp, 0, &s), PART_ECORRUPT);
	memdisk_free(sp);
}

static void test_mbr_errors(void **state)
{
	struct memdisk *sp = disk_logicals();
	struct part_entry p;
	uint8_t buf[512];
	struct seen s;

	(void)state;
	sp->fail_lba = 0;
	assert_int_equal(find_part(sp, 0, 0, &p), PART_EIO);
	sp->fail_lba = ~0ull;
	memdisk_at(sp, 0)[511] = 0;
	assert_int_equal(find_part(sp, 0, 0, &p), PART_ENOSIG);
	assert_int_equal(seen_walk(sp, 0, &s), PART_ENOSIG);
	memdisk_at(sp, 0)[511] = 0xAA;
	memdisk_at(sp, 0)[0x1BE + 48] = 0x01;
	assert_int_equal(find_part(sp, 0, 1, &p), PART_EBADTABLE);
	memdisk_at(sp, 0)[0x1BE + 48] = 0x00;

	/* Nothing with a FAT type. */
	mbr_set(memdisk_at(sp, 0), 2, 0x00, 0x00, 0, 0);
	ebr_put(sp, 11000, 0x07, 2048, 952, 5000, 6000);
	ebr_put(sp, 15000, 0x83, 1, 5999, 0, 0);
	assert_int_equal(find_part(sp, 0, 0, &p), PART_ENOFAT);
	/* A FAT primary at sector 0. */
	mbr_set(memdisk_at(sp, 0), 3, 0x80, 0x0C, 0, 100);
	assert_int_equal(find_part(sp, 0, 0, &p), PART_EBADENTRY);
	assert_int_equal(find_part(sp, 0, 4, &p), PART_EBADENTRY);

	assert_int_equal(part_find(NULL, 0, 0, buf, &p), PART_EINVAL);
	assert_int_equal(part_find(&sp->bd, 0, 0, NULL, &p), PART_EINVAL);
	assert_int_equal(part_find(&sp->bd, 0, 0, buf, NULL), PART_EINVAL);
	assert_int_equal(part_foreach(&sp->bd, 0, buf, NULL, NULL),
			 PART_EINVAL);
	assert_int_equal(part_foreach(NULL, 0, buf, seen_fn, &s), PART_EINVAL);
	memdisk_free(sp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_active_fat_wins),
	    cmocka_unit_test(test_first_fat_without_active),
	    cmocka_unit_test(test_fat_types),
	    cmocka_unit_test(test_errors),
	    cmocka_unit_test(test_list),
	    cmocka_unit_test(test_strerror),
	    cmocka_unit_test(test_mbr_logicals),
	    cmocka_unit_test(test_mbr_numbering),
	    cmocka_unit_test(test_mbr_chain_corrupt),
	    cmocka_unit_test(test_mbr_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
