// SPDX-License-Identifier: BSD-2-Clause
/* libFuzzer target for cmdline/display.c: the input is a DISPLAY file
 * (its first byte picks CONSOLE 0/1 and where to split it). Whole or in
 * two pieces, the output must be the same, and the screen only gets what
 * the sink contract allows. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline/display.h"

struct out {
	uint8_t screen[1 << 17];
	char serial[1 << 18];
	size_t nscreen, nserial;
};

static struct out one, two;

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_display: %s\n", what);
	abort();
}

static void put(void *ctx, uint8_t ch, uint8_t attr)
{
	struct out *o = ctx;

	if (ch < 0x20 && ch != '\n' && ch != '\a' && ch != '\b')
		fail("a control byte for the screen");
	if (ch == 0x7F || ch == 0xFF || ch == 0x1A)
		fail("a byte the screen must not get");
	if (o->nscreen + 2 <= sizeof(o->screen)) {
		o->screen[o->nscreen++] = ch;
		o->screen[o->nscreen++] = attr;
	}
}

static void clear(void *ctx, uint8_t attr)
{
	put(ctx, 0x20, attr);
}

static void ser(void *ctx, const char *s, size_t n)
{
	struct out *o = ctx;

	if (o->nserial + n <= sizeof(o->serial)) {
		memcpy(o->serial + o->nserial, s, n);
		o->nserial += n;
	}
}

static void show(struct out *o, const uint8_t *data, size_t size, size_t split,
		 bool screen)
{
	struct disp_sink sink = {put, clear, ser, o};
	struct disp d;

	o->nscreen = o->nserial = 0;
	disp_begin(&d, &sink, screen);
	if (disp_feed(&d, data, split))
		disp_feed(&d, data + split, size - split);
	disp_end(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bool screen;
	size_t split;

	if (size < 1)
		return 0;
	screen = data[0] & 1;
	split = size > 1 ? data[0] % size : 0;
	data++, size--;
	if (split > size)
		split = size;
	show(&one, data, size, size, screen);
	show(&two, data, size, split, screen);
	if (one.nscreen != two.nscreen || one.nserial != two.nserial ||
	    memcmp(one.screen, two.screen, one.nscreen) ||
	    memcmp(one.serial, two.serial, one.nserial))
		fail("a split file shows differently");
	return 0;
}
