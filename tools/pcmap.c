// SPDX-License-Identifier: BSD-2-Clause
// The QEMU-like PC of `bzboot inspect` and `bzboot check` (tools/pcmap.h).
#include <errno.h>
#include <stdlib.h>

#include "protocol/linux_draw.h" // LOWMEM_END
#include "tools/pcmap.h"

#define BIOS_ROM 0xF0000
#define MIB	 0x100000ull

const char *const pcmap_names[PCMAP_N] = {"", "reserved (EBDA)",
					  "reserved (BIOS ROM)", ""};

void pcmap_qemu(uint64_t mem_mib, struct mem_range map[PCMAP_N])
{
	/* QEMU with SeaBIOS: the EBDA at the top of low memory, the BIOS
	 * ROM below 1 MiB, RAM from 1 MiB to the end. */
	map[0] = (struct mem_range){0, PCMAP_EBDA_START, MEM_RANGE_USABLE};
	map[1] =
	    (struct mem_range){PCMAP_EBDA_START, LOWMEM_END - PCMAP_EBDA_START,
			       MEM_RANGE_RESERVED};
	map[2] = (struct mem_range){BIOS_ROM, LINUX_HIGH_ADDR - BIOS_ROM,
				    MEM_RANGE_RESERVED};
	map[3] = (struct mem_range){
	    LINUX_HIGH_ADDR, mem_mib * MIB - LINUX_HIGH_ADDR, MEM_RANGE_USABLE};
}

int pcmap_parse_mib(const char *s, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v < 2 || v > PCMAP_MEM_MAX)
		return -1;
	*out = v;
	return 0;
}
