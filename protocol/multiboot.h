// SPDX-License-Identifier: BSD-2-Clause
/* Multiboot 1 (the Multiboot Specification 0.6.96) as mboot.c32 loads it:
 * the words of `mboot.c32 kernel args --- module args ...`, the header
 * search, the image's layout (ELF32, ELF64 with a 32-bit entry, or the
 * a.out kludge) and the info structure's parts. Pure: stage2's mboot
 * module (stage2/mboot_boot.c) reads the files and does the placing. */
#ifndef BZ_PROTOCOL_MULTIBOOT_H
#define BZ_PROTOCOL_MULTIBOOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "linux.h" /* struct mem_range */

#define MB_HEADER_MAGIC 0x1BADB002u
#define MB_BOOT_MAGIC	0x2BADB002u /* EAX at the kernel's entry */
#define MB_SEARCH	8192	    /* the header is in these first bytes */

/* The header's flags: bits 0-15 must be understood to boot. */
#define MB_HF_PAGE_ALIGN  0x00000001u /* modules on 4 KiB boundaries */
#define MB_HF_MEMORY_INFO 0x00000002u /* mem_* (and the map) wanted */
#define MB_HF_VIDEO_MODE  0x00000004u /* a mode asked: a hint, not needed */
#define MB_HF_MUST_KNOW	  0x0000FFFFu
#define MB_HF_AOUT_KLUDGE 0x00010000u

/* The info structure's flags. */
#define MB_INFO_MEMORY		 0x0001u
#define MB_INFO_BOOTDEV		 0x0002u
#define MB_INFO_CMDLINE		 0x0004u
#define MB_INFO_MODS		 0x0008u
#define MB_INFO_MEM_MAP		 0x0040u
#define MB_INFO_BOOT_LOADER_NAME 0x0200u

/* The spec's struct multiboot_info, offsets as it gives them. */
struct mb_info {
	uint32_t flags;		   /* 0x00 */
	uint32_t mem_lower;	   /* 0x04: KiB from 0 */
	uint32_t mem_upper;	   /* 0x08: KiB from 1 MiB */
	uint32_t boot_device;	   /* 0x0c: drive, part1, part2, part3 */
	uint32_t cmdline;	   /* 0x10 */
	uint32_t mods_count;	   /* 0x14 */
	uint32_t mods_addr;	   /* 0x18 */
	uint32_t syms[4];	   /* 0x1c: not given (flags 4, 5 clear) */
	uint32_t mmap_length;	   /* 0x2c */
	uint32_t mmap_addr;	   /* 0x30 */
	uint32_t drives_length;	   /* 0x34 */
	uint32_t drives_addr;	   /* 0x38 */
	uint32_t config_table;	   /* 0x3c */
	uint32_t boot_loader_name; /* 0x40 */
	uint32_t apm_table;	   /* 0x44 */
	uint32_t vbe[4];	   /* 0x48: not given (flag 11 clear) */
};
_Static_assert(sizeof(struct mb_info) == 0x58, "multiboot_info");

struct mb_module {
	uint32_t mod_start, mod_end, string, reserved;
};
_Static_assert(sizeof(struct mb_module) == 16, "module entry");

/* One memory map entry; `size` (20) does not count itself, and
 * mmap_addr points at it (as GRUB and SYSLINUX do). */
struct __attribute__((packed)) mb_mmap_entry {
	uint32_t size;
	uint64_t base_addr, length;
	uint32_t type;
};
_Static_assert(sizeof(struct mb_mmap_entry) == 24, "mmap entry");

enum {
	MB_ENOFILE = -1,    /* no kernel after the options */
	MB_EEMPTY = -2,	    /* "---" with no file after it */
	MB_ETOOMANY = -3,   /* more than MB_MAX_FILES files */
	MB_ETOOLONG = -4,   /* the words do not fit the buffer */
	MB_ENOHEADER = -5,  /* no header in the first 8192 bytes */
	MB_ECHECKSUM = -6,  /* a magic whose checksum is wrong */
	MB_EFLAGS = -7,	    /* a required flag this loader lacks */
	MB_ENOLAYOUT = -8,  /* neither ELF nor the a.out kludge */
	MB_EBADIMAGE = -9,  /* addresses outside the file or past 4 GiB */
	MB_ESEGMENTS = -10, /* more than MB_MAX_SEGMENTS to load */
};
const char *mb_strerror(int err);

#define MB_MAX_FILES 16

/* The files of `[-aout] [-solaris] kernel args --- module args ...`, each
 * with its command line: its words joined by one space, the file name
 * first (GRUB and SYSLINUX's mboot.c32 pass the name too). */
struct mb_files {
	unsigned n;
	const char *cmdline[MB_MAX_FILES];
	bool aout; /* -aout: the a.out kludge before an ELF header */
};

/* Splits the words of the nsrc strings (one line, in order) into f, the
 * strings kept in buf. 0 or an MB_E* code. */
int mb_split(const char *const *src, unsigned nsrc, char *buf, size_t size,
	     struct mb_files *f);

/* The length of a command line's first word: the file name. */
size_t mb_name_len(const char *cmdline);

#define MB_MAX_SEGMENTS 16

struct mb_segment {
	uint32_t dest;	 /* physical address */
	uint32_t offset; /* in the image */
	uint32_t filesz, memsz;
};

struct mb_image {
	uint32_t header_offset, header_flags;
	uint32_t entry;
	bool elf;     /* else the a.out kludge */
	uint32_t end; /* the highest segment's end */
	unsigned nseg;
	struct mb_segment seg[MB_MAX_SEGMENTS];
};

/* Finds the header and the segments of a kernel image (the whole file):
 * the ELF program headers (PT_LOAD, at p_paddr, with the entry moved
 * into p_paddr's range, as GRUB does) unless `aout` and the header has
 * the kludge; else the kludge's addresses. Every segment's data lies in
 * the file and below 4 GiB; overlaps are the caller's to check. */
int mb_image_parse(const uint8_t *img, size_t len, bool aout,
		   struct mb_image *im);

/* Why segment i cannot be copied where it says, with the RAM from 1 MiB
 * (where nothing of bzboot runs) to `top` free for it: below 1 MiB, past
 * top, over an earlier segment; NULL when it can. */
const char *mb_segment_why(const struct mb_image *im, unsigned i, uint32_t top);

/* The end of the usable RAM that runs without a gap from 1 MiB (below
 * 4 GiB; a reserved range cuts it), as mem_upper counts it; 1 MiB when
 * there is none. */
uint32_t mb_upper_end(const struct mem_range *map, unsigned n);

#endif
