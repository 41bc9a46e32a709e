// SPDX-License-Identifier: BSD-2-Clause
/* build/gen/memmap.inc, the nasm view of stage2/memmap.h (the entries and
 * the thunk include it). Compiled with -S only: see stage1/asmdefs.h. */
#include "stage1/asmdefs.h"
#include "stage2/memmap.h"

void memmap_inc(void);

void memmap_inc(void)
{
	ASMDEF(MEM_STACK_CANARY, MEM_STACK_CANARY);
	ASMDEF(STACK_CANARY, STACK_CANARY);
	ASMDEF(MEM_STACK_TOP, MEM_STACK_TOP);
	ASMDEF(MEM_STAGE2_END, MEM_STAGE2_END);
	ASMDEF(MEM_UNPACKER, MEM_UNPACKER);
}
