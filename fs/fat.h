// SPDX-License-Identifier: BSD-2-Clause
/* Read-only FAT12/16/32 driver with VFAT long names, over a struct blockdev.
 * All state lives in caller-allocated structs: no allocation, no globals. */
#ifndef BZ_FS_FAT_H
#define BZ_FS_FAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs/blockdev.h"

/* --- on-disk structures (Microsoft FAT specification names) -------------- */

/* Boot sector and BPB; the FAT32 fields from 0x24 are only meaningful
 * when BPB_FATSz16 is 0. */
struct fat_bpb {
	uint8_t BS_jmpBoot[3];	 /* 0x00 */
	uint8_t BS_OEMName[8];	 /* 0x03 */
	uint16_t BPB_BytsPerSec; /* 0x0B */
	uint8_t BPB_SecPerClus;	 /* 0x0D */
	uint16_t BPB_RsvdSecCnt; /* 0x0E */
	uint8_t BPB_NumFATs;	 /* 0x10 */
	uint16_t BPB_RootEntCnt; /* 0x11 */
	uint16_t BPB_TotSec16;	 /* 0x13 */
	uint8_t BPB_Media;	 /* 0x15 */
	uint16_t BPB_FATSz16;	 /* 0x16 */
	uint16_t BPB_SecPerTrk;	 /* 0x18 */
	uint16_t BPB_NumHeads;	 /* 0x1A */
	uint32_t BPB_HiddSec;	 /* 0x1C */
	uint32_t BPB_TotSec32;	 /* 0x20 */
	uint32_t BPB_FATSz32;	 /* 0x24 (FAT32) */
	uint16_t BPB_ExtFlags;	 /* 0x28 (FAT32) */
	uint16_t BPB_FSVer;	 /* 0x2A (FAT32) */
	uint32_t BPB_RootClus;	 /* 0x2C (FAT32) */
} __attribute__((packed));
_Static_assert(sizeof(struct fat_bpb) == 0x30, "BPB through RootClus");
_Static_assert(offsetof(struct fat_bpb, BPB_BytsPerSec) == 0x0B, "0x0B");
_Static_assert(offsetof(struct fat_bpb, BPB_TotSec32) == 0x20, "0x20");
_Static_assert(offsetof(struct fat_bpb, BPB_RootClus) == 0x2C, "0x2C");

/* 32-byte short (8.3) directory entry. */
struct fat_dirent {
	uint8_t DIR_Name[11];	  /* 0x00: "KERNEL  BIN" */
	uint8_t DIR_Attr;	  /* 0x0B */
	uint8_t DIR_NTRes;	  /* 0x0C: 0x08/0x10 lowercase base/ext */
	uint8_t DIR_CrtTimeTenth; /* 0x0D */
	uint16_t DIR_CrtTime;	  /* 0x0E */
	uint16_t DIR_CrtDate;	  /* 0x10 */
	uint16_t DIR_LstAccDate;  /* 0x12 */
	uint16_t DIR_FstClusHI;	  /* 0x14: FAT32 only */
	uint16_t DIR_WrtTime;	  /* 0x16 */
	uint16_t DIR_WrtDate;	  /* 0x18 */
	uint16_t DIR_FstClusLO;	  /* 0x1A */
	uint32_t DIR_FileSize;	  /* 0x1C */
} __attribute__((packed));
_Static_assert(sizeof(struct fat_dirent) == 32, "dirent is 32 bytes");
_Static_assert(offsetof(struct fat_dirent, DIR_FstClusHI) == 0x14, "0x14");
_Static_assert(offsetof(struct fat_dirent, DIR_FstClusLO) == 0x1A, "0x1A");

/* 32-byte VFAT long-name entry; 13 UCS-2 characters each. */
struct fat_lfn {
	uint8_t LDIR_Ord;	 /* 0x00: sequence, 0x40 = last */
	uint16_t LDIR_Name1[5];	 /* 0x01 */
	uint8_t LDIR_Attr;	 /* 0x0B: always 0x0F */
	uint8_t LDIR_Type;	 /* 0x0C: 0 */
	uint8_t LDIR_Chksum;	 /* 0x0D: of the 8.3 name */
	uint16_t LDIR_Name2[6];	 /* 0x0E */
	uint16_t LDIR_FstClusLO; /* 0x1A: 0 */
	uint16_t LDIR_Name3[2];	 /* 0x1C */
} __attribute__((packed));
_Static_assert(sizeof(struct fat_lfn) == 32, "LFN entry is 32 bytes");
_Static_assert(offsetof(struct fat_lfn, LDIR_Name2) == 0x0E, "0x0E");
_Static_assert(offsetof(struct fat_lfn, LDIR_Name3) == 0x1C, "0x1C");

/* The checksum of an 8.3 name that its long-name entries carry: the
 * reader checks it, the installer's writer (tools/fatw_name.c) sets it. */
static inline uint8_t fat_short_checksum(const uint8_t raw[11])
{
	uint8_t sum = 0;
	unsigned i;

	for (i = 0; i < 11; i++)
		sum = (uint8_t)(((sum & 1) << 7) + (sum >> 1) + raw[i]);
	return sum;
}

#define FAT_ATTR_READ_ONLY 0x01
#define FAT_ATTR_HIDDEN	   0x02
#define FAT_ATTR_SYSTEM	   0x04
#define FAT_ATTR_VOLUME_ID 0x08
#define FAT_ATTR_DIRECTORY 0x10
#define FAT_ATTR_ARCHIVE   0x20
#define FAT_ATTR_LONG_NAME 0x0F

/* --- errors -------------------------------------------------------------- */

enum fat_error {
	FAT_OK = 0,
	FAT_EIO = -1,		/* the device read failed */
	FAT_ENOTFAT = -2,	/* sector 0 is no FAT boot sector at all */
	FAT_EBADSECTSIZE = -3,	/* bytes per sector is not 512 */
	FAT_EBADCLUSTSIZE = -4, /* sectors/cluster 0, not 2^n, or > 64 KiB */
	FAT_EBADRESERVED = -5,	/* reserved sector count is 0 */
	FAT_EBADNFATS = -6,	/* number of FATs is 0 */
	FAT_EBADTOTAL = -7,	/* total sectors 0 or past the partition */
	FAT_EBADFATSIZE = -8,	/* FAT too small for the cluster count */
	FAT_EBADLAYOUT = -9,	/* no data area, or FAT32/16 fields mixed */
	FAT_EBADROOT = -10,	/* FAT32 root cluster out of range */
	FAT_ENOENT = -11,
	FAT_ENOTDIR = -12,
	FAT_EISDIR = -13,
	FAT_ECORRUPT = -14,	/* see fat_volume_strerror() for the reason */
	FAT_ENAMETOOLONG = -15, /* a path component over 255 characters */
	FAT_EINVAL = -16,	/* NULL argument, seek past the end */
};

/* Why the last FAT_ECORRUPT happened, kept in the volume so stage2 can say
 * more than "corrupt" without a code per cause. */
enum fat_corrupt {
	FAT_CORRUPT_NONE,
	FAT_CORRUPT_CHAIN_SHORT,   /* end marker before the file size */
	FAT_CORRUPT_CHAIN_LONG,	   /* a loop, or no end marker at the size */
	FAT_CORRUPT_CLUSTER_RANGE, /* cluster number past the volume */
	FAT_CORRUPT_CLUSTER_FREE,  /* free (0) or reserved (1) in chain */
	FAT_CORRUPT_DIR_LOOP,	   /* directory over 65536 entries */
};

/* --- volume and file ----------------------------------------------------- */

/* FAT sectors are cached in lines of several sectors, so one device call
 * covers 8 KiB of FAT: the chain of 1 MiB of file with 512-byte clusters
 * on FAT32 (bench/: a 48 MiB initrd took 225 FAT reads with 2 KiB lines).
 * Two lines: a directory's chain and a file's, or a FAT12 entry that
 * straddles two lines. */
#define FAT_CACHE_LINES	       2
#define FAT_CACHE_LINE_SECTORS 16
#define FAT_NAME_MAX	       255 /* UTF-16 units in a long name */

struct fat_cache_line {
	uint32_t first; /* FAT-relative sector of data[0] */
	uint32_t stamp; /* last use; 0 = empty */
	uint8_t data[FAT_CACHE_LINE_SECTORS * 512];
};

struct fat_volume {
	const struct blockdev *dev;
	uint64_t lba; /* volume start on dev */
	uint32_t total_sectors;
	uint32_t fat_start; /* volume-relative sector of the FAT in use */
	uint32_t fat_sectors;
	uint32_t root_start; /* FAT12/16 fixed root directory */
	uint32_t root_sectors;
	uint32_t root_cluster; /* FAT32 root directory chain */
	uint32_t data_start;   /* sector of cluster 2 */
	uint32_t clusters;     /* data clusters, numbered 2..clusters+1 */
	uint8_t type;	       /* 12, 16 or 32 */
	uint8_t spc_shift;     /* log2(sectors per cluster) */
	uint8_t corrupt;       /* enum fat_corrupt of the last FAT_ECORRUPT */
	uint32_t clock;	       /* cache LRU clock */
	struct fat_cache_line cache[FAT_CACHE_LINES];
	uint8_t sector[512] __attribute__((aligned(4)));
	uint16_t lfn[20 * 13];	     /* long name being collected */
	uint16_t want[FAT_NAME_MAX]; /* path component, UTF-16 */
};
_Static_assert(sizeof(struct fat_volume) < 20480, "fat_volume under 20 KiB");

struct fat_file {
	struct fat_volume *vol;
	uint32_t size;
	uint32_t first_cluster; /* 0 for an empty file */
	uint32_t clusters;	/* ceil(size / cluster bytes) */
	uint32_t pos;
	uint32_t cluster; /* cluster number at chain index `index` */
	uint32_t index;
	uint32_t mark; /* cluster at the last power-of-two index: loop check */
	uint8_t attr;
};

/* A long name being collected from its entries (fs/fat_dir.c). */
struct fat_lfn_run {
	uint8_t next; /* ord expected next; 0 = run complete */
	uint8_t sum;
	bool live; /* a run is being collected */
	size_t len;
};

/* Where a directory walk is: bounded by the 65536-entry limit. */
struct fat_walk {
	uint32_t cluster; /* 0: the FAT12/16 fixed root */
	uint32_t sector;  /* the next one to read, volume-relative */
	uint32_t left;	  /* sectors left in the cluster (or the root) */
	uint32_t pos;	  /* byte of the next entry in v->sector */
	uint32_t seen;	  /* entries walked */
};

/* A directory being listed (fat_opendir, fat_readdir). */
struct fat_dir {
	struct fat_volume *vol;
	struct fat_walk walk;
	struct fat_lfn_run lfn;
	bool done;
};

/* One entry of a listing: its long name (else the 8.3 name, in lower
 * case where the entry says so) in UTF-8, and what the entry says. */
struct fat_entry {
	char name[FAT_NAME_MAX * 3 + 1];
	uint8_t attr;
	uint32_t size;
};

/* --- API ----------------------------------------------------------------- */

/* Reads and checks the boot sector at part_lba; part_sectors = 0 means the
 * size is unknown (superfloppy). 0 or a negative enum fat_error. */
int fat_mount(struct fat_volume *v, const struct blockdev *dev,
	      uint64_t part_lba, uint64_t part_sectors);

/* path: '/'-separated from the root, leading '/' optional, repeated '/'
 * ok; each component matches case-insensitively (ASCII only) the VFAT
 * long name or the 8.3 name. Files only: a directory gives FAT_EISDIR. */
int fat_open(struct fat_volume *v, const char *path, struct fat_file *f);

/* Opens the directory path names (as fat_open names files; "" or "/" is
 * the root) for fat_readdir: 0, FAT_ENOTDIR for a file, or an error. */
int fat_opendir(struct fat_volume *v, const char *path, struct fat_dir *d);

/* The next entry in directory order ("." and ".." and the volume label
 * left out): 1, 0 after the last, or a negative error. Between calls,
 * nothing else may read the volume (the walk keeps its sector in it). */
int fat_readdir(struct fat_dir *d, struct fat_entry *e);

uint32_t fat_size(const struct fat_file *f);

/* Reads up to len bytes at the position and advances it (from 0 after
 * fat_open; there is no seek: stage2 reads files front to back, and the
 * chain is singly linked); returns the byte count (0 at the end, at most
 * 0x7FFFF000 per call) or a negative error. Whole sectors go straight into buf,
 * one device call per physically contiguous run of clusters. */
int fat_read(struct fat_file *f, void *buf, uint32_t len);

int fat_type(const struct fat_volume *v); /* 12, 16 or 32 */

const char *fat_strerror(int err);

/* fat_strerror(), but FAT_ECORRUPT names its cause ("corrupt filesystem:
 * cluster chain ends early") from the volume's last corruption. */
const char *fat_volume_strerror(const struct fat_volume *v, int err);

#endif
