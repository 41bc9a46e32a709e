// SPDX-License-Identifier: BSD-2-Clause
/* protocol/linux_draw.c: the drawing the boot prompt's `layout` prints
 * over a real machine's E820 map (bzboot inspect's own map is covered by
 * tests/tool/test_inspect.py): map entries named by their E820 type,
 * unsorted maps, holes, pieces winning over the map, the row callback. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "protocol/linux.h"
#include "protocol/linux_draw.h"

static char out[4096];

static void collect(void *ctx, const char *line)
{
	unsigned *rows = ctx;

	(*rows)++;
	assert_null(strchr(line, '\n'));
	strcat(out, line);
	strcat(out, "\n");
}

/* A map as a BIOS may give it: unsorted, an ACPI range, a hole. */
static const struct mem_range map[] = {
    {0x100000, 0x3F00000, MEM_RANGE_USABLE},
    {0, 0x9F000, MEM_RANGE_USABLE},
    {0x9F000, 0x1000, MEM_RANGE_RESERVED},
    {0x4000000, 0x10000, 3}, /* ACPI data */
    {0x4010000, 0x10000, 99},
    {0x5000000, 0x1000000, MEM_RANGE_USABLE},
};

static void test_e820_names_and_holes(void **state)
{
	struct draw_layout l = {.map = map, .nmap = 6, .top = 0x6000000};
	unsigned rows = 0;

	(void)state;
	out[0] = '\0';
	draw_layout(&l, collect, &rows);
	assert_string_equal(
	    out, "  06000000  +------------------------+  end of RAM (96 MiB)\n"
		 "            |  free                  |\n"
		 "  05000000  +------------------------+\n"
		 "            |  no RAM                |\n"
		 "  04020000  +------------------------+\n"
		 "            |  reserved              |\n"
		 "  04010000  +------------------------+\n"
		 "            |  ACPI data             |\n"
		 "  04000000  +------------------------+\n"
		 "            |  free                  |\n"
		 "  00100000  +------------------------+\n"
		 "            |  VGA, option ROMs      |\n"
		 "  000A0000  +------------------------+\n"
		 "            |  reserved              |\n"
		 "  0009F000  +------------------------+\n"
		 "            |  free                  |\n"
		 "  00000000  +------------------------+\n");
	assert_int_equal(rows, 17);
}

/* A piece wins over the map under it; rows above the top are not drawn. */
static void test_items_over_map(void **state)
{
	struct linux_kernel k = {.version = 0x020F,
				 .setup_sects = 4,
				 .setup_size = 0xA00,
				 .pm_offset = 0xA00,
				 .init_size = 0x100000};
	struct linux_plan p = {.real_addr = 0x10000,
			       .seg = 0x1000,
			       .jump_cs = 0x1020,
			       .heap_end_ptr = 0xFE00,
			       .stack_ptr = 0xFFF0,
			       .cmdline_addr = 0x20000,
			       .cmdline_max = 0x800,
			       .pm_addr = 0x100000,
			       .pm_stage_addr = 0x100000,
			       .pm_size = 0x80000,
			       .runtime_start = 0x100000,
			       .kernel_end = 0x200000,
			       .initrd_addr = 0x3F00000,
			       .initrd_size = 0x100000};
	struct draw_layout l = {.map = map, .nmap = 6, .top = 0x4000000};
	unsigned rows = 0;

	(void)state;
	out[0] = '\0';
	draw_plan_items(&l, &k, &p, 7, "1 MiB here");
	draw_layout(&l, collect, &rows);
	assert_non_null(strstr(out, "  04000000  +------------------------+"
				    "  end of RAM (64 MiB)\n"
				    "            |  initrd                |"
				    "  1 MiB here\n"
				    "  03F00000  +"));
	assert_non_null(strstr(out, "|  command line          |  "
				    "cmd_line_ptr: 7 characters + NUL\n"
				    "  00020000  +"));
	assert_non_null(strstr(out, "|  kernel runtime        |  init_size "
				    "0x100000: no initrd here\n"
				    "  00180000  +"));
	assert_null(strstr(out, "ACPI data"));
	assert_null(strstr(out, "no RAM"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_e820_names_and_holes),
	    cmocka_unit_test(test_items_over_map),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
