; SPDX-License-Identifier: BSD-2-Clause
; The one way into the BIOS (bios_int) and the ways out of bzboot (the
; Linux 16-bit entry, a boot sector's entry). Both drop from 32-bit protected mode to real mode;
; this works because stage2 and its stack live below 0x10000 (segment 0).

%include "gdt.inc"
%include "memmap.inc"

BIOSREGS_SIZE	equ 44		; struct biosregs, stage2/bios.h

	extern gdt_desc, stack_overflow
	global bios_int, linux16_boot, boot_sector_jump, boot_sector_jump_end

; TO_REAL_MODE: from 32-bit flat protected mode to real mode with CS = DS
; = 0 (code and stack are below 0x10000). 16-bit segments are loaded first:
; the CPU keeps their limits after PE=0. Continues in bits 16.
; CLOBBERS: EAX; DS = 0, ES FS GS SS left with base 0 (reload as needed).
%macro TO_REAL_MODE 0
	jmp SEL_CODE16:%%pm16
	bits 16
%%pm16:
	LOAD_SEGMENTS SEL_DATA16
	mov eax, cr0
	and al, 0xFE
	mov cr0, eax
	jmp 0:%%rm
%%rm:
	xor ax, ax
	mov ds, ax
%endmacro

	section .text
	bits 32

; void bios_int(int intno, const struct biosregs *in, struct biosregs *out)
; IN: intno, *in (all general registers, DS ES FS GS, EFLAGS).
; OUT: *out (if out != NULL) = registers, segments and EFLAGS after the call.
; Does not return if the stack canary is gone (stage2/stack.h): the BIOS
; call runs on our stack, the deepest it goes.
; CLOBBERS: EAX ECX EDX (cdecl). Every other register is kept, whatever the
; BIOS does to them: some clobber AX, EDX, ESI or EBP beyond their spec.
bios_int:
	push ebp
	push ebx
	push esi
	push edi
	mov al, [esp + 20]
	mov [.intno], al	; patch the INT below; the far jumps flush it
	sub esp, BIOSREGS_SIZE	; the register image the real-mode part pops
	mov esi, [esp + BIOSREGS_SIZE + 24]
	mov edi, esp
	mov ecx, BIOSREGS_SIZE / 4
	rep movsd
	TO_REAL_MODE
	mov ss, ax
	lidt [rm_idt]
	popad			; the register image, in pushad order
	pop gs
	pop fs
	pop es
	pop ds
	popfd
	sti			; BIOS services may wait for interrupts
	db 0xCD			; int imm8
.intno:	db 0
	cli
	pushfd
	push ds
	push es
	push fs
	push gs
	pushad
	xor ax, ax
	mov ds, ax
	lgdt [gdt_desc]
	mov eax, cr0
	or al, 1
	mov cr0, eax
	jmp dword SEL_CODE32:.pm32

	bits 32
.pm32:
	LOAD_SEGMENTS SEL_DATA32
	movzx esp, sp		; a BIOS may leave junk in the upper half
	cld
	cmp dword [MEM_STACK_CANARY], STACK_CANARY
	jne stack_overflow
	mov esi, esp
	mov edi, [esp + BIOSREGS_SIZE + 28]
	test edi, edi
	jz .no_out
	mov ecx, BIOSREGS_SIZE / 4
	rep movsd
.no_out:
	add esp, BIOSREGS_SIZE
	pop edi
	pop esi
	pop ebx
	pop ebp
	ret

; void linux16_boot(uint32_t seg, uint32_t sp)  -- does not return
; IN: seg = X >> 4 of the kernel's real-mode part, sp = its stack pointer.
; OUT: real mode, IF=0, DS=ES=FS=GS=SS=seg, SP=sp, far jump to seg+0x20:0
; (boot.rst, "Running the Kernel").
linux16_boot:
	mov ebx, [esp + 4]
	mov ecx, [esp + 8]
	TO_REAL_MODE
	lidt [rm_idt]
	mov ds, bx
	mov es, bx
	mov fs, bx
	mov gs, bx
	mov ss, bx
	mov sp, cx
	lea ax, [bx + 0x20]
	push ax
	push word 0
	retf

; void boot_sector_jump(const struct biosregs *r)  -- does not return
; IN: r (below 0x10000, e.g. on our stack) = the registers a boot sector
; gets: general registers, DS ES FS GS, EFLAGS (IF set: interrupts on).
; OUT: real mode, the BIOS's IVT, registers from *r, SS:SP = 0:7C00 (where
; the BIOS leaves it), far jump to 0:7C00. The caller put the sector there.
	bits 32
boot_sector_jump:
	mov esi, [esp + 4]
	TO_REAL_MODE
	mov ss, ax
	mov sp, si
	lidt [rm_idt]
	popad			; the register image, as bios_int pops it
	pop gs
	pop fs
	pop es
	pop ds
	popfd
	mov sp, 0x7C00
	jmp 0:0x7C00
boot_sector_jump_end:

	section .rodata
rm_idt:
	dw 0x3FF		; the real-mode IVT at 0
	dd 0
