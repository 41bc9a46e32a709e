; SPDX-License-Identifier: BSD-2-Clause
; The first bytes of the unpacked stage2 at MEM_STAGE2: load the GDT that
; stays (the entry's is about to be overwritten or already is), set up the
; stack and its canary (stage2/stack.h), zero bss and call
; stage2_main(drive, partition, volume_lba).

%include "memmap.inc"
%include "gdt.inc"

	section .text.entry progbits alloc exec
	bits 32
	global _start32, gdt_desc, stack_overflow
	extern stage2_main, stack_report, __bss_start, __bss_end

; _start32: from entry.asm's unpacker.
; IN: 32-bit flat protected mode, EBX = BIOS boot drive, ECX = boot
; partition number (0 = choose, S2_PART_VOLUME = the volume at EDX),
; EDX = the FAT volume's first LBA from the PBR. OUT: does not return.
_start32:
	lgdt [gdt_desc]
	jmp SEL_CODE32:.reload
.reload:
	LOAD_SEGMENTS SEL_DATA32
	mov esp, MEM_STACK_TOP
	mov dword [MEM_STACK_CANARY], STACK_CANARY
	cld
	mov esi, edx
	mov edx, ecx
	mov edi, __bss_start
	mov ecx, __bss_end
	sub ecx, edi
	xor eax, eax
	rep stosb
	push esi
	push edx
	push ebx
	call stage2_main	; regparm(0): the arguments on the stack
	; stage2_main does not return

; stack_overflow: the canary is gone (bios_int, stack_check). The stack
; is lost: report on a fresh one and stop.
; IN: 32-bit flat protected mode. OUT: does not return.
stack_overflow:
	cli
	mov esp, MEM_STACK_TOP
	mov dword [MEM_STACK_CANARY], STACK_CANARY
	cld
	call stack_report
.hang:
	cli
	hlt
	jmp .hang

	section .data
	align 8
; Flat 4 GiB code and data for C; 64 KiB 16-bit ones for going back to
; real mode (gdt.inc).
gdt:
	GDT_TABLE 5
gdt_end:
gdt_desc:
	dw gdt_end - gdt - 1
	dd gdt
