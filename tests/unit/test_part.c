// SPDX-License-Identifier: BSD-2-Clause
/* fs/part.c over hand-built sectors: MBR primaries, EBR chains (loops,
 * links out of range), GPT (CRCs, backup header, entry sizes, 64-bit LBAs),
 * which partition is booted and which tables are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fs/part.h"

static void mbr_init(uint8_t mbr[512])
{
	memset(mbr, 0, 512);
	memset(mbr, 0x90, 446); /* boot code must not look like a table */
	mbr[510] = 0x55;
	mbr[511] = 0xAA;
}

static void mbr_set(uint8_t mbr[512], unsigned slot, uint8_t status,
		    uint8_t type, uint32_t start, uint32_t sectors)
{
	uint8_t *e = mbr + 0x1BE + 16 * slot;

	e[0] = status;
	e[4] = type;
	memcpy(e + 8, &start, 4); /* little-endian host */
	memcpy(e + 12, &sectors, 4);
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
	assert_int_equal(part_pick_boot(mbr, &p), 0);
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
	assert_int_equal(part_pick_boot(mbr, &p), 0);
	assert_int_equal(p.index, 2);
	assert_int_equal(p.type, 0x1B);
	assert_false(p.active);
	assert_int_equal(p.start_lba, 4096);

	/* An active non-FAT partition does not stop the search. */
	mbr_set(mbr, 0, 0x80, 0x83, 2048, 1000);
	assert_int_equal(part_pick_boot(mbr, &p), 0);
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

	(void)state;
	mbr_init(mbr);
	mbr_set(mbr, 0, 0x80, 0x83, 2048, 1000);
	mbr_set(mbr, 1, 0x00, 0x82, 4096, 1000);
	assert_int_equal(part_pick_boot(mbr, &p), PART_ENOFAT);

	mbr_init(mbr);
	assert_int_equal(part_pick_boot(mbr, &p), PART_ENOFAT);

	mbr_init(mbr);
	mbr_set(mbr, 0, 0x00, 0xEE, 1, 0xFFFFFFFF);
	assert_int_equal(part_pick_boot(mbr, &p), PART_EGPT);
	/* Hybrid MBR: the GPT is what counts. */
	mbr_set(mbr, 1, 0x80, 0x0C, 2048, 1000);
	assert_int_equal(part_pick_boot(mbr, &p), PART_EGPT);

	mbr_init(mbr);
	mbr_set(mbr, 0, 0x80, 0x0C, 2048, 1000);
	mbr[511] = 0;
	assert_int_equal(part_pick_boot(mbr, &p), PART_ENOSIG);
	mbr[511] = 0xAA;
	mbr[510] = 0xAA;
	assert_int_equal(part_pick_boot(mbr, &p), PART_ENOSIG);

	/* A FAT boot sector (superfloppy) is not a partition table. */
	mbr_init(mbr);
	mbr_set(mbr, 0, 0x80, 0x0C, 2048, 1000);
	mbr[0x1BE + 16] = 0x37;
	assert_int_equal(part_pick_boot(mbr, &p), PART_EBADTABLE);

	mbr_init(mbr);
	mbr_set(mbr, 0, 0x80, 0x0C, 0, 1000);
	assert_int_equal(part_pick_boot(mbr, &p), PART_EBADENTRY);
	mbr_set(mbr, 0, 0x80, 0x0C, 2048, 0);
	assert_int_equal(part_pick_boot(mbr, &p), PART_EBADENTRY);

	assert_int_equal(part_pick_boot(NULL, &p), PART_EINVAL);
	mbr_init(mbr);
	mbr_set(mbr, 0, 0x80, 0x0C, 2048, 1000);
	assert_int_equal(part_pick_boot(mbr, NULL), PART_EINVAL);
}

static void test_list(void **state)
{
	uint8_t mbr[512];
	struct part_entry p[4];

	(void)state;
	mbr_init(mbr);
	assert_int_equal(part_list(mbr, p), 0);
	mbr_set(mbr, 1, 0x00, 0x83, 2048, 1000);
	mbr_set(mbr, 3, 0x80, 0x0C, 0xFFFFF000u, 0xFFFFFFFFu);
	assert_int_equal(part_list(mbr, p), 2);
	assert_int_equal(p[0].index, 2);
	assert_int_equal(p[0].type, 0x83);
	assert_false(p[0].active);
	assert_int_equal(p[1].index, 4);
	assert_true(p[1].active);
	/* 32-bit fields, 64-bit sums: no wrap past 2 TiB. */
	assert_int_equal(p[1].start_lba + p[1].sectors, 0x1FFFFEFFFull);
	mbr_set(mbr, 0, 0x00, 0xEE, 1, 100);
	assert_int_equal(part_list(mbr, p), 3);
	mbr[510] = 0;
	assert_int_equal(part_list(mbr, p), PART_ENOSIG);
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

/* --- a sparse in-memory disk --------------------------------------------- */

#define SP_MAX 640 /* sectors that may hold data; the rest read as zeros */

struct sparse {
	struct blockdev bd;
	uint64_t sectors; /* the disk's size: reads past it fail */
	unsigned n;
	uint64_t lba[SP_MAX];
	uint8_t data[SP_MAX][512];
	unsigned reads;
	uint64_t fail_lba; /* a read touching it fails; ~0: none */
};

static int sp_read(void *ctx, uint64_t lba, uint32_t count, void *buf)
{
	struct sparse *sp = ctx;
	uint8_t *out = buf;
	unsigned i;

	sp->reads++;
	if (count == 0 || lba >= sp->sectors || count > sp->sectors - lba)
		return -1;
	for (; count; count--, lba++, out += 512) {
		if (lba == sp->fail_lba)
			return -5;
		memset(out, 0, 512);
		for (i = 0; i < sp->n; i++)
			if (sp->lba[i] == lba)
				memcpy(out, sp->data[i], 512);
	}
	return 0;
}

static struct sparse *sp_new(uint64_t sectors)
{
	struct sparse *sp = calloc(1, sizeof(*sp));

	assert_non_null(sp);
	sp->bd.read = sp_read;
	sp->bd.ctx = sp;
	sp->sectors = sectors;
	sp->fail_lba = ~0ull;
	return sp;
}

/* The sector at lba, created zeroed on first use. */
static uint8_t *sp_at(struct sparse *sp, uint64_t lba)
{
	unsigned i;

	for (i = 0; i < sp->n; i++)
		if (sp->lba[i] == lba)
			return sp->data[i];
	assert_true(sp->n < SP_MAX);
	sp->lba[sp->n] = lba;
	memset(sp->data[sp->n], 0, 512);
	return sp->data[sp->n++];
}

static void sp_write(struct sparse *sp, uint64_t lba, const void *src,
		     size_t len)
{
	const uint8_t *p = src;
	size_t n;

	for (; len; lba++, p += n, len -= n) {
		n = len < 512 ? len : 512;
		memcpy(sp_at(sp, lba), p, n);
	}
}

/* An EBR at lba: its logical partition (rel. to the EBR) and the link to
 * the next EBR (rel. to the extended partition), type 0 = none. */
static void sp_ebr(struct sparse *sp, uint64_t lba, uint8_t type,
		   uint32_t start, uint32_t sectors, uint32_t next,
		   uint32_t next_sectors)
{
	uint8_t *s = sp_at(sp, lba);

	memset(s, 0, 512);
	s[510] = 0x55;
	s[511] = 0xAA;
	if (type)
		mbr_set(s, 0, 0x00, type, start, sectors);
	if (next_sectors)
		mbr_set(s, 1, 0x00, 0x05, next, next_sectors);
}

/* Every partition part_foreach reports, in order. */
struct seen {
	unsigned n;
	struct part_entry e[200];
	int stop_at; /* fn returns 7 at this index; 0: never */
};

static int seen_fn(void *ctx, const struct part_entry *e)
{
	struct seen *s = ctx;

	assert_true(s->n < 200);
	s->e[s->n++] = *e;
	return (int)e->index == s->stop_at ? 7 : 0;
}

static int walk(struct sparse *sp, uint64_t disk, struct seen *s)
{
	uint8_t buf[512];

	memset(s, 0, sizeof(*s));
	return part_foreach(&sp->bd, disk, buf, seen_fn, s);
}

static int find(struct sparse *sp, uint64_t disk, unsigned index,
		struct part_entry *p)
{
	uint8_t buf[512];

	memset(p, 0xA5, sizeof(*p));
	return part_find(&sp->bd, disk, index, buf, p);
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
static struct sparse *disk_logicals(void)
{
	struct sparse *sp = sp_new(100000);
	uint8_t *m = sp_at(sp, 0);

	mbr_init(m);
	mbr_set(m, 0, 0x00, 0x83, 2048, 4000);
	mbr_set(m, 1, 0x00, 0x05, 10000, 20000);
	mbr_set(m, 2, 0x00, 0x01, 40000, 1000);
	sp_ebr(sp, 10000, 0x82, 63, 937, 1000, 3000);
	sp_ebr(sp, 11000, 0x0C, 2048, 952, 5000, 6000);
	sp_ebr(sp, 15000, 0x0E, 1, 5999, 0, 0);
	return sp;
}

static void test_mbr_logicals(void **state)
{
	struct sparse *sp = disk_logicals();
	struct seen s;
	struct part_entry p;

	(void)state;
	assert_int_equal(walk(sp, 0, &s), 0);
	assert_int_equal(s.n, 6);
	check_entry(&s.e[0], 1, 0x83, 2048, 4000);
	check_entry(&s.e[1], 2, 0x05, 10000, 20000); /* as Linux lists it */
	check_entry(&s.e[2], 3, 0x01, 40000, 1000);
	check_entry(&s.e[3], 5, 0x82, 10063, 937);
	check_entry(&s.e[4], 6, 0x0C, 13048, 952);
	check_entry(&s.e[5], 7, 0x0E, 15001, 5999);

	/* By number, whatever the type. */
	assert_int_equal(find(sp, 0, 6, &p), 0);
	check_entry(&p, 6, 0x0C, 13048, 952);
	assert_int_equal(find(sp, 0, 2, &p), 0);
	check_entry(&p, 2, 0x05, 10000, 20000);
	assert_int_equal(find(sp, 0, 5, &p), 0);
	assert_int_equal(p.type, 0x82);
	assert_int_equal(find(sp, 0, 4, &p), PART_ENOPART);
	assert_int_equal(find(sp, 0, 8, &p), PART_ENOPART);
	assert_int_equal(find(sp, 0, 99, &p), PART_ENOPART);

	/* Automatic: the FAT primary 3 before any logical. */
	assert_int_equal(find(sp, 0, 0, &p), 0);
	check_entry(&p, 3, 0x01, 40000, 1000);
	/* Without it, the first FAT logical. */
	mbr_set(sp_at(sp, 0), 2, 0x00, 0x00, 0, 0);
	assert_int_equal(find(sp, 0, 0, &p), 0);
	check_entry(&p, 6, 0x0C, 13048, 952);
	/* An active FAT primary beats the earlier non-active one... */
	mbr_set(sp_at(sp, 0), 0, 0x00, 0x0B, 2048, 4000);
	mbr_set(sp_at(sp, 0), 3, 0x80, 0x06, 50000, 100);
	assert_int_equal(find(sp, 0, 0, &p), 0);
	check_entry(&p, 4, 0x06, 50000, 100);
	assert_true(p.active);
	/* ...but a boot flag on a logical counts for nothing. */
	mbr_set(sp_at(sp, 0), 3, 0x00, 0x00, 0, 0);
	sp_at(sp, 11000)[0x1BE] = 0x80;
	assert_int_equal(find(sp, 0, 0, &p), 0);
	check_entry(&p, 1, 0x0B, 2048, 4000);
	assert_int_equal(find(sp, 0, 6, &p), 0);
	assert_true(p.active);
	free(sp);
}

/* Linux's numbering: an EBR without a logical partition takes no number;
 * every extended primary (0x05, 0x0F, 0x85) is followed, in slot order. */
static void test_mbr_numbering(void **state)
{
	struct sparse *sp = sp_new(200000);
	uint8_t *m = sp_at(sp, 0);
	struct seen s;
	struct part_entry p;

	(void)state;
	mbr_init(m);
	mbr_set(m, 0, 0x00, 0x85, 100000, 50000);
	mbr_set(m, 1, 0x00, 0x00, 5, 5); /* type 0: empty */
	mbr_set(m, 2, 0x00, 0x83, 7, 0); /* size 0: empty */
	mbr_set(m, 3, 0x00, 0x0F, 2048, 20000);
	sp_ebr(sp, 100000, 0x00, 0, 0, 100, 200);	/* no logical */
	sp_ebr(sp, 100100, 0x83, 10, 100, 0, 0);	/* 5 */
	sp_ebr(sp, 2048, 0x0C, 2048, 4096, 8000, 9000); /* 6 */
	/* Backwards links are fine (fdisk writes them). */
	sp_ebr(sp, 10048, 0x06, 1, 999, 7000, 500); /* 7 */
	sp_ebr(sp, 9048, 0x0B, 1, 499, 0, 0);	    /* 8 */
	assert_int_equal(walk(sp, 0, &s), 0);
	assert_int_equal(s.n, 6);
	check_entry(&s.e[0], 1, 0x85, 100000, 50000);
	check_entry(&s.e[1], 4, 0x0F, 2048, 20000);
	check_entry(&s.e[2], 5, 0x83, 100110, 100);
	check_entry(&s.e[3], 6, 0x0C, 4096, 4096);
	check_entry(&s.e[4], 7, 0x06, 10049, 999);
	check_entry(&s.e[5], 8, 0x0B, 9049, 499);
	assert_int_equal(find(sp, 0, 0, &p), 0);
	assert_int_equal(p.index, 6);
	assert_int_equal(find(sp, 0, 8, &p), 0);
	check_entry(&p, 8, 0x0B, 9049, 499);

	/* Slots as fdisk reads them: the first data entry and the first
	 * link, wherever they are (DR-DOS puts the link first). */
	m = sp_at(sp, 100000);
	memset(m + 0x1BE, 0, 64);
	mbr_set(m, 0, 0x00, 0x85, 100, 200);
	assert_int_equal(walk(sp, 0, &s), 0);
	assert_int_equal(s.n, 6);
	check_entry(&s.e[2], 5, 0x83, 100110, 100);
	mbr_set(m, 1, 0x00, 0x0E, 50, 50);
	mbr_set(m, 2, 0x00, 0x0C, 60, 50);	/* a second one: ignored */
	mbr_set(m, 3, 0x00, 0x05, 49000, 1000); /* a second link: ignored */
	assert_int_equal(walk(sp, 0, &s), 0);
	assert_int_equal(s.n, 7);
	check_entry(&s.e[2], 5, 0x0E, 100050, 50);
	check_entry(&s.e[3], 6, 0x83, 100110, 100);
	memset(m + 0x1BE, 0, 64);
	mbr_set(m, 3, 0x00, 0x05, 100, 200);
	mbr_set(m, 2, 0x00, 0x0E, 50, 50);
	assert_int_equal(walk(sp, 0, &s), 0);
	check_entry(&s.e[2], 5, 0x0E, 100050, 50);
	check_entry(&s.e[3], 6, 0x83, 100110, 100);

	/* A zeroed first EBR: an empty extended partition, no error. */
	memset(sp_at(sp, 2048), 0, 512);
	assert_int_equal(walk(sp, 0, &s), 0);
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
	free(sp);
}

static void test_mbr_chain_corrupt(void **state)
{
	struct sparse *sp;
	struct seen s;
	struct part_entry p;
	unsigned i;

	(void)state;
	/* A link back to the first EBR. */
	sp = disk_logicals();
	sp_ebr(sp, 15000, 0x0E, 1, 5999, 0, 1000);
	assert_int_equal(walk(sp, 0, &s), PART_ECORRUPT);
	assert_int_equal(s.n, 6); /* those before the bad link were seen */
	/* What comes before the damage can still be chosen. */
	assert_int_equal(find(sp, 0, 7, &p), 0);
	assert_int_equal(find(sp, 0, 8, &p), PART_ECORRUPT);
	assert_int_equal(find(sp, 0, 0, &p), 0);
	assert_int_equal(p.index, 3);

	/* A link to itself. */
	sp_ebr(sp, 15000, 0x0E, 1, 5999, 5000, 1000);
	assert_int_equal(walk(sp, 0, &s), PART_ECORRUPT);
	/* A longer loop: 5 -> 6 -> 7 -> 6, cut by the EBR budget. */
	sp_ebr(sp, 15000, 0x0E, 1, 5999, 1000, 1000);
	sp->reads = 0;
	assert_int_equal(walk(sp, 0, &s), PART_ECORRUPT);
	assert_int_equal(sp->reads, 1 + PART_MAX_LOGICAL);
	assert_int_equal(s.n, 3 + PART_MAX_LOGICAL);

	/* A link past the extended partition's end. */
	sp_ebr(sp, 15000, 0x0E, 1, 5999, 19999, 2);
	assert_int_equal(walk(sp, 0, &s), PART_ECORRUPT);
	sp_ebr(sp, 15000, 0x0E, 1, 5999, 20000, 1);
	assert_int_equal(walk(sp, 0, &s), PART_ECORRUPT);
	/* 32-bit wrap must not hide it. */
	sp_ebr(sp, 15000, 0x0E, 1, 5999, 0xFFFFFF00u, 0x200);
	assert_int_equal(walk(sp, 0, &s), PART_ECORRUPT);
	sp_ebr(sp, 15000, 0x0E, 1, 5999, 19999, 1); /* the last sector: ok */
	assert_int_equal(walk(sp, 0, &s), 0);

	/* A logical partition past the end (its EBR is 5000 sectors into
	 * the 20000-sector extended partition). */
	sp_ebr(sp, 15000, 0x0E, 1, 15000, 0, 0);
	assert_int_equal(walk(sp, 0, &s), PART_ECORRUPT);
	assert_int_equal(s.n, 5);
	sp_ebr(sp, 15000, 0x0E, 0xFFFFFFFFu, 2, 0, 0);
	assert_int_equal(walk(sp, 0, &s), PART_ECORRUPT);
	sp_ebr(sp, 15000, 0x0E, 2, 0xFFFFFFFFu, 0, 0);
	assert_int_equal(walk(sp, 0, &s), PART_ECORRUPT);
	sp_ebr(sp, 15000, 0x0E, 15000, 1, 0, 0);
	assert_int_equal(walk(sp, 0, &s), PART_ECORRUPT);
	sp_ebr(sp, 15000, 0x0E, 14999, 1, 0, 0); /* ends at the end: ok */
	assert_int_equal(walk(sp, 0, &s), 0);
	sp_ebr(sp, 15000, 0x0E, 1, 14999, 0, 0);
	assert_int_equal(walk(sp, 0, &s), 0);
	assert_int_equal(s.e[5].start_lba, 15001);
	assert_int_equal(s.e[5].sectors, 14999);

	/* An EBR that cannot be read. */
	sp->fail_lba = 11000;
	assert_int_equal(walk(sp, 0, &s), PART_EIO);
	assert_int_equal(find(sp, 0, 6, &p), PART_EIO);
	sp->fail_lba = 0;
	assert_int_equal(walk(sp, 0, &s), PART_EIO);
	assert_int_equal(find(sp, 0, 0, &p), PART_EIO);
	free(sp);

	/* Exactly PART_MAX_LOGICAL logicals are fine, one more is not. */
	sp = sp_new(1000000);
	mbr_init(sp_at(sp, 0));
	mbr_set(sp_at(sp, 0), 0, 0x00, 0x0F, 1000, 200000);
	for (i = 0; i < PART_MAX_LOGICAL; i++)
		sp_ebr(sp, 1000 + 100 * i, 0x83, 1, 99, 100 * (i + 1),
		       i + 1 < PART_MAX_LOGICAL ? 100 : 0);
	assert_int_equal(walk(sp, 0, &s), 0);
	assert_int_equal(s.n, 1 + PART_MAX_LOGICAL);
	assert_int_equal(s.e[PART_MAX_LOGICAL].index, 4 + PART_MAX_LOGICAL);
	sp_ebr(sp, 1000 + 100 * (PART_MAX_LOGICAL - 1), 0x83, 1, 99,
	       100 * PART_MAX_LOGICAL, 100);
	sp_ebr(sp, 1000 + 100 * PART_MAX_LOGICAL, 0x83, 1, 99, 0, 0);
	assert_int_equal(walk(sp, 0, &s), PART_ECORRUPT);
	free(sp);
}

static void test_mbr_errors(void **state)
{
	struct sparse *sp = disk_logicals();
	struct part_entry p;
	uint8_t buf[512];
	struct seen s;

	(void)state;
	sp->fail_lba = 0;
	assert_int_equal(find(sp, 0, 0, &p), PART_EIO);
	sp->fail_lba = ~0ull;
	sp_at(sp, 0)[511] = 0;
	assert_int_equal(find(sp, 0, 0, &p), PART_ENOSIG);
	assert_int_equal(walk(sp, 0, &s), PART_ENOSIG);
	sp_at(sp, 0)[511] = 0xAA;
	sp_at(sp, 0)[0x1BE + 48] = 0x01;
	assert_int_equal(find(sp, 0, 1, &p), PART_EBADTABLE);
	sp_at(sp, 0)[0x1BE + 48] = 0x00;

	/* Nothing with a FAT type. */
	mbr_set(sp_at(sp, 0), 2, 0x00, 0x00, 0, 0);
	sp_ebr(sp, 11000, 0x07, 2048, 952, 5000, 6000);
	sp_ebr(sp, 15000, 0x83, 1, 5999, 0, 0);
	assert_int_equal(find(sp, 0, 0, &p), PART_ENOFAT);
	/* A FAT primary at sector 0. */
	mbr_set(sp_at(sp, 0), 3, 0x80, 0x0C, 0, 100);
	assert_int_equal(find(sp, 0, 0, &p), PART_EBADENTRY);
	assert_int_equal(find(sp, 0, 4, &p), PART_EBADENTRY);

	assert_int_equal(part_find(NULL, 0, 0, buf, &p), PART_EINVAL);
	assert_int_equal(part_find(&sp->bd, 0, 0, NULL, &p), PART_EINVAL);
	assert_int_equal(part_find(&sp->bd, 0, 0, buf, NULL), PART_EINVAL);
	assert_int_equal(part_foreach(&sp->bd, 0, buf, NULL, NULL),
			 PART_EINVAL);
	assert_int_equal(part_foreach(NULL, 0, buf, seen_fn, &s), PART_EINVAL);
	free(sp);
}

/* --- GPT ------------------------------------------------------------------ */

/* CRC-32 the slow-but-obvious other way: a table, built once. */
static uint32_t crc_ref(const void *buf, size_t len)
{
	static uint32_t table[256];
	const uint8_t *p = buf;
	uint32_t c = ~0u, v;
	unsigned i, k;

	if (!table[1])
		for (i = 0; i < 256; i++) {
			for (v = i, k = 0; k < 8; k++)
				v = v & 1 ? 0xEDB88320u ^ (v >> 1) : v >> 1;
			table[i] = v;
		}
	while (len--)
		c = table[(c ^ *p++) & 0xFF] ^ (c >> 8);
	return ~c;
}

static void test_crc32(void **state)
{
	uint8_t buf[1000];
	unsigned i;

	(void)state;
	assert_int_equal(part_crc32(0, "123456789", 9), 0xCBF43926u);
	assert_int_equal(part_crc32(0, "", 0), 0);
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)(i * 7 + (i >> 3));
	assert_int_equal(part_crc32(0, buf, sizeof(buf)),
			 crc_ref(buf, sizeof(buf)));
	/* Chained over pieces as over the whole. */
	assert_int_equal(part_crc32(part_crc32(0, buf, 333), buf + 333, 667),
			 crc_ref(buf, sizeof(buf)));
}

/* Type GUIDs as stored (mixed-endian). */
static const uint8_t G_ESP[16] = {0x28, 0x73, 0x2A, 0xC1, 0x1F, 0xF8,
				  0xD2, 0x11, 0xBA, 0x4B, 0x00, 0xA0,
				  0xC9, 0x3E, 0xC9, 0x3B};
static const uint8_t G_BASIC[16] = {0xA2, 0xA0, 0xD0, 0xEB, 0xE5, 0xB9,
				    0x33, 0x44, 0x87, 0xC0, 0x68, 0xB6,
				    0xB7, 0x26, 0x99, 0xC7};
static const uint8_t G_LINUX[16] = {0xAF, 0x3D, 0xC6, 0x0F, 0x83, 0x84,
				    0x72, 0x47, 0x8E, 0x79, 0x3D, 0x69,
				    0xD8, 0x47, 0x7D, 0xE4};

struct gpt_disk {
	uint64_t sectors;
	uint32_t count, esize;
	uint8_t *array; /* count * esize bytes */
};

static void gd_init(struct gpt_disk *g, uint64_t sectors, uint32_t count,
		    uint32_t esize)
{
	g->sectors = sectors;
	g->count = count;
	g->esize = esize;
	g->array = calloc(count, esize);
	assert_non_null(g->array);
}

static void gd_set(struct gpt_disk *g, unsigned number, const uint8_t *type,
		   uint64_t first, uint64_t last, uint64_t attrs)
{
	struct gpt_entry e;

	memset(&e, 0, sizeof(e));
	memcpy(e.PartitionTypeGUID, type, 16);
	e.UniquePartitionGUID[0] = (uint8_t)number;
	e.StartingLBA = first;
	e.EndingLBA = last;
	e.Attributes = attrs;
	memcpy(g->array + (size_t)(number - 1) * g->esize, &e, sizeof(e));
}

static void header_seal(uint8_t *s)
{
	struct gpt_header h;

	memcpy(&h, s, sizeof(h));
	h.HeaderCRC32 = 0;
	h.HeaderCRC32 = crc_ref(&h, sizeof(h));
	memcpy(s, &h, sizeof(h));
}

/* Writes the protective MBR, both headers and both entry arrays. */
static struct sparse *gd_write(struct gpt_disk *g)
{
	struct sparse *sp = sp_new(g->sectors);
	uint32_t bytes = g->count * g->esize, n = (bytes + 511) / 512;
	uint64_t alt = g->sectors - 1;
	struct gpt_header h;
	unsigned backup;

	mbr_init(sp_at(sp, 0));
	mbr_set(sp_at(sp, 0), 0, 0x00, 0xEE, 1,
		alt > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)alt);
	for (backup = 0; backup < 2; backup++) {
		memset(&h, 0, sizeof(h));
		memcpy(h.Signature, "EFI PART", 8);
		h.Revision = 0x00010000;
		h.HeaderSize = 92;
		h.MyLBA = backup ? alt : 1;
		h.AlternateLBA = backup ? 1 : alt;
		h.FirstUsableLBA = 2 + n;
		h.LastUsableLBA = alt - 1 - n;
		h.PartitionEntryLBA = backup ? alt - n : 2;
		h.NumberOfPartitionEntries = g->count;
		h.SizeOfPartitionEntry = g->esize;
		h.PartitionEntryArrayCRC32 = crc_ref(g->array, bytes);
		h.HeaderCRC32 = crc_ref(&h, sizeof(h));
		sp_write(sp, h.MyLBA, &h, sizeof(h));
		sp_write(sp, h.PartitionEntryLBA, g->array, bytes);
	}
	return sp;
}

static void check_gpt(const struct part_entry *e, unsigned index,
		      const uint8_t *type, uint64_t start, uint64_t sectors,
		      uint64_t attrs)
{
	assert_int_equal(e->index, index);
	assert_true(e->gpt);
	assert_int_equal(e->type, 0);
	assert_memory_equal(e->type_guid, type, 16);
	assert_int_equal(e->start_lba, start);
	assert_int_equal(e->sectors, sectors);
	assert_int_equal(e->attrs, attrs);
	assert_int_equal(e->active, !!(attrs & 4));
}

static void test_gpt(void **state)
{
	struct gpt_disk g;
	struct sparse *sp;
	struct seen s;
	struct part_entry p;

	(void)state;
	gd_init(&g, 1000000, 128, 128);
	gd_set(&g, 1, G_LINUX, 2048, 4095, 0);
	gd_set(&g, 3, G_BASIC, 4096, 8191, 1ull << 60);
	gd_set(&g, 4, G_LINUX, 9000, 8999, 0); /* ends before it starts */
	gd_set(&g, 5, G_ESP, 10000, 19999, 4);
	gd_set(&g, 128, G_LINUX, 900000, 999966, 1);
	sp = gd_write(&g);

	assert_int_equal(walk(sp, 0, &s), 0);
	assert_int_equal(s.n, 4);
	check_gpt(&s.e[0], 1, G_LINUX, 2048, 2048, 0);
	check_gpt(&s.e[1], 3, G_BASIC, 4096, 4096, 1ull << 60);
	check_gpt(&s.e[2], 5, G_ESP, 10000, 10000, 4);
	check_gpt(&s.e[3], 128, G_LINUX, 900000, 99967, 1);

	/* The bootable ESP beats the earlier basic data partition. */
	assert_int_equal(find(sp, 0, 0, &p), 0);
	check_gpt(&p, 5, G_ESP, 10000, 10000, 4);
	assert_int_equal(find(sp, 0, 128, &p), 0);
	assert_int_equal(p.start_lba, 900000);
	assert_int_equal(find(sp, 0, 2, &p), PART_ENOPART);
	assert_int_equal(find(sp, 0, 4, &p), PART_ENOPART);
	assert_int_equal(find(sp, 0, 129, &p), PART_ENOPART);
	free(sp);

	/* Without the attribute: the first FAT-typed entry. */
	gd_set(&g, 5, G_ESP, 10000, 19999, 0);
	sp = gd_write(&g);
	assert_int_equal(find(sp, 0, 0, &p), 0);
	check_gpt(&p, 3, G_BASIC, 4096, 4096, 1ull << 60);
	free(sp);

	/* The attribute on a non-FAT type does not make it a choice. */
	gd_set(&g, 1, G_LINUX, 2048, 4095, 4);
	sp = gd_write(&g);
	assert_int_equal(find(sp, 0, 0, &p), 0);
	assert_int_equal(p.index, 3);
	free(sp);

	/* No FAT type at all. */
	memset(g.array + 2 * 128, 0, 128);
	memset(g.array + 4 * 128, 0, 128);
	sp = gd_write(&g);
	assert_int_equal(find(sp, 0, 0, &p), PART_ENOFAT);
	free(sp);

	/* A FAT-typed entry at LBA 0. */
	gd_set(&g, 2, G_ESP, 0, 100, 0);
	sp = gd_write(&g);
	assert_int_equal(find(sp, 0, 0, &p), PART_EBADENTRY);
	free(sp);
	free(g.array);
}

/* A hybrid MBR (0xEE plus FAT entries): the GPT counts, as for Linux. */
static void test_gpt_hybrid(void **state)
{
	struct gpt_disk g;
	struct sparse *sp;
	struct part_entry p;

	(void)state;
	gd_init(&g, 50000, 128, 128);
	gd_set(&g, 2, G_BASIC, 30000, 39999, 0);
	sp = gd_write(&g);
	mbr_set(sp_at(sp, 0), 0, 0x80, 0x0C, 2048, 1000);
	mbr_set(sp_at(sp, 0), 3, 0x00, 0xEE, 1, 2047);
	memset(sp_at(sp, 0) + 0x1BE + 16, 0, 16);
	assert_int_equal(find(sp, 0, 0, &p), 0);
	check_gpt(&p, 2, G_BASIC, 30000, 10000, 0);
	assert_int_equal(find(sp, 0, 1, &p), PART_ENOPART);
	/* part_pick_boot, with sector 0 only, says GPT. */
	assert_int_equal(part_pick_boot(sp_at(sp, 0), &p), PART_EGPT);
	free(sp);
	free(g.array);
}

static void test_gpt_damage(void **state)
{
	struct gpt_disk g;
	struct sparse *sp;
	struct part_entry p;
	struct gpt_header h;
	uint8_t *hdr;
	uint32_t crc;

	(void)state;
	gd_init(&g, 70000, 128, 128);
	gd_set(&g, 7, G_ESP, 40000, 49999, 0);
	sp = gd_write(&g);
	hdr = sp_at(sp, 1);
	assert_int_equal(find(sp, 0, 0, &p), 0);
	assert_int_equal(p.index, 7);

	/* Signature, header CRC, entries CRC. */
	hdr[0] = 'e';
	assert_int_equal(find(sp, 0, 0, &p), PART_EGPTHDR);
	hdr[0] = 'E';
	hdr[0x20] ^= 1; /* AlternateLBA, under the CRC */
	assert_int_equal(find(sp, 0, 0, &p), PART_EGPTHDR);
	hdr[0x20] ^= 1;
	assert_int_equal(find(sp, 0, 0, &p), 0);
	sp_at(sp, 2 + 6 * 128 / 512)[6 * 128 % 512 + 0x20] ^= 1;
	assert_int_equal(find(sp, 0, 0, &p), PART_EGPTENTRIES);
	assert_int_equal(find(sp, 0, 7, &p), PART_EGPTENTRIES);
	/* The last byte of the array counts too. */
	sp_at(sp, 2 + 6 * 128 / 512)[6 * 128 % 512 + 0x20] ^= 1;
	sp_at(sp, 33)[511] ^= 0x80;
	assert_int_equal(find(sp, 0, 0, &p), PART_EGPTENTRIES);
	/* Bytes after the array in its last sector do not. */
	sp_at(sp, 33)[511] ^= 0x80;

	/* With the disk size, the backup at the last LBA steps in. */
	hdr[0] = 'e';
	sp->reads = 0;
	assert_int_equal(find(sp, 70000, 0, &p), 0);
	check_gpt(&p, 7, G_ESP, 40000, 10000, 0);
	/* LBA 0, LBA 1, backup header, 32 for its CRC, 32 to visit. */
	assert_int_equal(sp->reads, 67);
	/* A wrong disk size finds no backup: the primary's error. */
	assert_int_equal(find(sp, 69999, 0, &p), PART_EGPTHDR);
	assert_int_equal(find(sp, 80000, 0, &p), PART_EGPTHDR);
	hdr[0] = 'E';
	/* Damaged primary entries: the backup's are used. */
	sp_at(sp, 5)[0] ^= 1;
	assert_int_equal(find(sp, 0, 0, &p), PART_EGPTENTRIES);
	assert_int_equal(find(sp, 70000, 7, &p), 0);
	assert_int_equal(p.start_lba, 40000);
	/* Both damaged: the primary's error. */
	sp_at(sp, 70000 - 33 + 3)[0] ^= 1;
	assert_int_equal(find(sp, 70000, 0, &p), PART_EGPTENTRIES);
	sp_at(sp, 70000 - 33 + 3)[0] ^= 1;
	sp_at(sp, 69999)[8] ^= 1;
	assert_int_equal(find(sp, 70000, 0, &p), PART_EGPTENTRIES);
	sp_at(sp, 5)[0] ^= 1;

	/* An unreadable header or array. */
	sp->fail_lba = 1;
	assert_int_equal(find(sp, 0, 0, &p), PART_EIO);
	sp->fail_lba = 20;
	assert_int_equal(find(sp, 0, 0, &p), PART_EIO);
	sp->fail_lba = ~0ull;

	/* Header fields: each change sealed with a good CRC. */
	memcpy(&h, hdr, sizeof(h));
	crc = h.PartitionEntryArrayCRC32;
#define HDR_TRY(field, value, want)                                            \
	do {                                                                   \
		struct gpt_header t = h;                                       \
		t.field = (value);                                             \
		memcpy(hdr, &t, sizeof(t));                                    \
		header_seal(hdr);                                              \
		assert_int_equal(find(sp, 0, 0, &p), (want));                  \
	} while (0)
	HDR_TRY(MyLBA, 2, PART_EGPTHDR);
	HDR_TRY(SizeOfPartitionEntry, 136, PART_EGPTHDR); /* not 128 << n */
	HDR_TRY(SizeOfPartitionEntry, 64, PART_EGPTHDR);
	HDR_TRY(SizeOfPartitionEntry, 0, PART_EGPTHDR);
	HDR_TRY(NumberOfPartitionEntries, 0x02000001u, PART_EGPTHDR);
	HDR_TRY(NumberOfPartitionEntries, 8193, PART_EGPTHDR); /* > 1 MiB */
	HDR_TRY(NumberOfPartitionEntries, 0, PART_EGPTENTRIES);
	HDR_TRY(NumberOfPartitionEntries, 6, PART_EGPTENTRIES);
	h.PartitionEntryArrayCRC32 = 0; /* the CRC of nothing */
	HDR_TRY(NumberOfPartitionEntries, 0, PART_ENOFAT);
	HDR_TRY(NumberOfPartitionEntries, 6, PART_EGPTENTRIES);
	h.PartitionEntryArrayCRC32 = crc_ref(g.array, 7 * 128);
	HDR_TRY(NumberOfPartitionEntries, 7, 0);
	HDR_TRY(NumberOfPartitionEntries, 6, PART_EGPTENTRIES);
	HDR_TRY(HeaderSize, 91, PART_EGPTHDR);
	HDR_TRY(HeaderSize, 513, PART_EGPTHDR);
	HDR_TRY(HeaderSize, 0, PART_EGPTHDR);
	HDR_TRY(HeaderSize, 0x80000000u, PART_EGPTHDR);
#undef HDR_TRY
	/* A longer header: the CRC covers HeaderSize bytes. */
	h.PartitionEntryArrayCRC32 = crc;
	memcpy(hdr, &h, sizeof(h));
	hdr[92] = 0x5A;
	assert_int_equal(find(sp, 0, 0, &p), 0);
	((struct gpt_header *)hdr)->HeaderSize = 512;
	header_seal(hdr); /* seals 92 bytes: wrong for 512 */
	assert_int_equal(find(sp, 0, 0, &p), PART_EGPTHDR);
	memset(hdr + 16, 0, 4);
	crc = crc_ref(hdr, 512);
	memcpy(hdr + 16, &crc, 4);
	assert_int_equal(find(sp, 0, 0, &p), 0);
	free(sp);
	free(g.array);
}

/* Entry slots of 256 and 1024 bytes (128 << n), and a short array. */
static void test_gpt_entry_sizes(void **state)
{
	static const uint32_t sizes[] = {256, 512, 1024};
	struct gpt_disk g;
	struct sparse *sp;
	struct seen s;
	struct part_entry p;
	unsigned i;

	(void)state;
	for (i = 0; i < 3; i++) {
		gd_init(&g, 100000, 128, sizes[i]);
		gd_set(&g, 1, G_LINUX, 2048, 2048, 0);
		gd_set(&g, 2, G_BASIC, 3000, 3999, 0);
		gd_set(&g, 3, G_LINUX, 4000, 4999, 0);
		gd_set(&g, 127, G_ESP, 5000, 5999, 4);
		/* Bytes past 128 in a slot are not the next entry. */
		memset(g.array + 3 * sizes[i] + 128, 0xFF, sizes[i] - 128);
		sp = gd_write(&g);
		assert_int_equal(walk(sp, 0, &s), 0);
		assert_int_equal(s.n, 4);
		check_gpt(&s.e[0], 1, G_LINUX, 2048, 1, 0);
		check_gpt(&s.e[2], 3, G_LINUX, 4000, 1000, 0);
		check_gpt(&s.e[3], 127, G_ESP, 5000, 1000, 4);
		assert_int_equal(find(sp, 0, 0, &p), 0);
		assert_int_equal(p.index, 127);
		free(sp);
		free(g.array);
	}
	/* 5 entries: 640 bytes, the CRC over exactly that. */
	gd_init(&g, 100000, 5, 128);
	gd_set(&g, 5, G_ESP, 5000, 5999, 0);
	sp = gd_write(&g);
	sp_at(sp, 3)[200] = 0x77; /* after the array: outside the CRC */
	assert_int_equal(find(sp, 0, 0, &p), 0);
	assert_int_equal(p.index, 5);
	free(sp);
	free(g.array);
}

/* LBAs past 2^32: MBR fields cannot say them, GPT's can. */
static void test_gpt_64bit(void **state)
{
	const uint64_t big = 1ull << 35; /* 16 TiB of 512-byte sectors */
	struct gpt_disk g;
	struct sparse *sp;
	struct part_entry p;

	(void)state;
	gd_init(&g, big, 128, 128);
	gd_set(&g, 1, G_LINUX, 2048, 0x100000000ull, 0);
	gd_set(&g, 2, G_ESP, 0x300000000ull, 0x3000FFFFFull, 0);
	sp = gd_write(&g);
	assert_int_equal(find(sp, 0, 0, &p), 0);
	check_gpt(&p, 2, G_ESP, 0x300000000ull, 0x100000, 0);
	assert_int_equal(find(sp, 0, 1, &p), 0);
	assert_int_equal(p.sectors, 0x100000000ull - 2048 + 1);
	/* The backup header far past 2^32. */
	sp_at(sp, 1)[0] = 0;
	assert_int_equal(find(sp, 0, 0, &p), PART_EGPTHDR);
	assert_int_equal(find(sp, big, 0, &p), 0);
	assert_int_equal(p.start_lba, 0x300000000ull);
	free(sp);
	free(g.array);
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
	    cmocka_unit_test(test_crc32),
	    cmocka_unit_test(test_gpt),
	    cmocka_unit_test(test_gpt_hybrid),
	    cmocka_unit_test(test_gpt_damage),
	    cmocka_unit_test(test_gpt_entry_sizes),
	    cmocka_unit_test(test_gpt_64bit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
