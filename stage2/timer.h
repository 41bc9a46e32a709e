/* SPDX-License-Identifier: BSD-2-Clause */
/* Time from the BIOS tick counter (18.2 ticks per second). */
#ifndef BZ_STAGE2_TIMER_H
#define BZ_STAGE2_TIMER_H

#include <stdint.h>

uint32_t timer_ticks(void);
/* Ticks since `start`, across the midnight wrap of the BIOS counter. */
uint32_t timer_since(uint32_t start);

/* Tenths of a second (SYSLINUX's TIMEOUT unit) to BIOS ticks, rounded up. */
static inline uint32_t timer_ds_to_ticks(uint32_t ds)
{
	return (ds * 182 + 99) / 100;
}

#endif
