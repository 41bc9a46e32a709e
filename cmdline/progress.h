// SPDX-License-Identifier: BSD-2-Clause
/* When to show a long load's progress, and what: a percent at most every
 * PROGRESS_TICKS BIOS ticks and PROGRESS_PCT percent. Pure: stage2 reads
 * the clock and prints. */
#ifndef BZ_CMDLINE_PROGRESS_H
#define BZ_CMDLINE_PROGRESS_H

#include <stdint.h>

/* 9 ticks of 18.2 Hz: about two updates a second, so a load that takes
 * under half a second shows none and a slow one a few per second. */
#define PROGRESS_TICKS 9
/* Steps of at least 5%: however slow the disk, a line shows at most 20,
 * " 5%" to " 100%", about one screen row. */
#define PROGRESS_PCT 5

struct progress {
	uint32_t len;  /* bytes to load */
	uint32_t tick; /* BIOS tick of the last update, or of the start */
	uint32_t pct;  /* the last percent shown, 0 before the first */
};

/* A load of len bytes starts at BIOS tick `now`. */
void progress_start(struct progress *p, uint32_t len, uint32_t now);

/* `done` of the bytes are in at tick `now`: the percent to show now, or 0
 * for none. Percents shown rise by PROGRESS_PCT or more, from 5 to 99, at
 * most one per PROGRESS_TICKS; when done reaches len, 100 if any was shown (so
 * a shown count always ends at 100), else 0. Unsigned arithmetic: the midnight
 * wrap of the counter allows one early update, nothing more. */
unsigned progress_step(struct progress *p, uint32_t done, uint32_t now);

#endif
