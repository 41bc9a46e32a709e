// SPDX-License-Identifier: BSD-2-Clause
/* A GPT partition by unique GUID or name (fs/gpt_find.h). */
#include <stdbool.h>
#include <string.h>

#include "fs/gpt_find.h"
#include "fs/part.h"

/* chain.c32's crude name: each UTF-16 unit's low byte, up to a 0. */
static bool name_is(const struct gpt_entry *e, const char *label)
{
	const uint8_t *u = (const uint8_t *)e->PartitionName;
	unsigned i;

	for (i = 0; i < GPT_FIND_NAME_MAX && u[2 * i]; i++)
		if ((char)u[2 * i] != label[i])
			return false;
	return label[i] == '\0';
}

static bool unused(const struct gpt_entry *e)
{
	static const uint8_t zero[16];

	return !memcmp(e->PartitionTypeGUID, zero, sizeof(zero));
}

int gpt_find(const struct blockdev *dev, uint8_t sector_buf[512],
	     const uint8_t *guid, const char *label, unsigned *index)
{
	const struct gpt_header *h = (const struct gpt_header *)sector_buf;
	uint64_t lba;
	uint32_t size, count, per, i;

	if (dev->read(dev->ctx, 1, 1, sector_buf))
		return PART_EIO;
	if (memcmp(h->Signature, "EFI PART", 8))
		return PART_ENOPART;
	if (guid && !memcmp(h->DiskGUID, guid, 16)) {
		*index = 0;
		return PART_OK;
	}
	size = h->SizeOfPartitionEntry;
	count = h->NumberOfPartitionEntries;
	lba = h->PartitionEntryLBA;
	if (size < 128 || size > 512 || (size & (size - 1)) ||
	    (uint64_t)count * size > PART_GPT_ARRAY_MAX)
		return PART_ENOPART; /* part_find would refuse it too */
	per = 512 / size;
	for (i = 0; i < count; i++) {
		const struct gpt_entry *e =
		    (const struct gpt_entry *)(sector_buf + i % per * size);

		if (i % per == 0 &&
		    dev->read(dev->ctx, lba + i / per, 1, sector_buf))
			return PART_EIO;
		if (unused(e))
			continue;
		if (guid ? !memcmp(e->UniquePartitionGUID, guid, 16)
			 : name_is(e, label)) {
			*index = i + 1;
			return PART_OK;
		}
	}
	return PART_ENOPART;
}
