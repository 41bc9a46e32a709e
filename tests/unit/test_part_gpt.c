// SPDX-License-Identifier: BSD-2-Clause
/* fs/part_gpt.c over hand-built sectors: CRCs, the backup header, entry
 * sizes, hybrid MBRs and 64-bit LBAs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fs/part.h"
#include "fs/part_priv.h" /* part_crc32 */
#include "tests/unit/support/memdisk.h"
#include "tests/unit/support/part_disk.h"

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
static struct memdisk *gd_write(struct gpt_disk *g)
{
	struct memdisk *sp = memdisk_new(g->sectors);
	uint32_t bytes = g->count * g->esize, n = (bytes + 511) / 512;
	uint64_t alt = g->sectors - 1;
	struct gpt_header h;
	unsigned backup;

	mbr_init(memdisk_at(sp, 0));
	mbr_set(memdisk_at(sp, 0), 0, 0x00, 0xEE, 1,
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
		memdisk_write(sp, h.MyLBA, &h, sizeof(h));
		memdisk_write(sp, h.PartitionEntryLBA, g->array, bytes);
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
	struct memdisk *sp;
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

	assert_int_equal(seen_walk(sp, 0, &s), 0);
	assert_int_equal(s.n, 4);
	check_gpt(&s.e[0], 1, G_LINUX, 2048, 2048, 0);
	check_gpt(&s.e[1], 3, G_BASIC, 4096, 4096, 1ull << 60);
	check_gpt(&s.e[2], 5, G_ESP, 10000, 10000, 4);
	check_gpt(&s.e[3], 128, G_LINUX, 900000, 99967, 1);

	/* The bootable ESP beats the earlier basic data partition. */
	assert_int_equal(find_part(sp, 0, 0, &p), 0);
	check_gpt(&p, 5, G_ESP, 10000, 10000, 4);
	assert_int_equal(find_part(sp, 0, 128, &p), 0);
	assert_int_equal(p.start_lba, 900000);
	assert_int_equal(find_part(sp, 0, 2, &p), PART_ENOPART);
	assert_int_equal(find_part(sp, 0, 4, &p), PART_ENOPART);
	assert_int_equal(find_part(sp, 0, 129, &p), PART_ENOPART);
	memdisk_free(sp);

	/* Without the attribute: the first FAT-typed entry. */
	gd_set(&g, 5, G_ESP, 10000, 19999, 0);
	sp = gd_write(&g);
	assert_int_equal(find_part(sp, 0, 0, &p), 0);
	check_gpt(&p, 3, G_BASIC, 4096, 4096, 1ull << 60);
	memdisk_free(sp);

	/* The attribute on a non-FAT type does not make it a choice. */
	gd_set(&g, 1, G_LINUX, 2048, 4095, 4);
	sp = gd_write(&g);
	assert_int_equal(find_part(sp, 0, 0, &p), 0);
	assert_int_equal(p.index, 3);
	memdisk_free(sp);

	/* No FAT type at all. */
	memset(g.array + 2 * 128, 0, 128);
	memset(g.array + 4 * 128, 0, 128);
	sp = gd_write(&g);
	assert_int_equal(find_part(sp, 0, 0, &p), PART_ENOFAT);
	memdisk_free(sp);

	/* A FAT-typed entry at LBA 0. */
	gd_set(&g, 2, G_ESP, 0, 100, 0);
	sp = gd_write(&g);
	assert_int_equal(find_part(sp, 0, 0, &p), PART_EBADENTRY);
	memdisk_free(sp);
	free(g.array);
}

/* A hybrid MBR (0xEE plus FAT entries): the GPT counts, as for Linux. */
static void test_gpt_hybrid(void **state)
{
	struct gpt_disk g;
	struct memdisk *sp;
	struct part_entry p;

	(void)state;
	gd_init(&g, 50000, 128, 128);
	gd_set(&g, 2, G_BASIC, 30000, 39999, 0);
	sp = gd_write(&g);
	mbr_set(memdisk_at(sp, 0), 0, 0x80, 0x0C, 2048, 1000);
	mbr_set(memdisk_at(sp, 0), 3, 0x00, 0xEE, 1, 2047);
	memset(memdisk_at(sp, 0) + 0x1BE + 16, 0, 16);
	assert_int_equal(find_part(sp, 0, 0, &p), 0);
	check_gpt(&p, 2, G_BASIC, 30000, 10000, 0);
	assert_int_equal(find_part(sp, 0, 1, &p), PART_ENOPART);
	memdisk_free(sp);
	free(g.array);
}

static void test_gpt_damage(void **state)
{
	struct gpt_disk g;
	struct memdisk *sp;
	struct part_entry p;
	struct gpt_header h;
	uint8_t *hdr;
	uint32_t crc;

	(void)state;
	gd_init(&g, 70000, 128, 128);
	gd_set(&g, 7, G_ESP, 40000, 49999, 0);
	sp = gd_write(&g);
	hdr = memdisk_at(sp, 1);
	assert_int_equal(find_part(sp, 0, 0, &p), 0);
	assert_int_equal(p.index, 7);

	/* Signature, header CRC, entries CRC. */
	hdr[0] = 'e';
	assert_int_equal(find_part(sp, 0, 0, &p), PART_EGPTHDR);
	hdr[0] = 'E';
	hdr[0x20] ^= 1; /* AlternateLBA, under the CRC */
	assert_int_equal(find_part(sp, 0, 0, &p), PART_EGPTHDR);
	hdr[0x20] ^= 1;
	assert_int_equal(find_part(sp, 0, 0, &p), 0);
	memdisk_at(sp, 2 + 6 * 128 / 512)[6 * 128 % 512 + 0x20] ^= 1;
	assert_int_equal(find_part(sp, 0, 0, &p), PART_EGPTENTRIES);
	assert_int_equal(find_part(sp, 0, 7, &p), PART_EGPTENTRIES);
	/* The last byte of the array counts too. */
	memdisk_at(sp, 2 + 6 * 128 / 512)[6 * 128 % 512 + 0x20] ^= 1;
	memdisk_at(sp, 33)[511] ^= 0x80;
	assert_int_equal(find_part(sp, 0, 0, &p), PART_EGPTENTRIES);
	/* Bytes after the array in its last sector do not. */
	memdisk_at(sp, 33)[511] ^= 0x80;

	/* With the disk size, the backup at the last LBA steps in. */
	hdr[0] = 'e';
	sp->calls = 0;
	assert_int_equal(find_part(sp, 70000, 0, &p), 0);
	check_gpt(&p, 7, G_ESP, 40000, 10000, 0);
	/* LBA 0, LBA 1, backup header, 32 for its CRC, 32 to visit. */
	assert_int_equal(sp->calls, 67);
	/* A wrong disk size finds no backup: the primary's error. */
	assert_int_equal(find_part(sp, 69999, 0, &p), PART_EGPTHDR);
	assert_int_equal(find_part(sp, 80000, 0, &p), PART_EGPTHDR);
	hdr[0] = 'E';
	/* Damaged primary entries: the backup's are used. */
	memdisk_at(sp, 5)[0] ^= 1;
	assert_int_equal(find_part(sp, 0, 0, &p), PART_EGPTENTRIES);
	assert_int_equal(find_part(sp, 70000, 7, &p), 0);
	assert_int_equal(p.start_lba, 40000);
	/* Both damaged: the primary's error. */
	memdisk_at(sp, 70000 - 33 + 3)[0] ^= 1;
	assert_int_equal(find_part(sp, 70000, 0, &p), PART_EGPTENTRIES);
	memdisk_at(sp, 70000 - 33 + 3)[0] ^= 1;
	memdisk_at(sp, 69999)[8] ^= 1;
	assert_int_equal(find_part(sp, 70000, 0, &p), PART_EGPTENTRIES);
	memdisk_at(sp, 5)[0] ^= 1;

	/* An unreadable header or array. */
	sp->fail_lba = 1;
	assert_int_equal(find_part(sp, 0, 0, &p), PART_EIO);
	sp->fail_lba = 20;
	assert_int_equal(find_part(sp, 0, 0, &p), PART_EIO);
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
		assert_int_equal(find_part(sp, 0, 0, &p), (want));             \
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
	assert_int_equal(find_part(sp, 0, 0, &p), 0);
	((struct gpt_header *)hdr)->HeaderSize = 512;
	header_seal(hdr); /* seals 92 bytes: wrong for 512 */
	assert_int_equal(find_part(sp, 0, 0, &p), PART_EGPTHDR);
	memset(hdr + 16, 0, 4);
	crc = crc_ref(hdr, 512);
	memcpy(hdr + 16, &crc, 4);
	assert_int_equal(find_part(sp, 0, 0, &p), 0);
	memdisk_free(sp);
	free(g.array);
}

/* Entry slots of 256 and 1024 bytes (128 << n), and a short array. */
static void test_gpt_entry_sizes(void **state)
{
	static const uint32_t sizes[] = {256, 512, 1024};
	struct gpt_disk g;
	struct memdisk *sp;
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
		assert_int_equal(seen_walk(sp, 0, &s), 0);
		assert_int_equal(s.n, 4);
		check_gpt(&s.e[0], 1, G_LINUX, 2048, 1, 0);
		check_gpt(&s.e[2], 3, G_LINUX, 4000, 1000, 0);
		check_gpt(&s.e[3], 127, G_ESP, 5000, 1000, 4);
		assert_int_equal(find_part(sp, 0, 0, &p), 0);
		assert_int_equal(p.index, 127);
		memdisk_free(sp);
		free(g.array);
	}
	/* 5 entries: 640 bytes, the CRC over exactly that. */
	gd_init(&g, 100000, 5, 128);
	gd_set(&g, 5, G_ESP, 5000, 5999, 0);
	sp = gd_write(&g);
	memdisk_at(sp, 3)[200] = 0x77; /* after the array: outside the CRC */
	assert_int_equal(find_part(sp, 0, 0, &p), 0);
	assert_int_equal(p.index, 5);
	memdisk_free(sp);
	free(g.array);
}

/* LBAs past 2^32: MBR fields cannot say them, GPT's can. */
static void test_gpt_64bit(void **state)
{
	const uint64_t big = 1ull << 35; /* 16 TiB of 512-byte sectors */
	struct gpt_disk g;
	struct memdisk *sp;
	struct part_entry p;

	(void)state;
	gd_init(&g, big, 128, 128);
	gd_set(&g, 1, G_LINUX, 2048, 0x100000000ull, 0);
	gd_set(&g, 2, G_ESP, 0x300000000ull, 0x3000FFFFFull, 0);
	sp = gd_write(&g);
	assert_int_equal(find_part(sp, 0, 0, &p), 0);
	check_gpt(&p, 2, G_ESP, 0x300000000ull, 0x100000, 0);
	assert_int_equal(find_part(sp, 0, 1, &p), 0);
	assert_int_equal(p.sectors, 0x100000000ull - 2048 + 1);
	/* The backup header far past 2^32. */
	memdisk_at(sp, 1)[0] = 0;
	assert_int_equal(find_part(sp, 0, 0, &p), PART_EGPTHDR);
	assert_int_equal(find_part(sp, big, 0, &p), 0);
	assert_int_equal(p.start_lba, 0x300000000ull);
	memdisk_free(sp);
	free(g.array);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_crc32),
	    cmocka_unit_test(test_gpt),
	    cmocka_unit_test(test_gpt_hybrid),
	    cmocka_unit_test(test_gpt_damage),
	    cmocka_unit_test(test_gpt_entry_sizes),
	    cmocka_unit_test(test_gpt_64bit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
