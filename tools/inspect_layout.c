// SPDX-License-Identifier: BSD-2-Clause
// bzboot inspect: the plan protocol/ made for the kernel, summed up and
// drawn by protocol/linux_draw.c as boot.rst draws memory, highest address
// first.
#include <stdio.h>
#include <stddef.h>

#include "protocol/linux.h"
#include "tools/inspect_header.h"
#include "tools/inspect_layout.h"

static void print_row(void *ctx, const char *line)
{
	(void)ctx;
	printf("%s\n", line);
}

void inspect_print_summary(const struct linux_plan *p, uint32_t cmdline_len)
{
	char h[32];

	printf("  real-mode part      0x%x-0x%x; jump %04x:0000, SS=DS=%04x, "
	       "SP 0x%x\n",
	       p->real_addr, p->real_addr + p->real_size - 1, p->jump_cs,
	       p->seg, p->stack_ptr);
	printf("  command line        0x%x: %u characters, %u bytes zeroed\n",
	       p->cmdline_addr, cmdline_len, p->cmdline_max);
	printf("  protected mode      0x%x-0x%x", p->pm_addr,
	       p->pm_addr + p->pm_size - 1);
	if (p->pm_stage_addr != p->pm_addr)
		printf(" (staged at 0x%x while loading)", p->pm_stage_addr);
	printf("\n  kernel runtime      0x%llx-0x%llx: no initrd there\n",
	       (unsigned long long)p->runtime_start,
	       (unsigned long long)p->kernel_end - 1);
	if (p->initrd_size)
		printf(
		    "  initrd              0x%x-0x%llx (%s), below 0x%llx\n",
		    p->initrd_addr,
		    (unsigned long long)(p->initrd_addr + p->initrd_size - 1),
		    inspect_human(p->initrd_size, h, sizeof(h)),
		    (unsigned long long)p->initrd_limit);
	else
		printf("  initrd              none\n");
	if (p->clear_len)
		printf("  zeroed              0x%x-0x%x at the hand-off\n",
		       p->clear_addr, p->clear_addr + p->clear_len - 1);
}

void inspect_print_plan(const struct linux_kernel *k,
			const struct linux_plan *p, uint32_t cmdline_len,
			struct draw_layout *l)
{
	char h[32];

	inspect_print_summary(p, cmdline_len);
	draw_plan_items(l, k, p, cmdline_len,
			inspect_human(p->initrd_size, h, sizeof(h)));
	putchar('\n');
	draw_layout(l, print_row, NULL);
}
