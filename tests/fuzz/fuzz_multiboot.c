// SPDX-License-Identifier: BSD-2-Clause
/* libFuzzer target for mboot.c32's pure parts: the input is a file the
 * mboot module would load. It is unpacked as gzip (protocol/inflate.c),
 * parsed as a Multiboot kernel image with and without -aout, split as
 * mboot.c32's words and read as an E820 map (protocol/multiboot.c); the
 * promises each makes are checked. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/inflate.h"
#include "protocol/le.h"
#include "protocol/multiboot.h"

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_multiboot: %s\n", what);
	abort();
}

static void unpack(const uint8_t *data, size_t size)
{
	static struct inflate_work w;
	static uint8_t out[1 << 16];
	size_t n = 1;
	/* a buffer as large as the trailer says, at most 64 KiB */
	size_t cap = gzip_isize(data, size);
	int err;

	if (cap > sizeof(out))
		cap = sizeof(out);
	err = gzip_inflate(&w, data, size, out, cap, &n);
	if (err > 0 || err < INFLATE_ECHECK)
		fail("an error code outside the enum");
	if ((err && n) || n > cap)
		fail("output size beyond the buffer or after an error");
	if (!err && !gzip_is(data, size))
		fail("a result from what is not gzip");
}

static void image(const uint8_t *data, size_t size, bool aout)
{
	struct mb_image im;
	int err = mb_image_parse(data, size, aout, &im);

	if (err > 0 || err < MB_ESEGMENTS)
		fail("an image error outside the enum");
	if (err)
		return;
	if (im.header_offset % 4 || im.header_offset + 12 > size ||
	    im.header_offset >= MB_SEARCH ||
	    le32_get(data + im.header_offset) != MB_HEADER_MAGIC)
		fail("a header where there is none");
	if (!im.nseg || im.nseg > MB_MAX_SEGMENTS)
		fail("a segment count out of range");
	for (unsigned i = 0; i < im.nseg; i++) {
		const struct mb_segment *s = &im.seg[i];

		if ((uint64_t)s->offset + s->filesz > size)
			fail("segment data past the file's end");
		if (s->filesz > s->memsz || !s->memsz)
			fail("segment sizes inconsistent");
		if ((uint64_t)s->dest + s->memsz >= 0x100000000ull)
			fail("a segment past 4 GiB");
		if (s->dest + s->memsz > im.end)
			fail("a segment past the image's end");
	}
}

static void words(const uint8_t *data, size_t size)
{
	static char text[3][256], buf[600];
	const char *src[3] = {text[0], text[1], text[2]};
	struct mb_files f;
	size_t part = size / 3 < 255 ? size / 3 : 255;

	for (int i = 0; i < 3; i++) {
		memcpy(text[i], data + i * part, part);
		text[i][part] = '\0';
	}
	if (mb_split(src, 3, buf, sizeof(buf), &f))
		return;
	if (!f.n || f.n > MB_MAX_FILES)
		fail("a file count out of range");
	for (unsigned i = 0; i < f.n; i++) {
		const char *c = f.cmdline[i];
		size_t len = strlen(c);

		if (!len || c[0] == ' ' || c[len - 1] == ' ' ||
		    strstr(c, "  ") || !mb_name_len(c))
			fail("a command line with an empty word");
		if (!strcmp(c, "---") || !strncmp(c, "--- ", 4) ||
		    strstr(c, " --- ") ||
		    (len >= 4 && !strcmp(c + len - 4, " ---")))
			fail("a separator inside a command line");
	}
}

/* 17-byte entries: addr u64, size u64, type u8. */
static void map(const uint8_t *data, size_t size)
{
	struct mem_range m[32];
	unsigned n = 0;
	uint32_t end;

	for (; n < 32 && (n + 1) * 17 <= size; n++) {
		m[n].addr = le64_get(data + n * 17);
		m[n].size = le64_get(data + n * 17 + 8);
		m[n].type = data[n * 17 + 16] & 3;
	}
	end = mb_upper_end(m, n);
	if (end < 0x100000)
		fail("RAM ending below 1 MiB");
	for (unsigned i = 0; i < n; i++)
		if (end > 0x100000 && m[i].type != 1 && m[i].size &&
		    m[i].addr < end && m[i].addr + m[i].size > 0x100000 &&
		    m[i].addr + m[i].size > m[i].addr)
			fail("a reserved range inside the RAM counted");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unpack(data, size);
	image(data, size, false);
	image(data, size, true);
	words(data, size);
	map(data, size);
	return 0;
}
