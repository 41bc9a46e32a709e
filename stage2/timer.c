// SPDX-License-Identifier: BSD-2-Clause
/* The BIOS tick counter in the BIOS data area; the timer interrupt counts
 * it up and resets it at midnight. */
#include "bda.h"
#include "timer.h"

#define TICKS_PER_DAY 0x1800B0u

uint32_t timer_ticks(void)
{
	return BDA->timer_ticks;
}

uint32_t timer_since(uint32_t start)
{
	uint32_t now = timer_ticks();

	return now >= start ? now - start : now + TICKS_PER_DAY - start;
}
