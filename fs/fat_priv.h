// SPDX-License-Identifier: BSD-2-Clause
/* What the parts of the FAT driver share (fat.c: mount and the FAT table,
 * fat_dir.c: names and directories, fat_file.c: file reads); not for
 * callers, who include fs/fat.h. */
#ifndef BZ_FS_FAT_PRIV_H
#define BZ_FS_FAT_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs/fat.h"

#define SECTOR		512u
#define DIR_MAX_ENTRIES 65536u	    /* the FAT spec's directory size limit */
#define LFN_MAX_ORD	20u	    /* 20 entries x 13 chars >= 255 */
#define READ_MAX	0x7FFFF000u /* keeps fat_read's byte count in an int */

/* What a directory entry says about the file or directory it names. */
struct dir_hit {
	uint8_t attr;
	uint32_t cluster;
	uint32_t size;
};

static inline uint32_t cluster_sector(const struct fat_volume *v,
				      uint32_t cluster)
{
	return v->data_start + ((cluster - 2) << v->spc_shift);
}

static inline uint32_t root_dir(const struct fat_volume *v)
{
	return v->type == 32 ? v->root_cluster : 0;
}

static inline bool cluster_valid(const struct fat_volume *v, uint32_t c)
{
	return c >= 2 && c <= v->clusters + 1;
}

/* fat.c */

/* Records why and returns FAT_ECORRUPT. */
int fat_corrupt(struct fat_volume *v, enum fat_corrupt why);

/* Reads count sectors at volume-relative `sector`; nothing is read outside
 * the volume (that is corruption). */
int fat_dev_read(struct fat_volume *v, uint32_t sector, uint32_t count,
		 void *buf);

/* *next = the cluster after `cluster`, or 0 at the end marker. Anything
 * else that is not a data cluster is corruption. */
int fat_chain_next(struct fat_volume *v, uint32_t cluster, uint32_t *next);

/* fat_dir.c */

/* Walks path from the root; *hit is what the last component names (a
 * directory's attr for the root itself). */
int fat_path_lookup(struct fat_volume *v, const char *path,
		    struct dir_hit *hit);

#endif
