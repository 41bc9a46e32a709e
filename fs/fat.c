// SPDX-License-Identifier: BSD-2-Clause
/* Read-only FAT12/16/32 with VFAT long names. Every walk is bounded: file
 * chains by the file size and a cycle check, directories by the 65536-entry
 * limit. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fs/fat.h"

#define SECTOR		512u
#define DIR_MAX_ENTRIES 65536u	    /* the FAT spec's directory size limit */
#define LFN_MAX_ORD	20u	    /* 20 entries x 13 chars >= 255 */
#define READ_MAX	0x7FFFF000u /* keeps fat_read's byte count in an int */

static int corrupt(struct fat_volume *v, enum fat_corrupt why)
{
	v->corrupt = (uint8_t)why;
	return FAT_ECORRUPT;
}

/* The last check before the disk: nothing is read outside the volume. */
static int dev_read(struct fat_volume *v, uint32_t sector, uint32_t count,
		    void *buf)
{
	if (count == 0 || sector >= v->total_sectors ||
	    count > v->total_sectors - sector)
		return corrupt(v, FAT_CORRUPT_CLUSTER_RANGE);
	if (v->dev->read(v->dev->ctx, v->lba + sector, count, buf) < 0)
		return FAT_EIO;
	return FAT_OK;
}

static uint32_t cluster_sector(const struct fat_volume *v, uint32_t cluster)
{
	return v->data_start + ((cluster - 2) << v->spc_shift);
}

static uint32_t root_dir(const struct fat_volume *v)
{
	return v->type == 32 ? v->root_cluster : 0;
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
	err = dev_read(v, 0, 1, v->sector);
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
		return corrupt(v, FAT_CORRUPT_CLUSTER_RANGE);
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
		err = dev_read(v, v->fat_start + first, count, l->data);
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

/* *next = the cluster after `cluster`, or 0 at the end marker. Anything
 * else that is not a data cluster is corruption. */
static int chain_next(struct fat_volume *v, uint32_t cluster, uint32_t *next)
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
		return corrupt(v, FAT_CORRUPT_CLUSTER_FREE);
	if (val > v->clusters + 1) /* includes the bad-cluster marker */
		return corrupt(v, FAT_CORRUPT_CLUSTER_RANGE);
	*next = val;
	return FAT_OK;
}

/* --- names --------------------------------------------------------------- */

static uint16_t ascii_upper(uint16_t c)
{
	return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
}

/* Bytes in the UTF-8 sequence that `lead` starts; 0 if it starts none. */
static unsigned utf8_len(uint8_t lead)
{
	if (lead < 0x80)
		return 1;
	if (lead < 0xC2 || lead > 0xF4) /* continuation, overlong, > U+10FFFF */
		return 0;
	if (lead < 0xE0)
		return 2;
	return lead < 0xF0 ? 3 : 4;
}

/* The code point of the sequence at s[0..l), or -1 if it is malformed. */
static int32_t utf8_decode(const uint8_t *s, unsigned l)
{
	static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
	uint32_t cp = s[0] & (0x7F >> l);
	unsigned j;

	for (j = 1; j < l; j++) {
		if ((s[j] & 0xC0) != 0x80)
			return -1;
		cp = cp << 6 | (s[j] & 0x3F);
	}
	if (cp < min[l] || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000))
		return -1;
	return (int32_t)cp;
}

/* Path component (UTF-8) to UTF-16 in v->want. A byte that starts no valid
 * sequence stands for itself (Latin-1), so odd paths still match 8.3. */
static int name_decode(struct fat_volume *v, const char *s, size_t n,
		       size_t *len)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t i = 0, k = 0;
	unsigned l;
	int32_t cp;

	while (i < n) {
		l = utf8_len(u[i]);
		cp = l == 1 ? u[i] : -1;
		if (l > 1 && i + l <= n)
			cp = utf8_decode(u + i, l);
		if (cp < 0) {
			cp = u[i];
			l = 1;
		}
		i += l;
		if (k + (cp >= 0x10000 ? 2 : 1) > FAT_NAME_MAX)
			return FAT_ENAMETOOLONG;
		if (cp >= 0x10000) { /* a surrogate pair, as VFAT stores it */
			cp -= 0x10000;
			v->want[k++] = (uint16_t)(0xD800 | cp >> 10);
			v->want[k++] = (uint16_t)(0xDC00 | (cp & 0x3FF));
		} else {
			v->want[k++] = (uint16_t)cp;
		}
	}
	*len = k;
	return FAT_OK;
}

/* ASCII letters fold; everything else must be equal. */
static bool units_match(const uint16_t *a, const uint16_t *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ascii_upper(a[i]) != ascii_upper(b[i]))
			return false;
	return true;
}

/* "KERNEL  BIN" against "kernel.bin": trailing blanks dropped, the dot
 * only when there is an extension. */
static bool short_match(const uint8_t raw[11], const char *s, size_t n)
{
	uint8_t name[12];
	size_t len = 0, base = 8, ext = 3, i;

	while (base && raw[base - 1] == ' ')
		base--;
	while (ext && raw[8 + ext - 1] == ' ')
		ext--;
	for (i = 0; i < base; i++)
		name[len++] = raw[i];
	if (len && name[0] == 0x05) /* 0xE5 as a first byte, escaped */
		name[0] = 0xE5;
	if (ext) {
		name[len++] = '.';
		for (i = 0; i < ext; i++)
			name[len++] = raw[8 + i];
	}
	if (len != n)
		return false;
	for (i = 0; i < n; i++)
		if (ascii_upper(name[i]) != ascii_upper((uint8_t)s[i]))
			return false;
	return true;
}

static uint8_t short_checksum(const uint8_t raw[11])
{
	uint8_t sum = 0;
	unsigned i;

	for (i = 0; i < 11; i++)
		sum = (uint8_t)(((sum & 1) << 7) + (sum >> 1) + raw[i]);
	return sum;
}

/* --- directories --------------------------------------------------------- */

/* Long-name entries come last-part first (ord N | 0x40, N-1, .., 1) just
 * before their 8.3 entry; any gap or checksum change drops the name. */
struct lfn_state {
	uint8_t next; /* ord expected next; 0 = run complete */
	uint8_t sum;
	bool live; /* a run is being collected */
	size_t len;
};

static void lfn_take(struct fat_volume *v, struct lfn_state *st,
		     const uint8_t *raw)
{
	struct fat_lfn e;
	uint16_t ch[13];
	unsigned ord, i;

	memcpy(&e, raw, sizeof(e));
	memcpy(ch, e.LDIR_Name1, sizeof(e.LDIR_Name1));
	memcpy(ch + 5, e.LDIR_Name2, sizeof(e.LDIR_Name2));
	memcpy(ch + 11, e.LDIR_Name3, sizeof(e.LDIR_Name3));
	ord = e.LDIR_Ord & ~0x40u;
	if (ord == 0 || ord > LFN_MAX_ORD || e.LDIR_Type != 0 ||
	    e.LDIR_FstClusLO != 0) {
		st->live = false;
		return;
	}
	if (e.LDIR_Ord & 0x40) {
		st->live = true;
		st->sum = e.LDIR_Chksum;
		st->len = ord * 13;
		for (i = 0; i < 13; i++)
			if (ch[i] == 0) {
				st->len = (ord - 1) * 13 + i;
				break;
			}
		if (st->len == 0 || st->len > FAT_NAME_MAX)
			st->live = false;
	} else if (!st->live || ord != st->next || e.LDIR_Chksum != st->sum) {
		st->live = false;
		return;
	}
	st->next = (uint8_t)(ord - 1);
	memcpy(&v->lfn[(ord - 1) * 13], ch, sizeof(ch));
}

struct dir_hit {
	uint8_t attr;
	uint32_t cluster;
	uint32_t size;
};

enum { VISIT_MORE = 1 };

/* One 32-byte entry: VISIT_MORE, FAT_OK with *hit filled, or FAT_ENOENT at
 * the end-of-directory marker. */
static int dir_visit(struct fat_volume *v, struct lfn_state *st,
		     const uint8_t *raw, const char *name, size_t name_len,
		     size_t want_len, struct dir_hit *hit)
{
	struct fat_dirent d;
	bool long_ok;

	if (raw[0] == 0x00)
		return FAT_ENOENT;
	if (raw[0] == 0xE5) {
		st->live = false;
		return VISIT_MORE;
	}
	if ((raw[11] & 0x3F) == FAT_ATTR_LONG_NAME) {
		lfn_take(v, st, raw);
		return VISIT_MORE;
	}
	long_ok = st->live && st->next == 0 && st->sum == short_checksum(raw);
	st->live = false;
	if (raw[11] & FAT_ATTR_VOLUME_ID)
		return VISIT_MORE;
	if (!(long_ok && st->len == want_len &&
	      units_match(v->lfn, v->want, want_len)) &&
	    !short_match(raw, name, name_len))
		return VISIT_MORE;
	memcpy(&d, raw, sizeof(d));
	hit->attr = d.DIR_Attr;
	hit->cluster = d.DIR_FstClusLO;
	if (v->type == 32) /* FAT12/16 may keep OS/2 data in the HI word */
		hit->cluster |= (uint32_t)d.DIR_FstClusHI << 16;
	hit->size = d.DIR_FileSize;
	return FAT_OK;
}

/* Finds `name` in the directory at `dir` (0 = the FAT12/16 fixed root). */
static int dir_lookup(struct fat_volume *v, uint32_t dir, const char *name,
		      size_t name_len, size_t want_len, struct dir_hit *hit)
{
	struct lfn_state st = {0};
	uint32_t sector, nsec, i, e, seen = 0, next;
	int r;

	if (dir == 0) {
		sector = v->root_start;
		nsec = v->root_sectors;
	} else {
		sector = cluster_sector(v, dir);
		nsec = 1u << v->spc_shift;
	}
	for (;;) {
		for (i = 0; i < nsec; i++) {
			r = dev_read(v, sector + i, 1, v->sector);
			if (r)
				return r;
			for (e = 0; e < SECTOR; e += 32) {
				r = dir_visit(v, &st, v->sector + e, name,
					      name_len, want_len, hit);
				if (r != VISIT_MORE)
					return r;
			}
		}
		if (dir == 0)
			return FAT_ENOENT;
		r = chain_next(v, dir, &next);
		if (r)
			return r;
		if (next == 0)
			return FAT_ENOENT;
		seen += nsec * (SECTOR / 32);
		if (seen >= DIR_MAX_ENTRIES)
			return corrupt(v, FAT_CORRUPT_DIR_LOOP);
		dir = next;
		sector = cluster_sector(v, dir);
	}
}

static bool cluster_valid(const struct fat_volume *v, uint32_t c)
{
	return c >= 2 && c <= v->clusters + 1;
}

/* --- files --------------------------------------------------------------- */

/* Moves to the next cluster of the chain. The cluster holding the last
 * byte must carry the end marker: that is what catches loops. */
static int file_step(struct fat_file *f)
{
	struct fat_volume *v = f->vol;
	uint32_t next;
	int err;

	err = chain_next(v, f->cluster, &next);
	if (err)
		return err;
	if (next == 0)
		return corrupt(v, FAT_CORRUPT_CHAIN_SHORT);
	/* Brent's cycle check: meeting the cluster saved at the last power-
	 * of-two index again is a loop, found within twice its length rather
	 * than at a size the directory entry may put at 4 GiB. */
	if (next == f->mark)
		return corrupt(v, FAT_CORRUPT_CHAIN_LONG);
	f->cluster = next;
	f->index++;
	if ((f->index & (f->index - 1)) == 0)
		f->mark = next;
	if (f->index + 1 == f->clusters) {
		err = chain_next(v, next, &next);
		if (err)
			return err;
		if (next != 0)
			return corrupt(v, FAT_CORRUPT_CHAIN_LONG);
	}
	return FAT_OK;
}

static int file_seek_cluster(struct fat_file *f, uint32_t index)
{
	int err;

	/* The chain is singly linked: going back means starting over. */
	if (index < f->index) {
		f->index = 0;
		f->cluster = f->mark = f->first_cluster;
	}
	while (f->index < index) {
		err = file_step(f);
		if (err)
			return err;
	}
	return FAT_OK;
}

static int file_init(struct fat_volume *v, const struct dir_hit *hit,
		     struct fat_file *f)
{
	uint32_t next;
	int err;

	memset(f, 0, sizeof(*f));
	f->vol = v;
	f->attr = hit->attr;
	f->size = hit->size;
	f->clusters =
	    (uint32_t)(((uint64_t)hit->size + (SECTOR << v->spc_shift) - 1) >>
		       (v->spc_shift + 9));
	if (f->clusters == 0) /* an empty file's cluster is not used */
		return FAT_OK;
	if (hit->cluster == 0)
		return corrupt(v, FAT_CORRUPT_CHAIN_SHORT);
	if (!cluster_valid(v, hit->cluster))
		return corrupt(v, FAT_CORRUPT_CLUSTER_RANGE);
	f->first_cluster = f->cluster = f->mark = hit->cluster;
	if (f->clusters == 1) {
		err = chain_next(v, f->cluster, &next);
		if (err)
			return err;
		if (next != 0)
			return corrupt(v, FAT_CORRUPT_CHAIN_LONG);
	}
	return FAT_OK;
}

int fat_open(struct fat_volume *v, const char *path, struct fat_file *f)
{
	struct dir_hit hit = {.attr = FAT_ATTR_DIRECTORY};
	uint32_t dir;
	const char *end;
	size_t want_len;
	int err;

	if (!v || !path || !f || !v->type)
		return FAT_EINVAL;
	dir = root_dir(v);
	for (;;) {
		while (*path == '/')
			path++;
		if (!*path)
			break;
		end = path;
		while (*end && *end != '/')
			end++;
		err = name_decode(v, path, (size_t)(end - path), &want_len);
		if (err)
			return err;
		err = dir_lookup(v, dir, path, (size_t)(end - path), want_len,
				 &hit);
		if (err)
			return err;
		if (hit.attr & FAT_ATTR_DIRECTORY) {
			/* ".." of a first-level directory says 0: root. */
			dir = hit.cluster ? hit.cluster : root_dir(v);
			if (dir && !cluster_valid(v, dir))
				return corrupt(v, FAT_CORRUPT_CLUSTER_RANGE);
		}
		path = end;
		if (*path && !(hit.attr & FAT_ATTR_DIRECTORY))
			return FAT_ENOTDIR; /* "file/" or "file/x" */
	}
	if (hit.attr & FAT_ATTR_DIRECTORY)
		return FAT_EISDIR;
	err = file_init(v, &hit, f);
	if (err) /* a read through a failed open must not touch the disk */
		memset(f, 0, sizeof(*f));
	return err;
}

uint32_t fat_size(const struct fat_file *f)
{
	return f->size;
}

uint32_t fat_tell(const struct fat_file *f)
{
	return f->pos;
}

int fat_seek(struct fat_file *f, uint32_t pos)
{
	if (!f || pos > f->size)
		return FAT_EINVAL;
	f->pos = pos;
	return FAT_OK;
}

/* Whole sectors from f->pos straight into out: one device call for the
 * run of physically contiguous clusters that starts at f->cluster. */
static int read_run(struct fat_file *f, uint8_t *out, uint32_t want,
		    uint32_t *got)
{
	struct fat_volume *v = f->vol;
	uint32_t cmask = (SECTOR << v->spc_shift) - 1;
	uint32_t sector =
	    cluster_sector(v, f->cluster) + (f->pos & cmask) / SECTOR;
	uint32_t run = ((cmask + 1) - (f->pos & cmask)) / SECTOR, prev;
	int err;

	while (run < want) {
		prev = f->cluster;
		err = file_step(f);
		if (err)
			return err;
		if (f->cluster != prev + 1)
			break;
		run += 1u << v->spc_shift;
	}
	if (run > want)
		run = want;
	err = dev_read(v, sector, run, out);
	if (err)
		return err;
	*got = run * SECTOR;
	return FAT_OK;
}

int fat_read(struct fat_file *f, void *buf, uint32_t len)
{
	struct fat_volume *v;
	uint8_t *out = buf;
	uint32_t done = 0, left, in_sec, n, sector, cshift;
	int err;

	if (!f || !f->vol || (!buf && len))
		return FAT_EINVAL;
	v = f->vol;
	cshift = v->spc_shift + 9u;
	if (f->pos >= f->size)
		return 0;
	if (len > f->size - f->pos)
		len = f->size - f->pos;
	if (len > READ_MAX)
		len = READ_MAX;
	while (done < len) {
		left = len - done;
		err = file_seek_cluster(f, f->pos >> cshift);
		if (err)
			return err;
		in_sec = f->pos % SECTOR;
		if (in_sec == 0 && left >= SECTOR) {
			err = read_run(f, out + done, left / SECTOR, &n);
			if (err)
				return err;
		} else {
			/* A partial sector: through the volume's buffer. */
			sector = cluster_sector(v, f->cluster) +
				 (f->pos & ((1u << cshift) - 1)) / SECTOR;
			err = dev_read(v, sector, 1, v->sector);
			if (err)
				return err;
			n = SECTOR - in_sec;
			if (n > left)
				n = left;
			memcpy(out + done, v->sector + in_sec, n);
		}
		done += n;
		f->pos += n;
	}
	return (int)done;
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
