// SPDX-License-Identifier: BSD-2-Clause
/* The progress of a long load as rate-limited percents (progress.h). */
#include "progress.h"

void progress_start(struct progress *p, uint32_t len, uint32_t now)
{
	p->len = len;
	p->tick = now;
	p->pct = 0;
}

unsigned progress_step(struct progress *p, uint32_t done, uint32_t now)
{
	/* In units of 256 bytes, so that 100 times a 4 GiB file fits 32
	 * bits without a 64-bit division (stage2 links no libgcc). */
	uint32_t whole = p->len >> 8, pct;

	if (done >= p->len)
		return p->pct ? 100 : 0;
	if (now - p->tick < PROGRESS_TICKS || !whole)
		return 0;
	pct = (done >> 8) * 100 / whole;
	if (pct < p->pct + PROGRESS_PCT || pct >= 100)
		return 0;
	p->tick = now;
	p->pct = pct;
	return pct;
}
