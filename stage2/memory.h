/* SPDX-License-Identifier: BSD-2-Clause */
/* What RAM the machine has: the E820 map (E801/88h as fallbacks) and the
 * top of usable low memory (INT 12h and the EBDA). */
#ifndef BZ_STAGE2_MEMORY_H
#define BZ_STAGE2_MEMORY_H

#include <stdbool.h>
#include <stdint.h>
#include "protocol/linux.h" /* struct mem_range */

#define MEM_MAX_RANGES 128

struct memory {
	struct mem_range map[MEM_MAX_RANGES];
	unsigned nmap;
	uint32_t low_top; /* min(INT 12h top, EBDA base) */
	bool a20;	  /* open: memory above 1 MiB is usable */
};

/* a20: whether a20_enable() succeeded. 0, or -1 if nothing worked. */
int memory_detect(struct memory *m, bool a20);

#endif
