// SPDX-License-Identifier: BSD-2-Clause
// The PC that `bzboot inspect` and `bzboot check` plan for: QEMU with
// SeaBIOS and --mem MiB of RAM, as its E820 map reads.
#ifndef BZ_TOOLS_PCMAP_H
#define BZ_TOOLS_PCMAP_H

#include <stdint.h>

#include "protocol/linux.h"

#define PCMAP_MEM_DEFAULT 512 /* MiB, as `make demo` and the boot tests */
#define PCMAP_MEM_MAX	  (1024 * 1024)
#define PCMAP_EBDA_START  0x9FC00 /* SeaBIOS: INT 12h says 639 KiB */
#define PCMAP_N		  4

/* The map: low memory to the EBDA, the EBDA, the BIOS ROM, RAM from
 * 1 MiB to mem_mib MiB. PCMAP_EBDA_START is its low_top. */
void pcmap_qemu(uint64_t mem_mib, struct mem_range map[PCMAP_N]);
/* The names inspect's drawing gives those ranges ("" for RAM). */
extern const char *const pcmap_names[PCMAP_N];

/* A --mem value: decimal MiB, 2 to PCMAP_MEM_MAX. 0, or -1 when it is
 * not one (the caller says so). */
int pcmap_parse_mib(const char *s, uint64_t *out);

#endif
