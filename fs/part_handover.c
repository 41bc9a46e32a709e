// SPDX-License-Identifier: BSD-2-Clause
/* The chainloaded sector's partition entry (fs/part_handover.h). */
#include <string.h>

#include "fs/part_handover.h"

void part_lba_to_chs(uint8_t chs[3], const struct part_geom *g, uint64_t lba)
{
	uint32_t c, h, s, cs = g->cyls, hs = g->heads, ss = g->spt;

	if (!cs || !hs || !ss) { /* chain.c32's stand-in geometries */
		cs = g->hard_disk ? 1024 : 80;
		hs = g->hard_disk ? 255 : 2;
		ss = g->hard_disk ? 63 : 18;
	} else if (cs < 1024 && g->sectors > (uint64_t)cs * hs * ss) {
		cs++; /* AH=08h leaves out a cylinder some BIOSes keep */
	}
	/* cs * hs * ss < 2^32 (1025 * 256 * 63 at most): 32-bit division
	 * below, which stage2 has without libgcc */
	if (lba >= (uint64_t)cs * hs * ss) {
		s = ss;
		h = hs - 1;
		c = cs - 1;
	} else {
		s = (uint32_t)lba % ss + 1;
		h = (uint32_t)lba / ss % hs;
		c = (uint32_t)lba / ss / hs;
	}
	chs[0] = (uint8_t)h;
	chs[1] = (uint8_t)(s | ((c & 0x300) >> 2));
	chs[2] = (uint8_t)c;
}

static uint32_t clamp32(uint64_t v)
{
	return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

void part_handover_entry(struct mbr_entry *out, const struct part_entry *e,
			 const struct part_geom *g)
{
	uint64_t start = e ? e->start_lba : 0;
	uint64_t len = e ? e->sectors : g->sectors;

	memset(out, 0, sizeof(*out));
	out->status = !e || e->gpt || e->active ? 0x80 : 0x00;
	out->type = !e	     ? PART_HANDOVER_TYPE_DISK
		    : e->gpt ? PART_HANDOVER_TYPE_GPT
			     : e->type;
	out->lba_first = clamp32(start);
	out->sectors = clamp32(len);
	part_lba_to_chs(out->chs_first, g, start);
	/* the whole disk: chain.c32 counts its end from the clamped size */
	part_lba_to_chs(out->chs_last, g,
			e ? start + len - 1 : (uint64_t)out->sectors - 1);
}

struct lba_match {
	uint64_t lba;
	struct part_entry *out;
};

static int match_lba(void *ctx, const struct part_entry *e)
{
	struct lba_match *m = ctx;

	if (e->start_lba != m->lba)
		return 0;
	*m->out = *e;
	return 1;
}

int part_find_lba(const struct blockdev *dev, uint64_t disk_sectors,
		  uint64_t lba, uint8_t sector_buf[512], struct part_entry *out)
{
	struct lba_match m = {lba, out};
	int err = part_foreach(dev, disk_sectors, sector_buf, match_lba, &m);

	return err == 1 ? PART_OK : err ? err : PART_ENOPART;
}
