// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for protocol/multiboot.c: mboot.c32's words split at
 * "---", the header search and its checksum, the layouts (ELF32, ELF64,
 * the a.out kludge, which wins only with -aout, as in SYSLINUX), images
 * that lie about their sizes, mem_upper's end of RAM, and mboot.c32 as
 * a config names it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "protocol/le.h"
#include "protocol/multiboot.h"
#include "tests/unit/support/cfg_test.h"

static char buf[512];
static struct mb_files f;

static int split(const char *a, const char *b, const char *c)
{
	const char *src[] = {a, b, c};

	return mb_split(src, 3, buf, sizeof(buf), &f);
}

static void test_split(void **state)
{
	(void)state;
	/* KERNEL's words, APPEND and what was typed make one line */
	assert_int_equal(split("",
			       "xen.gz  com1=115200,8n1\tconsole=com1 "
			       "--- vmlinuz console=hvc0 ---initrd",
			       " --- initrd.img"),
			 0);
	assert_int_equal(f.n, 3);
	assert_string_equal(f.cmdline[0],
			    "xen.gz com1=115200,8n1 console=com1");
	assert_string_equal(f.cmdline[1], "vmlinuz console=hvc0 ---initrd");
	assert_string_equal(f.cmdline[2], "initrd.img");
	assert_int_equal(mb_name_len(f.cmdline[1]), 7);
	assert_false(f.aout);
	/* options before the kernel only */
	assert_int_equal(split("-solaris", "-aout k -aout --- m", ""), 0);
	assert_true(f.aout);
	assert_int_equal(f.n, 2);
	assert_string_equal(f.cmdline[0], "k -aout");
	assert_int_equal(split("-aout -noaout", "k", ""), 0);
	assert_false(f.aout);
	assert_string_equal(f.cmdline[0], "k");
}

static void test_split_errors(void **state)
{
	char many[200] = "k";

	(void)state;
	assert_int_equal(split("", "", ""), MB_ENOFILE);
	assert_int_equal(split("-aout", " ", ""), MB_ENOFILE);
	assert_int_equal(split("", "--- m", ""), MB_ENOFILE);
	assert_int_equal(split("", "k --- --- m", ""), MB_EEMPTY);
	assert_int_equal(split("", "k --- m ---", ""), MB_EEMPTY);
	for (int i = 0; i < 15; i++)
		strcat(many, " --- m");
	assert_int_equal(split(many, "", ""), 0);
	assert_int_equal(f.n, MB_MAX_FILES);
	assert_int_equal(split(many, "--- one-too-many", ""), MB_ETOOMANY);
	memset(many, 'x', sizeof(many) - 1);
	many[sizeof(many) - 1] = '\0';
	assert_int_equal(split(many, many, many), MB_ETOOLONG);
	assert_string_equal(mb_strerror(MB_EEMPTY),
			    "a '---' with no file after it");
}

static uint8_t img[16384];

static void header(size_t off, uint32_t flags)
{
	le32_put(img + off, MB_HEADER_MAGIC);
	le32_put(img + off + 4, flags);
	le32_put(img + off + 8, -(MB_HEADER_MAGIC + flags));
}

/* The a.out fields: the header at file offset `off` lands at
 * header_addr; load_addr is where file offset off - (header_addr -
 * load_addr) goes. */
static void aout(size_t off, uint32_t header_addr, uint32_t load,
		 uint32_t load_end, uint32_t bss_end, uint32_t entry)
{
	header(off, MB_HF_AOUT_KLUDGE | MB_HF_PAGE_ALIGN);
	le32_put(img + off + 12, header_addr);
	le32_put(img + off + 16, load);
	le32_put(img + off + 20, load_end);
	le32_put(img + off + 24, bss_end);
	le32_put(img + off + 28, entry);
}

static void test_aout(void **state)
{
	struct mb_image im;

	(void)state;
	memset(img, 0, sizeof(img));
	aout(64, 0x100040, 0x100000, 0x101000, 0x110000, 0x100060);
	assert_int_equal(mb_image_parse(img, 8192, false, &im), 0);
	assert_false(im.elf);
	assert_int_equal(im.header_offset, 64);
	assert_int_equal(im.entry, 0x100060);
	assert_int_equal(im.nseg, 1);
	assert_int_equal(im.seg[0].dest, 0x100000);
	assert_int_equal(im.seg[0].offset, 0);
	assert_int_equal(im.seg[0].filesz, 0x1000);
	assert_int_equal(im.seg[0].memsz, 0x10000);
	assert_int_equal(im.end, 0x110000);
	/* load_end 0: the rest of the file; bss_end 0: no bss; the load
	 * starts 32 bytes before the header */
	aout(64, 0x200020, 0x200000, 0, 0, 0x200000);
	assert_int_equal(mb_image_parse(img, 5000, false, &im), 0);
	assert_int_equal(im.seg[0].offset, 32);
	assert_int_equal(im.seg[0].filesz, 5000 - 32);
	assert_int_equal(im.seg[0].memsz, 5000 - 32);
	/* lies: load past the file's end, load_addr after the header's
	 * place, a load reaching before the file, bss below load_end */
	aout(64, 0x100040, 0x100000, 0x103000, 0, 0x100040);
	assert_int_equal(mb_image_parse(img, 8192, false, &im), MB_EBADIMAGE);
	aout(64, 0x100040, 0x100080, 0, 0, 0x100080);
	assert_int_equal(mb_image_parse(img, 8192, false, &im), MB_EBADIMAGE);
	aout(64, 0x100040, 0x100000 - 64, 0, 0, 0x100000);
	assert_int_equal(mb_image_parse(img, 8192, false, &im), MB_EBADIMAGE);
	aout(64, 0x100040, 0x100000, 0x101000, 0x100800, 0x100040);
	assert_int_equal(mb_image_parse(img, 8192, false, &im), MB_EBADIMAGE);
	/* nothing to load (the fuzzer's find: modules would go to 0) */
	aout(64, 0x100040, 0x100000, 0x100000, 0, 0x100040);
	assert_int_equal(mb_image_parse(img, 8192, false, &im), MB_EBADIMAGE);
	/* past 4 GiB */
	aout(64, 0xFFFFF040, 0xFFFFF000, 0, 0x10000, 0xFFFFF040);
	assert_int_equal(mb_image_parse(img, 8192, false, &im), MB_EBADIMAGE);
}

static void test_header_search(void **state)
{
	struct mb_image im;

	(void)state;
	memset(img, 0, sizeof(img));
	assert_int_equal(mb_image_parse(img, sizeof(img), false, &im),
			 MB_ENOHEADER);
	/* only in the first 8192 bytes, 4-byte aligned */
	aout(8192, 0x102000, 0x100000, 0, 0, 0x100000);
	assert_int_equal(mb_image_parse(img, sizeof(img), false, &im),
			 MB_ENOHEADER);
	memset(img, 0, sizeof(img));
	aout(8192 - 32, 0x102000, 0x100000 + 32, 0, 0, 0x100000);
	assert_int_equal(mb_image_parse(img, sizeof(img), false, &im), 0);
	memset(img, 0, sizeof(img));
	aout(102, 0x100000, 0x100000, 0, 0, 0x100000);
	assert_int_equal(mb_image_parse(img, sizeof(img), false, &im),
			 MB_ENOHEADER);
	/* a wrong checksum is said so; a later right one is taken */
	memset(img, 0, sizeof(img));
	aout(100, 0x100000, 0x100000, 0, 0, 0x100000);
	le32_put(img + 108, le32_get(img + 108) + 1);
	assert_int_equal(mb_image_parse(img, sizeof(img), false, &im),
			 MB_ECHECKSUM);
	assert_string_equal(mb_strerror(MB_ECHECKSUM),
			    "its Multiboot header's checksum is wrong");
	aout(200, 0x100000, 0x100000 - 200 + 200, 0, 0, 0x100000);
	assert_int_equal(mb_image_parse(img, sizeof(img), false, &im), 0);
	assert_int_equal(im.header_offset, 200);
	/* required flags it does not know; video mode is a wish */
	memset(img, 0, sizeof(img));
	header(0, 0x8);
	assert_int_equal(mb_image_parse(img, 64, false, &im), MB_EFLAGS);
	header(0, MB_HF_VIDEO_MODE | 0x00020000);
	assert_int_equal(mb_image_parse(img, 64, false, &im), MB_ENOLAYOUT);
	/* a header cut by the file's end */
	assert_int_equal(mb_image_parse(img, 10, false, &im), MB_ENOHEADER);
}

/* An ELF image: two PT_LOAD and a PT_NOTE; entry at vaddr 0xC0100010. */
static size_t elf(bool is64)
{
	size_t ph = is64 ? 64 : 52, phsz = is64 ? 56 : 32;
	const uint32_t type[3] = {1, 4, 1};
	const uint64_t off[3] = {0x1000, 0x1800, 0x2000};
	const uint64_t vaddr[3] = {0xC0100000, 0, 0xC0200000};
	const uint64_t paddr[3] = {0x100000, 0, 0x200000};
	const uint64_t filesz[3] = {0x800, 0x10, 0x100};
	const uint64_t memsz[3] = {0x800, 0x10, 0x3000};

	memset(img, 0, sizeof(img));
	memcpy(img,
	       is64 ? "\x7f"
		      "ELF\2\1\1"
		    : "\x7f"
		      "ELF\1\1\1",
	       7);
	le16_put(img + 16, 2);
	le16_put(img + 18, is64 ? 62 : 3);
	le32_put(img + 20, 1);
	if (is64) {
		le64_put(img + 24, 0xC0100010);
		le64_put(img + 32, ph);
		le16_put(img + 52, 64);
		le16_put(img + 54, 56);
		le16_put(img + 56, 3);
	} else {
		le32_put(img + 24, 0xC0100010);
		le32_put(img + 28, ph);
		le16_put(img + 40, 52);
		le16_put(img + 42, 32);
		le16_put(img + 44, 3);
	}
	for (int i = 0; i < 3; i++) {
		uint8_t *p = img + ph + i * phsz;

		le32_put(p, type[i]);
		if (is64) {
			le64_put(p + 8, off[i]);
			le64_put(p + 16, vaddr[i]);
			le64_put(p + 24, paddr[i]);
			le64_put(p + 32, filesz[i]);
			le64_put(p + 40, memsz[i]);
		} else {
			le32_put(p + 4, (uint32_t)off[i]);
			le32_put(p + 8, (uint32_t)vaddr[i]);
			le32_put(p + 12, (uint32_t)paddr[i]);
			le32_put(p + 16, (uint32_t)filesz[i]);
			le32_put(p + 20, (uint32_t)memsz[i]);
		}
	}
	header(0x200, MB_HF_PAGE_ALIGN | MB_HF_MEMORY_INFO);
	return ph;
}

static void check_elf(const struct mb_image *im)
{
	assert_true(im->elf);
	assert_int_equal(im->entry, 0x100010); /* moved to p_paddr */
	assert_int_equal(im->nseg, 2);
	assert_int_equal(im->seg[0].dest, 0x100000);
	assert_int_equal(im->seg[0].offset, 0x1000);
	assert_int_equal(im->seg[0].filesz, 0x800);
	assert_int_equal(im->seg[1].dest, 0x200000);
	assert_int_equal(im->seg[1].filesz, 0x100);
	assert_int_equal(im->seg[1].memsz, 0x3000);
	assert_int_equal(im->end, 0x203000);
}

static void test_elf(void **state)
{
	struct mb_image im;

	(void)state;
	elf(false);
	assert_int_equal(mb_image_parse(img, 0x2100, false, &im), 0);
	check_elf(&im);
	elf(true);
	assert_int_equal(mb_image_parse(img, 0x2100, false, &im), 0);
	check_elf(&im);
	/* a segment's data past the file's end */
	assert_int_equal(mb_image_parse(img, 0x20ff, false, &im), MB_EBADIMAGE);
	/* ELF64 loading past 4 GiB, up to it exactly, or wrapping round */
	le64_put(img + 64 + 2 * 56 + 24, 0x100000000ull);
	assert_int_equal(mb_image_parse(img, 0x2100, false, &im), MB_EBADIMAGE);
	le64_put(img + 64 + 2 * 56 + 24, 0x100000000ull - 0x3000);
	assert_int_equal(mb_image_parse(img, 0x2100, false, &im), MB_EBADIMAGE);
	le64_put(img + 64 + 2 * 56 + 24, 0xFFFFFFFFFFFFF000ull);
	assert_int_equal(mb_image_parse(img, 0x2100, false, &im), MB_EBADIMAGE);
	le64_put(img + 64 + 2 * 56 + 24, 0xFFFFC000ull);
	assert_int_equal(mb_image_parse(img, 0x2100, false, &im), 0);
	assert_int_equal(im.end, 0xFFFFF000u);
	/* no PT_LOAD at all, and no kludge */
	elf(false);
	le32_put(img + 52, 4);
	le32_put(img + 52 + 64, 4);
	assert_int_equal(mb_image_parse(img, 0x2100, false, &im), MB_ENOLAYOUT);
	/* a broken ELF header is no ELF: the kludge, or nothing */
	elf(false);
	le16_put(img + 44, 0);
	assert_int_equal(mb_image_parse(img, 0x2100, false, &im), MB_ENOLAYOUT);
}

/* An ELF with the kludge too: ELF wins (GRUB, SYSLINUX) unless -aout. */
static void test_elf_or_aout(void **state)
{
	struct mb_image im;

	(void)state;
	elf(false);
	aout(0x200, 0x300200, 0x300000, 0, 0, 0x300000);
	assert_int_equal(mb_image_parse(img, 0x2100, false, &im), 0);
	check_elf(&im);
	assert_int_equal(mb_image_parse(img, 0x2100, true, &im), 0);
	assert_false(im.elf);
	assert_int_equal(im.seg[0].dest, 0x300000);
	assert_int_equal(im.entry, 0x300000);
}

static void test_upper_end(void **state)
{
	/* QEMU's -m 512 map, unsorted */
	const struct mem_range qemu[] = {
	    {0xfffc0000, 0x40000, 2}, {0x100000, 0x1fee0000, 1},
	    {0, 0x9fc00, 1},	      {0x9fc00, 0x400, 2},
	    {0xf0000, 0x10000, 2},    {0x1ffe0000, 0x20000, 2},
	};
	/* two usable ranges that touch, one reserved hole inside */
	const struct mem_range split[] = {
	    {0x100000, 0x700000, 1},
	    {0x800000, 0x800000, 1},
	    {0x400000, 0x1000, 2},
	};
	const struct mem_range none[] = {{0, 0xa0000, 1}};
	const struct mem_range big[] = {{0x100000, 0x1FFF00000ull, 1}};

	(void)state;
	assert_int_equal(mb_upper_end(qemu, 6), 0x1ffe0000);
	assert_int_equal(mb_upper_end(split, 2), 0x1000000);
	assert_int_equal(mb_upper_end(split, 3), 0x400000);
	assert_int_equal(mb_upper_end(none, 1), 0x100000);
	assert_int_equal(mb_upper_end(big, 1), 0xFFFFF000u);
}

/* mboot.c32 is built in: no "cannot be booted" warning, in any
 * directory; typed, it resolves as a COM32 module with its words. */
static void test_config(void **state)
{
	(void)state;
	cfg_test_parse("LABEL x\n KERNEL mboot.c32\n APPEND k --- m\n"
		       "LABEL y\n COM32 /boot/syslinux/MBOOT.C32\n"
		       "LABEL z\n COM32 notmboot.c32\n");
	assert_int_equal(cfg_parsed.nwarnings, 1);
	cfg_test_assert_warning(0, 7, CFG_W_TYPE);
	cfg_test_resolve_ok("mboot.c32 xen.gz --- vmlinuz");
	assert_int_equal(cfg_resolved.type, CFG_KT_COM32);
	assert_string_equal(cfg_resolved.extra, "xen.gz --- vmlinuz");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_split),
	    cmocka_unit_test(test_split_errors),
	    cmocka_unit_test(test_aout),
	    cmocka_unit_test(test_header_search),
	    cmocka_unit_test(test_elf),
	    cmocka_unit_test(test_elf_or_aout),
	    cmocka_unit_test(test_upper_end),
	    cmocka_unit_test(test_config),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
