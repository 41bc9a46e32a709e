// SPDX-License-Identifier: BSD-2-Clause
/* protocol/linux_vmap.c and linux_flags.c: mm.rst's two tables cover the
 * whole address space row after row, the areas a kernel's pieces land in
 * start where mm.rst says, the paging verdict from xloadflags, and the
 * kernel's addresses for a plan (bzboot inspect --paging prints them;
 * tests/tool/test_inspect_paging.py checks the printing). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "protocol/bootparam.h"
#include "protocol/linux.h"
#include "protocol/linux_flags.h"
#include "protocol/linux_vmap.h"

/* The row named name (the first one), or fail. */
static const struct mem_range *area(const struct linux_vmap *m,
				    const char *name)
{
	for (unsigned i = 0; i < LINUX_VMAP_AREAS; i++)
		if (!strcmp(m->name[i], name))
			return &m->area[i];
	fail_msg("no area %s", name);
	return NULL;
}

static void check_table(unsigned levels, uint64_t page_offset,
			uint64_t user_end, uint64_t vmalloc)
{
	struct linux_vmap m;

	assert_int_equal(linux_vmap_init(&m, levels), 0);
	assert_int_equal(m.levels, levels);
	assert_int_equal(m.page_offset, page_offset);
	assert_int_equal(m.area[0].addr, 0);
	for (unsigned i = 0; i + 1 < LINUX_VMAP_AREAS; i++) {
		assert_true(m.area[i].size > 0);
		assert_int_equal(m.area[i].addr + m.area[i].size,
				 m.area[i + 1].addr);
		assert_int_equal(m.area[i].type, MEM_RANGE_RESERVED);
		assert_non_null(m.note[i]);
	}
	assert_int_equal(m.area[LINUX_VMAP_AREAS - 1].addr +
			     m.area[LINUX_VMAP_AREAS - 1].size,
			 UINT64_MAX);
	assert_int_equal(area(&m, "user space")->size, user_end);
	assert_int_equal(area(&m, "direct map")->addr, page_offset);
	assert_int_equal(area(&m, "vmalloc/ioremap")->addr, vmalloc);
	assert_int_equal(area(&m, "kernel text mapping")->addr,
			 LINUX_START_KERNEL_MAP);
	assert_int_equal(area(&m, "kernel text mapping")->size, 512 << 20);
	assert_int_equal(area(&m, "modules")->addr, 0xFFFFFFFFA0000000);
	assert_int_equal(area(&m, "vsyscall (legacy)")->addr,
			 0xFFFFFFFFFF600000);
}

static void test_tables(void **state)
{
	struct linux_vmap m;

	(void)state;
	check_table(4, 0xFFFF888000000000, 0x00007FFFFFFFF000,
		    0xFFFFC90000000000);
	check_table(5, 0xFF11000000000000, 0x00FFFFFFFFFFF000,
		    0xFFA0000000000000);
	assert_int_equal(linux_vmap_init(&m, 3), LINUX_EINVAL);
}

static struct linux_kernel kernel(uint16_t version, uint16_t xlf)
{
	return (struct linux_kernel){.version = version,
				     .xloadflags = xlf,
				     .relocatable = true,
				     .kernel_alignment = 0x200000,
				     .pref_address = 0x1000000,
				     .init_size = 0x3F98000};
}

static void test_fit(void **state)
{
	static const struct {
		uint16_t version, xlf;
		unsigned levels;
		enum linux_paging_fit fit;
	} cases[] = {
	    {0x020F, 0x7F, 4, LINUX_PAGING_YES},
	    {0x020F, 0x7F, 5, LINUX_PAGING_YES},
	    {0x020F, 0x3F, 5, LINUX_PAGING_NO_CONFIG},
	    {0x020F, 0x1F, 5, LINUX_PAGING_NO_FLAGS},
	    {0x020F, 0x5F, 5, LINUX_PAGING_NO_FLAGS},
	    {0x020F, 0x1F, 4, LINUX_PAGING_YES},
	    {0x020F, 0x7E, 4, LINUX_PAGING_NO_32BIT},
	    {0x020F, 0x7E, 5, LINUX_PAGING_NO_32BIT},
	    {0x020A, 0, 4, LINUX_PAGING_NO_XLF},
	};
	struct linux_plan p = {.runtime_start = 0x1000000};
	struct linux_vmap_kernel v;
	struct linux_vmap m;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct linux_kernel k = kernel(cases[i].version, cases[i].xlf);

		linux_vmap_init(&m, cases[i].levels);
		linux_vmap_kernel(&m, &k, &p, 512 << 20, &v);
		assert_int_equal(v.fit, cases[i].fit);
	}
}

static void test_pieces(void **state)
{
	struct linux_kernel k = kernel(0x020F, 0x7F);
	struct linux_plan p = {.runtime_start = 0x1000000,
			       .initrd_addr = 0x1FF00000,
			       .initrd_size = 0x100000};
	struct linux_vmap_kernel v;
	struct linux_vmap m;

	(void)state;
	linux_vmap_init(&m, 4);
	linux_vmap_kernel(&m, &k, &p, 512 << 20, &v);
	assert_int_equal(v.text_virt, 0xFFFFFFFF81000000);
	assert_int_equal(v.phys_base, 0);
	assert_int_equal(v.size, 0x4000000);
	assert_int_equal(v.kaslr_virt_last, 0xFFFFFFFFBC000000);
	assert_int_equal(v.kaslr_phys_first, 0x1000000);
	assert_int_equal(v.kaslr_phys_last, 0x1C000000);
	assert_int_equal(v.initrd_virt, 0xFFFF88801FF00000);
	assert_int_equal(v.dmap_step, 1ull << 30);

	/* loaded above its link address: phys_base says by how much, and
	 * physical KASLR starts at 512 MiB at most */
	p.runtime_start = 0x40000000;
	linux_vmap_init(&m, 5);
	linux_vmap_kernel(&m, &k, &p, 2048ull << 20, &v);
	assert_int_equal(v.text_virt, 0xFFFFFFFF81000000);
	assert_int_equal(v.phys_base, 0x3F000000);
	assert_int_equal(v.kaslr_phys_first, 0x20000000);
	assert_int_equal(v.initrd_virt, 0xFF1100001FF00000);
	assert_int_equal(v.dmap_step, 1ull << 39);
	p.initrd_size = 0;
	linux_vmap_kernel(&m, &k, &p, 2048ull << 20, &v);
	assert_int_equal(v.initrd_virt, 0);
}

static void test_flag_names(void **state)
{
	(void)state;
	assert_string_equal(linux_xloadflag_name(0), "XLF_KERNEL_64");
	assert_string_equal(linux_xloadflag_name(5), "XLF_5LEVEL");
	assert_string_equal(linux_xloadflag_name(6), "XLF_5LEVEL_ENABLED");
	assert_string_equal(linux_xloadflag_name(7), "XLF_MEM_ENCRYPTION");
	assert_null(linux_xloadflag_name(8));
	assert_null(linux_xloadflag_name(16));
	assert_string_equal(linux_loadflag_name(7), "CAN_USE_HEAP");
	assert_null(linux_loadflag_name(2));
	assert_null(linux_loadflag_name(8));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tables),
	    cmocka_unit_test(test_fit),
	    cmocka_unit_test(test_pieces),
	    cmocka_unit_test(test_flag_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
