/* SPDX-License-Identifier: BSD-2-Clause */
/* The unpacked stage2 at MEM_STAGE2: main_entry.asm first, then C;
 * everything, bss included, below MEM_STAGE2_END (stage2/memmap.h says
 * why). The stack grows down from MEM_STACK_TOP, below it. Preprocessed
 * with cpp (stage2/module.mk): the addresses come from stage2/memmap.h. */
#include "stage2/memmap.h"

OUTPUT_FORMAT("elf32-i386")
OUTPUT_ARCH(i386)
ENTRY(_start32)

SECTIONS
{
	. = MEM_STAGE2;
	.text : {
		KEEP(*(.text.entry))
		/* The thunk patches its own INT instruction, so it stays out
		 * of the identity range a module is checked against
		 * (stage2/module.c, tools/seal-module.c): the code and
		 * constants after it, which a module calls and reads. */
		*realmode.o(.text)
		. = ALIGN(4);
		_ident_start = .;
		*(.text .text.*)
	}
	.rodata : {
		*(.rodata .rodata.*)
		. = ALIGN(4);
		_ident_end = .;
	}
	.data : { *(.data .data.*) }
	_image_end = .;
	.bss (NOLOAD) : ALIGN(16) {
		__bss_start = .;
		*(.bss .bss.* COMMON)
		__bss_end = .;
	}
	/DISCARD/ : { *(.note* .comment .eh_frame*) }
}

ASSERT(__bss_end <= MEM_STAGE2_END,
	"stage2 unpacked + bss run into the bounce buffer at MEM_STAGE2_END: move big buffers to the heap")

/* boot_sector_jump runs after the boot sector was copied to 0:7C00. */
ASSERT(boot_sector_jump_end <= 0x7C00,
	"realmode.asm's boot_sector_jump lies where the boot sector goes (0x7C00-0x7DFF): keep realmode.o first in .text")
