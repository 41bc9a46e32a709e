// SPDX-License-Identifier: BSD-2-Clause
// Unit tests for protocol/header.c, linux_write_header: the fields the
// loader owns, only those each version defines, into a staged setup.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "protocol/bootparam.h"
#include "protocol/le.h"
#include "protocol/linux.h"
#include "tests/unit/support/fake_header.h"

#define MiB 0x100000u

static uint8_t img[0x8000], want[0x8000];

static void staged(uint16_t v, uint8_t sects, uint8_t lf,
		   struct linux_kernel *k)
{
	uint32_t setup = (sects + 1u) * 512;

	uint32_t pm = lf & LOADED_HIGH ? MiB : 0x40000;

	memset(img, FAKE_FILL, sizeof(img));
	fake_header_build(img, setup, v, sects, lf, pm);
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
// each version's header (FAKE_FILL) stay, and so do the newer fields' values.
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
	// A relocatable kernel loaded away from 1 MiB: code32_start moves
	// with it (boot.rst: it must point to the load address).
	staged(0x020F, 27, LOADED_HIGH, &k);
	p.pm_addr = 0x200000;
	assert_int_equal(linux_write_header(img, k.setup_size, &k, &p, -1), 0);
	assert_int_equal(le32_get(img + 0x214), 0x200000);
	// By the same distance when the image's entry is not its first byte,
	// as SYSLINUX and GRUB do (code32_start += load - 1 MiB).
	staged(0x020F, 27, LOADED_HIGH, &k);
	le32_put(img + 0x214, 0x100200);
	assert_int_equal(linux_write_header(img, k.setup_size, &k, &p, -1), 0);
	assert_int_equal(le32_get(img + 0x214), 0x200200);
	// A non-relocatable one cannot be: refused, nothing written.
	staged(0x020F, 27, LOADED_HIGH, &k);
	img[0x234] = 0;
	want[0x234] = 0;
	k.relocatable = false;
	assert_int_equal(linux_write_header(img, k.setup_size, &k, &p, -1),
			 LINUX_ENOTRELOC);
	assert_memory_equal(img, want, sizeof(img));
}

// At 1 MiB code32_start stays as the image has it, whatever it says and
// relocatable or not: iPXE's .lkrn says 0 (SYSLINUX and GRUB load it at
// 1 MiB and leave it).
static void test_write_code32_start_kept(void **state)
{
	static const uint32_t values[] = {0, 0x1000, 0x100200, 0x1000000};
	struct linux_kernel k;
	size_t i;
	int reloc;

	(void)state;
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		for (reloc = 0; reloc < 2; reloc++) {
			staged(0x020F, 27, LOADED_HIGH, &k);
			le32_put(img + 0x214, values[i]);
			img[0x234] = (uint8_t)reloc;
			k.relocatable = reloc;
			assert_int_equal(linux_write_header(img, k.setup_size,
							    &k, &plan, -1),
					 0);
			assert_int_equal(le32_get(img + 0x214), values[i]);
		}
	}
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_write_old),
	    cmocka_unit_test(test_write_200),
	    cmocka_unit_test(test_write_201),
	    cmocka_unit_test(test_write_202_zimage),
	    cmocka_unit_test(test_write_modern_versions),
	    cmocka_unit_test(test_write_202),
	    cmocka_unit_test(test_write_215),
	    cmocka_unit_test(test_write_code32_start),
	    cmocka_unit_test(test_write_code32_start_kept),
	    cmocka_unit_test(test_write_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
