// SPDX-License-Identifier: BSD-2-Clause
/* Read-only FAT12/16/32: mounting (the boot sector's checks), the FAT table
 * with its sector cache, and the error messages. Names and directories are
 * in fat_dir.c, file reads in fat_file.c. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fs/fat.h"
#include "fs/fat_priv.h"

int fat_corrupt(struct fat_volume *v, enum fat_corrupt why)
{
	v->corrupt = (uint8_t)why;
	return FAT_ECORRUPT;
}

int fat_dev_read(struct fat_volume *v, uint32_t sector, uint32_t count,
		 void *buf)
{
	if (count == 0 || sector >= v->total_sectors ||
	    count > v->total_sectors - sector)
		return fat_corrupt(v, FAT_CORRUPT_CLUSTER_RANGE);
	if (v->dev->read(v->dev->ctx, v->lba + sector, count, buf) < 0)
		return FAT_EIO;
	return FAT_OK;
}

/* --- mount --------------------------------------------------------------- */

static unsigned log2_exact(uint32_t x)
{
	unsigned n = 0;

	while (x > 1) {
		x >>= 1;
		n++;
	}
	return n;
}

static bool bpb_looks_fat(const struct fat_bpb *b)
{
	uint16_t bps = b->BPB_BytsPerSec;

	/* Only power-of-two sector sizes 512..4096 and the media bytes the
	 * spec allows; an unformatted or foreign partition fails here. */
	if (bps < 512 || bps > 4096 || (bps & (bps - 1)))
		return false;
	return b->BPB_Media == 0xF0 || b->BPB_Media >= 0xF8;
}

/* Sets v->type: by cluster count as the spec says, except that a FAT32-
 * shaped BPB (FATSz16 = 0, no fixed root) stays FAT32 below 65525 clusters,
 * as Linux reads it: mkfs.fat -F 32 makes such volumes on small disks. */
static int bpb_type(struct fat_volume *v, const struct fat_bpb *b)
{
	bool shaped32 = b->BPB_FATSz16 == 0;

	if (shaped32 || v->clusters >= 65525) {
		if (!shaped32 || b->BPB_RootEntCnt != 0)
			return FAT_EBADLAYOUT;
		v->type = 32;
	} else {
		if (b->BPB_RootEntCnt == 0)
			return FAT_EBADLAYOUT;
		v->type = v->clusters < 4085 ? 12 : 16;
	}
	return FAT_OK;
}

static int bpb_check(struct fat_volume *v, const struct fat_bpb *b,
		     uint64_t part_sectors)
{
	uint32_t total, fatsz, spc = b->BPB_SecPerClus, active = 0;
	uint64_t meta;
	int err;

	if (!bpb_looks_fat(b))
		return FAT_ENOTFAT;
	if (b->BPB_BytsPerSec != SECTOR)
		return FAT_EBADSECTSIZE;
	if (spc == 0 || (spc & (spc - 1)) || spc > 128)
		return FAT_EBADCLUSTSIZE;
	if (b->BPB_RsvdSecCnt == 0)
		return FAT_EBADRESERVED;
	if (b->BPB_NumFATs == 0)
		return FAT_EBADNFATS;
	total = b->BPB_TotSec16 ? b->BPB_TotSec16 : b->BPB_TotSec32;
	if (total == 0 || (part_sectors && total > part_sectors))
		return FAT_EBADTOTAL;
	fatsz = b->BPB_FATSz16 ? b->BPB_FATSz16 : b->BPB_FATSz32;
	if (fatsz == 0)
		return FAT_EBADFATSIZE;

	v->spc_shift = (uint8_t)log2_exact(spc);
	v->fat_sectors = fatsz;
	v->root_sectors =
	    ((uint32_t)b->BPB_RootEntCnt * 32 + SECTOR - 1) / SECTOR;
	meta = b->BPB_RsvdSecCnt + (uint64_t)b->BPB_NumFATs * fatsz +
	       v->root_sectors;
	if (meta >= total)
		return FAT_EBADLAYOUT;
	v->clusters = (uint32_t)((total - meta) >> v->spc_shift);
	if (v->clusters == 0)
		return FAT_EBADLAYOUT;
	err = bpb_type(v, b);
	if (err)
		return err;

	/* Cluster numbers from 0x0FFFFFF7 up are markers: clusters past
	 * them cannot be addressed, so they are simply not used. */
	if (v->type == 32 && v->clusters > 0x0FFFFFF5)
		v->clusters = 0x0FFFFFF5;
	/* Entries 0..clusters+1 must fit: bits in the FAT against bits
	 * needed, multiplied out so i386 needs no 64-bit division helper. */
	if ((uint64_t)fatsz * SECTOR * 8 <
	    ((uint64_t)v->clusters + 2) * v->type)
		return FAT_EBADFATSIZE;

	if (v->type == 32) {
		/* ExtFlags bit 7: mirroring off, bits 0-3 name the live FAT. */
		if (b->BPB_ExtFlags & 0x80)
			active = b->BPB_ExtFlags & 0x0F;
		if (active >= b->BPB_NumFATs)
			return FAT_EBADLAYOUT;
		if (b->BPB_RootClus < 2 || b->BPB_RootClus > v->clusters + 1)
			return FAT_EBADROOT;
		v->root_cluster = b->BPB_RootClus;
	}
	v->total_sectors = total;
	v->fat_start = b->BPB_RsvdSecCnt + active * fatsz;
	v->root_start = b->BPB_RsvdSecCnt + b->BPB_NumFATs * fatsz;
	v->data_start = (uint32_t)meta;
	return FAT_OK;
}

int fat_mount(struct fat_volume *v, const struct blockdev *dev,
	      uint64_t part_lba, uint64_t part_sectors)
{
	struct fat_bpb b;
	int err;

	if (!v || !dev || !dev->read)
		return FAT_EINVAL;
	memset(v, 0, sizeof(*v));
	v->dev = dev;
	v->lba = part_lba;
	v->total_sectors = 1; /* until the BPB says more */
	err = fat_dev_read(v, 0, 1, v->sector);
	if (err)
		return err;
	memcpy(&b, v->sector, sizeof(b));
	err = bpb_check(v, &b, part_sectors);
	if (err)
		v->type = 0;
	return err;
}

int fat_type(const struct fat_volume *v)
{
	return v->type;
}

/* --- FAT access ---------------------------------------------------------- */

/* Points *p at byte `off` of the FAT, reading its cache line on a miss. */
static int fat_byte(struct fat_volume *v, uint32_t off, const uint8_t **p)
{
	uint32_t sector = off / SECTOR, count;
	uint32_t first = sector - sector % FAT_CACHE_LINE_SECTORS;
	struct fat_cache_line *l, *victim = &v->cache[0];
	unsigned i;
	int err;

	if (sector >= v->fat_sectors)
		return fat_corrupt(v, FAT_CORRUPT_CLUSTER_RANGE);
	for (i = 0; i < FAT_CACHE_LINES; i++) {
		l = &v->cache[i];
		if (l->stamp && l->first == first)
			break;
		if (l->stamp < victim->stamp)
			victim = l;
	}
	if (i == FAT_CACHE_LINES) {
		l = victim;
		count = v->fat_sectors - first;
		if (count > FAT_CACHE_LINE_SECTORS)
			count = FAT_CACHE_LINE_SECTORS;
		l->stamp = 0;
		err = fat_dev_read(v, v->fat_start + first, count, l->data);
		if (err)
			return err;
		l->first = first;
	}
	/* After a wrap the order is only approximate; still correct. */
	if (++v->clock == 0)
		v->clock = 1;
	l->stamp = v->clock;
	*p = l->data + (off - first * SECTOR);
	return FAT_OK;
}

int fat_chain_next(struct fat_volume *v, uint32_t cluster, uint32_t *next)
{
	const uint8_t *p;
	uint32_t val, eoc;
	int err;

	if (v->type == 12) {
		uint32_t off = cluster + cluster / 2;

		/* A FAT12 entry may straddle two sectors: byte by byte. */
		err = fat_byte(v, off, &p);
		if (err)
			return err;
		val = *p;
		err = fat_byte(v, off + 1, &p);
		if (err)
			return err;
		val |= (uint32_t)*p << 8;
		val = cluster & 1 ? val >> 4 : val & 0xFFF;
		eoc = 0xFF8;
	} else if (v->type == 16) {
		err = fat_byte(v, cluster * 2, &p);
		if (err)
			return err;
		val = p[0] | (uint32_t)p[1] << 8;
		eoc = 0xFFF8;
	} else {
		err = fat_byte(v, cluster * 4, &p);
		if (err)
			return err;
		/* The top four bits are reserved, not part of the number. */
		val = p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
		val |= (uint32_t)(p[3] & 0x0F) << 24;
		eoc = 0x0FFFFFF8;
	}
	*next = 0;
	if (val >= eoc)
		return FAT_OK;
	if (val < 2)
		return fat_corrupt(v, FAT_CORRUPT_CLUSTER_FREE);
	if (val > v->clusters + 1) /* includes the bad-cluster marker */
		return fat_corrupt(v, FAT_CORRUPT_CLUSTER_RANGE);
	*next = val;
	return FAT_OK;
}

/* --- messages ------------------------------------------------------------ */

const char *fat_strerror(int err)
{
	switch (err) {
	case FAT_OK:
		return "no error";
	case FAT_EIO:
		return "I/O error";
	case FAT_ENOTFAT:
		return "not a FAT filesystem";
	case FAT_EBADSECTSIZE:
		return "FAT sector size is not 512 bytes";
	case FAT_EBADCLUSTSIZE:
		return "bad FAT cluster size";
	case FAT_EBADRESERVED:
		return "bad FAT boot sector: no reserved sectors";
	case FAT_EBADNFATS:
		return "bad FAT boot sector: zero FATs";
	case FAT_EBADTOTAL:
		return "FAT volume size is zero or larger than its partition";
	case FAT_EBADFATSIZE:
		return "FAT table too small for the volume";
	case FAT_EBADLAYOUT:
		return "bad FAT layout: no data area or FAT16/FAT32 mixed";
	case FAT_EBADROOT:
		return "FAT32 root directory cluster out of range";
	case FAT_ENOENT:
		return "file not found";
	case FAT_ENOTDIR:
		return "not a directory";
	case FAT_EISDIR:
		return "is a directory";
	case FAT_ECORRUPT:
		return "corrupt filesystem";
	case FAT_ENAMETOOLONG:
		return "file name too long";
	case FAT_EINVAL:
		return "invalid argument";
	}
	return "unknown FAT error";
}

const char *fat_volume_strerror(const struct fat_volume *v, int err)
{
	if (err != FAT_ECORRUPT || !v)
		return fat_strerror(err);
	switch (v->corrupt) {
	case FAT_CORRUPT_CHAIN_SHORT:
		return "corrupt filesystem: cluster chain ends early";
	case FAT_CORRUPT_CHAIN_LONG:
		return "corrupt filesystem: cluster chain too long or looping";
	case FAT_CORRUPT_CLUSTER_RANGE:
		return "corrupt filesystem: cluster number out of range";
	case FAT_CORRUPT_CLUSTER_FREE:
		return "corrupt filesystem: free cluster in a chain";
	case FAT_CORRUPT_DIR_LOOP:
		return "corrupt filesystem: directory too long or looping";
	}
	return fat_strerror(err);
}
