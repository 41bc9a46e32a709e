/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * How C headers become nasm includes (the Linux asm-offsets trick): a
 * generator file (stage1/format_inc.c, stage2/memmap_inc.c) is compiled
 * with -S only, each ASMDEF leaves the line `->NAME value` in the assembly,
 * and the Makefile turns those lines into `NAME equ value`. The compiler
 * evaluates every value, so sizeof and offsetof work and nothing is
 * restated by hand.
 */
#ifndef BZ_STAGE1_ASMDEFS_H
#define BZ_STAGE1_ASMDEFS_H

#define ASMDEF(name, value)                                                    \
	__asm__ volatile("\n.ascii \"->" #name                                 \
			 " %0\"" ::"i"((unsigned long long)(value)))

#endif
