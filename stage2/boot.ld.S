/* SPDX-License-Identifier: BSD-2-Clause */
/* stage2's entry (entry.asm) alone at MEM_STAGE2_LOAD, where stage1 loads
 * it. Preprocessed with cpp (stage2/module.mk): the addresses come from
 * stage2/memmap.h. */
#include "stage2/memmap.h"

OUTPUT_FORMAT("elf32-i386")
OUTPUT_ARCH(i386)
ENTRY(_start)

SECTIONS
{
	. = MEM_STAGE2_LOAD;
	.text : { KEEP(*(.text.entry)) *(.text .text.*) }
	.rodata : { *(.rodata .rodata.*) }
	.data : { *(.data .data.*) }
	/DISCARD/ : { *(.note* .comment .eh_frame* .bss*) }
}

ASSERT(. - MEM_STAGE2_LOAD <= 1024, "stage2's entry grew past 1 KiB: keep it to the header, checksum and unpacker")
