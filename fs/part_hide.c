// SPDX-License-Identifier: BSD-2-Clause
/* Hidden partition types, in memory (fs/part_hide.h). */
#include "fs/part.h"
#include "fs/part_hide.h"

#define HIDDEN_BIT 0x10

bool part_hide_hideable(uint8_t type)
{
	/* 0x01 0x04 0x06 0x07 0x0B 0x0C 0x0E, each also with 0x10 set */
	static const uint16_t kinds = 1u << 0x01 | 1u << 0x04 | 1u << 0x06 |
				      1u << 0x07 | 1u << 0x0B | 1u << 0x0C |
				      1u << 0x0E;

	return type <= 0x1F && (kinds >> (type & ~HIDDEN_BIT) & 1);
}

uint8_t part_hide_type(uint8_t type, bool target, bool unhide)
{
	if (!part_hide_hideable(type))
		return type;
	return target || unhide ? type & ~HIDDEN_BIT : type | HIDDEN_BIT;
}

bool part_hide_reaches(unsigned index, bool all)
{
	return index >= 1 && (all || index <= 4);
}

void part_hide_mbr(uint8_t mbr[512], unsigned target_index, bool unhide)
{
	for (unsigned i = 0; i < 4; i++) {
		uint8_t *type = mbr + MBR_TABLE_OFFSET + 16 * i + 4;

		/* an empty slot (type 0) is no partition, and 0 is not
		 * hideable either */
		*type = part_hide_type(*type, target_index == i + 1, unhide);
	}
}
