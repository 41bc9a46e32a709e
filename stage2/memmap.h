/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Where stage2 keeps things in physical memory (docs/memory-layout.md draws
 * it). stage1/format.inc states MEM_STAGE2 as S2_MAIN_ADDR for the asm.
 * Everything the CPU runs and the stack stay below 0x10000 so that the
 * real-mode thunk can use segment 0 and the legacy zImage layout (kernel at
 * 0x10000-0x8FFFF, setup at 0x90000-0x9A000) is free at the hand-off.
 * 0x10000-0x8FFFF is ours only while loading: the bounce buffer and the heap
 * are given up when the staged setup and command line are moved into place.
 */
#ifndef BZ_STAGE2_MEMMAP_H
#define BZ_STAGE2_MEMMAP_H

#define MEM_A20_PROBE	 0x04F0	 /* BDA's inter-application area */
#define MEM_STAGE1	 0x0600	 /* relocated MBR (stage1), dead in stage2 */
#define MEM_STACK_TOP	 0x3000	 /* grows down towards 0x0500 */
#define MEM_STAGE2	 0x3000	 /* unpacked stage2, data and bss */
#define MEM_STAGE2_LOAD	 0x8000	 /* where stage1 loads the packed image */
#define MEM_UNPACKER	 0x20000 /* the entry runs its unpacker from here */
#define MEM_STAGE2_END	 0x10000
#define MEM_BOUNCE	 0x10000 /* 64 KiB, 64 KiB-aligned: a BIOS */
#define MEM_BOUNCE_SIZE	 0x10000 /* transfer never crosses a DMA bound */
#define MEM_HEAP	 0x20000 /* loader heap while loading */
#define MEM_HEAP_END	 0x90000
#define MEM_LEGACY_SETUP 0x90000 /* kept free for zImage/old setup */
#define MEM_HIGH	 0x100000

#endif
