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

/* Helpers the lookup (stage2's core) and the listing (the cmds module)
 * share: inlined into each, so stage2, which has no listing, keeps the
 * one inlined lookup it had before. */
#define INLINE static inline __attribute__((always_inline))

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

/* "KERNEL  BIN" as "KERNEL.BIN" in name (12 bytes, no NUL): trailing
 * blanks dropped, the dot only when there is an extension. Its length. */
INLINE size_t short_name(const uint8_t raw[11], uint8_t name[12])
{
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
	return len;
}

/* "KERNEL  BIN" against "kernel.bin", ignoring ASCII case. */
static bool short_match(const uint8_t raw[11], const char *s, size_t n)
{
	uint8_t name[12];
	size_t i;

	if (short_name(raw, name) != n)
		return false;
	for (i = 0; i < n; i++)
		if (ascii_upper(name[i]) != ascii_upper((uint8_t)s[i]))
			return false;
	return true;
}

/* --- directories --------------------------------------------------------- */

/* Long-name entries come last-part first (ord N | 0x40, N-1, .., 1) just
 * before their 8.3 entry (struct fat_lfn_run collects them); any gap or
 * checksum change drops the name. */
static void lfn_take(struct fat_volume *v, struct fat_lfn_run *st,
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

/* The next 32-byte entry of the directory w walks, in v->sector:
 * FAT_OK, FAT_ENOENT past its last sector, or an error. */
INLINE int walk_next(struct fat_volume *v, struct fat_walk *w,
		     const uint8_t **raw)
{
	uint32_t next;
	int r;

	if (++w->seen > DIR_MAX_ENTRIES)
		return fat_corrupt(v, FAT_CORRUPT_DIR_LOOP);
	if (w->pos == SECTOR) {
		if (!w->left) {
			if (w->cluster == 0) /* the fixed root ends here */
				return FAT_ENOENT;
			r = fat_chain_next(v, w->cluster, &next);
			if (r)
				return r;
			if (next == 0)
				return FAT_ENOENT;
			w->cluster = next;
			w->sector = cluster_sector(v, next);
			w->left = 1u << v->spc_shift;
		}
		r = fat_dev_read(v, w->sector++, 1, v->sector);
		if (r)
			return r;
		w->left--;
		w->pos = 0;
	}
	*raw = v->sector + w->pos;
	w->pos += 32;
	return FAT_OK;
}

/* Starts a walk of the directory at `dir` (0 = the FAT12/16 fixed root). */
INLINE void walk_start(const struct fat_volume *v, struct fat_walk *w,
		       uint32_t dir)
{
	memset(w, 0, sizeof(*w));
	w->pos = SECTOR;
	w->cluster = dir;
	w->sector = dir ? cluster_sector(v, dir) : v->root_start;
	w->left = dir ? 1u << v->spc_shift : v->root_sectors;
}

enum { ENT_END, ENT_SKIP, ENT_SHORT, ENT_LONG };

/* What one 32-byte entry is: the end-of-directory marker, nothing to
 * show (deleted, a long-name part, the volume label), or a file or
 * directory with only its 8.3 name or with the long name in v->lfn. */
INLINE int entry_kind(struct fat_volume *v, struct fat_lfn_run *st,
		      const uint8_t *raw)
{
	bool long_ok;

	if (raw[0] == 0x00)
		return ENT_END;
	if (raw[0] == 0xE5) {
		st->live = false;
		return ENT_SKIP;
	}
	if ((raw[11] & 0x3F) == FAT_ATTR_LONG_NAME) {
		lfn_take(v, st, raw);
		return ENT_SKIP;
	}
	long_ok =
	    st->live && st->next == 0 && st->sum == fat_short_checksum(raw);
	st->live = false;
	if (raw[11] & FAT_ATTR_VOLUME_ID)
		return ENT_SKIP;
	return long_ok ? ENT_LONG : ENT_SHORT;
}

INLINE void hit_fill(const struct fat_volume *v, const uint8_t *raw,
		     struct dir_hit *hit)
{
	struct fat_dirent d;

	memcpy(&d, raw, sizeof(d));
	hit->attr = d.DIR_Attr;
	hit->cluster = d.DIR_FstClusLO;
	if (v->type == 32) /* FAT12/16 may keep OS/2 data in the HI word */
		hit->cluster |= (uint32_t)d.DIR_FstClusHI << 16;
	hit->size = d.DIR_FileSize;
}

/* Finds `name` in the directory at `dir` (0 = the FAT12/16 fixed root). */
static int dir_lookup(struct fat_volume *v, uint32_t dir, const char *name,
		      size_t name_len, size_t want_len, struct dir_hit *hit)
{
	struct fat_lfn_run st = {0};
	struct fat_walk w;
	const uint8_t *raw = NULL;
	int r, kind;

	walk_start(v, &w, dir);
	for (;;) {
		r = walk_next(v, &w, &raw);
		if (r)
			return r;
		kind = entry_kind(v, &st, raw);
		if (kind == ENT_END)
			return FAT_ENOENT;
		if ((kind == ENT_LONG && st.len == want_len &&
		     units_match(v->lfn, v->want, want_len)) ||
		    (kind != ENT_SKIP && short_match(raw, name, name_len))) {
			hit_fill(v, raw, hit);
			return FAT_OK;
		}
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

/* --- listing ------------------------------------------------------------- */

int fat_opendir(struct fat_volume *v, const char *path, struct fat_dir *d)
{
	struct dir_hit hit = {0};
	int err;

	if (!v || !path || !d || !v->type)
		return FAT_EINVAL;
	err = fat_path_lookup(v, path, &hit);
	if (err)
		return err;
	if (!(hit.attr & FAT_ATTR_DIRECTORY))
		return FAT_ENOTDIR;
	memset(d, 0, sizeof(*d));
	d->vol = v;
	/* The root, or ".." of a first-level directory, says cluster 0. */
	walk_start(v, &d->walk, hit.cluster ? hit.cluster : root_dir(v));
	return FAT_OK;
}

/* UTF-16 (pairs joined) to UTF-8; an unpaired surrogate becomes '?'. */
static void utf16_to_utf8(const uint16_t *u, size_t n, char *out)
{
	uint32_t cp;
	size_t i;

	for (i = 0; i < n; i++) {
		cp = u[i];
		if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < n &&
		    u[i + 1] >= 0xDC00 && u[i + 1] < 0xE000)
			cp =
			    0x10000 + ((cp - 0xD800) << 10) + (u[++i] - 0xDC00);
		else if (cp >= 0xD800 && cp < 0xE000)
			cp = '?';
		if (cp < 0x80) {
			*out++ = (char)cp;
		} else if (cp < 0x800) {
			*out++ = (char)(0xC0 | cp >> 6);
			*out++ = (char)(0x80 | (cp & 0x3F));
		} else if (cp < 0x10000) {
			*out++ = (char)(0xE0 | cp >> 12);
			*out++ = (char)(0x80 | (cp >> 6 & 0x3F));
			*out++ = (char)(0x80 | (cp & 0x3F));
		} else {
			*out++ = (char)(0xF0 | cp >> 18);
			*out++ = (char)(0x80 | (cp >> 12 & 0x3F));
			*out++ = (char)(0x80 | (cp >> 6 & 0x3F));
			*out++ = (char)(0x80 | (cp & 0x3F));
		}
	}
	*out = '\0';
}

/* The 8.3 name as Windows NT shows it: DIR_NTRes bit 3 lowers the base,
 * bit 4 the extension. Bytes above 0x7F (an OEM code page) become '?'. */
static void short_to_utf8(const uint8_t *raw, char *out)
{
	uint8_t name[12];
	size_t len = short_name(raw, name), i;
	uint8_t lower = 0x08;

	for (i = 0; i < len; i++) {
		uint8_t c = name[i];

		if (c == '.')
			lower = 0x10;
		else if (c >= 'A' && c <= 'Z' && (raw[12] & lower))
			c = (uint8_t)(c + ('a' - 'A'));
		out[i] = c < 0x80 ? (char)c : '?';
	}
	out[len] = '\0';
}

int fat_readdir(struct fat_dir *d, struct fat_entry *e)
{
	struct fat_volume *v = d->vol;
	struct dir_hit hit;
	const uint8_t *raw = NULL;
	int r, kind;

	while (!d->done) {
		r = walk_next(v, &d->walk, &raw);
		if (r == FAT_ENOENT)
			break;
		if (r)
			return r;
		kind = entry_kind(v, &d->lfn, raw);
		if (kind == ENT_END)
			break;
		if (kind == ENT_SKIP ||
		    (raw[0] == '.' && (raw[1] == ' ' || raw[1] == '.')))
			continue;
		hit_fill(v, raw, &hit);
		e->attr = hit.attr;
		e->size = hit.size;
		if (kind == ENT_LONG)
			utf16_to_utf8(v->lfn, d->lfn.len, e->name);
		else
			short_to_utf8(raw, e->name);
		return 1;
	}
	d->done = true;
	return 0;
}
