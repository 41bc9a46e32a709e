// SPDX-License-Identifier: BSD-2-Clause
/* MBR partition table: list the four primary entries and pick the FAT
 * partition to boot from (the active one, else the first FAT one). */
#ifndef BZ_FS_PART_H
#define BZ_FS_PART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One 16-byte MBR partition entry at 0x1BE + 16 * i. Fields named after
 * the usual MBR documentation; CHS fields are ignored (LBA only). */
struct mbr_entry {
	uint8_t status;	      /* 0x00: 0x80 = active (boot), 0x00 = not */
	uint8_t chs_first[3]; /* 0x01 */
	uint8_t type;	      /* 0x04: partition type byte */
	uint8_t chs_last[3];  /* 0x05 */
	uint32_t lba_first;   /* 0x08 */
	uint32_t sectors;     /* 0x0C */
} __attribute__((packed));
_Static_assert(sizeof(struct mbr_entry) == 16, "MBR entry is 16 bytes");
_Static_assert(offsetof(struct mbr_entry, lba_first) == 0x08,
	       "lba_first at 0x08");

#define MBR_TABLE_OFFSET	0x1BE
#define MBR_SIG_OFFSET		0x1FE /* 0x55 0xAA */
#define MBR_TYPE_GPT_PROTECTIVE 0xEE

enum part_error {
	PART_OK = 0,
	PART_EINVAL = -1,    /* NULL argument */
	PART_ENOSIG = -2,    /* no 0x55AA at 0x1FE */
	PART_EBADTABLE = -3, /* status byte neither 0x00 nor 0x80 */
	PART_EGPT = -4,	     /* a 0xEE entry: GPT disk */
	PART_ENOFAT = -5,    /* no entry with a FAT type */
	PART_EBADENTRY = -6, /* chosen entry starts at 0 or is empty */
};

struct part_entry {
	unsigned index; /* 1..4 for MBR primaries */
	uint8_t type;	/* MBR partition type byte */
	bool active;	/* boot flag 0x80 */
	uint64_t start_lba, sectors;
};

/* True for the FAT type bytes 0x01 0x04 0x06 0x0B 0x0C 0x0E and their
 * hidden variants (+0x10). */
bool part_type_is_fat(uint8_t type);

/* From an MBR sector: the active partition if it has a FAT type, else the
 * first partition with a FAT type. Returns 0 and fills *out, or a negative
 * enum part_error. A 0xEE entry anywhere gives PART_EGPT: on a GPT disk
 * (hybrid MBR included) the MBR entries are not authoritative. */
int part_pick_boot(const uint8_t mbr[512], struct part_entry *out);

/* The non-empty (type != 0) primary entries in table order, compacted into
 * out[0..n-1]; returns n (0..4) or a negative enum part_error. */
int part_list(const uint8_t mbr[512], struct part_entry out[4]);

const char *part_strerror(int err);

#endif
