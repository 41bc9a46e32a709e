/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * stage2's run-time memory, the one source for C, asm (build/gen/memmap.inc
 * from stage2/memmap_inc.c) and the linker scripts (preprocessed with
 * __ASSEMBLER__ defined). docs/memory-layout.md draws it. Everything the
 * CPU runs and the stack stay below 0x10000 so that the real-mode thunk can
 * use segment 0 and the legacy zImage layout (kernel at 0x10000-0x8FFFF,
 * setup at 0x90000-0x9A000) is free at the hand-off. 0x10000-0x8FFFF is
 * ours only while loading: the bounce buffer and the heap are given up
 * when the staged setup and command line are moved into place.
 */
#ifndef BZ_STAGE2_MEMMAP_H
#define BZ_STAGE2_MEMMAP_H

#include "stage1/format.h" /* BZ_S2_ADDR, BZ_S2_MAIN_ADDR, BZ_S2_MAX_... */

/* The stack grows down from MEM_STACK_TOP. Its lowest word is the canary
 * (stage2/stack.c): 0x500 itself is INT 05h's print-screen status byte,
 * which the BIOS may write. */
#define MEM_STACK_LIMIT	 0x0500	     /* the BIOS data area ends here */
#define MEM_STACK_CANARY 0x0504	     /* u32 STACK_CANARY while all is well */
#define STACK_CANARY	 0x4B53425Au /* "ZBSK" */
#define MEM_STACK_TOP	 BZ_S2_MAIN_ADDR

/* stage1 loads the packed image to MEM_STAGE2_LOAD; the entry unpacks it
 * to MEM_STAGE2, over the load, from a copy of itself at MEM_UNPACKER. */
#define MEM_STAGE2	     BZ_S2_MAIN_ADDR /* unpacked stage2, data and bss */
#define MEM_STAGE2_END	     0x10000	     /* the end of segment 0 */
#define MEM_STAGE2_LOAD	     BZ_S2_ADDR
#define MEM_STAGE2_LOAD_SIZE (BZ_S2_MAX_SECTORS * 512)
#define MEM_UNPACKER	     MEM_HEAP /* the heap is not used yet */

/* A BIOS disk transfer lands here: 64 KiB-aligned, so it never crosses a
 * DMA boundary. Also the lowest X (real-mode part) the planner uses. */
#define MEM_BOUNCE	0x10000
#define MEM_BOUNCE_SIZE 0x10000

#define MEM_HEAP	 0x20000 /* loader heap while loading */
#define MEM_HEAP_END	 0x90000
#define MEM_LEGACY_SETUP 0x90000 /* kept free for zImage/old setup */
/* The one resident module (stage2/module.c) runs at MEM_MODULE, up to the
 * EBDA (memory.low_top, usually 0x9FC00; checked at load time, as only the
 * BIOS knows it). It shares the legacy setup area on purpose: that area
 * is written only by the hand-off's moves (docs/architecture.md), after
 * the last module call (a password check happens before boot_linux
 * starts), and a module is never called again once they begin. */
#define MEM_MODULE     0x90000
#define MEM_MODULE_END 0xA0000 /* the most low memory can reach */
#define MEM_HIGH       0x100000

#ifndef __ASSEMBLER__
/* The regions, bottom up, must not overlap (the stage2 image's end is the
 * linker script's ASSERT: only the link knows it). */
_Static_assert(MEM_STACK_CANARY >= MEM_STACK_LIMIT &&
		   MEM_STACK_CANARY + 4 <= MEM_STACK_TOP,
	       "the canary is the stack's lowest word");
_Static_assert(MEM_STACK_TOP <= MEM_STAGE2, "stack below stage2");
_Static_assert(MEM_STAGE2 < MEM_STAGE2_LOAD &&
		   MEM_STAGE2_LOAD + MEM_STAGE2_LOAD_SIZE <= MEM_STAGE2_END,
	       "stage1's load sits inside stage2's area, below 64 KiB");
_Static_assert(MEM_STAGE2_END <= 0x10000,
	       "stage2 and its stack live in segment 0 (the thunk needs it)");
_Static_assert(MEM_STAGE2_END <= MEM_BOUNCE && MEM_BOUNCE % 0x10000 == 0,
	       "bounce buffer above stage2, 64 KiB-aligned");
_Static_assert(MEM_BOUNCE + MEM_BOUNCE_SIZE <= MEM_HEAP,
	       "bounce buffer below the heap");
_Static_assert(MEM_UNPACKER >= MEM_STAGE2_END &&
		   MEM_UNPACKER + MEM_STAGE2_LOAD_SIZE <= MEM_HEAP_END,
	       "the unpacker's copy of the largest image is out of the way "
	       "of what it unpacks");
_Static_assert(MEM_HEAP < MEM_HEAP_END && MEM_HEAP_END <= MEM_LEGACY_SETUP,
	       "heap below the legacy setup area");
_Static_assert(MEM_MODULE >= MEM_HEAP_END && MEM_MODULE < MEM_MODULE_END &&
		   MEM_MODULE_END <= 0xA0000,
	       "the module area is above the heap and below video memory");
#endif

#endif
