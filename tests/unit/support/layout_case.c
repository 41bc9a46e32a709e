// SPDX-License-Identifier: BSD-2-Clause
// The runner of the planner's table-driven tests (see layout_case.h).
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "protocol/linux.h"
#include "tests/unit/support/layout_case.h"

const struct mem_range layout_qemu_map[5] = {
    {0, 0x9FC00, 1},	      {0x9FC00, 0x400, 2},
    {0xF0000, 0x10000, 2},    {0x100000, 0x7FE0000 - 0x100000, 1},
    {0xFFFC0000, 0x40000, 2},
};

static const char *const field_names[] = {
    [REAL_ADDR] = "real_addr",
    [REAL_SIZE] = "real_size",
    [SEG] = "seg",
    [JUMP_CS] = "jump_cs",
    [HEAP_END_PTR] = "heap_end_ptr",
    [STACK_PTR] = "stack_ptr",
    [SETUP_MOVE_SIZE] = "setup_move_size",
    [CMDLINE_ADDR] = "cmdline_addr",
    [CMDLINE_MAX] = "cmdline_max",
    [CMDLINE_END] = "cmdline_addr + cmdline_max",
    [CLEAR_ADDR] = "clear_addr",
    [CLEAR_LEN] = "clear_len",
    [PM_ADDR] = "pm_addr",
    [PM_SIZE] = "pm_size",
    [PM_END] = "pm_addr + pm_size",
    [PM_STAGE_ADDR] = "pm_stage_addr",
    [RUNTIME_START] = "runtime_start",
    [KERNEL_END] = "kernel_end",
    [INITRD_ADDR] = "initrd_addr",
    [INITRD_SIZE] = "initrd_size",
    [INITRD_END] = "initrd_addr + initrd_size",
    [INITRD_PAGE_OFF] = "initrd_addr & 0xFFF",
    [INITRD_LIMIT] = "initrd_limit",
    [QUIET] = "quiet",
};

static uint64_t field(const struct linux_plan *p, enum plan_field f)
{
	switch (f) {
	case REAL_ADDR:
		return p->real_addr;
	case REAL_SIZE:
		return p->real_size;
	case SEG:
		return p->seg;
	case JUMP_CS:
		return p->jump_cs;
	case HEAP_END_PTR:
		return p->heap_end_ptr;
	case STACK_PTR:
		return p->stack_ptr;
	case SETUP_MOVE_SIZE:
		return p->setup_move_size;
	case CMDLINE_ADDR:
		return p->cmdline_addr;
	case CMDLINE_MAX:
		return p->cmdline_max;
	case CMDLINE_END:
		return (uint64_t)p->cmdline_addr + p->cmdline_max;
	case CLEAR_ADDR:
		return p->clear_addr;
	case CLEAR_LEN:
		return p->clear_len;
	case PM_ADDR:
		return p->pm_addr;
	case PM_SIZE:
		return p->pm_size;
	case PM_END:
		return (uint64_t)p->pm_addr + p->pm_size;
	case PM_STAGE_ADDR:
		return p->pm_stage_addr;
	case RUNTIME_START:
		return p->runtime_start;
	case KERNEL_END:
		return p->kernel_end;
	case INITRD_ADDR:
		return p->initrd_addr;
	case INITRD_SIZE:
		return p->initrd_size;
	case INITRD_END:
		return p->initrd_addr + p->initrd_size;
	case INITRD_PAGE_OFF:
		return p->initrd_addr & 0xFFF;
	case INITRD_LIMIT:
		return p->initrd_limit;
	case QUIET:
		return p->quiet;
	case END:
		break;
	}
	fail_msg("no plan field %d", (int)f);
	return 0;
}

static void run_row(void **state)
{
	const struct layout_case *c = *state;
	const struct plan_want *w;
	struct linux_plan p;
	uint64_t got;
	bool ok;

	assert_int_equal(linux_plan_layout(&c->k, &c->r, &p), c->err);
	for (w = c->want; w < c->want + N(c->want) && w->field; w++) {
		got = field(&p, w->field);
		ok = w->op == LE   ? got <= w->value
		     : w->op == GT ? got > w->value
				   : got == w->value;
		if (!ok)
			print_error("%s is 0x%llx, want %s0x%llx\n",
				    field_names[w->field],
				    (unsigned long long)got,
				    w->op == LE	  ? "<= "
				    : w->op == GT ? "> "
						  : "",
				    (unsigned long long)w->value);
		if (w->op == EQ)
			assert_int_equal(got, w->value);
		else
			assert_true(ok);
	}
}

int layout_cases_run(const char *group, const struct layout_case *rows,
		     size_t nrows, const struct CMUnitTest *extra,
		     size_t nextra)
{
	struct CMUnitTest *t = calloc(nrows + nextra, sizeof(*t));
	size_t i;
	int failed;

	if (!t)
		return 1;
	for (i = 0; i < nrows; i++) {
		t[i].name = rows[i].name;
		t[i].test_func = run_row;
		t[i].initial_state = (void *)&rows[i];
	}
	for (i = 0; i < nextra; i++)
		t[nrows + i] = extra[i];
	failed = _cmocka_run_group_tests(group, t, nrows + nextra, NULL, NULL);
	free(t);
	return failed;
}
