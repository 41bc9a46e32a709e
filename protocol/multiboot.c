// SPDX-License-Identifier: BSD-2-Clause
/* Multiboot 1 words, header, image layout and memory size
 * (protocol/multiboot.h). The image is a file from the boot disk: every
 * offset and size in it is checked against the file before use. */
#include <string.h>
#include "protocol/le.h"
#include "protocol/multiboot.h"

const char *mb_strerror(int err)
{
	switch (err) {
	case MB_ENOFILE:
		return "no kernel named (mboot.c32 kernel args --- module "
		       "args ...)";
	case MB_EEMPTY:
		return "a '---' with no file after it";
	case MB_ETOOMANY:
		return "more than 16 files";
	case MB_ETOOLONG:
		return "the command lines are too long";
	case MB_ENOHEADER:
		return "no Multiboot header in its first 8192 bytes (not a "
		       "Multiboot kernel)";
	case MB_ECHECKSUM:
		return "its Multiboot header's checksum is wrong";
	case MB_EFLAGS:
		return "its Multiboot header asks for features bzboot lacks";
	case MB_ENOLAYOUT:
		return "neither an ELF image nor a Multiboot header with "
		       "load addresses";
	case MB_EBADIMAGE:
		return "its load addresses lie outside the file or past 4 GiB";
	case MB_ESEGMENTS:
		return "more than 16 segments to load";
	}
	return "unknown error";
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* One word of the line in src[] at (*i, *p): copied to *out; false at
 * the end. */
static bool next_word(const char *const *src, unsigned nsrc, unsigned *i,
		      const char **p, const char **w, size_t *wlen)
{
	for (; *i < nsrc; (*i)++, *p = NULL) {
		if (!*p)
			*p = src[*i];
		while (is_blank(**p))
			(*p)++;
		if (**p) {
			*w = *p;
			while (**p && !is_blank(**p))
				(*p)++;
			*wlen = (size_t)(*p - *w);
			return true;
		}
	}
	return false;
}

static bool word_is(const char *w, size_t len, const char *s)
{
	return len == strlen(s) && !memcmp(w, s, len);
}

int mb_split(const char *const *src, unsigned nsrc, char *buf, size_t size,
	     struct mb_files *f)
{
	unsigned i = 0;
	const char *p = NULL, *w;
	size_t len, used = 0;
	bool open = false; /* a file's line is being written */

	memset(f, 0, sizeof(*f));
	while (next_word(src, nsrc, &i, &p, &w, &len)) {
		/* mboot.c32's options come before the kernel */
		if (!f->n && !open && w[0] == '-' &&
		    (word_is(w, len, "-aout") || word_is(w, len, "-noaout") ||
		     word_is(w, len, "-solaris") ||
		     word_is(w, len, "-nosolaris"))) {
			if (word_is(w, len, "-aout") ||
			    word_is(w, len, "-noaout"))
				f->aout = w[1] == 'a';
			continue;
		}
		if (word_is(w, len, "---")) {
			if (!open)
				return f->n ? MB_EEMPTY : MB_ENOFILE;
			open = false;
			continue;
		}
		if (!open && f->n == MB_MAX_FILES)
			return MB_ETOOMANY;
		if (size - used < len + 1)
			return MB_ETOOLONG;
		if (open) {
			buf[used - 1] = ' '; /* over the previous NUL */
		} else {
			f->cmdline[f->n++] = buf + used;
			open = true;
		}
		memcpy(buf + used, w, len);
		used += len;
		buf[used++] = '\0';
	}
	if (!f->n)
		return MB_ENOFILE;
	return open ? 0 : MB_EEMPTY;
}

size_t mb_name_len(const char *cmdline)
{
	size_t n = 0;

	while (cmdline[n] && cmdline[n] != ' ')
		n++;
	return n;
}

/* The first header whose checksum holds; MB_ECHECKSUM when only a magic
 * with a wrong sum was seen. */
static int find_header(const uint8_t *img, size_t len, uint32_t *off)
{
	size_t lim = len < MB_SEARCH ? len : MB_SEARCH;
	bool bad_sum = false;

	for (size_t o = 0; o + 12 <= lim; o += 4) {
		uint32_t magic = le32_get(img + o);

		if (magic != MB_HEADER_MAGIC)
			continue;
		if (magic + le32_get(img + o + 4) + le32_get(img + o + 8)) {
			bad_sum = true;
			continue;
		}
		*off = (uint32_t)o;
		return 0;
	}
	return bad_sum ? MB_ECHECKSUM : MB_ENOHEADER;
}

static int add_segment(struct mb_image *im, uint64_t dest, uint64_t off,
		       uint64_t filesz, uint64_t memsz, size_t len)
{
	struct mb_segment *s;

	if (filesz > memsz)
		filesz = memsz; /* as SYSLINUX: the memory size bounds it */
	/* below 4 GiB, ending there at the latest (dest + memsz cannot
	 * wrap: memsz < 4 GiB once dest is) */
	if (off > len || filesz > len - off || dest >= 0x100000000ull ||
	    dest + memsz >= 0x100000000ull)
		return MB_EBADIMAGE;
	if (!memsz)
		return 0;
	if (im->nseg == MB_MAX_SEGMENTS)
		return MB_ESEGMENTS;
	s = &im->seg[im->nseg++];
	s->dest = (uint32_t)dest;
	s->offset = (uint32_t)off;
	s->filesz = (uint32_t)filesz;
	s->memsz = (uint32_t)memsz;
	if (s->dest + s->memsz > im->end)
		im->end = s->dest + s->memsz;
	return 0;
}

#define EM_386	  3
#define EM_486	  6
#define EM_X86_64 62
#define PT_LOAD	  1

/* ELF32 (i386) or ELF64 (x86-64) program headers; 1 when img is no
 * such ELF file (the a.out kludge may still describe it). */
static int parse_elf(const uint8_t *img, size_t len, struct mb_image *im)
{
	bool is64 = len >= 64 && !memcmp(img,
					 "\x7f"
					 "ELF\2\1\1",
					 7);
	size_t ehsize = is64 ? 64 : 52, phmin = is64 ? 56 : 32;
	uint64_t entry, phoff;
	unsigned machine, phentsize, phnum;

	if (len < 52 || (!is64 && memcmp(img,
					 "\x7f"
					 "ELF\1\1\1",
					 7) != 0))
		return 1;
	machine = le16_get(img + 18);
	if (is64 ? machine != EM_X86_64
		 : machine != EM_386 && machine != EM_486 &&
		       machine != EM_X86_64)
		return 1;
	entry = is64 ? le64_get(img + 24) : le32_get(img + 24);
	phoff = is64 ? le64_get(img + 32) : le32_get(img + 28);
	phentsize = le16_get(img + (is64 ? 54 : 42));
	phnum = le16_get(img + (is64 ? 56 : 44));
	if (le16_get(img + (is64 ? 52 : 40)) < ehsize || phentsize < phmin ||
	    !phnum || phoff > len || (uint64_t)phentsize * phnum > len - phoff)
		return 1; /* as SYSLINUX: a broken ELF header is none */

	im->elf = true;
	im->entry = (uint32_t)entry;
	for (unsigned i = 0; i < phnum; i++) {
		const uint8_t *ph = img + phoff + (size_t)i * phentsize;
		uint64_t off, vaddr, paddr, filesz, memsz;
		int err;

		if (le32_get(ph) != PT_LOAD)
			continue;
		off = is64 ? le64_get(ph + 8) : le32_get(ph + 4);
		vaddr = is64 ? le64_get(ph + 16) : le32_get(ph + 8);
		paddr = is64 ? le64_get(ph + 24) : le32_get(ph + 12);
		filesz = is64 ? le64_get(ph + 32) : le32_get(ph + 16);
		memsz = is64 ? le64_get(ph + 40) : le32_get(ph + 20);
		if (memsz > 0xFFFFFFFFull)
			return MB_EBADIMAGE;
		/* The entry is a virtual address: moved to where its
		 * segment loads (GRUB's rule, which SYSLINUX follows). */
		if (entry >= vaddr && entry - vaddr < memsz)
			im->entry = (uint32_t)(entry - vaddr + paddr);
		err = add_segment(im, paddr, off, filesz, memsz, len);
		if (err)
			return err;
	}
	if (!im->nseg)
		return MB_ENOLAYOUT;
	return 0;
}

/* The a.out kludge: the header's own addresses (spec 3.1.3). */
static int parse_aout(const uint8_t *img, size_t len, struct mb_image *im)
{
	const uint8_t *h = img + im->header_offset;
	uint32_t header_addr, load_addr, load_end, bss_end;
	uint64_t off, filesz, memsz;

	if (im->header_offset + 32 > len)
		return MB_EBADIMAGE;
	header_addr = le32_get(h + 12);
	load_addr = le32_get(h + 16);
	load_end = le32_get(h + 20);
	bss_end = le32_get(h + 24);
	/* The file offset of load_addr: header_addr is where the header
	 * itself lands. */
	if (header_addr < load_addr ||
	    header_addr - load_addr > im->header_offset)
		return MB_EBADIMAGE;
	off = im->header_offset - (header_addr - load_addr);
	filesz = load_end ? (uint64_t)load_end - load_addr : len - off;
	if (load_end && load_end < load_addr)
		return MB_EBADIMAGE;
	memsz = filesz;
	if (bss_end) {
		if (bss_end < load_addr + filesz)
			return MB_EBADIMAGE;
		memsz = (uint64_t)bss_end - load_addr;
	}
	if (!memsz)
		return MB_EBADIMAGE; /* nothing to load: no kernel */
	im->elf = false;
	im->entry = le32_get(h + 28);
	return add_segment(im, load_addr, off, filesz, memsz, len);
}

int mb_image_parse(const uint8_t *img, size_t len, bool aout,
		   struct mb_image *im)
{
	int err;

	memset(im, 0, sizeof(*im));
	err = find_header(img, len, &im->header_offset);
	if (err)
		return err;
	im->header_flags = le32_get(img + im->header_offset + 4);
	/* Video mode is a wish (SYSLINUX and GRUB may ignore it); the
	 * other low bits are features no loader knows yet. */
	if (im->header_flags & MB_HF_MUST_KNOW &
	    ~(MB_HF_PAGE_ALIGN | MB_HF_MEMORY_INFO | MB_HF_VIDEO_MODE))
		return MB_EFLAGS;
	if (!(aout && (im->header_flags & MB_HF_AOUT_KLUDGE))) {
		err = parse_elf(img, len, im);
		if (err <= 0)
			return err;
	}
	if (im->header_flags & MB_HF_AOUT_KLUDGE)
		return parse_aout(img, len, im);
	return MB_ENOLAYOUT;
}

uint32_t mb_upper_end(const struct mem_range *map, unsigned n)
{
	const uint64_t four_gib = 0x100000000ull;
	uint64_t top = LINUX_HIGH_ADDR;
	bool grew = true;

	/* Usable ranges that reach top carry it on (the map is raw: its
	 * ranges come in any order and may overlap). */
	while (grew) {
		grew = false;
		for (unsigned i = 0; i < n; i++) {
			uint64_t end = map[i].addr + map[i].size;

			if (end < map[i].addr)
				end = four_gib;
			if (map[i].type == MEM_RANGE_USABLE &&
			    map[i].addr <= top && end > top) {
				top = end < four_gib ? end : four_gib;
				grew = top < four_gib;
			}
		}
	}
	/* A range that is not RAM inside it ends it there. */
	for (unsigned i = 0; i < n; i++)
		if (map[i].type != MEM_RANGE_USABLE && map[i].size &&
		    map[i].addr < top &&
		    map[i].addr + map[i].size > LINUX_HIGH_ADDR)
			top = map[i].addr > LINUX_HIGH_ADDR ? map[i].addr
							    : LINUX_HIGH_ADDR;
	return top >= four_gib ? 0xFFFFF000u : (uint32_t)top;
}

const char *mb_segment_why(const struct mb_image *im, unsigned i, uint32_t top)
{
	const struct mb_segment *s = &im->seg[i];

	if (s->dest < 0x100000u)
		return "below 1 MiB, where bzboot itself still runs";
	if (s->dest + s->memsz > top)
		return "past the RAM free for it (too little memory?)";
	for (unsigned j = 0; j < i; j++)
		if (s->dest < im->seg[j].dest + im->seg[j].memsz &&
		    im->seg[j].dest < s->dest + s->memsz)
			return "over another of its segments";
	return NULL;
}
