// SPDX-License-Identifier: BSD-2-Clause
/* The in-memory disk of memdisk.h. Allocation failures abort: this is test
 * code, run by cmocka and by libFuzzer. */
#include <stdlib.h>
#include <string.h>

#include "tests/unit/support/memdisk.h"

void memdisk_init(struct memdisk *m, const uint8_t *data, uint64_t base,
		  uint64_t sectors)
{
	memset(m, 0, sizeof(*m));
	m->bd.read = memdisk_read;
	m->bd.ctx = m;
	m->data = data;
	m->base = base;
	m->sectors = sectors;
	m->lo = base;
	m->hi = base + sectors;
	m->fail_lba = MEMDISK_NO_LBA;
}

struct memdisk *memdisk_new(uint64_t sectors)
{
	struct memdisk *m = malloc(sizeof(*m));

	if (!m)
		abort();
	memdisk_init(m, NULL, 0, 0);
	m->hi = sectors;
	return m;
}

void memdisk_release(struct memdisk *m)
{
	unsigned i;

	for (i = 0; i < m->nextra; i++)
		free(m->extra[i].data);
	free(m->extra);
	m->extra = NULL;
	m->nextra = m->cap = 0;
}

void memdisk_free(struct memdisk *m)
{
	memdisk_release(m);
	free(m);
}

static const uint8_t *extra_find(const struct memdisk *m, uint64_t lba)
{
	unsigned i;

	for (i = 0; i < m->nextra; i++)
		if (m->extra[i].lba == lba)
			return m->extra[i].data;
	return NULL;
}

uint8_t *memdisk_at(struct memdisk *m, uint64_t lba)
{
	struct memdisk_sector *s;

	if (lba >= m->base && lba - m->base < m->sectors)
		abort(); /* data is the caller's: patch it there */
	if (extra_find(m, lba))
		return (uint8_t *)extra_find(m, lba);
	if (m->nextra == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 16;
		m->extra = realloc(m->extra, m->cap * sizeof(*m->extra));
		if (!m->extra)
			abort();
	}
	s = &m->extra[m->nextra++];
	s->lba = lba;
	s->data = calloc(1, 512);
	if (!s->data)
		abort();
	return s->data;
}

void memdisk_write(struct memdisk *m, uint64_t lba, const void *src,
		   uint64_t len)
{
	const uint8_t *p = src;
	uint64_t n;

	for (; len; lba++, p += n, len -= n) {
		n = len < 512 ? len : 512;
		memcpy(memdisk_at(m, lba), p, (size_t)n);
	}
}

int memdisk_read(void *ctx, uint64_t lba, uint32_t count, void *buf)
{
	struct memdisk *m = ctx;
	uint8_t *out = buf;
	const uint8_t *src;
	uint32_t i, slow = count;

	m->calls++;
	if (m->fail_call && m->calls == m->fail_call)
		return -5;
	if (count == 0 || lba < m->lo || lba >= m->hi || count > m->hi - lba) {
		m->bad++;
		return -1;
	}
	if (lba >= m->base && lba - m->base + count <= m->sectors &&
	    (m->fail_lba < lba || m->fail_lba - lba >= count)) {
		/* All in data: one copy, for the tests that read GiBs. */
		memcpy(out, m->data + (lba - m->base) * 512,
		       (size_t)count * 512);
		slow = 0;
	}
	for (i = 0; i < slow; i++, lba++, out += 512) {
		if (lba == m->fail_lba)
			return -5;
		if (lba >= m->base && lba - m->base < m->sectors)
			src = m->data + (lba - m->base) * 512;
		else
			src = extra_find(m, lba);
		if (src)
			memcpy(out, src, 512);
		else
			memset(out, 0, 512);
	}
	m->sectors_read += count;
	if (count > m->max_count)
		m->max_count = count;
	return 0;
}

void memdisk_reset_counts(struct memdisk *m)
{
	m->calls = 0;
	m->sectors_read = 0;
	m->max_count = 0;
}
