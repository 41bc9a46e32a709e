// SPDX-License-Identifier: BSD-2-Clause
/* The stack canary's check and its report (stack.h). */
#include <stdint.h>
#include <stdio.h>
#include "memmap.h"
#include "stack.h"

void stack_check(void)
{
	if (*(volatile uint32_t *)MEM_STACK_CANARY != STACK_CANARY)
		stack_overflow();
}

void ASMLINKAGE stack_report(void)
{
	printf("\nbzboot: internal error: stage2's stack overflowed (it ran "
	       "below 0x%x and overwrote the memory under it). This is a "
	       "bzboot bug; please report it. Stopped.\n",
	       MEM_STACK_CANARY + 4);
}
