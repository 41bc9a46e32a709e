// SPDX-License-Identifier: BSD-2-Clause
/* FAT names and directories: a path component (UTF-8) against VFAT long
 * names and 8.3 names, directory walks bounded by the 65536-entry limit,
 * and the walk of a whole path from the root. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fs/fat.h"
#include "fs/fat_priv.h"

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
	long_ok =
	    st->live && st->next == 0 && st->sum == fat_short_checksum(raw);
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
			r = fat_dev_read(v, sector + i, 1, v->sector);
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
		r = fat_chain_next(v, dir, &next);
		if (r)
			return r;
		if (next == 0)
			return FAT_ENOENT;
		seen += nsec * (SECTOR / 32);
		if (seen >= DIR_MAX_ENTRIES)
			return fat_corrupt(v, FAT_CORRUPT_DIR_LOOP);
		dir = next;
		sector = cluster_sector(v, dir);
	}
}

int fat_path_lookup(struct fat_volume *v, const char *path, struct dir_hit *hit)
{
	uint32_t dir = root_dir(v);
	const char *end;
	size_t want_len;
	int err;

	hit->attr = FAT_ATTR_DIRECTORY;
	for (;;) {
		while (*path == '/')
			path++;
		if (!*path)
			return FAT_OK;
		end = path;
		while (*end && *end != '/')
			end++;
		err = name_decode(v, path, (size_t)(end - path), &want_len);
		if (err)
			return err;
		err = dir_lookup(v, dir, path, (size_t)(end - path), want_len,
				 hit);
		if (err)
			return err;
		if (hit->attr & FAT_ATTR_DIRECTORY) {
			/* ".." of a first-level directory says 0: root. */
			dir = hit->cluster ? hit->cluster : root_dir(v);
			if (dir && !cluster_valid(v, dir))
				return fat_corrupt(v,
						   FAT_CORRUPT_CLUSTER_RANGE);
		}
		path = end;
		if (*path && !(hit->attr & FAT_ATTR_DIRECTORY))
			return FAT_ENOTDIR; /* "file/" or "file/x" */
	}
}
