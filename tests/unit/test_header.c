// SPDX-License-Identifier: BSD-2-Clause
// Unit tests for protocol/header.c: parsing synthetic kernel headers of each
// protocol version, refusals, and the header fields the loader writes.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "protocol/bootparam.h"
#include "protocol/le.h"
#include "protocol/linux.h"
#include "tests/unit/support/kernel_file.h"

#define FILL 0xCC // stands for setup code between/after header fields
#define MiB  0x100000u

// End of the header a kernel of this version carries (first byte after its
// last field), as the jump at 0x200 skips it.
static uint16_t header_end_for(uint16_t v)
{
	if (v < 0x0203)
		return 0x22C;
	if (v < 0x0205)
		return 0x230;
	if (v < 0x0206)
		return 0x235;
	if (v < 0x0207)
		return 0x23C;
	if (v < 0x0208)
		return 0x248;
	if (v < 0x0209)
		return 0x250;
	if (v < 0x020A)
		return 0x258;
	if (v < 0x020B)
		return 0x264;
	if (v < 0x020F)
		return 0x268;
	return 0x26C;
}

// Writes a header of version v into b (len bytes, FILL elsewhere), setting
// only the fields v defines, like a real kernel of that version would.
// syssize matches pm_size; the newer fields get recognisable values.
static void build_header(uint8_t *b, size_t len, uint16_t v, uint8_t sects,
			 uint8_t loadflags, uint32_t pm_size)
{
	memset(b, FILL, len);
	b[0x1F1] = sects;
	le16_put(b + 0x1F2, 1);	     // root_flags
	le16_put(b + 0x1FA, 0xFFFE); // vid_mode built in: "ext"
	le16_put(b + 0x1FC, 0);	     // root_dev
	le16_put(b + 0x1FE, 0xAA55);
	if (v < 0x0204)
		le16_put(b + 0x1F4, (uint16_t)((pm_size + 15) / 16));
	else
		le32_put(b + 0x1F4, (pm_size + 15) / 16);
	if (!v)
		return;
	b[0x200] = 0xEB;
	b[0x201] = (uint8_t)(header_end_for(v) - 0x202);
	memcpy(b + 0x202, "HdrS", 4);
	le16_put(b + 0x206, v);
	le32_put(b + 0x208, 0);	     // realmode_swtch
	le16_put(b + 0x20C, 0x1000); // start_sys_seg
	le16_put(b + 0x20E, 0);	     // kernel_version: none
	b[0x210] = 0;		     // type_of_loader
	b[0x211] = loadflags;
	le16_put(b + 0x212, 0x8000);   // setup_move_size
	le32_put(b + 0x214, 0x100000); // code32_start
	le32_put(b + 0x218, 0);
	le32_put(b + 0x21C, 0);
	le32_put(b + 0x220, 0);
	le16_put(b + 0x224, 0); // heap_end_ptr (2.01+)
	if (v >= 0x0202) {
		b[0x226] = 0;
		b[0x227] = 0;
		le32_put(b + 0x228, 0);
	}
	if (v >= 0x0203)
		le32_put(b + 0x22C, 0x7FFFFFFF); // initrd_addr_max
	if (v >= 0x0205) {
		le32_put(b + 0x230, 0x200000); // kernel_alignment
		b[0x234] = 1;		       // relocatable_kernel
	}
	if (v >= 0x0206)
		le32_put(b + 0x238, 2047); // cmdline_size
	if (v >= 0x0207) {
		le32_put(b + 0x23C, 0);
		le64_put(b + 0x240, 0);
	}
	if (v >= 0x0208) {
		le32_put(b + 0x248, 0x3A0);	      // payload_offset
		le32_put(b + 0x24C, pm_size - 0x400); // payload_length
	}
	if (v >= 0x0209)
		le64_put(b + 0x250, 0); // setup_data
	if (v >= 0x020A) {
		b[0x235] = 21;			// min_alignment
		le64_put(b + 0x258, 0x1000000); // pref_address
		le32_put(b + 0x260, 0x2800000); // init_size
	}
	if (v >= 0x020B)
		le32_put(b + 0x264, 0x190); // handover_offset
	if (v >= 0x020C)
		le16_put(b + 0x236, XLF_KERNEL_64 | XLF_CAN_BE_LOADED_ABOVE_4G);
	if (v >= 0x020F)
		le32_put(b + 0x268, 0x12345); // kernel_info_offset
}

static uint8_t buf[0x8000];

static int parse(uint16_t v, uint8_t sects, uint8_t lf, uint32_t pm_size,
		 struct linux_kernel *k)
{
	uint32_t setup = ((sects ? sects : 4) + 1) * 512u;

	build_header(buf, 1024, v, sects, lf, pm_size);
	return linux_parse_header(buf, 1024, (uint64_t)setup + pm_size, k);
}

static void test_parse_202(void **state)
{
	struct linux_kernel k;

	(void)state;
	assert_int_equal(parse(0x0202, 0, LOADED_HIGH, 3 * MiB, &k), 0);
	assert_int_equal(k.version, 0x0202);
	assert_int_equal(k.setup_sects, 4); // 0 means 4
	assert_int_equal(k.setup_size, 5 * 512);
	assert_int_equal(k.pm_offset, 5 * 512);
	assert_int_equal(k.pm_size, 3 * MiB);
	assert_true(k.bzimage);
	assert_int_equal(k.loadflags, LOADED_HIGH);
	// Bytes past a 2.02 header are code (FILL), never fields.
	assert_int_equal(k.initrd_addr_max, 0x37FFFFFF);
	assert_int_equal(k.cmdline_size, 255);
	assert_false(k.relocatable);
	assert_int_equal(k.kernel_alignment, 0);
	assert_int_equal(k.xloadflags, 0);
	assert_int_equal(k.init_size, 0);
	assert_int_equal(k.pref_address, 0);
	assert_int_equal(k.header_end, 0x22C);
	assert_string_equal(k.version_string, "");
}

static void test_parse_204(void **state)
{
	struct linux_kernel k;
	uint32_t file;

	(void)state;
	assert_int_equal(parse(0x0204, 12, LOADED_HIGH, 5 * MiB + 7, &k), 0);
	assert_int_equal(k.version, 0x0204);
	assert_int_equal(k.setup_sects, 12);
	assert_int_equal(k.setup_size, 13 * 512);
	assert_int_equal(k.pm_size, 5 * MiB + 7);
	assert_int_equal(k.initrd_addr_max, 0x7FFFFFFF); // 2.03+
	assert_int_equal(k.cmdline_size, 255);
	assert_false(k.relocatable);

	// syssize is rounded up to paragraphs: a file that ends inside the
	// last paragraph is whole (pre-CRC kernels did that) ...
	file = 13 * 512 + 5 * MiB + 1;
	le32_put(buf + 0x1F4, (5 * MiB + 16) / 16);
	assert_int_equal(linux_parse_header(buf, 1024, file, &k), 0);
	// ... one missing paragraph is a truncated file.
	le32_put(buf + 0x1F4, (5 * MiB + 16) / 16 + 1);
	assert_int_equal(linux_parse_header(buf, 1024, file, &k),
			 LINUX_ETRUNCATED);
	// A longer file (e.g. a signature after the kernel) is fine.
	le32_put(buf + 0x1F4, 1);
	assert_int_equal(linux_parse_header(buf, 1024, file, &k), 0);
}

static void test_parse_206(void **state)
{
	struct linux_kernel k;

	(void)state;
	assert_int_equal(parse(0x0206, 17, LOADED_HIGH, 2 * MiB, &k), 0);
	assert_int_equal(k.cmdline_size, 2047);
	assert_true(k.relocatable);
	assert_int_equal(k.kernel_alignment, 0x200000);
	assert_int_equal(k.init_size, 0); // 2.10+
	assert_int_equal(k.pref_address, 0);
	assert_int_equal(k.header_end, 0x23C);
}

static void test_parse_210(void **state)
{
	struct linux_kernel k;

	(void)state;
	assert_int_equal(parse(0x020A, 30, LOADED_HIGH, 9 * MiB, &k), 0);
	assert_int_equal(k.setup_size, 31 * 512);
	assert_int_equal(k.pref_address, 0x1000000);
	assert_int_equal(k.init_size, 0x2800000);
	assert_int_equal(k.xloadflags, 0); // 2.12+
}

static void test_parse_212(void **state)
{
	struct linux_kernel k;

	(void)state;
	assert_int_equal(
	    parse(0x020C, 30, LOADED_HIGH | QUIET_FLAG, 9 * MiB, &k), 0);
	assert_int_equal(k.xloadflags,
			 XLF_KERNEL_64 | XLF_CAN_BE_LOADED_ABOVE_4G);
	assert_int_equal(k.loadflags, LOADED_HIGH | QUIET_FLAG);
	assert_int_equal(k.header_end, 0x268);
}

static void test_parse_215(void **state)
{
	struct linux_kernel k;

	(void)state;
	build_header(buf, 1024, 0x020F, 63, LOADED_HIGH, 12 * MiB);
	le16_put(buf + 0x20E, 0x300 - 0x200);
	strcpy((char *)buf + 0x300, "6.6.0-test (builder@host) #1 SMP");
	assert_int_equal(linux_parse_header(buf, 1024, 64 * 512 + 12 * MiB, &k),
			 0);
	assert_int_equal(k.version, 0x020F);
	assert_int_equal(k.setup_sects, 63);
	assert_int_equal(k.setup_size, 0x8000);
	assert_int_equal(k.pm_offset, 0x8000);
	assert_int_equal(k.pm_size, 12 * MiB);
	assert_true(k.bzimage);
	assert_true(k.relocatable);
	assert_int_equal(k.initrd_addr_max, 0x7FFFFFFF);
	assert_int_equal(k.cmdline_size, 2047);
	assert_int_equal(k.kernel_alignment, 0x200000);
	assert_int_equal(k.init_size, 0x2800000);
	assert_int_equal(k.pref_address, 0x1000000);
	assert_int_equal(k.header_end, 0x26C);
	assert_string_equal(k.version_string,
			    "6.6.0-test (builder@host) #1 SMP");
}

static void test_version_string(void **state)
{
	struct linux_kernel k;
	uint64_t file = 64 * 512 + MiB;
	char want[64];

	(void)state;
	build_header(buf, sizeof(buf), 0x020F, 63, LOADED_HIGH, MiB);
	// Beyond the bytes given: unknown, not garbage.
	le16_put(buf + 0x20E, 0x3A00);
	strcpy((char *)buf + 0x3C00, "6.1.0");
	assert_int_equal(linux_parse_header(buf, 1024, file, &k), 0);
	assert_string_equal(k.version_string, "");
	// Given the whole setup, it is read.
	assert_int_equal(linux_parse_header(buf, sizeof(buf), file, &k), 0);
	assert_string_equal(k.version_string, "6.1.0");
	// Long strings are cut to 63 characters.
	memset(buf + 0x3C00, 'x', 200);
	buf[0x3C00 + 200] = 0;
	memset(want, 'x', 63);
	want[63] = 0;
	assert_int_equal(linux_parse_header(buf, sizeof(buf), file, &k), 0);
	assert_string_equal(k.version_string, want);
	// Control characters: not shown.
	strcpy((char *)buf + 0x3C00, "6.1\x1b[2J");
	assert_int_equal(linux_parse_header(buf, sizeof(buf), file, &k), 0);
	assert_string_equal(k.version_string, "");
	// Pointing past the setup sectors: invalid.
	buf[0x1F1] = 4;
	assert_int_equal(
	    linux_parse_header(buf, sizeof(buf), 5 * 512 + MiB, &k), 0);
	assert_string_equal(k.version_string, "");
	// No NUL before the end of the setup: invalid.
	buf[0x1F1] = 30;
	le16_put(buf + 0x20E, 31 * 512 - 0x200 - 5);
	memcpy(buf + 31 * 512 - 5, "6.1.0", 5);
	assert_int_equal(
	    linux_parse_header(buf, sizeof(buf), 31 * 512 + MiB, &k), 0);
	assert_string_equal(k.version_string, "");
}

static void test_refuse_no_boot_flag(void **state)
{
	struct linux_kernel k;

	(void)state;
	build_header(buf, 1024, 0x020F, 27, LOADED_HIGH, MiB);
	le16_put(buf + 0x1FE, 0);
	assert_int_equal(linux_parse_header(buf, 1024, 28 * 512 + MiB, &k),
			 LINUX_ENOTKERNEL);
	// Not even a sector long.
	build_header(buf, 1024, 0x020F, 27, LOADED_HIGH, MiB);
	assert_int_equal(linux_parse_header(buf, 511, 511, &k),
			 LINUX_ENOTKERNEL);
	assert_int_equal(linux_parse_header(buf, 0, 0, &k), LINUX_ENOTKERNEL);
}

static void test_refuse_truncated(void **state)
{
	struct linux_kernel k;

	(void)state;
	build_header(buf, 1024, 0x020F, 27, LOADED_HIGH, MiB);
	// Setup complete, no protected-mode part.
	assert_int_equal(linux_parse_header(buf, 1024, 28 * 512, &k),
			 LINUX_ETRUNCATED);
	// Setup cut short.
	assert_int_equal(linux_parse_header(buf, 1024, 20 * 512, &k),
			 LINUX_ETRUNCATED);
	// Shorter than the two sectors: the caller gives what there is.
	assert_int_equal(linux_parse_header(buf, 700, 700, &k),
			 LINUX_ETRUNCATED);
	// Protected-mode part shorter than syssize says.
	assert_int_equal(linux_parse_header(buf, 1024, 28 * 512 + MiB - 16, &k),
			 LINUX_ETRUNCATED);
	assert_int_equal(linux_parse_header(buf, 1024, 28 * 512 + MiB, &k), 0);
}

static void test_refuse_setup_too_big(void **state)
{
	struct linux_kernel k;

	(void)state;
	assert_int_equal(parse(0x020F, 64, LOADED_HIGH, MiB, &k),
			 LINUX_ESETUPTOOBIG);
	assert_int_equal(k.setup_sects, 64);
	assert_int_equal(parse(0x020F, 255, LOADED_HIGH, MiB, &k),
			 LINUX_ESETUPTOOBIG);
	assert_int_equal(parse(0x020F, 63, LOADED_HIGH, MiB, &k), 0);
}

static void test_parse_old(void **state)
{
	struct linux_kernel k;

	(void)state;
	// No HdrS: "old", a zImage, setup_sects 0 meaning 4.
	assert_int_equal(parse(0, 0, 0, 300 * 1024, &k), 0);
	assert_int_equal(k.version, 0);
	assert_int_equal(k.setup_sects, 4);
	assert_int_equal(k.setup_size, 5 * 512);
	assert_int_equal(k.pm_offset, 5 * 512);
	assert_int_equal(k.pm_size, 300 * 1024);
	assert_false(k.bzimage);
	assert_false(k.relocatable);
	// Nothing from 0x200 on is a field: FILL there is code.
	assert_int_equal(k.loadflags, 0);
	assert_int_equal(k.header_end, 0);
	assert_string_equal(k.version_string, "");
	assert_int_equal(k.initrd_addr_max, 0x37FFFFFF);
	assert_int_equal(k.cmdline_size, 255);
	assert_int_equal(k.payload_offset, 0);
	assert_int_equal(k.kernel_info_offset, 0);
	// Odd sizes: syssize rounds up to whole paragraphs.
	assert_int_equal(parse(0, 8, 0, 0x4567B, &k), 0);
	assert_int_equal(k.setup_size, 9 * 512);
	assert_int_equal(k.pm_size, 0x4567B);
	// A zImage PM part over 512 KiB still parses (the planner says no).
	assert_int_equal(parse(0, 4, 0, 0x90000, &k), 0);
}

// Without HdrS, only a syssize that matches the file makes a kernel: every
// MBR and floppy boot sector has the boot flag.
static void test_old_or_not_a_kernel(void **state)
{
	struct linux_kernel k;
	uint64_t file = 5 * 512 + 0x40000;

	(void)state;
	build_header(buf, 1024, 0, 4, 0, 0x40000);
	assert_int_equal(linux_parse_header(buf, 1024, file, &k), 0);
	// Up to a sector of padding after syssize's end is a kernel ...
	assert_int_equal(linux_parse_header(buf, 1024, file + 512, &k), 0);
	// ... more is something else (an image file with a boot sector).
	assert_int_equal(linux_parse_header(buf, 1024, file + 513, &k),
			 LINUX_EBOOTSECTOR);
	assert_int_equal(linux_parse_header(buf, 1024, 1440 * 1024, &k),
			 LINUX_EBOOTSECTOR);
	// Shorter than syssize: cannot be told from a random boot sector.
	assert_int_equal(linux_parse_header(buf, 1024, file - 16, &k),
			 LINUX_EBOOTSECTOR);
	// syssize 0: a partition table entry, not a kernel.
	le16_put(buf + 0x1F4, 0);
	assert_int_equal(linux_parse_header(buf, 1024, file, &k),
			 LINUX_EBOOTSECTOR);
	// A lone boot sector, and a "setup" over 32 KiB.
	build_header(buf, 1024, 0, 4, 0, 0x40000);
	assert_int_equal(linux_parse_header(buf, 512, 512, &k),
			 LINUX_EBOOTSECTOR);
	assert_int_equal(linux_parse_header(buf, 1024, 5 * 512, &k),
			 LINUX_EBOOTSECTOR);
	buf[0x1F1] = 0x40;
	assert_int_equal(linux_parse_header(buf, 1024, 65 * 512 + 0x40000, &k),
			 LINUX_EBOOTSECTOR);
	// The upper half of a 4-byte syssize is not read before 2.04.
	build_header(buf, 1024, 0, 4, 0, 0x40000);
	le16_put(buf + 0x1F6, 0x1234);
	assert_int_equal(linux_parse_header(buf, 1024, file, &k), 0);
}

static void test_parse_200_201(void **state)
{
	struct linux_kernel k;

	(void)state;
	// 2.00 bzImage: syssize is 2 bytes and cannot hold its size.
	build_header(buf, 1024, 0x0200, 4, LOADED_HIGH, 3 * MiB);
	le16_put(buf + 0x1F4, 0x10);
	assert_int_equal(linux_parse_header(buf, 1024, 5 * 512 + 3 * MiB, &k),
			 0);
	assert_int_equal(k.version, 0x0200);
	assert_true(k.bzimage);
	assert_int_equal(k.loadflags, LOADED_HIGH);
	assert_int_equal(k.header_end, 0x22C);
	assert_int_equal(k.initrd_addr_max, 0x37FFFFFF);
	assert_int_equal(k.cmdline_size, 255);
	assert_int_equal(k.pm_size, 3 * MiB);
	// 2.00 zImage: syssize fits, and is checked.
	assert_int_equal(parse(0x0200, 4, 0, 0x60000, &k), 0);
	assert_false(k.bzimage);
	le16_put(buf + 0x1F4, 0x6001);
	assert_int_equal(linux_parse_header(buf, 1024, 5 * 512 + 0x60000, &k),
			 LINUX_ETRUNCATED);
	// 2.01
	assert_int_equal(parse(0x0201, 6, LOADED_HIGH, MiB, &k), 0);
	assert_int_equal(k.version, 0x0201);
	assert_int_equal(k.setup_size, 7 * 512);
	assert_true(k.bzimage);
	// The version string exists from 2.00.
	build_header(buf, 1024, 0x0200, 4, LOADED_HIGH, MiB);
	le16_put(buf + 0x20E, 0x380 - 0x200);
	strcpy((char *)buf + 0x380, "2.0.40");
	assert_int_equal(linux_parse_header(buf, 1024, 5 * 512 + MiB, &k), 0);
	assert_string_equal(k.version_string, "2.0.40");
}

static void test_parse_202_zimage(void **state)
{
	struct linux_kernel k;

	(void)state;
	assert_int_equal(parse(0x0202, 4, 0, 400 * 1024, &k), 0);
	assert_false(k.bzimage);
	assert_int_equal(k.version, 0x0202);
	assert_int_equal(k.pm_size, 400 * 1024);
	// syssize (2 bytes) is right for a zImage: a short file is caught.
	assert_int_equal(
	    linux_parse_header(buf, 1024, 5 * 512 + 400 * 1024 - 16, &k),
	    LINUX_ETRUNCATED);
	// 2.04 zImage: 4-byte syssize.
	assert_int_equal(parse(0x0204, 4, 0, 500 * 1024, &k), 0);
	assert_false(k.bzimage);
}

static void test_parse_203_205(void **state)
{
	struct linux_kernel k;

	(void)state;
	assert_int_equal(parse(0x0203, 8, LOADED_HIGH, MiB, &k), 0);
	assert_int_equal(k.initrd_addr_max, 0x7FFFFFFF);
	assert_int_equal(k.header_end, 0x230);
	assert_false(k.relocatable);
	assert_int_equal(k.kernel_alignment, 0);
	// 2.03 bzImage: syssize is still not trusted (2 bytes wide).
	le32_put(buf + 0x1F4, 0xFFFFFFFF);
	assert_int_equal(linux_parse_header(buf, 1024, 9 * 512 + MiB, &k), 0);
	// 2.05: relocatable and its alignment; cmdline_size not yet.
	assert_int_equal(parse(0x0205, 8, LOADED_HIGH, MiB, &k), 0);
	assert_true(k.relocatable);
	assert_int_equal(k.kernel_alignment, 0x200000);
	assert_int_equal(k.cmdline_size, 255);
	assert_int_equal(k.header_end, 0x235);
	// Not relocatable: alignment read, irrelevant.
	buf[0x234] = 0;
	assert_int_equal(linux_parse_header(buf, 1024, 9 * 512 + MiB, &k), 0);
	assert_false(k.relocatable);
}

static void test_parse_payload_kinfo(void **state)
{
	struct linux_kernel k;

	(void)state;
	// 2.07: no payload fields yet.
	assert_int_equal(parse(0x0207, 8, LOADED_HIGH, MiB, &k), 0);
	assert_int_equal(k.payload_offset, 0);
	assert_int_equal(k.payload_length, 0);
	assert_int_equal(parse(0x0208, 8, LOADED_HIGH, MiB, &k), 0);
	assert_int_equal(k.payload_offset, 0x3A0);
	assert_int_equal(k.payload_length, MiB - 0x400);
	assert_int_equal(k.kernel_info_offset, 0);
	// 2.14 is burnt and read as 2.13: no kernel_info.
	assert_int_equal(parse(0x020E, 8, LOADED_HIGH, MiB, &k), 0);
	assert_int_equal(k.kernel_info_offset, 0);
	assert_int_equal(parse(0x020F, 8, LOADED_HIGH, MiB, &k), 0);
	assert_int_equal(k.kernel_info_offset, 0x12345);
}

static void test_refuse_bad_version(void **state)
{
	struct linux_kernel k;

	(void)state;
	// Nonsense versions behind a HdrS.
	assert_int_equal(parse(0x0105, 4, LOADED_HIGH, MiB, &k),
			 LINUX_EBADVERSION);
	assert_int_equal(k.version, 0x0105); // for the message
	assert_int_equal(parse(0x0300, 4, LOADED_HIGH, MiB, &k),
			 LINUX_EBADVERSION);
	// 2.14 is a burnt number, read like 2.13.
	assert_int_equal(parse(0x020E, 4, LOADED_HIGH, MiB, &k), 0);
}

static void test_refuse_misc(void **state)
{
	struct linux_kernel k;

	(void)state;
	// Relocatable with an alignment align_up() cannot use.
	build_header(buf, 1024, 0x020A, 27, LOADED_HIGH, MiB);
	le32_put(buf + 0x230, 0x300000);
	assert_int_equal(linux_parse_header(buf, 1024, 28 * 512 + MiB, &k),
			 LINUX_EBADALIGN);
	le32_put(buf + 0x230, 0);
	assert_int_equal(linux_parse_header(buf, 1024, 28 * 512 + MiB, &k),
			 LINUX_EBADALIGN);
	// Not relocatable: the alignment is irrelevant.
	buf[0x234] = 0;
	assert_int_equal(linux_parse_header(buf, 1024, 28 * 512 + MiB, &k), 0);
	// PM part that no 32-bit field can describe.
	assert_int_equal(
	    linux_parse_header(buf, 1024, 0x100000000ull + 28 * 512, &k),
	    LINUX_ETOOBIG);
	// Too few bytes given for the file size, or no buffer.
	assert_int_equal(linux_parse_header(buf, 1000, 28 * 512 + MiB, &k),
			 LINUX_EINVAL);
	assert_int_equal(linux_parse_header(NULL, 1024, 28 * 512 + MiB, &k),
			 LINUX_EINVAL);
	assert_int_equal(linux_parse_header(buf, 1024, 28 * 512 + MiB, NULL),
			 LINUX_EINVAL);
}

// The real kernel (see kernel_file.h for when it skips).
static void test_real_kernel(void **state)
{
	static uint8_t setup[0x8000];
	struct kernel_file kf;
	struct linux_plan p;
	struct linux_kernel k;
	static const struct mem_range map[] = {
	    {0, 0x9FC00, 1}, {0x100000, 0x3FF00000, 1}, // 1 GiB
	};
	struct linux_plan_req req = {
	    .map = map,
	    .nmap = 2,
	    .low_top = 0x9FC00,
	    .real_min = 0x10000,
	    .cmdline_len = 20,
	    .initrd_size = 16 * MiB,
	};
	size_t got;
	uint64_t size;

	(void)state;
	kernel_file_read(&kf);
	size = kf.size;
	got = kf.size < sizeof(setup) ? kf.size : sizeof(setup);
	memcpy(setup, kf.data, got);
	kernel_file_free(&kf);
	assert_int_equal(linux_parse_header(setup, 1024, size, &k), 0);
	assert_true(k.version >= 0x0202);
	assert_true(k.bzimage);
	assert_int_equal((uint64_t)k.pm_offset + k.pm_size, size);
	assert_true(k.header_end >= 0x22C);
	assert_int_equal(linux_parse_header(setup, got, size, &k), 0);
	// The whole setup was in the buffer: the version string is from it.
	assert_true(k.setup_size <= got);
	assert_true(k.version_string[0] != '\0');
	print_message("      kernel %u.%02u, setup %u bytes, \"%s\"\n",
		      k.version >> 8, k.version & 0xFF, k.setup_size,
		      k.version_string);
	assert_int_equal(linux_plan_layout(&k, &req, &p), 0);
	assert_int_equal(linux_write_header(setup, k.setup_size, &k, &p, -1),
			 0);
	assert_int_equal(le32_get(setup + 0x228), p.cmdline_addr);
	assert_int_equal(le32_get(setup + 0x218), p.initrd_addr);
}

// --- linux_write_header ----------------------------------------------

static uint8_t img[0x8000], want[0x8000];

static void staged(uint16_t v, uint8_t sects, uint8_t lf,
		   struct linux_kernel *k)
{
	uint32_t setup = (sects + 1u) * 512;

	uint32_t pm = lf & LOADED_HIGH ? MiB : 0x40000;

	memset(img, FILL, sizeof(img));
	build_header(img, setup, v, sects, lf, pm);
	assert_int_equal(linux_parse_header(img, setup, setup + pm, k), 0);
	memcpy(want, img, sizeof(want));
}

static const struct linux_plan plan = {
    .real_addr = 0x10000,
    .real_size = 5 * 512,
    .heap_end_ptr = 0xFE00,
    .stack_ptr = 0xFFF0,
    .cmdline_addr = 0x20000,
    .cmdline_max = 2048,
    .pm_addr = 0x100000,
    .pm_size = MiB,
    .initrd_addr = 0x7E00000,
    .initrd_size = 0x1E0123,
    .jump_cs = 0x1020,
    .seg = 0x1000,
};

// The 0x90000 layout (zImage, 2.01 and older), as the planner makes it.
static const struct linux_plan legacy_plan = {
    .real_addr = 0x90000,
    .real_size = 5 * 512,
    .heap_end_ptr = 0x9600,
    .stack_ptr = 0x9800,
    .setup_move_size = 0x9800 + 12 + 1,
    .cmdline_addr = 0x99800,
    .cmdline_max = 256,
    .pm_addr = 0x10000,
    .pm_size = 0x40000,
    .pm_stage_addr = 0x100000,
    .initrd_addr = 0x7E00000,
    .initrd_size = 0x1E0123,
    .jump_cs = 0x9020,
    .seg = 0x9000,
};

static void test_write_old(void **state)
{
	struct linux_kernel k;
	struct linux_plan p = legacy_plan;

	(void)state;
	staged(0, 4, 0, &k);
	p.initrd_addr = 0;
	p.initrd_size = 0;
	p.setup_move_size = 0;
	p.clear_addr = 0x90000 + 5 * 512;
	p.clear_len = 0x8000 - 5 * 512;
	p.quiet = true;
	assert_int_equal(linux_write_header(img, k.setup_size, &k, &p, 0x0F04),
			 0);
	// The command-line magic and offset, and vid_mode: nothing else,
	// nothing at all from 0x200 on.
	le16_put(want + 0x20, 0xA33F);
	le16_put(want + 0x22, 0x9800);
	le16_put(want + 0x1FA, 0x0F04);
	assert_memory_equal(img, want, sizeof(img));
	assert_int_equal(img[0x20], 0x3F);
	assert_int_equal(img[0x21], 0xA3);
	assert_int_equal(img[0x22], 0x00);
	assert_int_equal(img[0x23], 0x98);
}

static void test_write_200(void **state)
{
	struct linux_kernel k;
	struct linux_plan p = legacy_plan;

	(void)state;
	p.pm_addr = 0x100000;
	p.pm_stage_addr = 0x100000;
	staged(0x0200, 4, LOADED_HIGH | QUIET_FLAG, &k);
	assert_int_equal(linux_write_header(img, k.setup_size, &k, &p, -1), 0);
	// type_of_loader, loadflags without CAN_USE_HEAP (2.01+), the
	// ramdisk, the old command-line protocol with setup_move_size; no
	// heap_end_ptr (0x224), no cmd_line_ptr (0x228).
	want[0x210] = 0xFF;
	want[0x211] = LOADED_HIGH; // QUIET cleared
	le32_put(want + 0x218, 0x7E00000);
	le32_put(want + 0x21C, 0x1E0123);
	le16_put(want + 0x20, 0xA33F);
	le16_put(want + 0x22, 0x9800);
	le16_put(want + 0x212, 0x9800 + 12 + 1);
	assert_memory_equal(img, want, sizeof(img));
	assert_int_equal(le16_get(img + 0x224), 0); // as the kernel had it
	assert_int_equal(le32_get(img + 0x228), 0xCCCCCCCC); // not a field yet
	assert_int_equal(le32_get(img + 0x214), 0x100000); // code32_start kept
}

static void test_write_201(void **state)
{
	struct linux_kernel k;
	struct linux_plan p = legacy_plan;

	(void)state;
	// A 2.01 zImage: PM part at 0x10000.  code32_start (0x100000 in the
	// synthetic header, 0x1000 in a real zImage) is left alone.
	staged(0x0201, 4, 0, &k);
	p.initrd_addr = 0;
	p.initrd_size = 0;
	assert_int_equal(linux_write_header(img, k.setup_size, &k, &p, 0), 0);
	want[0x210] = 0xFF;
	want[0x211] = CAN_USE_HEAP;
	le32_put(want + 0x218, 0);
	le32_put(want + 0x21C, 0);
	le16_put(want + 0x224, 0x9600); // heap_end_ptr from 2.01
	le16_put(want + 0x20, 0xA33F);
	le16_put(want + 0x22, 0x9800);
	le16_put(want + 0x212, 0x9800 + 12 + 1);
	le16_put(want + 0x1FA, 0);
	assert_memory_equal(img, want, sizeof(img));
	assert_int_equal(le32_get(img + 0x228), 0xCCCCCCCC); // no cmd_line_ptr
}

static void test_write_202_zimage(void **state)
{
	struct linux_kernel k;
	struct linux_plan p = legacy_plan;

	(void)state;
	staged(0x0202, 4, 0, &k);
	p.setup_move_size = 0;
	assert_int_equal(linux_write_header(img, k.setup_size, &k, &p, -1), 0);
	// The 2.02 command line protocol: cmd_line_ptr, no magic, no
	// setup_move_size.
	want[0x210] = 0xFF;
	want[0x211] = CAN_USE_HEAP;
	le32_put(want + 0x218, 0x7E00000);
	le32_put(want + 0x21C, 0x1E0123);
	le16_put(want + 0x224, 0x9600);
	le32_put(want + 0x228, 0x99800);
	assert_memory_equal(img, want, sizeof(img));
	assert_int_equal(le16_get(img + 0x20), 0xCCCC);
	assert_int_equal(le16_get(img + 0x212), 0x8000);
}

// Every bzImage version from 2.02 writes the same fields; the bytes past
// each version's header (FILL) stay, and so do the newer fields' values.
static void test_write_modern_versions(void **state)
{
	static const uint16_t versions[] = {
	    0x0202, 0x0203, 0x0204, 0x0205, 0x0206, 0x0207, 0x0208,
	    0x0209, 0x020A, 0x020B, 0x020C, 0x020D, 0x020E, 0x020F,
	};
	struct linux_kernel k;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
		staged(versions[i], 20, LOADED_HIGH, &k);
		assert_int_equal(
		    linux_write_header(img, k.setup_size, &k, &plan, -1), 0);
		want[0x210] = 0xFF;
		want[0x211] = LOADED_HIGH | CAN_USE_HEAP;
		le32_put(want + 0x218, 0x7E00000);
		le32_put(want + 0x21C, 0x1E0123);
		le16_put(want + 0x224, 0xFE00);
		le32_put(want + 0x228, 0x20000);
		assert_memory_equal(img, want, sizeof(img));
	}
}

static void test_write_202(void **state)
{
	struct linux_kernel k;

	(void)state;
	staged(0x0202, 4, LOADED_HIGH | QUIET_FLAG, &k);
	assert_int_equal(linux_write_header(img, k.setup_size, &k, &plan, -1),
			 0);
	// Exactly these bytes change; everything else (code32_start,
	// setup_move_size, vid_mode, all bytes past the 2.02 header at
	// 0x22C) stays as it was.
	want[0x210] = 0xFF;			  // type_of_loader
	want[0x211] = LOADED_HIGH | CAN_USE_HEAP; // QUIET cleared
	le32_put(want + 0x218, 0x7E00000);	  // ramdisk_image
	le32_put(want + 0x21C, 0x1E0123);	  // ramdisk_size
	le16_put(want + 0x224, 0xFE00);		  // heap_end_ptr
	le32_put(want + 0x228, 0x20000);	  // cmd_line_ptr
	assert_memory_equal(img, want, sizeof(img));
	assert_int_equal(img[0x210], 0xFF);
	assert_int_equal(img[0x211], 0x81);
	assert_int_equal(le32_get(img + 0x218), 0x7E00000);
	assert_int_equal(le32_get(img + 0x21C), 0x1E0123);
	assert_int_equal(le16_get(img + 0x224), 0xFE00);
	assert_int_equal(le32_get(img + 0x228), 0x20000);
	assert_int_equal(le16_get(img + 0x1FA), 0xFFFE); // kernel's default
	assert_int_equal(le32_get(img + 0x214), 0x100000);
	assert_int_equal(le32_get(img + 0x22C), 0xCCCCCCCC);
}

static void test_write_215(void **state)
{
	struct linux_kernel k;
	struct linux_plan p = plan;

	(void)state;
	staged(0x020F, 27, LOADED_HIGH, &k);
	p.initrd_addr = 0;
	p.initrd_size = 0;
	p.quiet = true;
	assert_int_equal(linux_write_header(img, k.setup_size, &k, &p, 0x317),
			 0);
	want[0x210] = 0xFF;
	want[0x211] = LOADED_HIGH | QUIET_FLAG | CAN_USE_HEAP;
	le32_put(want + 0x218, 0);
	le32_put(want + 0x21C, 0);
	le16_put(want + 0x224, 0xFE00);
	le32_put(want + 0x228, 0x20000);
	le16_put(want + 0x1FA, 0x317); // vga=791
	assert_memory_equal(img, want, sizeof(img));
	assert_int_equal(img[0x1FA], 0x17);
	assert_int_equal(img[0x1FB], 0x03);
	// vid_mode 0 (menu entry 0) is a value, not "keep".
	staged(0x020F, 27, LOADED_HIGH, &k);
	assert_int_equal(linux_write_header(img, k.setup_size, &k, &p, 0), 0);
	assert_int_equal(le16_get(img + 0x1FA), 0);
	// 0xFFFD = "ask"
	assert_int_equal(linux_write_header(img, k.setup_size, &k, &p, 0xFFFD),
			 0);
	assert_int_equal(le16_get(img + 0x1FA), 0xFFFD);
}

static void test_write_code32_start(void **state)
{
	struct linux_kernel k;
	struct linux_plan p = plan;

	(void)state;
	// A relocatable kernel loaded away from code32_start gets told.
	staged(0x020F, 27, LOADED_HIGH, &k);
	p.pm_addr = 0x200000;
	assert_int_equal(linux_write_header(img, k.setup_size, &k, &p, -1), 0);
	assert_int_equal(le32_get(img + 0x214), 0x200000);
	// A non-relocatable one cannot be: refused, nothing written.
	staged(0x020F, 27, LOADED_HIGH, &k);
	img[0x234] = 0;
	want[0x234] = 0;
	k.relocatable = false;
	assert_int_equal(linux_write_header(img, k.setup_size, &k, &p, -1),
			 LINUX_ENOTRELOC);
	assert_memory_equal(img, want, sizeof(img));
}

static void test_write_refusals(void **state)
{
	struct linux_kernel k, old;
	struct linux_plan p = plan;

	(void)state;
	staged(0x020F, 27, LOADED_HIGH, &k);
	assert_int_equal(linux_write_header(img, k.setup_size, &k, &p, 0x10000),
			 LINUX_EBADVIDMODE);
	assert_int_equal(linux_write_header(img, k.setup_size - 1, &k, &p, -1),
			 LINUX_EINVAL);
	assert_int_equal(linux_write_header(NULL, k.setup_size, &k, &p, -1),
			 LINUX_EINVAL);
	p.initrd_size = 0x100000000ull;
	assert_int_equal(linux_write_header(img, k.setup_size, &k, &p, -1),
			 LINUX_EINVAL);
	p = plan;
	// Staged bytes that are not the parsed kernel.
	old = k;
	old.version = 0x020C;
	assert_int_equal(linux_write_header(img, k.setup_size, &old, &p, -1),
			 LINUX_EHDRMISMATCH);
	old = k;
	old.setup_sects = 26;
	assert_int_equal(linux_write_header(img, k.setup_size, &old, &p, -1),
			 LINUX_EHDRMISMATCH);
	old = k;
	old.version = 0; // parsed as "old", staged with a HdrS
	assert_int_equal(linux_write_header(img, k.setup_size, &old, &p, -1),
			 LINUX_EHDRMISMATCH);
	img[0x1FE] = 0;
	assert_int_equal(linux_write_header(img, k.setup_size, &k, &p, -1),
			 LINUX_EHDRMISMATCH);
	img[0x1FE] = 0x55;
	assert_memory_equal(img, want, sizeof(img));

	// "old" staged with a HdrS, 2.x staged without one.
	staged(0, 4, 0, &k);
	memcpy(img + 0x202, "HdrS", 4);
	assert_int_equal(linux_write_header(img, k.setup_size, &k, &p, -1),
			 LINUX_EHDRMISMATCH);
	staged(0x0201, 4, 0, &k);
	memset(img + 0x202, 0, 4);
	assert_int_equal(linux_write_header(img, k.setup_size, &k, &p, -1),
			 LINUX_EHDRMISMATCH);
	// Before 2.02 the line must be within 64 KiB of the setup's start.
	staged(0x0201, 4, 0, &k);
	p = legacy_plan;
	p.cmdline_addr = p.real_addr + 0x10000;
	assert_int_equal(linux_write_header(img, k.setup_size, &k, &p, -1),
			 LINUX_EINVAL);
	p.cmdline_addr = p.real_addr - 16;
	assert_int_equal(linux_write_header(img, k.setup_size, &k, &p, -1),
			 LINUX_EINVAL);
	// No initrd for an "old" kernel, nothing written.
	staged(0, 4, 0, &k);
	p = legacy_plan;
	p.initrd_addr = 0x7E00000;
	p.initrd_size = 1;
	assert_int_equal(linux_write_header(img, k.setup_size, &k, &p, -1),
			 LINUX_ENOINITRD);
	assert_memory_equal(img, want, sizeof(img));
}

static void test_strerror(void **state)
{
	int a, b;

	(void)state;
	for (a = LINUX_EBOOTSECTOR; a < 0; a++) {
		const char *s = linux_strerror(a);

		assert_non_null(s);
		assert_true(strlen(s) > 5);
		assert_string_not_equal(s, "unknown error");
		for (b = a + 1; b < 0; b++)
			assert_string_not_equal(s, linux_strerror(b));
	}
	assert_string_equal(linux_strerror(LINUX_ENOTKERNEL),
			    "not a Linux kernel: no 0xAA55 boot flag");
	assert_string_equal(linux_strerror(LINUX_EBOOTSECTOR),
			    "not a Linux kernel: a boot sector, no kernel");
	assert_string_equal(linux_strerror(LINUX_ENOINITRD),
			    "kernel too old for an initrd");
	assert_string_equal(linux_strerror(LINUX_ENOHIGHMEM),
			    "kernel does not fit in memory");
	assert_string_equal(linux_strerror(LINUX_EBOOTSECTOR - 1),
			    "unknown error");
	assert_string_equal(linux_strerror(-10000), "unknown error");
	assert_string_equal(linux_strerror(1), "unknown error");
	assert_string_equal(linux_strerror(-2147483647 - 1), "unknown error");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_202),
	    cmocka_unit_test(test_parse_204),
	    cmocka_unit_test(test_parse_206),
	    cmocka_unit_test(test_parse_210),
	    cmocka_unit_test(test_parse_212),
	    cmocka_unit_test(test_parse_215),
	    cmocka_unit_test(test_version_string),
	    cmocka_unit_test(test_refuse_no_boot_flag),
	    cmocka_unit_test(test_refuse_truncated),
	    cmocka_unit_test(test_refuse_setup_too_big),
	    cmocka_unit_test(test_parse_old),
	    cmocka_unit_test(test_old_or_not_a_kernel),
	    cmocka_unit_test(test_parse_200_201),
	    cmocka_unit_test(test_parse_202_zimage),
	    cmocka_unit_test(test_parse_203_205),
	    cmocka_unit_test(test_parse_payload_kinfo),
	    cmocka_unit_test(test_refuse_bad_version),
	    cmocka_unit_test(test_refuse_misc),
	    cmocka_unit_test(test_real_kernel),
	    cmocka_unit_test(test_write_old),
	    cmocka_unit_test(test_write_200),
	    cmocka_unit_test(test_write_201),
	    cmocka_unit_test(test_write_202_zimage),
	    cmocka_unit_test(test_write_modern_versions),
	    cmocka_unit_test(test_write_202),
	    cmocka_unit_test(test_write_215),
	    cmocka_unit_test(test_write_code32_start),
	    cmocka_unit_test(test_write_refusals),
	    cmocka_unit_test(test_strerror),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
