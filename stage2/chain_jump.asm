; SPDX-License-Identifier: BSD-2-Clause
; The chain module's way out for files (stage2/chain_file.c): a blob the
; module copies to CHAIN_JUMP_BASE (0x500, below every address chain.c32
; loads at) with its parameters, then calls. It moves the staged file,
; sector and hand-over entry from above 1 MiB to their places below 640
; KiB, which may cover all of stage2 (freedos= loads at 0:0600), so it
; uses nothing outside its own 256 bytes: its own GDT, no stack until
; the register image is popped. SYSLINUX's shuffler falls back to the
; same 0x5xx area for its register stub.

CHAIN_JUMP_BASE	equ 0x500
CHAIN_JUMP_SIZE	equ 0x100
SEL_CODE16	equ 0x08
SEL_DATA16	equ 0x10

; an address inside the blob once it is at CHAIN_JUMP_BASE
%define AT(x) (CHAIN_JUMP_BASE + (x) - chain_jump_blob)

	global chain_jump_blob, chain_jump_params, chain_jump_end

	section .rodata

; IN (at CHAIN_JUMP_BASE, called from 32-bit flat protected mode): the
; parameters filled in (struct chain_jump, stage2/chain_file.h).
; OUT: moves done in order, real mode with the BIOS's IVT, registers,
; segments and EFLAGS from the image, SS:SP and CS:IP as given. Does not
; return. CLOBBERS: everything, memory below 1 MiB included.
	bits 32
chain_jump_blob:
	cli
	cld
	mov ebx, AT(moves)
.move:	mov ecx, [ebx + 8]
	jecxz .moved
	mov edi, [ebx]
	mov esi, [ebx + 4]
	rep movsb
	add ebx, 12
	jmp .move
.moved:
	lgdt [AT(gdt)]
	jmp dword SEL_CODE16:AT(.pm16)
	bits 16
.pm16:	mov ax, SEL_DATA16	; 64 KiB limits, kept in real mode
	mov ds, ax
	mov es, ax
	mov fs, ax
	mov gs, ax
	mov ss, ax
	mov eax, cr0
	and al, 0xFE
	mov cr0, eax
	jmp 0:AT(.real)
.real:	xor ax, ax
	mov ss, ax
	mov sp, AT(regs)
	lidt [cs:AT(rm_idt)]
	popad			; struct biosregs, as bios_int pops it
	pop gs
	pop fs
	pop es
	pop ds
	popfd
	lss sp, [cs:AT(sssp)]
	jmp far [cs:AT(csip)]

	align 8
gdt:	dw 3 * 8 - 1		; GDTR in the null descriptor
	dd AT(gdt)
	dw 0
	dq 0x00009A000000FFFF	; SEL_CODE16: base 0, 64 KiB, 16-bit
	dq 0x000092000000FFFF	; SEL_DATA16
rm_idt:	dw 0x3FF		; the real-mode IVT at 0
	dd 0

; struct chain_jump (stage2/chain_file.h): what the module fills in
	align 4
chain_jump_params:
regs:	times 44 db 0		; struct biosregs
sssp:	dw 0, 0			; SP, SS
csip:	dw 0, 0			; IP, CS
moves:	times 3 * 12 db 0	; {dst, src, len}; a len of 0 ends them
	dd 0, 0, 0
chain_jump_end:

%if chain_jump_end - chain_jump_blob > CHAIN_JUMP_SIZE
%error "chain_jump: the blob and its parameters outgrow 0x500-0x5FF"
%endif

%if chain_jump_end - chain_jump_params != 100
%error "chain_jump: the parameters are not struct chain_jump (100 bytes)"
%endif
