/* SPDX-License-Identifier: BSD-2-Clause */
/* A stage2 module (stage2/modules.mk): one flat image at MEM_MODULE, its
 * header first, bss inside the file (zeros) so loading is one read. It
 * is linked with --just-symbols=stage2.elf: calls into stage2 go straight
 * to stage2's functions. */
#include "stage2/memmap.h"

OUTPUT_FORMAT("elf32-i386")
OUTPUT_ARCH(i386)
ENTRY(module_header)

SECTIONS
{
	. = MEM_MODULE;
	.text : {
		KEEP(*(.module.header))
		*(.text .text.*)
		*(.rodata .rodata.*)
		*(.data .data.*)
		*(.bss .bss.* COMMON)
		. = ALIGN(4);
		_module_end = .;
	}
	/DISCARD/ : { *(.note* .comment .eh_frame*) }
}

ASSERT(_module_end <= 0x9FC00,
	"the module does not fit below the usual EBDA (0x9FC00): make it smaller")
