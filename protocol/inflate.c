// SPDX-License-Identifier: BSD-2-Clause
/* gzip and deflate decoding (protocol/inflate.h). Every read of the input
 * and every write of the output is bounds-checked: the data comes from a
 * file on the boot disk and is fuzzed (tests/fuzz/fuzz_inflate.c). */
#include <string.h>
#include "inflate.h"

/* The input as a little-endian bit stream, and the output written so far
 * (a back reference reads from it). err is sticky: a read past the end
 * returns zeros and sets it, and the loops check it. */
struct stream {
	const uint8_t *in;
	size_t len, pos;
	uint32_t buf;
	unsigned cnt;
	uint8_t *out;
	size_t cap, n;
	int err;
};

static unsigned getbits(struct stream *s, unsigned need)
{
	uint32_t v = s->buf;

	while (s->cnt < need) {
		if (s->pos == s->len) {
			s->err = INFLATE_ETRUNC;
			return 0;
		}
		v |= (uint32_t)s->in[s->pos++] << s->cnt;
		s->cnt += 8;
	}
	s->buf = v >> need;
	s->cnt -= need;
	return v & ((1u << need) - 1);
}

/* The next symbol of code h: canonical codes of one length are
 * consecutive numbers, so walking the lengths finds it a bit at a time. */
static int decode(struct stream *s, const struct inflate_huff *h)
{
	int code = 0, first = 0, index = 0;

	for (unsigned len = 1; len < 16; len++) {
		int count = h->count[len];

		code |= (int)getbits(s, 1);
		if (s->err)
			return s->err;
		if (code - count < first)
			return h->symbol[index + (code - first)];
		index += count;
		first = (first + count) << 1;
		code <<= 1;
	}
	return INFLATE_EDATA; /* a code no symbol has (incomplete code) */
}

/* The code for n code lengths. An over-subscribed set is invalid; an
 * incomplete one is kept (one distance code is legal) and decode()
 * refuses the codes it lacks. */
static int build(struct inflate_huff *h, const uint8_t *lens, unsigned n)
{
	uint16_t offs[16];
	int left = 1;

	memset(h->count, 0, sizeof(h->count));
	for (unsigned i = 0; i < n; i++)
		h->count[lens[i]]++;
	for (unsigned len = 1; len < 16; len++) {
		left = (left << 1) - h->count[len];
		if (left < 0)
			return INFLATE_EDATA;
	}
	offs[1] = 0;
	for (unsigned len = 1; len < 15; len++)
		offs[len + 1] = offs[len] + h->count[len];
	for (unsigned i = 0; i < n; i++)
		if (lens[i])
			h->symbol[offs[lens[i]]++] = (uint16_t)i;
	return 0;
}

static int stored(struct stream *s)
{
	size_t len;

	s->buf = 0; /* the rest of the current byte */
	s->cnt = 0;
	if (s->len - s->pos < 4)
		return INFLATE_ETRUNC;
	len = s->in[s->pos] | (size_t)s->in[s->pos + 1] << 8;
	if ((len ^ 0xFFFF) !=
	    (size_t)(s->in[s->pos + 2] | s->in[s->pos + 3] << 8))
		return INFLATE_EDATA;
	s->pos += 4;
	if (s->len - s->pos < len)
		return INFLATE_ETRUNC;
	if (s->cap - s->n < len)
		return INFLATE_ESPACE;
	memcpy(s->out + s->n, s->in + s->pos, len);
	s->pos += len;
	s->n += len;
	return 0;
}

static const uint16_t len_base[29] = {
    3,	4,  5,	6,  7,	8,  9,	10, 11,	 13,  15,  17,	19,  23, 27,
    31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t len_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1,
				      1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
				      4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t dist_base[30] = {
    1,	  2,	3,    4,    5,	  7,	9,    13,    17,    25,
    33,	  49,	65,   97,   129,  193,	257,  385,   513,   769,
    1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
static const uint8_t dist_extra[30] = {0, 0, 0,	 0,  1,	 1,  2,	 2,  3,	 3,
				       4, 4, 5,	 5,  6,	 6,  7,	 7,  8,	 8,
				       9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

/* Literals and back references until the end-of-block code. */
static int codes(struct stream *s, const struct inflate_work *w)
{
	for (;;) {
		int sym = decode(s, &w->lit);
		size_t len, dist;

		if (sym < 0)
			return sym;
		if (sym < 256) {
			if (s->n == s->cap)
				return INFLATE_ESPACE;
			s->out[s->n++] = (uint8_t)sym;
			continue;
		}
		if (sym == 256)
			return 0;
		sym -= 257;
		if (sym >= 29)
			return INFLATE_EDATA;
		len = len_base[sym] + getbits(s, len_extra[sym]);
		sym = decode(s, &w->dist);
		if (sym < 0)
			return sym;
		if (sym >= 30)
			return INFLATE_EDATA;
		dist = dist_base[sym] + getbits(s, dist_extra[sym]);
		if (s->err)
			return s->err;
		if (dist > s->n)
			return INFLATE_EDATA; /* before the output's start */
		if (s->cap - s->n < len)
			return INFLATE_ESPACE;
		/* byte by byte: a reference may overlap what it writes */
		for (; len; len--, s->n++)
			s->out[s->n] = s->out[s->n - dist];
	}
}

static int fixed(struct stream *s, struct inflate_work *w)
{
	unsigned i = 0;

	for (; i < 144; i++)
		w->lens[i] = 8;
	for (; i < 256; i++)
		w->lens[i] = 9;
	for (; i < 280; i++)
		w->lens[i] = 7;
	for (; i < 288; i++)
		w->lens[i] = 8;
	build(&w->lit, w->lens, 288);
	memset(w->lens, 5, 30);
	build(&w->dist, w->lens, 30);
	return codes(s, w);
}

/* The order the code-length code's lengths come in (RFC 1951, 3.2.7). */
static const uint8_t clen_order[19] = {16, 17, 18, 0, 8,  7, 9,	 6, 10, 5,
				       11, 4,  12, 3, 13, 2, 14, 1, 15};

static int dynamic(struct stream *s, struct inflate_work *w)
{
	unsigned nlen = getbits(s, 5) + 257, ndist = getbits(s, 5) + 1;
	unsigned ncode = getbits(s, 4) + 4, i;

	if (nlen > 286 || ndist > 30)
		return INFLATE_EDATA;
	memset(w->lens, 0, 19);
	for (i = 0; i < ncode; i++)
		w->lens[clen_order[i]] = (uint8_t)getbits(s, 3);
	if (s->err)
		return s->err;
	if (build(&w->lit, w->lens, 19)) /* lit holds it for a while */
		return INFLATE_EDATA;
	for (i = 0; i < nlen + ndist;) {
		int sym = decode(s, &w->lit);
		unsigned rep, len = 0;

		if (sym < 0)
			return sym;
		if (sym < 16) {
			w->lens[i++] = (uint8_t)sym;
			continue;
		}
		if (sym == 16) {
			if (!i)
				return INFLATE_EDATA; /* nothing to repeat */
			len = w->lens[i - 1];
			rep = 3 + getbits(s, 2);
		} else if (sym == 17) {
			rep = 3 + getbits(s, 3);
		} else {
			rep = 11 + getbits(s, 7);
		}
		if (s->err)
			return s->err;
		if (rep > nlen + ndist - i)
			return INFLATE_EDATA;
		while (rep--)
			w->lens[i++] = (uint8_t)len;
	}
	if (!w->lens[256] || build(&w->lit, w->lens, nlen) ||
	    build(&w->dist, w->lens + nlen, ndist))
		return INFLATE_EDATA; /* no end code, or over-subscribed */
	return codes(s, w);
}

static int inflate_blocks(struct stream *s, struct inflate_work *w)
{
	unsigned last;
	int err;

	do {
		last = getbits(s, 1);
		switch (getbits(s, 2)) {
		case 0:
			err = stored(s);
			break;
		case 1:
			err = fixed(s, w);
			break;
		case 2:
			err = dynamic(s, w);
			break;
		default:
			err = INFLATE_EDATA;
		}
		if (s->err)
			return s->err;
		if (err)
			return err;
	} while (!last);
	return 0;
}

/* CRC-32 (IEEE, reflected) four bits at a time: a 64-byte table. */
static uint32_t crc32(const uint8_t *p, size_t n)
{
	static const uint32_t tab[16] = {
	    0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac,
	    0x76dc4190, 0x6b6b51f4, 0x4db26158, 0x5005713c,
	    0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
	    0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c};
	uint32_t c = 0xFFFFFFFFu;

	while (n--) {
		c ^= *p++;
		c = (c >> 4) ^ tab[c & 15];
		c = (c >> 4) ^ tab[c & 15];
	}
	return ~c;
}

static uint32_t le32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

bool gzip_is(const uint8_t *in, size_t len)
{
	return len >= 18 && in[0] == 0x1F && in[1] == 0x8B && in[2] == 8;
}

uint32_t gzip_isize(const uint8_t *in, size_t len)
{
	return len >= 18 ? le32(in + len - 4) : 0;
}

#define FHCRC	 0x02
#define FEXTRA	 0x04
#define FNAME	 0x08
#define FCOMMENT 0x10

/* Past the header's optional fields; 0 when it does not end in len. */
static size_t header_end(const uint8_t *in, size_t len)
{
	size_t pos = 10;

	if (in[3] & FEXTRA) {
		pos += 2 + (in[10] | (size_t)in[11] << 8);
		if (pos > len)
			return 0;
	}
	for (unsigned f = FNAME; f <= FCOMMENT; f <<= 1) {
		if (!(in[3] & f))
			continue;
		while (pos < len && in[pos])
			pos++;
		if (pos++ >= len)
			return 0;
	}
	if (in[3] & FHCRC)
		pos += 2;
	return pos <= len ? pos : 0;
}

int gzip_inflate(struct inflate_work *w, const uint8_t *in, size_t len,
		 uint8_t *out, size_t cap, size_t *outlen)
{
	struct stream s = {.in = in, .len = len, .out = out, .cap = cap};
	int err;

	*outlen = 0;
	if (!gzip_is(in, len) || (in[3] & 0xE0))
		return INFLATE_EFORMAT;
	s.pos = header_end(in, len);
	if (!s.pos)
		return INFLATE_ETRUNC;
	err = inflate_blocks(&s, w);
	if (err)
		return err;
	if (s.len - s.pos < 8)
		return INFLATE_ETRUNC; /* the trailer starts on a byte */
	if (le32(in + s.pos) != crc32(out, s.n) ||
	    le32(in + s.pos + 4) != (uint32_t)s.n)
		return INFLATE_ECHECK;
	*outlen = s.n;
	return 0;
}

const char *inflate_strerror(int err)
{
	switch (err) {
	case INFLATE_EFORMAT:
		return "not a gzip file this loader can read";
	case INFLATE_ETRUNC:
		return "the compressed data is cut short";
	case INFLATE_ESPACE:
		return "it unpacks to more than its trailer says";
	case INFLATE_EDATA:
		return "the compressed data is invalid";
	case INFLATE_ECHECK:
		return "the CRC-32 or size after unpacking is wrong";
	}
	return "unknown error";
}
