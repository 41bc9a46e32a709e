// SPDX-License-Identifier: BSD-2-Clause
// Table-driven tests of the layout planner (protocol/layout.c): each row is
// a kernel, a request and the plan (or error) it must give.
#ifndef BZ_TESTS_LAYOUT_CASE_H
#define BZ_TESTS_LAYOUT_CASE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "protocol/bootparam.h"
#include "protocol/linux.h"

#define KiB  0x400u
#define MiB  0x100000u
#define GiB  0x40000000ull
#define N(a) (sizeof(a) / sizeof((a)[0]))

// What `qemu-system-x86_64 -m 128` reports.
extern const struct mem_range layout_qemu_map[5];

// The kernels rows start from; a row changes fields after the base (a
// later designator overrides an earlier one, C11 6.7.9p19, so the row
// files turn gcc's -Woverride-init off).
//
// A modern relocatable bzImage: 10 MiB PM part, decompressing at
// pref_address 16 MiB with init_size 40 MiB, so it occupies [1 MiB, 56 MiB)
// one way or another.
#define MODERN                                                                 \
	.version = 0x020F, .setup_sects = 27, .setup_size = 28 * 512,          \
	.pm_offset = 28 * 512, .pm_size = 10 * MiB, .bzimage = true,           \
	.relocatable = true, .loadflags = LOADED_HIGH,                         \
	.xloadflags = XLF_KERNEL_64, .initrd_addr_max = 0x7FFFFFFF,            \
	.cmdline_size = 2047, .kernel_alignment = 0x200000,                    \
	.init_size = 40 * MiB, .pref_address = 0x1000000, .header_end = 0x26C
// An "old" kernel (no HdrS): a 4-sector setup and a 400 KiB zImage.
#define OLD                                                                    \
	.version = 0, .setup_sects = 4, .setup_size = 5 * 512,                 \
	.pm_offset = 5 * 512, .pm_size = 400 * KiB,                            \
	.initrd_addr_max = 0x37FFFFFF, .cmdline_size = 255
// A modern kernel's request on QEMU's map: 40 characters of command line,
// X from 0x10000.
#define QEMU                                                                   \
	.map = layout_qemu_map, .nmap = N(layout_qemu_map),                    \
	.low_top = 0x9FC00, .real_min = 0x10000, .cmdline_len = 40
#define ON(m) .map = (m), .nmap = N(m)

// A plan field a row checks (or a sum of two, named for what it means).
enum plan_field {
	END = 0, // ends a row's list
	REAL_ADDR,
	REAL_SIZE,
	SEG,
	JUMP_CS,
	HEAP_END_PTR,
	STACK_PTR,
	SETUP_MOVE_SIZE,
	CMDLINE_ADDR,
	CMDLINE_MAX,
	CMDLINE_END, // cmdline_addr + cmdline_max
	CLEAR_ADDR,
	CLEAR_LEN,
	PM_ADDR,
	PM_SIZE,
	PM_END, // pm_addr + pm_size
	PM_STAGE_ADDR,
	RUNTIME_START,
	KERNEL_END,
	INITRD_ADDR,
	INITRD_SIZE,
	INITRD_END,	 // initrd_addr + initrd_size
	INITRD_PAGE_OFF, // initrd_addr & 0xFFF
	INITRD_LIMIT,
	QUIET,
};

enum plan_op { EQ = 0, LE, GT };

struct plan_want {
	enum plan_field field;
	uint64_t value;
	enum plan_op op; // EQ unless given
};

struct layout_case {
	const char *name;
	struct linux_kernel k;
	struct linux_plan_req r;
	int err; // what linux_plan_layout returns
	struct plan_want want[20];
};

// Runs every row as a cmocka test of its name, then the extra tests, as
// one group; returns the number that failed.
int layout_cases_run(const char *group, const struct layout_case *rows,
		     size_t nrows, const struct CMUnitTest *extra,
		     size_t nextra);

#endif
