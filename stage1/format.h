/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * On-disk formats shared by stage1 (nasm), stage2 and the host installer:
 * the one source of these numbers. nasm reads them from build/gen/format.inc,
 * which stage1/format_inc.c generates from this file; the linker scripts
 * read it through cpp (with __ASSEMBLER__ defined, so only the #defines).
 * Tools include this file; it includes nothing of stage2/.
 */
#ifndef BZ_STAGE1_FORMAT_H
#define BZ_STAGE1_FORMAT_H

#ifndef __ASSEMBLER__
#include <stdint.h>
#endif

/*
 * The MBR sector. Bytes 0..439 belong to bzboot; 440..511 (disk signature,
 * the two bytes after it, the partition table and 0x55AA) are the disk's and
 * are never written by the installer.
 */
#define BZ_MBR_CODE_SIZE  440	/* bytes the installer may write */
#define BZ_MBR_S2_SECTORS 0x1A6 /* u16: stage2 length in sectors */
#define BZ_MBR_DAP	  0x1A8 /* 16-byte INT 13h packet stage1 reads with */
/* The stage2 LBA is the LBA field of the packet: the installer patches it,
 * the rest of the packet is stage1's. */
#define BZ_MBR_S2_LBA	  0x1B0 /* u64: first sector of stage2 */
#define BZ_MBR_SIG_OFF	  0x1B8 /* u32 disk signature (not ours) */
#define BZ_MBR_PTABLE_OFF 0x1BE /* 4 x 16-byte entries (not ours) */

/*
 * The partition boot record (stage1/pbr.asm), the first sector of a FAT
 * volume. Bytes 3..0x59 are the BPB (FAT32's is the longest) and stay the
 * volume's; the installer writes bytes 0..2 (the jump) and 0x5A..0x1FD.
 * The stage2 length and packet end at the boot signature; the packet's
 * LBA is relative to the volume, whose first LBA the PBR takes from the
 * BPB's hidden-sectors field at boot.
 */
#define BZ_PBR_JUMP_SIZE  3
#define BZ_PBR_HIDDEN	  0x1C	/* u32: where the volume starts on the disk */
#define BZ_PBR_CODE	  0x5A	/* first byte after the BPB: ours */
#define BZ_PBR_S2_SECTORS 0x1EC /* u16: stage2 length in sectors */
#define BZ_PBR_DAP	  0x1EE /* 16-byte INT 13h packet */
#define BZ_PBR_S2_LBA	  0x1F6 /* u64: stage2's LBA inside the volume */
#define BZ_PBR_SIG_OFF	  0x1FE

/*
 * The stage2 image header, at offset 0 of stage2.bin and at BZ_S2_ADDR in
 * memory. stage1 checks magic and ABI; stage2's entry checks the checksum
 * (the 32-bit sum of every little-endian word of the image is zero).
 */
#define BZ_S2_ADDR	  0x8000      /* where stage1 loads stage2 */
#define BZ_S2_MAX_SECTORS 62	      /* the gap of a disk partitioned at 63 */
#define BZ_S2_MAGIC	  0x32535A42u /* "BZS2" */
#define BZ_S2_ABI	  3
/* header partition value of a stage2 loaded by the PBR: mount the FAT
 * volume whose first LBA the PBR passes in EBP, read no table */
#define BZ_S2_PART_VOLUME 0xFFFFFFFFu

/*
 * The image is the entry (real mode, unpacker) followed by the rest of
 * stage2 packed with bzpack (tools/pack.h); the entry unpacks it to
 * BZ_S2_MAIN_ADDR. A payload_off of 0 means nothing is packed (test
 * images of the installer).
 */
#define BZ_S2_MAIN_ADDR 0x3000 /* where the unpacked stage2 runs */

#ifndef __ASSEMBLER__

struct bz_stage2_header {
	uint8_t jump[4];	/* 0x00 jmp near to the real-mode entry */
	uint32_t magic;		/* 0x04 BZ_S2_MAGIC */
	uint16_t abi;		/* 0x08 BZ_S2_ABI: stage1 <-> stage2 contract */
	uint16_t sectors;	/* 0x0A image length in 512-byte sectors */
	uint32_t checksum;	/* 0x0C makes the sum of all words zero */
	uint32_t payload_off;	/* 0x10 packed stage2 offset in the image */
	uint32_t packed_size;	/* 0x14 its length */
	uint32_t unpacked_size; /* 0x18 its length unpacked */
	uint32_t partition;	/* 0x1C 0 = choose, N, BZ_S2_PART_VOLUME */
	char version[16];	/* 0x20 NUL-terminated, e.g. "0.1.0" */
} __attribute__((packed));

_Static_assert(sizeof(struct bz_stage2_header) == 0x30, "stage2 header size");
#endif

#endif
