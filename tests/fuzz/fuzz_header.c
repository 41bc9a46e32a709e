// SPDX-License-Identifier: BSD-2-Clause
/* libFuzzer target for protocol/: the input is the head of a kernel file.
 * Parse it whole, as its first 1024 bytes and as its setup alone; plan the
 * layout on fixed E820 maps and on one made from the input; write the
 * header into a copy; check what the plan and the header promise. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/le.h"
#include "protocol/linux.h"

#define MiB	0x100000ull
#define GiB	0x40000000ull
#define MAP_MAX 32
/* Map entries from the input: addr u32, size u32 (both x16), type u8. */
#define MAP_ENTRY_BYTES 9

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_header: %s\n", what);
	abort();
}

/* QEMU with 128 MiB, SeaBIOS's map. */
static const struct mem_range map_qemu[] = {
    {0, 0x9FC00, 1},
    {0x9FC00, 0x400, 2},
    {0xF0000, 0x10000, 2},
    {MiB, 0x8000000 - 0x20000 - MiB, 1},
    {0x8000000 - 0x20000, 0x20000, 2},
    {0xFFFC0000, 0x40000, 2},
};

/* A 4 GiB machine with the PCI hole, entries out of order. */
static const struct mem_range map_big[] = {
    {0x100000000ull, 1 * GiB, 1},
    {0xFEFFC000, 0x4000, 2},
    {0, 0x9FC00, 1},
    {MiB, 3 * GiB - MiB, 1},
    {0x9FC00, 0x400, 2},
    {0xF0000, 0x10000, 2},
    {0xFFFC0000, 0x40000, 2},
};

/* Little-endian field of the input; bytes past its end read as 0. */
static uint64_t get(const uint8_t *d, size_t size, size_t off, unsigned n)
{
	uint64_t v = 0;

	while (n-- > 0)
		if (off + n < size)
			v |= (uint64_t)d[off + n] << (8 * n);
	return v;
}

static uint64_t end_of(const struct mem_range *r)
{
	return r->addr + r->size < r->addr ? UINT64_MAX : r->addr + r->size;
}

/* Independent of layout.c: no reserved entry touches [a, b), and the
 * usable entries, sorted, cover it without a gap. */
static bool usable(const struct mem_range *map, unsigned n, uint64_t a,
		   uint64_t b)
{
	const struct mem_range *u[MAP_MAX + 8], *t;
	unsigned i, j, m = 0;
	uint64_t pos = a;

	for (i = 0; i < n; i++) {
		if (!map[i].size || map[i].addr >= b || end_of(&map[i]) <= a)
			continue;
		if (map[i].type != MEM_RANGE_USABLE)
			return false;
		u[m++] = &map[i];
	}
	for (i = 1; i < m; i++)
		for (j = i; j > 0 && u[j - 1]->addr > u[j]->addr; j--) {
			t = u[j];
			u[j] = u[j - 1];
			u[j - 1] = t;
		}
	for (i = 0; i < m && pos < b; i++) {
		if (u[i]->addr > pos)
			return false;
		if (end_of(u[i]) > pos)
			pos = end_of(u[i]);
	}
	return pos >= b;
}

static bool overlap(uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
	return a < d && c < b;
}

static void check_plan(const struct linux_kernel *k,
		       const struct linux_plan_req *r,
		       const struct linux_plan *p)
{
	uint64_t top = r->low_top < 0xA0000 ? r->low_top : 0xA0000;
	uint64_t lim = 1ull << 32, iend, pm_end, stage_end, low_end;
	uint64_t rt_size, rt_end;

	if (p->real_addr % 16 || p->real_addr < 0x10000 ||
	    p->real_addr < r->real_min || p->seg != p->real_addr >> 4 ||
	    p->jump_cs != (uint16_t)(p->seg + 0x20))
		fail("plan: bad real-mode address or segments");
	if (p->real_size != k->setup_size || p->real_size > 0x8000)
		fail("plan: real-mode size is not the setup size");
	low_end = (uint64_t)p->cmdline_addr + p->cmdline_max;
	if (p->cmdline_addr < p->real_addr + p->real_size ||
	    p->cmdline_max < r->cmdline_len + 1 || low_end > top)
		fail("plan: command line overlaps setup or leaves low memory");
	pm_end = (uint64_t)p->pm_addr + p->pm_size;
	stage_end = (uint64_t)p->pm_stage_addr + p->pm_size;
	if (p->pm_size != k->pm_size || p->kernel_end < stage_end)
		fail("plan: protected-mode part misplaced");
	if (!usable(r->map, r->nmap, p->pm_addr, pm_end) ||
	    !usable(r->map, r->nmap, p->pm_stage_addr, stage_end))
		fail("plan: protected-mode part not in usable RAM");
	if (overlap(p->pm_addr, pm_end, p->real_addr, low_end) ||
	    overlap(p->pm_stage_addr, stage_end, p->real_addr, low_end))
		fail("plan: protected-mode part overlaps the real-mode block");
	/* Where the kernel decompresses and runs must leave the real-mode
	 * block (boot_params, command line) alone. */
	rt_size = k->version >= 0x020A ? k->init_size : 3ull * k->pm_size;
	rt_end = p->runtime_start + rt_size;
	if (rt_end < p->runtime_start)
		fail("plan: kernel runtime runs past 2^64");
	if (p->kernel_end < rt_end)
		fail("plan: kernel_end below the runtime footprint");
	if (overlap(p->runtime_start, rt_end, p->real_addr, low_end))
		fail("plan: kernel runtime overlaps the real-mode block");
	if (p->quiet != r->quiet)
		fail("plan: quiet not copied");
	if (!r->initrd_size) {
		if (p->initrd_addr || p->initrd_size)
			fail("plan: an initrd nobody asked for");
		return;
	}
	if ((uint64_t)k->initrd_addr_max + 1 < lim)
		lim = (uint64_t)k->initrd_addr_max + 1;
	if (r->mem_limit && r->mem_limit < lim)
		lim = r->mem_limit;
	iend = p->initrd_addr + p->initrd_size;
	if (p->initrd_size != r->initrd_size || p->initrd_addr % 4096 ||
	    p->initrd_addr < MiB || iend > lim)
		fail("plan: initrd misplaced or past its limit");
	if (overlap(p->initrd_addr, iend, p->pm_stage_addr, p->kernel_end) ||
	    overlap(p->initrd_addr, iend, p->runtime_start, rt_end))
		fail("plan: initrd overlaps the kernel");
	if (!usable(r->map, r->nmap, p->initrd_addr, iend))
		fail("plan: initrd not in usable RAM");
}

/* Writes into an exact-size copy of the setup; on error nothing may
 * change, on success only the loader's fields. */
static void check_write(const uint8_t *data, size_t size,
			const struct linux_kernel *k,
			const struct linux_plan *p, int vid_mode)
{
	size_t n = k->setup_size, i;
	uint8_t *b = malloc(n ? n : 1), *orig = malloc(n ? n : 1);
	int err;

	if (!b || !orig)
		fail("out of memory");
	memset(b, 0, n);
	memcpy(b, data, size < n ? size : n);
	memcpy(orig, b, n);
	if (n && linux_write_header(b, n - 1, k, p, vid_mode) == 0)
		fail("write_header accepted a short buffer");
	err = linux_write_header(b, n, k, p, vid_mode);
	if (!linux_strerror(err))
		fail("no message for an error");
	if (err) {
		if (memcmp(b, orig, n))
			fail("write_header failed but wrote");
		goto out;
	}
	/* The header, and before 2.02 cmd_line_magic/offset at 0x20. */
	for (i = 0; i < n; i++)
		if (b[i] != orig[i] && (i < 0x1F1 || i >= 0x26C) &&
		    (k->version >= 0x0202 || i < 0x20 || i >= 0x24))
			fail("write_header wrote outside the header");
	if (k->version >= 0x0200 &&
	    (b[0x210] != 0xFF || le32_get(b + 0x218) != p->initrd_addr ||
	     le32_get(b + 0x21C) != (uint32_t)p->initrd_size))
		fail("write_header: loader fields not as planned");
	if (k->version >= 0x0201 && !(b[0x211] & 0x80))
		fail("write_header: CAN_USE_HEAP not set");
	if (k->version >= 0x0202 && le32_get(b + 0x228) != p->cmdline_addr)
		fail("write_header: cmd_line_ptr not as planned");
	if (vid_mode >= 0 && le16_get(b + 0x1FA) != vid_mode)
		fail("write_header: vid_mode not written");
out:
	free(b);
	free(orig);
}

static void plan(const uint8_t *data, size_t size, const struct linux_kernel *k,
		 const struct mem_range *map, unsigned nmap)
{
	struct linux_plan_req r = {0};
	struct linux_plan p;
	uint8_t f = (uint8_t)get(data, size, 0x1E, 1);
	int err;

	/* Request fields from the boot sector's legacy area (0x00-0x3F),
	 * which the parser never reads. */
	r.map = map;
	r.nmap = nmap;
	r.low_top = f & 1 ? (uint32_t)get(data, size, 0x20, 4) : 0x9FC00;
	r.real_min = f & 2 ? (uint32_t)get(data, size, 0x24, 4) : 0x10000;
	r.cmdline_len = (uint32_t)get(data, size, 0x28, 2) & 0x1FFF;
	r.initrd_size = get(data, size, 0x2C, 4) << (f >> 4);
	r.mem_limit = f & 4 ? get(data, size, 0x30, 4) << 8 : 0;
	r.quiet = f & 8;
	err = linux_plan_layout(k, &r, &p);
	if (!linux_strerror(err))
		fail("no message for an error");
	if (err == 0)
		check_plan(k, &r, &p);
	check_write(data, size, k, &p, (int)(int32_t)get(data, size, 0x34, 4));
	check_write(data, size, k, &p, -1);
}

/* kernel_info and the payload format, read from the input's bytes after
 * the setup (its protected-mode part). */
static void pm_facts(const struct linux_kernel *k, const uint8_t *data,
		     size_t size)
{
	const uint8_t *pm = data + k->pm_offset;
	size_t len = size - k->pm_offset;
	struct kernel_info ki;
	int err;

	if (!k->pm_offset || k->pm_offset > size)
		return;
	err = linux_parse_kernel_info(pm, len, k->kernel_info_offset, &ki);
	if (!linux_strerror(err))
		fail("no message for an error");
	linux_parse_kernel_info(pm, len, (uint32_t)get(data, size, 0x18, 4),
				&ki);
	if (k->payload_offset <= len)
		linux_payload_format(pm + k->payload_offset,
				     len - k->payload_offset);
	linux_payload_format(pm, len);
}

/* Parses buf as a file of file_size bytes and plans on every map. */
static void run(const uint8_t *buf, size_t len, uint64_t file_size,
		const uint8_t *data, size_t size)
{
	struct mem_range map[MAP_MAX];
	struct linux_kernel k = {0};
	size_t off, n = 0;
	uint8_t t;
	int err;

	err = linux_parse_header(buf, len, file_size, &k);
	if (!linux_strerror(err))
		fail("no message for an error");
	if (strnlen(k.version_string, sizeof(k.version_string)) ==
	    sizeof(k.version_string))
		fail("version string not terminated");
	if (err == 0 && (k.setup_size != (k.setup_sects + 1u) * 512 ||
			 k.setup_size + (uint64_t)k.pm_size != file_size))
		fail("parse: sizes do not add up to the file");
	pm_facts(&k, data, size);
	plan(data, size, &k, map_qemu, sizeof(map_qemu) / sizeof(map_qemu[0]));
	plan(data, size, &k, map_big, sizeof(map_big) / sizeof(map_big[0]));
	/* A map from the bytes after the setup (the protected-mode part,
	 * which nothing parses). */
	for (off = k.setup_size; off + MAP_ENTRY_BYTES <= size && n < MAP_MAX;
	     off += MAP_ENTRY_BYTES, n++) {
		map[n].addr = get(data, size, off, 4) << 4;
		map[n].size = get(data, size, off + 4, 4) << 4;
		t = data[off + 8];
		map[n].type = t < 0x80 ? 1 : t & 7;
		if (t == 0xFF)
			map[n].size = UINT64_MAX;
	}
	plan(data, size, &k, map, (unsigned)n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct linux_kernel k = {0};
	size_t head = size < 1024 ? size : 1024, setup;
	uint8_t *buf;

	/* The input is the whole file. */
	run(data, size, size, data, size);

	/* Its first 1024 bytes, of a file that goes on: what stage2 reads
	 * first. An exact-size copy, so ASan sees any read past it. */
	buf = malloc(head + 1);
	if (!buf)
		fail("out of memory");
	memcpy(buf, data, head);
	run(buf, head, size + get(data, size, 0x38, 4), data, size);
	free(buf);

	/* The setup alone, with a file size from the input (up to 2^64). */
	linux_parse_header(data, size, size, &k);
	setup = k.setup_size && k.setup_size < size ? k.setup_size : size;
	buf = malloc(setup + 1);
	if (!buf)
		fail("out of memory");
	memcpy(buf, data, setup);
	run(buf, setup, get(data, size, 0x08, 8), data, size);
	free(buf);
	return 0;
}
