// SPDX-License-Identifier: BSD-2-Clause
// bzboot check: the entries that leave bzboot for another system through a
// module. mboot.c32 as the mboot module's mboot_run() takes it (the words
// split by mb_split(), every file opened, gzip unpacked, the kernel's
// Multiboot header and segments), boot-sector files as chain_kernel_boot()
// and chain.c32's file= and OS loaders as chain_file_boot() (size, 0xAA55,
// load address). The decisions are protocol/'s and cmdline/'s, the same
// functions stage2 calls; only what needs the real PC is left out.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline/chain_args.h"
#include "protocol/boot_msg.h"
#include "protocol/inflate.h"
#include "protocol/multiboot.h"
#include "tools/check.h"

#define MEM_HIGH      0x100000u /* stage2's memory.h: 1 MiB */
#define CHAIN_LOW_MIN 0x600u	/* stage2's chain_file.h */

/* stage2's struct place: the RAM from 1 MiB that files are placed in
 * (up) and staged in (down), as mboot_boot.c moves both. */
struct place {
	uint32_t up, down;
};

/* Whether size bytes, 16-byte aligned, fit between up and down. */
static bool fits(const struct place *pl, uint64_t size)
{
	return pl->down - pl->up >= 16 && size <= pl->down - pl->up - 16;
}

/* The whole file in a buffer of its own (NULL after a message). */
static uint8_t *read_all(const struct check_env *e, const char *path,
			 uint64_t *size, char *out, size_t osize)
{
	uint8_t byte, *buf;

	if (check_read(e, path, &byte, 0, size, 0, out, osize))
		return NULL;
	buf = malloc(*size ? *size : 1);
	if (!buf)
		check_add(out, osize, "%s: out of memory", path);
	else if (check_read(e, path, buf, *size, size, 1, out, osize)) {
		free(buf);
		buf = NULL;
	}
	return buf;
}

/* stage(): the file read below pl->down (NULL after a message). */
static uint8_t *stage(const struct check_env *e, const char *name,
		      struct place *pl, uint64_t *size, char *out, size_t osize)
{
	uint8_t *data = read_all(e, name, size, out, osize);

	if (data && !fits(pl, *size)) {
		check_add(out, osize, BZ_MSG_MB_NOFIT, name,
			  (unsigned)(*size >> 10), (pl->down - pl->up) >> 10);
		free(data);
		return NULL;
	}
	if (data)
		pl->down = (pl->down - (uint32_t)*size) & ~0xFu;
	return data;
}

/* gunzip(): a gzip file unpacked to `dst` (an address), room up to
 * `limit`; *data and *size become the unpacked copy's. */
static int gunzip(const char *name, uint8_t **data, uint64_t *size,
		  uint32_t dst, uint32_t limit, char *out, size_t osize)
{
	static struct inflate_work w;
	uint32_t want = gzip_isize(*data, *size);
	uint8_t *buf;
	size_t got = 0;
	int err = -1;

	if (want > limit - dst)
		check_add(out, osize, BZ_MSG_MB_UNPACK_ROOM, name, want >> 10,
			  (limit - dst) >> 10);
	else if (!(buf = malloc(want ? want : 1)))
		check_add(out, osize, "%s: out of memory", name);
	else {
		err = gzip_inflate(&w, *data, *size, buf, want, &got);
		free(*data);
		*data = buf;
		*size = got;
		if (err)
			check_add(out, osize, BZ_MSG_MB_UNPACK, name,
				  inflate_strerror(err));
	}
	return err;
}

/* load_kernel(): staged, unpacked, its header and segments. */
static int mb_kernel(const struct check_env *e, const char *name, bool aout,
		     struct place *pl, char *out, size_t osize)
{
	struct mb_image im;
	uint64_t size;
	uint8_t *data = stage(e, name, pl, &size, out, osize);
	bool gz = data && gzip_is(data, size);
	int err = data ? 0 : -1;

	if (gz) {
		uint32_t want = gzip_isize(data, size), dst;

		dst = (pl->down - want) & ~0xFu;
		if (!fits(pl, want))
			err = gunzip(name, &data, &size, pl->up, pl->down, out,
				     osize);
		else if (!(err = gunzip(name, &data, &size, dst, pl->down, out,
					osize)))
			pl->down = dst;
	}
	if (!err && (err = mb_image_parse(data, size, aout, &im)) != 0)
		check_add(out, osize, "%s: %s", name, mb_strerror(err));
	for (unsigned i = 0; !err && i < im.nseg; i++) {
		const char *why = mb_segment_why(&im, i, pl->down);
		const struct mb_segment *s = &im.seg[i];

		if (why) {
			check_add(out, osize, BZ_MSG_MB_SEGMENT, name, s->dest,
				  s->dest + s->memsz - 1, why);
			err = -1;
		}
	}
	if (!err) {
		pl->up = (im.end + 0xFFFu) & ~0xFFFu;
		check_add(out, osize, "Multiboot kernel %s (%s%s, entry 0x%x)",
			  name, gz ? "gzip, " : "",
			  im.elf ? "ELF" : "a.out kludge", im.entry);
	}
	free(data);
	return err;
}

/* load_module(): staged, then placed at pl->up (unpacked if gzip). */
static int mb_module(const struct check_env *e, const char *name,
		     struct place *pl, char *out, size_t osize)
{
	uint32_t top = pl->down;
	uint64_t size;
	uint8_t *data = stage(e, name, pl, &size, out, osize);
	bool gz = data && gzip_is(data, size);
	int err = data ? 0 : -1;

	if (gz)
		err = gunzip(name, &data, &size, pl->up, pl->down, out, osize);
	if (!err) {
		check_add(out, osize, "%s (%s%llu bytes%s)", name,
			  gz ? "gzip, " : "", (unsigned long long)size,
			  gz ? " unpacked" : "");
		pl->up = (pl->up + (uint32_t)size + 0xFFFu) & ~0xFFFu;
		pl->down = top;
	}
	free(data);
	return err;
}

enum check_status check_mboot(const struct check_env *e,
			      const struct cfg_boot *b, char *out, size_t size)
{
	const char *const src[] = {b->kernel_args, b->append, b->extra};
	static char buf[3 * CFG_APPEND_MAX], name[CFG_PATH_MAX];
	struct mb_files f;
	struct place pl = {MEM_HIGH, mb_upper_end(e->map, PCMAP_N) & ~0xFFFu};
	int err = mb_split(src, 3, buf, sizeof(buf), &f);

	check_add(out, size, "mboot.c32: ");
	if (err) {
		check_add(out, size, "%s", mb_strerror(err));
		return CHECK_FAIL;
	}
	for (unsigned i = 0; i < f.n; i++) {
		size_t len = mb_name_len(f.cmdline[i]);

		if (len >= sizeof(name)) {
			check_add(out, size,
				  "a file name is longer than %u characters",
				  CFG_PATH_MAX - 1);
			return CHECK_FAIL;
		}
		memcpy(name, f.cmdline[i], len);
		name[len] = '\0';
		check_add(out, size, i > 1 ? ", " : i ? "; modules " : "");
		err = i ? mb_module(e, name, &pl, out, size)
			: mb_kernel(e, name, f.aout, &pl, out, size);
		if (err)
			return CHECK_FAIL;
		if (!i)
			check_add(out, size, ", command line \"%s\"",
				  f.cmdline[0]);
	}
	return CHECK_OTHER;
}

/* chain_file_load(): 1 byte to the room below low memory's top from
 * `base`, and a sector image if it boots as one. */
static enum check_status boot_file(const struct check_env *e, const char *path,
				   uint32_t base, bool sector_image, char *out,
				   size_t size)
{
	uint32_t max = PCMAP_EBDA_START > base ? PCMAP_EBDA_START - base : 0;
	uint64_t fsize;
	uint8_t *data = read_all(e, path, &fsize, out, size);
	enum check_status st = CHECK_FAIL;

	if (!data)
		return CHECK_FAIL;
	if (!fsize || fsize > max)
		check_add(out, size, BZ_MSG_BOOT_FILE_SIZE, path,
			  (unsigned long)fsize, (unsigned long)max,
			  (unsigned long)PCMAP_EBDA_START,
			  fsize ? BZ_MSG_BOOT_FILE_HINT : "");
	else if (sector_image && !chain_sector_image(data, (uint32_t)fsize))
		check_add(out, size, BZ_MSG_NOT_SECTOR, path);
	else
		st = CHECK_OTHER;
	free(data);
	return st;
}

enum check_status check_boot_sector(const struct check_env *e,
				    const struct cfg_boot *b, char *out,
				    size_t size)
{
	if (boot_file(e, b->kernel, CHAIN_SECTOR_ADDR, true, out, size) ==
	    CHECK_FAIL)
		return CHECK_FAIL;
	check_add(out, size, "boot sector %s at 0:7C00%s", b->kernel,
		  b->type == CFG_KT_BSS ? ", the boot volume's BPB patched in"
					: "");
	return CHECK_OTHER;
}

enum check_status check_chain_file(const struct check_env *e,
				   const struct chain_args *a, char *out,
				   size_t size)
{
	const struct chain_load *l = &a->ld;
	uint32_t fbase = l->fseg * 16 + l->foff, sbase = l->sseg * 16 + l->soff;
	const char *c = chain_load_conflict(l, a->bpb != 0);

	/* chain_file.c's check(), before the file is read */
	if (c)
		check_add(out, size, BZ_MSG_CHAIN_NOSECT, c);
	else if (l->kind == CHAIN_LDR_ISOLINUX)
		check_add(out, size, BZ_MSG_CHAIN_ISOLINUX);
	else if (fbase < CHAIN_LOW_MIN || (l->maps && sbase < CHAIN_LOW_MIN))
		check_add(
		    out, size, BZ_MSG_CHAIN_LOW,
		    fbase < CHAIN_LOW_MIN ? "file" : "sector",
		    (unsigned long)(fbase < CHAIN_LOW_MIN ? fbase : sbase),
		    CHAIN_LOW_MIN);
	else if (fbase >= PCMAP_EBDA_START ||
		 (l->sect && sbase + 512 > PCMAP_EBDA_START))
		check_add(
		    out, size, BZ_MSG_CHAIN_HIGH,
		    fbase >= PCMAP_EBDA_START ? "file" : "sector",
		    (unsigned long)(fbase >= PCMAP_EBDA_START ? fbase : sbase),
		    (unsigned long)PCMAP_EBDA_START);
	else
		return boot_file(e, l->file, fbase,
				 l->kind != CHAIN_LDR_GRLDR && !l->fseg &&
				     fbase == CHAIN_SECTOR_ADDR &&
				     l->fip == CHAIN_SECTOR_ADDR,
				 out, size);
	return CHECK_FAIL;
}
