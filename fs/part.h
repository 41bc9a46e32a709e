// SPDX-License-Identifier: BSD-2-Clause
/* Partition tables: MBR primaries, logical partitions in the EBR chain and
 * GPT, numbered as Linux numbers them; which partition stage2 boots from. */
#ifndef BZ_FS_PART_H
#define BZ_FS_PART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs/blockdev.h"

/* One 16-byte MBR partition entry at 0x1BE + 16 * i (an EBR has the same
 * table). Fields named after the usual MBR documentation; CHS fields are
 * ignored (LBA only). */
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

/* UEFI 2.10 section 5.3.2, table 5.5: the GPT header at LBA 1 (the backup
 * at the last LBA). Little-endian, as x86 is. */
struct gpt_header {
	uint8_t Signature[8];		   /* 0x00: "EFI PART" */
	uint32_t Revision;		   /* 0x08 */
	uint32_t HeaderSize;		   /* 0x0C: 92 .. sector size */
	uint32_t HeaderCRC32;		   /* 0x10: over HeaderSize, self 0 */
	uint32_t Reserved;		   /* 0x14 */
	uint64_t MyLBA;			   /* 0x18 */
	uint64_t AlternateLBA;		   /* 0x20 */
	uint64_t FirstUsableLBA;	   /* 0x28 */
	uint64_t LastUsableLBA;		   /* 0x30 */
	uint8_t DiskGUID[16];		   /* 0x38 */
	uint64_t PartitionEntryLBA;	   /* 0x48 */
	uint32_t NumberOfPartitionEntries; /* 0x50 */
	uint32_t SizeOfPartitionEntry;	   /* 0x54: 128 << n */
	uint32_t PartitionEntryArrayCRC32; /* 0x58 */
} __attribute__((packed));
_Static_assert(sizeof(struct gpt_header) == 92, "GPT header is 92 bytes");
_Static_assert(offsetof(struct gpt_header, MyLBA) == 0x18, "MyLBA at 0x18");
_Static_assert(offsetof(struct gpt_header, PartitionEntryLBA) == 0x48,
	       "PartitionEntryLBA at 0x48");
_Static_assert(offsetof(struct gpt_header, PartitionEntryArrayCRC32) == 0x58,
	       "PartitionEntryArrayCRC32 at 0x58");

/* UEFI 2.10 table 5.6: one GPT partition entry (the first 128 bytes of
 * each SizeOfPartitionEntry-byte slot). */
struct gpt_entry {
	uint8_t PartitionTypeGUID[16];	 /* 0x00: all zero = unused */
	uint8_t UniquePartitionGUID[16]; /* 0x10 */
	uint64_t StartingLBA;		 /* 0x20 */
	uint64_t EndingLBA;		 /* 0x28: inclusive */
	uint64_t Attributes;		 /* 0x30 */
	uint16_t PartitionName[36];	 /* 0x38: UTF-16LE */
} __attribute__((packed));
_Static_assert(sizeof(struct gpt_entry) == 128, "GPT entry is 128 bytes");
_Static_assert(offsetof(struct gpt_entry, StartingLBA) == 0x20,
	       "StartingLBA at 0x20");
_Static_assert(offsetof(struct gpt_entry, Attributes) == 0x30,
	       "Attributes at 0x30");

/* Attributes bit 2: "Legacy BIOS Bootable", the GPT boot flag. */
#define GPT_ATTR_LEGACY_BIOS_BOOTABLE (1ull << 2)

#define PART_MAX_LOGICAL   128 /* EBRs followed before calling it a loop */
#define PART_GPT_ARRAY_MAX (1024u * 1024) /* bytes of GPT entries read */

enum part_error {
	PART_OK = 0,
	PART_EINVAL = -1,      /* NULL argument */
	PART_ENOSIG = -2,      /* no 0x55AA at 0x1FE */
	PART_EBADTABLE = -3,   /* status byte neither 0x00 nor 0x80 */
	PART_ENOFAT = -4,      /* no entry with a FAT type */
	PART_EBADENTRY = -5,   /* chosen entry starts at 0 */
	PART_EIO = -6,	       /* dev->read failed */
	PART_EGPTHDR = -7,     /* GPT header: signature, CRC or fields */
	PART_EGPTENTRIES = -8, /* GPT entry array CRC mismatch */
	PART_ECORRUPT = -9,    /* EBR chain loops or leaves the extended part */
	PART_ENOPART = -10,    /* part_find: no partition with that number */
};

struct part_entry {
	/* The number Linux gives it (sdaN): MBR primaries 1-4 by slot,
	 * logical partitions 5, 6, ... in EBR-chain order; GPT 1..N by slot
	 * in the entry array (unused slots skipped, numbers kept). */
	unsigned index;
	bool gpt;
	/* MBR: boot flag 0x80 (primaries and logicals alike); GPT: the
	 * Legacy BIOS Bootable attribute. */
	bool active;
	uint8_t type;	       /* MBR partition type byte; 0 on GPT */
	uint8_t type_guid[16]; /* GPT PartitionTypeGUID as on disk; MBR 0 */
	uint64_t attrs;	       /* GPT Attributes; 0 on MBR */
	uint64_t start_lba, sectors;
};

/* Reads the partition table through dev: LBA 0, then the EBR chains or the
 * GPT header and entries, one sector at a time into sector_buf (scratch,
 * clobbered). disk_sectors is the disk's size if known, else 0: with it, a
 * damaged primary GPT (header or entries) falls back to the backup header
 * at the last LBA; without it the primary must be good.
 *
 * What counts, as Linux reads tables: an MBR slot is empty if its type or
 * size is 0; every extended primary (0x05, 0x0F, 0x85) is listed with the
 * size in its entry and then followed: in each EBR, entry 1 is a logical
 * partition (start relative to the EBR, none if empty) and entry 2 the
 * link to the next EBR (relative to the extended partition); entries 3-4
 * are ignored. More than PART_MAX_LOGICAL EBRs, a link back to the first
 * EBR or to itself, or a link or logical partition reaching past the
 * extended partition is PART_ECORRUPT; an EBR without 0x55AA ends the
 * chain. GPT: header CRC, MyLBA, SizeOfPartitionEntry = 128 << n and an
 * array of at most PART_GPT_ARRAY_MAX bytes are checked (PART_EGPTHDR),
 * then the array's CRC (PART_EGPTENTRIES); an entry is used if its type
 * GUID is not zero and it does not end before it starts.
 *
 * index N > 0: partition N, whatever its type (the caller mounts it or
 * reports); PART_ENOPART if there is none.
 * index 0: the automatic choice. MBR: the active primary with a FAT type,
 * else the first partition with a FAT type in number order (primaries,
 * then logicals; a boot flag on a logical counts for nothing). GPT (any
 * 0xEE entry, hybrid MBRs included, as Linux does): the first EFI System
 * or Microsoft basic data entry with the Legacy BIOS Bootable attribute,
 * else the first such entry; the type is trusted, the BPB is not read (a
 * basic data NTFS partition before the FAT one needs the attribute or a
 * number). PART_ENOFAT if none.
 * Returns 0 and fills *out, or a negative enum part_error; a chosen entry
 * starting at LBA 0 is PART_EBADENTRY. Damage after the partition found
 * is not looked for. */
int part_find(const struct blockdev *dev, uint64_t disk_sectors, unsigned index,
	      uint8_t sector_buf[512], struct part_entry *out);

/* Calls fn for each partition in number order, e.g. for "the disk has
 * 1 2 5 6". fn must not use sector_buf. A GPT's entry CRC is checked before
 * the first call; an EBR chain as it is followed, so fn may have been
 * called for the partitions before a damaged link. Returns 0 after the
 * last one, fn's value if fn returns nonzero (the walk stops there), or a
 * negative enum part_error. */
int part_foreach(const struct blockdev *dev, uint64_t disk_sectors,
		 uint8_t sector_buf[512],
		 int (*fn)(void *ctx, const struct part_entry *e), void *ctx);

/* Writes the numbers of the disk's partitions, each after a space, into
 * out (" 1 2 5 6", NUL-terminated): the list a message gives of what a disk
 * has. A list too long for size bytes is cut before a number and ends in
 * " ..." (if size >= 5). Returns 0, or a negative enum part_error as
 * part_foreach does (out then lists the partitions found before the damage). */
int part_list_indices(const struct blockdev *dev, uint64_t disk_sectors,
		      uint8_t sector_buf[512], char *out, size_t size);

const char *part_strerror(int err);

#endif
