// SPDX-License-Identifier: BSD-2-Clause
// The bzpack packer (tools/pack.h) with optimal parsing, and the reference
// unpacker the sealer checks every packed image with.
//
// With a repeat-offset match, the cheapest encoding of what is left
// depends on the last offset, so the parse runs forwards and keeps, for
// every position, the PACK_KEEP cheapest ways to reach it with distinct
// last offsets, separately for "just ended a match" and "inside a
// literal run" (what the next item may be differs). A run's cost is
// counted as it grows: each byte 8 bits, and 2 more when its length
// reaches a power of two (G(n) grows by 2 bits there). A new-offset match
// does not depend on the last offset: it starts from the cheapest state at
// its position. Matches: every length of the nearest 64 offsets found by
// hash chains over 3 bytes, and of every farther one that is longer than
// all nearer ones, and the nearest earlier pair for length 2. Farther
// offsets than the nearest for a length cost bits now, but can set up a
// cheap repeat later.
#include <stdlib.h>
#include <string.h>

#include "tools/pack.h"

#define PACK_KEEP 16   /* states kept per position and kind */
#define CAND_MAX  64   /* matches tried per position, and longer ones */
#define CHAIN_MAX 1024 /* hash chain entries looked at per position */
#define LEN_ALL	  64   /* longer matches: only the longest length */
#define HASH_BITS 15
#define NONE	  UINT32_MAX
#define MATCH	  0 /* kind: just ended a match (or at the start) */
#define RUN	  1 /* kind: inside a literal run */

struct state {
	uint32_t cost; /* bits from the start; NONE: empty slot */
	uint32_t off;  /* the last offset */
	uint32_t len;  /* RUN: the run's length so far; MATCH: the match's */
	uint32_t from; /* the previous state's slot */
	uint8_t rep;   /* MATCH: at the last offset */
};

struct match {
	uint32_t off, len;
};

struct parse {
	const uint8_t *in;
	size_t len;
	struct state *st;		 /* (pos * 2 + kind) * PACK_KEEP + k */
	struct match cand[CAND_MAX + 2]; /* the matches at one position */
};

static unsigned gamma_bits(uint32_t v)
{
	return 2 * (31 - (unsigned)__builtin_clz(v)) + 1;
}

static unsigned offset_bits(uint32_t off)
{
	return gamma_bits(((off - 1) >> 8) + 1) + 8;
}

static size_t slot(size_t pos, int kind)
{
	return (pos * 2 + (size_t)kind) * PACK_KEEP;
}

/* Offers a way to reach pos: kept if it is among the PACK_KEEP cheapest
 * with distinct last offsets. Runs of the same offset are distinct when
 * their lengths have different bit counts: a shorter run is cheaper now
 * but its G(n) grows sooner. */
static void offer(struct parse *p, size_t pos, int kind, struct state s)
{
	struct state *set = p->st + slot(pos, kind), *worst = set;

	for (int k = 0; k < PACK_KEEP; k++) {
		if (set[k].cost != NONE && set[k].off == s.off &&
		    (kind == MATCH ||
		     __builtin_clz(set[k].len) == __builtin_clz(s.len))) {
			if (s.cost < set[k].cost)
				set[k] = s;
			return;
		}
		if (set[k].cost == NONE ||
		    (worst->cost != NONE && set[k].cost > worst->cost))
			worst = set + k;
	}
	if (worst->cost == NONE || s.cost < worst->cost)
		*worst = s;
}

static size_t common(const uint8_t *a, const uint8_t *b, size_t max)
{
	size_t n = 0;

	while (n < max && a[n] == b[n])
		n++;
	return n;
}

static unsigned hash3(const uint8_t *q)
{
	return ((unsigned)q[0] << 10 ^ (unsigned)q[1] << 5 ^ q[2]) &
	       ((1u << HASH_BITS) - 1);
}

/* Fills p->cand with the matches at i: the nearest earlier pair, the
 * first CAND_MAX hash chain hits and every farther hit longer than all
 * before it. Returns how many. */
static int find_matches(struct parse *p, size_t i, uint32_t *head,
			uint32_t *prev, uint32_t *pair)
{
	const uint8_t *in = p->in;
	size_t max = p->len - i, best = 0;
	int n = 0;

	if (max < 2)
		return 0;
	unsigned pk = (unsigned)in[i] << 8 | in[i + 1];

	if (pair[pk] != NONE)
		p->cand[n++] = (struct match){(uint32_t)(i - pair[pk]), 2};
	pair[pk] = (uint32_t)i;
	if (max < 3)
		return n;
	unsigned h = hash3(in + i);
	uint32_t cand = head[h];

	for (int tries = 0; cand != NONE && tries < CHAIN_MAX && best < max;
	     tries++, cand = prev[cand]) {
		size_t len = common(in + cand, in + i, max);

		if (len >= 3 && (n < CAND_MAX || len > best)) {
			if (n == CAND_MAX + 1)
				n--;
			p->cand[n++] =
			    (struct match){(uint32_t)(i - cand), (uint32_t)len};
		}
		if (len > best)
			best = len;
	}
	prev[i] = head[h];
	head[h] = (uint32_t)i;
	return n;
}

/* The lengths worth trying of a match up to max bytes long: all, or only
 * the longest when it is long (it is then the cheapest by far). */
static size_t shortest(size_t max, size_t min)
{
	return max > LEN_ALL ? max : min;
}

/* From the states at i: every item that may follow. */
static void step(struct parse *p, size_t i, int ncand)
{
	struct state *ms = p->st + slot(i, MATCH), *rs = p->st + slot(i, RUN);
	uint32_t best = NONE, best_slot = 0;

	/* MATCH and RUN states lie side by side: ms[] reaches both */
	for (int k = 0; k < 2 * PACK_KEEP; k++) {
		if (ms[k].cost < best) {
			best = ms[k].cost;
			best_slot = (uint32_t)(slot(i, MATCH) + (size_t)k);
		}
	}
	for (int k = 0; k < PACK_KEEP; k++) {
		uint32_t from = (uint32_t)(slot(i, MATCH) + (size_t)k);

		if (ms[k].cost == NONE)
			continue;
		/* a run starts: the flag bit (none at the start), G(1), a byte
		 */
		offer(p, i + 1, RUN,
		      (struct state){ms[k].cost + (i ? 1 : 0) + 1 + 8,
				     ms[k].off, 1, from, 0});
	}
	for (int k = 0; k < PACK_KEEP; k++) {
		uint32_t from = (uint32_t)(slot(i, RUN) + (size_t)k);
		uint32_t n = rs[k].len;

		if (rs[k].cost == NONE)
			continue;
		offer(p, i + 1, RUN,
		      (struct state){rs[k].cost + 8 + ((n + 1) & n ? 0 : 2),
				     rs[k].off, n + 1, from, 0});
		if (rs[k].off > i)
			continue;
		size_t rlen =
		    common(p->in + i - rs[k].off, p->in + i, p->len - i);

		for (size_t m = shortest(rlen, 1); m <= rlen; m++)
			offer(p, i + m, MATCH,
			      (struct state){rs[k].cost + 1 +
						 gamma_bits((uint32_t)m),
					     rs[k].off, (uint32_t)m, from, 1});
	}
	for (int c = 0; c < ncand; c++) {
		struct match mt = p->cand[c];

		for (size_t m = shortest(mt.len, 2); m <= mt.len; m++)
			offer(p, i + m, MATCH,
			      (struct state){best + 1 + offset_bits(mt.off) +
						 gamma_bits((uint32_t)m - 1),
					     mt.off, (uint32_t)m, best_slot,
					     0});
	}
}

struct bits {
	uint8_t *out;
	size_t o, at; /* next byte; the bit byte being filled */
	unsigned mask;
};

static void put_bit(struct bits *w, unsigned b)
{
	if (!w->mask) {
		w->at = w->o++;
		w->out[w->at] = 0;
		w->mask = 0x80;
	}
	if (b)
		w->out[w->at] |= (uint8_t)w->mask;
	w->mask >>= 1;
}

static void put_gamma(struct bits *w, uint32_t v)
{
	for (int b = 30 - __builtin_clz(v); b >= 0; b--) {
		put_bit(w, 1);
		put_bit(w, v >> b & 1);
	}
	put_bit(w, 0);
}

struct item {
	uint32_t start, len, off; /* off 0: a literal run */
	uint8_t rep;
};

static void put_item(struct bits *w, const uint8_t *in, const struct item *it)
{
	if (!it->off) {
		put_gamma(w, it->len);
		memcpy(w->out + w->o, in + it->start, it->len);
		w->o += it->len;
	} else if (it->rep) {
		put_gamma(w, it->len);
	} else {
		put_gamma(w, ((it->off - 1) >> 8) + 1);
		w->out[w->o++] = (uint8_t)(it->off - 1);
		put_gamma(w, it->len - 1);
	}
}

/* Writes the items of the cheapest parse, found by walking back from the
 * cheapest final state. */
static size_t emit(const struct parse *p, uint8_t *out)
{
	const struct state *st = p->st;
	struct item *items = malloc(sizeof(*items) * (p->len + 1));
	size_t n = 0, pos = p->len, s = slot(pos, MATCH);
	struct bits w = {out, 0, 0, 0};

	if (!items)
		abort();
	for (size_t k = 1; k < 2 * PACK_KEEP; k++)
		if (st[slot(pos, MATCH) + k].cost < st[s].cost)
			s = slot(pos, MATCH) + k;
	/* the cost is the exact size in bits: never past the caller's room */
	if ((st[s].cost + 7) / 8 > pack_bound(p->len))
		abort();
	while (pos) {
		struct item it = {0, st[s].len, 0, 0};

		if (s / PACK_KEEP % 2 == MATCH) {
			it.off = st[s].off;
			it.rep = st[s].rep;
			s = st[s].from;
		} else {
			for (uint32_t k = 0; k < it.len; k++)
				s = st[s].from;
		}
		pos -= it.len;
		it.start = (uint32_t)pos;
		items[n++] = it;
	}
	put_item(&w, p->in, items + --n); /* the first: a run, no flag */
	while (n--) {
		put_bit(&w, items[n].off && !items[n].rep);
		put_item(&w, p->in, items + n);
	}
	free(items);
	return w.o;
}

size_t pack_bytes(const uint8_t *in, size_t len, uint8_t *out)
{
	struct parse *p = malloc(sizeof(*p));
	uint32_t *head = malloc(sizeof(uint32_t) << HASH_BITS);
	uint32_t *prev = malloc(sizeof(uint32_t) * (len + 1));
	uint32_t *pair = malloc(sizeof(uint32_t) << 16);
	size_t size, states = slot(len + 1, MATCH);

	if (!p || !head || !prev || !pair)
		abort();
	p->in = in;
	p->len = len;
	p->st = malloc(sizeof(struct state) * states);
	if (!p->st)
		abort();
	memset(head, 0xFF, sizeof(uint32_t) << HASH_BITS);
	memset(pair, 0xFF, sizeof(uint32_t) << 16);
	for (size_t s = 0; s < states; s++)
		p->st[s].cost = NONE;
	p->st[0] = (struct state){0, 1, 0, 0, 0};
	for (size_t i = 0; i < len; i++)
		step(p, i, find_matches(p, i, head, prev, pair));
	size = len ? emit(p, out) : 0;
	free(head);
	free(prev);
	free(pair);
	free(p->st);
	free(p);
	return size;
}

struct reader {
	const uint8_t *in;
	size_t len, i;
	unsigned byte, left; /* the bit byte; how many of its bits are unread */
	int bad;
};

static unsigned get_bit(struct reader *r)
{
	if (!r->left) {
		if (r->i >= r->len) {
			r->bad = 1;
			return 0;
		}
		r->byte = r->in[r->i++];
		r->left = 8;
	}
	return r->byte >> --r->left & 1;
}

static uint32_t get_gamma(struct reader *r)
{
	uint32_t v = 1;

	while (get_bit(r)) {
		if (v >> 30) {
			r->bad = 1;
			return 1;
		}
		v = v << 1 | get_bit(r);
	}
	return v;
}

int unpack_bytes(const uint8_t *in, size_t len, uint8_t *out, size_t out_len)
{
	struct reader r = {in, len, 0, 0, 0, 0};
	size_t o = 0;
	uint32_t off = 1, n;
	int after_run = 0;

	if (!out_len)
		return len ? -1 : 0;
	for (;;) {
		if (!after_run) { /* a run */
			n = get_gamma(&r);
			if (r.bad || n > out_len - o || n > len - r.i)
				return -1;
			memcpy(out + o, in + r.i, n);
			o += n;
			r.i += n;
			after_run = 1;
		} else { /* a match */
			if (get_bit(&r)) {
				uint32_t hi = get_gamma(&r) - 1;

				if (r.bad || hi > 0xFFFF || r.i >= len)
					return -1;
				off = (hi << 8 | in[r.i++]) + 1;
				n = get_gamma(&r) + 1;
			} else if (after_run == 1) {
				n = get_gamma(&r);
			} else {
				after_run = 0;
				continue;
			}
			if (r.bad || off > o || n > out_len - o)
				return -1;
			for (uint32_t k = 0; k < n; k++, o++)
				out[o] = out[o - off];
			after_run = 2;
		}
		if (o == out_len)
			return r.i == len && !r.bad ? 0 : -1;
	}
}
