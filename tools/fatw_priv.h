// SPDX-License-Identifier: BSD-2-Clause
// What the FAT writer's files share (fatw.c: the volume, its FAT and the
// plan; fatw_dir.c: names, directories and files); callers use fatw.h.
#ifndef BZ_TOOLS_FATW_PRIV_H
#define BZ_TOOLS_FATW_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs/fat.h"
#include "tools/fatw.h"

#define FATW_SLOTS   16 /* directory entries in a sector */
#define FATW_RUNS    8	/* extents remembered for fatw_extents() */
#define FATW_WHY_MAX 512

/* A directory sector read (and perhaps changed) by the writer. */
struct fatw_sec {
	uint32_t rel; /* volume-relative sector */
	bool dirty;
	uint8_t data[512];
};

/* A file's data: sectors [rel, rel+count) of clusters allocated here. */
struct fatw_ext {
	uint32_t rel, count;
	uint8_t *data;
};

struct fatw {
	struct disk *d;
	uint64_t lba;		/* the volume's first sector on d */
	struct fat_volume *v;	/* geometry, as fs/ mounted it */
	uint32_t reserved;	/* sectors before the first FAT */
	uint32_t fatsz;		/* sectors per FAT */
	unsigned nfats, active; /* FAT copies; the one that is read */
	bool mirrored;		/* every copy is written */
	uint32_t fsinfo;	/* FAT32's FSInfo sector, 0 if none */
	uint32_t cbytes;	/* bytes per cluster */
	uint8_t *fat;		/* the active FAT, whole */
	uint8_t *fat_dirty;	/* one flag per FAT sector */
	uint8_t *fresh;		/* one flag per cluster: allocated here */
	uint32_t last_alloc;
	struct fatw_sec *sec;
	size_t nsec, capsec;
	struct fatw_ext *ext;
	size_t next, capext;
	uint32_t *freed; /* chains to free once every allocation is made */
	size_t nfreed, capfreed;
	uint32_t run_first[FATW_RUNS], run_count[FATW_RUNS];
	unsigned nruns;
	uint16_t date, time; /* DOS date and time for new entries */
	char why[FATW_WHY_MAX];
};

/* fatw.c */
uint32_t fatw_get(const struct fatw *w, uint32_t c);
void fatw_set(struct fatw *w, uint32_t c, uint32_t val);
uint32_t fatw_eoc(const struct fatw *w);
bool fatw_is_eoc(const struct fatw *w, uint32_t val);
uint32_t fatw_free_clusters(const struct fatw *w);
uint32_t fatw_cluster_sector(const struct fatw *w, uint32_t c);
/* n clusters chained (first fit of a free run, else the first free
 * ones), end-of-chain marked; *first. 0, or -1 if there are not n. */
int fatw_alloc(struct fatw *w, uint32_t n, uint32_t *first);
/* The directory sector rel, read on first use. NULL after a message. */
struct fatw_sec *fatw_sector(struct fatw *w, uint32_t rel);
/* A new sector of a cluster allocated here, zeroed. */
struct fatw_sec *fatw_sector_new(struct fatw *w, uint32_t rel);
int fatw_add_extent(struct fatw *w, uint32_t rel, uint32_t count,
		    const uint8_t *data, size_t len);
int fatw_defer_free(struct fatw *w, uint32_t first);
/* The replaced files' chains, freed once every allocation is made: a
 * cluster freed here is never given to a new file by the same writer. */
void fatw_free_deferred(struct fatw *w);

/* A directory's 32-byte slots: sector * 16 + index, in order. */
struct fatw_slots {
	uint32_t *pos;
	size_t n;
	uint32_t last_cluster; /* of its chain; 0: FAT12/16's fixed root */
};

/* What a name is in a directory. */
struct fatw_found {
	bool hit;
	size_t sfn; /* slot of its 8.3 entry */
	uint8_t attr;
	uint32_t cluster, size;
};

/* fatw_dir.c */
uint32_t fatw_root(const struct fatw *w); /* 0: FAT12/16's fixed root */
/* Slot pos (sector * 16 + index) of a directory; write marks it dirty. */
uint8_t *fatw_slot(struct fatw *w, uint32_t pos, bool write);
int fatw_dir_slots(struct fatw *w, uint32_t dir, struct fatw_slots *sl);
int fatw_dir_find(struct fatw *w, const struct fatw_slots *sl, const char *name,
		  size_t n, struct fatw_found *f);
/* Entries a new name takes: its long name's and the 8.3 one. */
unsigned fatw_dir_entries(const char *name, size_t n);
/* Clusters dir needs added for k more entries; FATW_NOSPACE (why set)
 * when it is a full fixed root. */
int fatw_dir_grow_cost(struct fatw *w, uint32_t dir, unsigned k,
		       uint32_t *cost);
int fatw_dir_make_room(struct fatw *w, uint32_t dir, unsigned k);
void fatw_dir_fill(struct fatw *w, uint8_t *e, const uint8_t raw[11],
		   uint8_t attr, uint32_t cluster, uint32_t size);
int fatw_dir_add(struct fatw *w, uint32_t dir, const char *name, size_t n,
		 uint8_t attr, uint32_t cluster, uint32_t size);
int fatw_dir_make(struct fatw *w, uint32_t parent, const char *name, size_t n,
		  uint32_t *made);

#endif
