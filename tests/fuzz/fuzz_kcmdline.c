// SPDX-License-Identifier: BSD-2-Clause
/* libFuzzer target for cmdline/kcmdline.c: the input is NUL-separated
 * pieces (command line, option name, vga= value, initrd list, mem= value),
 * each handed over as an exact-size string so ASan sees any over-read. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline/kcmdline.h"

#define PIECES 5

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_kcmdline: %s\n", what);
	abort();
}

static char *dup_n(const uint8_t *p, size_t n)
{
	char *s = malloc(n + 1);

	if (!s)
		fail("out of memory");
	memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

/* kcmd_get_option(_first) into exact-size buffers of several sizes. */
static void get_option(const char *line, const char *name)
{
	static const size_t sizes[] = {1, 2, 8, 64, 4096};
	size_t i;
	char *val;
	int n, m;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		val = malloc(sizes[i]);
		if (!val)
			fail("out of memory");
		n = kcmd_get_option(line, name, val, sizes[i]);
		if (n >= 0 &&
		    ((size_t)n != strlen(val) || (size_t)n >= sizes[i]))
			fail("option length is not the value's");
		if (n == KCMD_ETOOLONG && val[0])
			fail("too long, but a value was left");
		m = kcmd_get_option_first(line, name, val, sizes[i]);
		if ((n == KCMD_ENOTFOUND) != (m == KCMD_ENOTFOUND))
			fail("first and last occurrence disagree on presence");
		free(val);
	}
}

static void list(const char *s)
{
	const char *cur = s, *before;
	char item[8];
	int n;

	do {
		before = cur;
		n = kcmd_list_next(&cur, item, sizeof(item));
		if (n >= 0 && (!n || (size_t)n != strlen(item) ||
			       memchr(item, ',', (size_t)n)))
			fail("list item empty, wrong length or with a comma");
		if (cur < before || cur > s + strlen(s))
			fail("list cursor left the string");
		if (n != KCMD_ENOTFOUND && cur == before)
			fail("list cursor does not advance");
	} while (n != KCMD_ENOTFOUND && n != KCMD_EINVAL);
}

static void build(char *const p[PIECES])
{
	static const size_t limits[] = {0, 1, 16, 255, 2047, SIZE_MAX};
	struct kcmd_parts parts = {p[0], p[1], p[2], p[3], p[4]};
	size_t i, out_size;
	char *out;
	int n;

	for (i = 0; i < sizeof(limits) / sizeof(limits[0]); i++) {
		out_size = limits[i] < 4096 ? limits[i] + 1 : 4096;
		out = malloc(out_size);
		if (!out)
			fail("out of memory");
		n = kcmd_build_parts(out, out_size, limits[i], &parts);
		if (n < 0 && (n != KCMD_ETOOLONG || out[0]))
			fail("build failed but left text");
		if (n >= 0 &&
		    ((size_t)n != strlen(out) || (size_t)n > limits[i]))
			fail("build length wrong or over max");
		if (n > 0 && (out[0] == ' ' || out[n - 1] == ' '))
			fail("build left outer blanks");
		if (n >= 0)
			get_option(out, "initrd");
		free(out);
		n = kcmd_build_parts(NULL, 0, limits[i], &parts);
		if (n != KCMD_EINVAL)
			fail("build into NULL accepted");
	}
}

/* kcmd_loader_options() agrees with the option reader and the parsers
 * it is made of. */
static void loader_options(const char *line)
{
	static struct kcmd_loader_opts o;
	char v[KCMD_LOADER_VALUE_MAX];
	uint16_t mode;
	uint64_t bytes;
	int err = kcmd_loader_options(line, &o);

	if (err) {
		if ((err != KCMD_EINVAL && err != KCMD_ERANGE) || !o.bad_name ||
		    !o.bad_reason)
			fail("loader option failed without saying which");
		if (kcmd_get_option(line, o.bad_name, v, sizeof(v)) < 0 ||
		    strcmp(v, o.bad_value))
			fail("bad loader option value is not the option's");
		return;
	}
	if (o.bad_name || o.bad_reason || o.bad_value[0])
		fail("loader options read, but one is named bad");
	if (kcmd_get_option(line, "vga", v, sizeof(v)) >= 0
		? kcmd_parse_vga(v, &mode) || o.vid_mode != mode
		: o.vid_mode != -1)
		fail("vid_mode is not what vga= says");
	if (kcmd_get_option(line, "mem", v, sizeof(v)) >= 0
		? kcmd_parse_mem(v, &bytes) || o.mem_limit != bytes
		: o.mem_limit != 0)
		fail("mem_limit is not what mem= says");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *p[PIECES];
	const uint8_t *at = data, *end = data + size, *z;
	uint16_t mode;
	uint64_t bytes;
	int i, err;

	for (i = 0; i < PIECES; i++) {
		z = at < end ? memchr(at, 0, (size_t)(end - at)) : NULL;
		if (!z)
			z = end;
		p[i] = dup_n(at, (size_t)(z - at));
		at = z < end ? z + 1 : end;
	}
	get_option(p[0], p[1][0] ? p[1] : "vga");
	get_option(p[0], "mem");
	if (kcmd_get_option(p[0], "", p[1], 1) != KCMD_EINVAL)
		fail("empty option name accepted");
	err = kcmd_parse_vga(p[2], &mode);
	if (err && err != KCMD_EINVAL && err != KCMD_ERANGE)
		fail("vga= error not EINVAL or ERANGE");
	loader_options(p[0]);
	err = kcmd_parse_mem(p[4], &bytes);
	if (err == 0 && bytes == 0)
		fail("mem= parsed to 0");
	list(p[3]);
	build(p);
	for (i = 0; i < PIECES; i++)
		free(p[i]);
	return 0;
}
