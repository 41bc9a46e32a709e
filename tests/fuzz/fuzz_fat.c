// SPDX-License-Identifier: BSD-2-Clause
/* libFuzzer target for fs/: the input is a whole disk image (MBR with
 * EBRs, GPT, or a superfloppy). Read its table and mount it the way stage2
 * does, open a set of paths, read each file in uneven chunks and whole,
 * and check what the API promises. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/fat.h"
#include "fs/part.h"
#include "fs/part_priv.h" /* part_type_is_fat */
#include "tests/unit/support/memdisk.h"

/* Device-read budgets: a walk past them is looping, and a report with the
 * input beats a libFuzzer timeout. An open may read each directory up to
 * the 65536-entry limit (4096 sectors and as many FAT reads) per path
 * component. A file read reads each cluster of the image at most twice
 * (the cycle check stops a loop within twice its length), its FAT entry
 * at most twice per step (FAT12), plus two partial sectors per call. */
#define OPEN_LIMIT 300000u
#define CHUNK_MAX  8192u
/* Files up to this size are kept to compare re-reads. */
#define KEEP_MAX (1u << 20)

/* The device-read budget of what runs now (see budget()). */
struct budget {
	unsigned reads, limit;
	const char *over; /* what it means to pass the limit */
};

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_fat: %s\n", what);
	abort();
}

static struct budget bud;
static const struct memdisk *cur_md;

/* The image is a memdisk (reads past its end fail like a bad sector
 * would); its reads are counted against the budget first. */
static int budget_read(void *ctx, uint64_t lba, uint32_t count, void *buf)
{
	if (++bud.reads > bud.limit)
		fail(bud.over);
	if (count == 0)
		fail("device read of 0 sectors");
	return memdisk_read(ctx, lba, count, buf);
}

static const char *const paths[] = {
    "KERNEL.BIN",
    "/kernel.bin",
    "Linux-Kernel With A Long Name.img",
    "LINUX-KERNEL WITH A LONG NAME.IMG",
    "LINUX-~1.IMG",
    "/boot/syslinux/a/b/deep.cfg",
    "//BOOT//syslinux/A/B/DEEP.CFG",
    "boot/syslinux/../syslinux/./a/b/deep.cfg",
    "boot/syslinux/a/b/../../../../KERNEL.BIN",
    "initrd.gz",
    "caf\xc3\xa9.txt",
    "caf\xe9.txt",
    "\xf0\x9f\x98\x80 smile.txt",
    "bad\xc3(\xe2\x82.txt",
    "empty.txt",
    "frag.dat",
    "c.dat",
    "a.dat",
    "boot",
    "kernel.bin/x",
    "",
    "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z",
};

/* Chunk sizes that cross sector and cluster edges in every way; the
 * positions come back to sector boundaries often, so whole-sector runs over
 * several clusters (read_run) are read too. */
static const uint32_t chunks[] = {1,   511, 4096, 513, 1023, 8192,
				  512, 3,   509,  777, 247};

static uint8_t *chunk_buf;
static uint8_t *keep;

/* A buffer of exactly n bytes (at the end of chunk_buf), so ASan sees a
 * write past it. */
static uint8_t *buf_of(uint32_t n)
{
	return chunk_buf + CHUNK_MAX - n;
}

/* A new budget of device reads for what follows. */
static void budget(unsigned limit, const char *over)
{
	bud.reads = 0;
	bud.limit = limit;
	bud.over = over;
}

/* What an honest read of `calls` fat_read calls may cost. */
static unsigned read_budget(unsigned calls)
{
	return 8 * (unsigned)cur_md->sectors + 4 * calls + 64;
}

static const char looping[] =
    "a file read re-reads the image's sectors over and over: a looping "
    "cluster chain that is not caught";

/* A read returns everything asked for up to the end, or an error. */
static void check_read(uint32_t size, uint32_t before, uint32_t want, int got)
{
	uint32_t left = size - before;

	if (got >= 0 && (uint32_t)got != (want < left ? want : left))
		fail("fat_read returned fewer bytes than it had");
}

/* fat_open again, under the open budget; false if it fails (an injected
 * read error may hit this open and not the first). */
static bool reopen(struct fat_volume *v, const char *path, struct fat_file *f)
{
	budget(OPEN_LIMIT, "over 300000 device reads in one fat_open: a "
			   "directory walk that does not end");
	return fat_open(v, path, f) == FAT_OK;
}

/* Reads the whole file in uneven chunks, then again in one read, then from
 * its middle on, and compares. Stops at the first error: the file is
 * corrupt. */
static void read_file(struct fat_volume *v, const char *path,
		      struct fat_file *f)
{
	uint32_t size = fat_size(f), pos = 0, n, i = 0, at[2];
	bool kept = size <= KEEP_MAX;
	uint8_t *all;
	int got;

	budget(read_budget(0), looping);
	while (pos < size) {
		bud.limit += 4;
		n = chunks[i++ % (sizeof(chunks) / sizeof(chunks[0]))];
		got = fat_read(f, buf_of(n), n);
		check_read(size, pos, n, got);
		if (got < 0) {
			if (!fat_volume_strerror(v, got))
				fail("no message for an error");
			return;
		}
		if (got == 0)
			fail("fat_read returned 0 before the end");
		if (kept)
			memcpy(keep + pos, buf_of(n), (size_t)got);
		pos += (uint32_t)got;
	}
	if (fat_read(f, buf_of(16), 16) != 0)
		fail("fat_read past the end returned data");
	if (!kept || !size)
		return;
	all = malloc(size);
	if (!all)
		fail("out of memory");
	/* The whole file in one call, as stage2 loads a kernel. */
	if (reopen(v, path, f)) {
		budget(read_budget(1), looping);
		got = fat_read(f, all, size);
		check_read(size, 0, size, got);
		if (got > 0 && memcmp(all, keep, size) != 0)
			fail("one read and chunked reads give different bytes");
	}
	/* From the middle and near the end: a read up to there, then on. */
	at[0] = size / 2;
	at[1] = size - (size > 700 ? 700 : size);
	for (i = 0; i < 2 && reopen(v, path, f); i++) {
		budget(read_budget(2), looping);
		got = at[i] ? fat_read(f, all, at[i]) : 0;
		check_read(size, 0, at[i], got);
		if (got < 0)
			break;
		n = 1000;
		got = fat_read(f, buf_of(n), n);
		check_read(size, at[i], n, got);
		if (got < 0)
			break;
		if (memcmp(keep + at[i], buf_of(n), (size_t)got) != 0)
			fail("bytes differ when read again from the middle");
	}
	free(all);
}

static void tail_path(const uint8_t *data, size_t size, char *out, size_t n)
{
	size_t start = size, len;

	while (start > 0 && data[start - 1] != '\n' && data[start - 1] != 0 &&
	       size - start < n - 1)
		start--;
	len = size - start;
	memcpy(out, data + start, len);
	out[len] = '\0';
}

static void try_path(struct fat_volume *v, const char *path)
{
	struct fat_file f;
	int err;

	budget(OPEN_LIMIT, "over 300000 device reads in one fat_open: a "
			   "directory walk that does not end");
	err = fat_open(v, path, &f);
	if (!fat_volume_strerror(v, err))
		fail("no message for an error");
	if (err == FAT_OK)
		read_file(v, path, &f);
}

/* Lists the directory path names (ls at the boot prompt) twice: each
 * name a terminated string, at most 65536 entries, the same both times. */
static void try_list(struct fat_volume *v, const char *path)
{
	static struct fat_dir d;
	static struct fat_entry e;
	unsigned count[2], sum[2], pass;
	int r, end[2];

	for (pass = 0; pass < 2; pass++) {
		count[pass] = sum[pass] = 0;
		budget(OPEN_LIMIT, "over 300000 device reads listing one "
				   "directory: a walk that does not end");
		if (fat_opendir(v, path, &d))
			return;
		while ((r = fat_readdir(&d, &e)) == 1) {
			if (memchr(e.name, 0, sizeof(e.name)) == NULL)
				fail("fat_readdir: a name without its NUL");
			if (++count[pass] > 65536)
				fail("fat_readdir: over 65536 entries");
			sum[pass] += e.size + e.attr + (unsigned)strlen(e.name);
		}
		if (!fat_volume_strerror(v, r))
			fail("no message for an error");
		if (r == 0 && fat_readdir(&d, &e) != 0)
			fail("fat_readdir: an entry after the end");
		end[pass] = r;
	}
	/* Only two whole listings must agree: the memdisk fails one read
	 * (md.fail_call), which may cut the first listing short only. */
	if (end[0] == 0 && end[1] == 0 &&
	    (count[0] != count[1] || sum[0] != sum[1]))
		fail("fat_readdir: two listings of a directory differ");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SEEN_MAX 8

/* What part_foreach reported, to check part_find against. */
struct seen {
	unsigned n, last;
	struct part_entry e[SEEN_MAX];
};

static int on_part(void *ctx, const struct part_entry *e)
{
	struct seen *s = ctx;

	if (!e->index || (s->n && e->index <= s->last))
		fail("part_foreach: numbers not increasing");
	if (!e->sectors)
		fail("part_foreach: an empty partition listed");
	if (s->n < SEEN_MAX)
		s->e[s->n] = *e;
	s->n++;
	s->last = e->index;
	return 0;
}

static bool same_part(const struct part_entry *a, const struct part_entry *b)
{
	return a->index == b->index && a->gpt == b->gpt &&
	       a->active == b->active && a->type == b->type &&
	       !memcmp(a->type_guid, b->type_guid, sizeof(a->type_guid)) &&
	       a->attrs == b->attrs && a->start_lba == b->start_lba &&
	       a->sectors == b->sectors;
}

/* part_list_indices in a buffer too small for many: the numbers
 * part_foreach listed, cut before one that does not fit (" ..." then). */
static void check_indices(const struct blockdev *dev, uint64_t disk_sectors,
			  uint8_t *sector, const struct seen *s, int all)
{
	char got[24], want[SEEN_MAX * 11 + 1];
	size_t len = 0, n;
	unsigned i;
	int err;

	budget(20000, "partition list: over 20000 device reads");
	memset(got, 'x', sizeof(got));
	err = part_list_indices(dev, disk_sectors, sector, got, sizeof(got));
	if (!memchr(got, 0, sizeof(got)))
		fail("part_list_indices: no NUL in the buffer");
	/* An injected read error may hit one walk and not the other. */
	if (err == PART_EIO || all == PART_EIO)
		return;
	if (err != all)
		fail("part_list_indices: not part_foreach's result");
	for (i = 0; i < s->n && i < SEEN_MAX; i++)
		len += (size_t)snprintf(want + len, sizeof(want) - len, " %u",
					s->e[i].index);
	n = strlen(got);
	if (n >= 4 && !strcmp(got + n - 4, " ...")) {
		n -= 4;
		if (s->n <= SEEN_MAX && (n >= len || want[n] != ' '))
			fail("part_list_indices: cut where all fit");
	} else if (s->n <= SEEN_MAX && n != len) {
		fail("part_list_indices: not the numbers part_foreach gave");
	}
	if (memcmp(got, want, n < len ? n : len))
		fail("part_list_indices: not the numbers part_foreach gave");
}

/* The table through the device (MBR, EBR chains, GPT), as stage2 reads
 * it; the automatic choice in *boot. */
static int partitions(const struct blockdev *dev, uint64_t disk_sectors,
		      struct part_entry *boot)
{
	static const char over[] = "partition table: over 20000 device reads";
	uint8_t *sector = malloc(512);
	struct part_entry e;
	struct seen s = {0};
	unsigned i;
	int err, all;

	if (!sector)
		fail("out of memory");
	budget(20000, over);
	all = part_foreach(dev, disk_sectors, sector, on_part, &s);
	if (!part_strerror(all))
		fail("no message for an error");
	check_indices(dev, disk_sectors, sector, &s, all);
	for (i = 0; i < s.n && i < SEEN_MAX; i++) {
		budget(20000, over);
		err = part_find(dev, disk_sectors, s.e[i].index, sector, &e);
		if (err == PART_OK && !same_part(&e, &s.e[i]))
			fail("part_find(N) is not what part_foreach listed");
		/* An entry at LBA 0 is listed but never chosen; a read the
		 * image makes fail may fail this walk alone. */
		if (err != PART_OK && all == 0 && err != PART_EIO &&
		    !(err == PART_EBADENTRY && !s.e[i].start_lba))
			fail("part_find(N) fails on a table part_foreach read");
	}
	budget(20000, over);
	err = part_find(dev, disk_sectors, 0, sector, boot);
	if (err == PART_OK && (!boot->start_lba || !boot->sectors))
		fail("part_find chose an empty entry or one at LBA 0");
	if (err == PART_OK && !boot->gpt && !part_type_is_fat(boot->type))
		fail("part_find chose an MBR entry without a FAT type");
	free(sector);
	return err;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fat_volume vol;
	/* The boot sector's OEM name bytes (0x03, 0x04), which nothing
	 * reads: below 0x40, 0x03 names a device read that fails, for the
	 * I/O error paths, and 0x04 hides the disk size. */
	struct memdisk md;
	struct part_entry part;
	uint64_t lba = 0, sectors = 0;
	char tail[300];
	int err, n;
	size_t k;

	if (!chunk_buf) {
		chunk_buf = malloc(CHUNK_MAX);
		keep = malloc(KEEP_MAX);
		if (!chunk_buf || !keep)
			fail("out of memory");
	}
	memdisk_init(&md, data, 0, size / 512);
	md.bd.read = budget_read;
	md.fail_call = size > 3 && data[3] < 0x40 ? data[3] : 0;
	cur_md = &md;
	/* As stage2: the chosen partition, else (superfloppy) sector 0 with
	 * the size unknown. */
	if (partitions(&md.bd, size > 4 && data[4] < 0x40 ? 0 : md.sectors,
		       &part) == PART_OK) {
		lba = part.start_lba;
		sectors = part.sectors;
	}
	budget(16, "mount: over 16 device reads");
	err = fat_mount(&vol, &md.bd, lba, sectors);
	if (!fat_volume_strerror(&vol, err))
		fail("no message for an error");
	if (err != FAT_OK)
		return 0;
	n = fat_type(&vol);
	if (n != 12 && n != 16 && n != 32)
		fail("mounted volume has no FAT type");
	for (k = 0; k < sizeof(paths) / sizeof(paths[0]); k++)
		try_path(&vol, paths[k]);
	try_list(&vol, "/");
	try_list(&vol, "boot/syslinux");
	tail_path(data, size, tail, sizeof(tail));
	try_path(&vol, tail);
	/* One component over 255 characters. */
	memset(tail, 'n', sizeof(tail) - 1);
	tail[sizeof(tail) - 1] = '\0';
	try_path(&vol, tail);
	return 0;
}
