// SPDX-License-Identifier: BSD-2-Clause
/* The partition tests' disks of part_disk.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "fs/part.h"
#include "protocol/le.h"
#include "tests/unit/support/part_disk.h"

void mbr_init(uint8_t mbr[512])
{
	memset(mbr, 0, 512);
	memset(mbr, 0x90, 446); /* boot code must not look like a table */
	mbr[510] = 0x55;
	mbr[511] = 0xAA;
}

void mbr_set(uint8_t mbr[512], unsigned slot, uint8_t status, uint8_t type,
	     uint32_t start, uint32_t sectors)
{
	uint8_t *e = mbr + 0x1BE + 16 * slot;

	e[0] = status;
	e[4] = type;
	le32_put(e + 8, start);
	le32_put(e + 12, sectors);
}

/* An EBR at lba: its logical partition (rel. to the EBR) and the link to
 * the next EBR (rel. to the extended partition), type 0 = none. */
void ebr_put(struct memdisk *sp, uint64_t lba, uint8_t type, uint32_t start,
	     uint32_t sectors, uint32_t next, uint32_t next_sectors)
{
	uint8_t *s = memdisk_at(sp, lba);

	memset(s, 0, 512);
	s[510] = 0x55;
	s[511] = 0xAA;
	if (type)
		mbr_set(s, 0, 0x00, type, start, sectors);
	if (next_sectors)
		mbr_set(s, 1, 0x00, 0x05, next, next_sectors);
}

int seen_fn(void *ctx, const struct part_entry *e)
{
	struct seen *s = ctx;

	assert_true(s->n < SEEN_MAX);
	s->e[s->n++] = *e;
	return (int)e->index == s->stop_at ? 7 : 0;
}

int seen_walk(struct memdisk *sp, uint64_t disk, struct seen *s)
{
	uint8_t buf[512];

	memset(s, 0, sizeof(*s));
	return part_foreach(&sp->bd, disk, buf, seen_fn, s);
}

int find_part(struct memdisk *sp, uint64_t disk, unsigned index,
	      struct part_entry *p)
{
	uint8_t buf[512];

	memset(p, 0xA5, sizeof(*p));
	return part_find(&sp->bd, disk, index, buf, p);
}
