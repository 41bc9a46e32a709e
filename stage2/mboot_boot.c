// SPDX-License-Identifier: BSD-2-Clause
/* mboot.c32 (stage2/mboot_boot.h). Where things go, all in the RAM that
 * runs without a gap from 1 MiB (mb_upper_end):
 *
 *   top of that RAM  files as read (staged), growing down: the kernel
 *                    file, its unpacked image below it, then each module
 *                    file in turn (released once it is in place)
 *   ...              free
 *   info block       multiboot_info, module list, memory map, strings
 *   modules          each on a 4 KiB boundary, unpacked if gzip
 *   kernel           its segments, where its ELF or a.out header says,
 *                    at or above 1 MiB
 *
 * The kernel's segments are copied from the staged image as the very
 * last step; stage2, this module, the stack and the heap all lie below
 * 1 MiB, where no segment may go, so nothing that still runs is touched
 * and everything before the copies can still fail and return. */
#include <stdio.h>
#include <string.h>
#include "heap.h"
#include "mboot_boot.h"
#include "memmap.h"
#include "memory.h"
#include "protocol/boot_msg.h"
#include "protocol/inflate.h"
#include "protocol/multiboot.h"
#include "volume.h"

#define PAGE 0x1000u

/* The free RAM left between what is placed for good (up) and what is
 * staged (down). */
struct place {
	uint32_t up, down;
	struct inflate_work *work;
};

static uint32_t page_up(uint32_t a)
{
	return (a + PAGE - 1) & ~(PAGE - 1);
}

/* Whether size bytes, put 16-byte aligned, fit between up and down
 * (without the overflow of size + 16 for a file near 4 GiB). */
static bool fits(const struct place *pl, uint32_t size)
{
	return pl->down - pl->up >= 16 && size <= pl->down - pl->up - 16;
}

/* Reads file `name` below pl->down; its bytes stay there until pl->down
 * is raised again. */
static int stage(struct volume *v, const char *name, struct place *pl,
		 uint8_t **data, uint32_t *size)
{
	struct fat_file f;
	int err = volume_file_open(v, name, &f);

	if (err)
		return err;
	*size = fat_size(&f);
	if (!fits(pl, *size)) {
		printf("bzboot: " BZ_MSG_MB_NOFIT "; nothing booted.\n", name,
		       *size >> 10, (pl->down - pl->up) >> 10);
		return -1;
	}
	pl->down = (pl->down - *size) & ~0xFu;
	*data = (uint8_t *)pl->down;
	printf("Loading %s ", name);
	err = volume_file_read(v, &f, name, *data, *size, true);
	if (!err)
		printf(" ok\n");
	return err;
}

/* Unpacks a gzip file at data to dst, which may use the RAM up to
 * `limit`; *size becomes the unpacked size. */
static int gunzip(const char *name, struct place *pl, const uint8_t *data,
		  uint32_t *size, uint8_t *dst, uint32_t limit)
{
	uint32_t want = gzip_isize(data, *size);
	size_t got;
	int err;

	if (want > limit - (uint32_t)dst) {
		printf("bzboot: " BZ_MSG_MB_UNPACK_ROOM "; nothing booted.\n",
		       name, want >> 10, (limit - (uint32_t)dst) >> 10);
		return -1;
	}
	err = gzip_inflate(pl->work, data, *size, dst, want, &got);
	if (err) {
		printf("bzboot: " BZ_MSG_MB_UNPACK "; nothing booted.\n", name,
		       inflate_strerror(err));
		return err;
	}
	*size = (uint32_t)got;
	return 0;
}

/* The kernel file, staged and unpacked, and its segments checked against
 * what bzboot needs (below 1 MiB, the staged files) and each other. */
static int load_kernel(struct volume *v, const char *name, bool aout,
		       struct place *pl, struct mb_image *im,
		       const uint8_t **img)
{
	uint8_t *data;
	uint32_t size;
	int err = stage(v, name, pl, &data, &size);

	if (err)
		return err;
	if (gzip_is(data, size)) {
		uint32_t want = gzip_isize(data, size);
		uint8_t *dst;

		if (!fits(pl, want)) {
			printf("bzboot: " BZ_MSG_MB_UNPACK_ROOM
			       "; nothing booted.\n",
			       name, want >> 10, (pl->down - pl->up) >> 10);
			return -1;
		}
		dst = (uint8_t *)((pl->down - want) & ~0xFu);
		err = gunzip(name, pl, data, &size, dst, pl->down);
		if (err)
			return err;
		data = dst;
		pl->down = (uint32_t)dst;
	}
	*img = data;
	err = mb_image_parse(data, size, aout, im);
	if (err) {
		printf("bzboot: %s: %s; nothing booted.\n", name,
		       mb_strerror(err));
		return err;
	}
	for (unsigned i = 0; i < im->nseg; i++) {
		const struct mb_segment *s = &im->seg[i];
		const char *why = mb_segment_why(im, i, pl->down);

		if (why) {
			printf("bzboot: " BZ_MSG_MB_SEGMENT
			       "; nothing booted.\n",
			       name, s->dest, s->dest + s->memsz - 1, why);
			return -1;
		}
	}
	pl->up = page_up(im->end);
	return 0;
}

/* Module i at pl->up, on a page boundary (unpacked as SYSLINUX's mboot.c32
 * and GRUB do); its staged copy is given back. */
static int load_module(struct volume *v, const char *name, struct place *pl,
		       struct mb_module *m)
{
	uint32_t top = pl->down, size;
	uint8_t *data, *dst = (uint8_t *)pl->up;
	int err = stage(v, name, pl, &data, &size);

	if (!err && gzip_is(data, size))
		err = gunzip(name, pl, data, &size, dst, pl->down);
	else if (!err)
		memmove(dst, data, size); /* below it: disjoint */
	if (err)
		return err;
	m->mod_start = pl->up;
	m->mod_end = pl->up + size;
	pl->up = page_up(m->mod_end);
	pl->down = top;
	return 0;
}

/* Copies string s to the info block's free end. */
static uint32_t put_string(uint32_t *at, const char *s, size_t len)
{
	uint32_t a = *at;

	memcpy((char *)a, s, len);
	((char *)a)[len] = '\0';
	*at += (uint32_t)len + 1;
	return a;
}

static const char loader_name[] = "bzboot " BZ_VERSION;

/* The multiboot_info and everything it points at, from pl->up. */
static struct mb_info *build_info(const struct volume *v,
				  const struct memory *mem,
				  const struct mb_files *f,
				  const struct mb_module *mods,
				  struct place *pl)
{
	unsigned nmods = f->n - 1, i;
	uint32_t need = sizeof(struct mb_info) + nmods * sizeof(*mods) +
			mem->nmap * sizeof(struct mb_mmap_entry) +
			sizeof(loader_name);
	uint32_t at, part = v->part.index ? v->part.index - 1 : 0xFF;
	struct mb_info *info = (struct mb_info *)pl->up;
	struct mb_mmap_entry *e;
	struct mb_module *list;

	for (i = 0; i < f->n; i++)
		need += strlen(f->cmdline[i]) + 1;
	if (need > pl->down - pl->up) {
		printf("bzboot: mboot.c32: no room for the Multiboot "
		       "information (%u bytes); nothing booted.\n",
		       need);
		return NULL;
	}
	memset(info, 0, need);
	list = (struct mb_module *)(info + 1);
	e = (struct mb_mmap_entry *)(list + nmods);
	at = (uint32_t)(e + mem->nmap);

	info->flags = MB_INFO_MEMORY | MB_INFO_BOOTDEV | MB_INFO_CMDLINE |
		      MB_INFO_BOOT_LOADER_NAME;
	info->mem_lower = mem->low_top >> 10;
	info->mem_upper = (mb_upper_end(mem->map, mem->nmap) - MEM_HIGH) >> 10;
	/* drive, then the partition (0-based; logical ones from 4, as the
	 * spec numbers DOS extended partitions); 0xFF: none */
	info->boot_device = (uint32_t)v->disk.drive << 24 |
			    (part > 0xFF ? 0xFF : part) << 16 | 0xFFFF;
	info->cmdline = put_string(&at, f->cmdline[0], strlen(f->cmdline[0]));
	info->boot_loader_name =
	    put_string(&at, loader_name, sizeof(loader_name) - 1);
	if (nmods) {
		info->flags |= MB_INFO_MODS;
		info->mods_count = nmods;
		info->mods_addr = (uint32_t)list;
	}
	for (i = 0; i < nmods; i++) {
		list[i] = mods[i];
		list[i].string = put_string(&at, f->cmdline[i + 1],
					    strlen(f->cmdline[i + 1]));
	}
	if (mem->nmap) {
		info->flags |= MB_INFO_MEM_MAP;
		info->mmap_addr = (uint32_t)e;
		info->mmap_length = mem->nmap * sizeof(*e);
	}
	for (i = 0; i < mem->nmap; i++, e++) {
		e->size = sizeof(*e) - 4;
		e->base_addr = mem->map[i].addr;
		e->length = mem->map[i].size;
		e->type = mem->map[i].type;
	}
	return info;
}

/* The spec's machine state (3.2): EAX magic, EBX the info, 32-bit
 * protected mode with flat segments (stage2's own GDT), paging off
 * (never on), A20 on (stage2 opened it), interrupts off. */
__attribute__((noreturn)) static void enter(uint32_t entry,
					    const struct mb_info *info)
{
	asm volatile("cli\n\t"
		     "jmp *%2"
		     :
		     : "a"(MB_BOOT_MAGIC), "b"(info), "r"(entry)
		     : "memory");
	__builtin_unreachable();
}

void mboot_run(struct volume *v, const struct memory *mem,
	       const struct cfg_boot *b)
{
	const char *const src[] = {b->kernel_args, b->append, b->extra};
	char *buf = heap_alloc(3 * CFG_APPEND_MAX);
	static struct mb_files f;
	static struct mb_image im;
	static struct mb_module mods[MB_MAX_FILES];
	static char name[CFG_PATH_MAX];
	struct place pl = {MEM_HIGH, 0, heap_alloc(sizeof(*pl.work))};
	const uint8_t *img = NULL;
	const struct mb_info *info;
	int err;

	if (!buf || !pl.work) {
		printf("bzboot: mboot.c32: out of loader memory.\n");
		return;
	}
	err = mb_split(src, 3, buf, 3 * CFG_APPEND_MAX, &f);
	if (err) {
		printf("bzboot: mboot.c32: %s; nothing booted.\n",
		       mb_strerror(err));
		return;
	}
	if (!mem->a20) {
		printf("bzboot: mboot.c32: memory above 1 MiB is not usable "
		       "(A20 stayed closed); nothing booted.\n");
		return;
	}
	pl.down = mb_upper_end(mem->map, mem->nmap) & ~(PAGE - 1);
	for (unsigned i = 0; i < f.n; i++) {
		size_t len = mb_name_len(f.cmdline[i]);

		if (len >= sizeof(name)) {
			printf("bzboot: mboot.c32: a file name is longer "
			       "than %u characters; nothing booted.\n",
			       CFG_PATH_MAX - 1);
			return;
		}
		memcpy(name, f.cmdline[i], len);
		name[len] = '\0';
		err = i ? load_module(v, name, &pl, &mods[i - 1])
			: load_kernel(v, name, f.aout, &pl, &im, &img);
		if (err)
			return;
	}
	info = build_info(v, mem, &f, mods, &pl);
	if (!info)
		return;
	/* The last step: nothing below fails. */
	for (unsigned i = 0; i < im.nseg; i++) {
		const struct mb_segment *s = &im.seg[i];

		memmove((void *)s->dest, img + s->offset, s->filesz);
		memset((uint8_t *)s->dest + s->filesz, 0, s->memsz - s->filesz);
	}
	enter(im.entry, info);
}
