; SPDX-License-Identifier: BSD-2-Clause
; stage2's first bytes: the image header stage1 checks, the real-mode entry
; that verifies the image checksum, and the switch to 32-bit flat protected
; mode before main(). The GDT lives here; realmode.asm uses it to come back.

%include "format.inc"

STACK_TOP	equ 0x7C00
COM1		equ 0x3F8

	section .text.entry progbits alloc exec
	bits 16
	global _start, gdt_desc, boot_drive
	extern stage2_main, __bss_start, __bss_end

; The header (struct bz_stage2_header, stage1/format.h). seal-stage2 fills
; in the sector count and the checksum after linking.
_start:
	jmp near entry16
	db 0
	dd S2_MAGIC
	dw S2_ABI
	dw 0			; sectors, sealed
	dd 0			; checksum, sealed
%strlen VLEN BZ_VERSION
%if VLEN > 15
%error "BZ_VERSION too long for the header"
%endif
	db BZ_VERSION
	times 16 - VLEN db 0

; entry16: from stage1 (or anything that loads us at 0000:8000).
; IN: DL = BIOS boot drive; CS:IP = 0000:8000+. OUT: does not return.
entry16:
	cli
	xor ax, ax
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov sp, STACK_TOP
	cld

	; A half-written or mismatched stage2 must say so, not run: the sum
	; of all 32-bit words of the sealed image is zero.
	movzx ecx, word [_start + S2H_SECTORS]
	test cx, cx
	jz bad_image
	cmp cx, S2_MAX_SECTORS
	ja bad_image
	shl ecx, 7		; sectors -> dwords
	mov si, _start
	xor eax, eax
.sum:
	add eax, [si]
	add si, 4
	dec ecx
	jnz .sum
	test eax, eax
	jnz bad_image
	mov [boot_drive], dl	; only now: .data is part of the summed image

	lgdt [gdt_desc]
	mov eax, cr0
	or al, 1
	mov cr0, eax
	jmp dword 0x08:pm_entry

; bad_image: tell screen and COM1, wait for a key, let the BIOS go on.
bad_image:
	mov si, msg_bad
.next:
	lodsb
	test al, al
	jz .wait
	pushad
	mov ah, 0x0E
	mov bx, 0x0007
	int 0x10
	popad
	mov dx, COM1 + 5	; bounded wait for the transmitter
	mov cx, 0xFFFF
.tx:
	push ax
	in al, dx
	test al, 0x20
	pop ax
	loopz .tx
	mov dx, COM1
	out dx, al
	jmp .next
.wait:
	xor ah, ah
	int 0x16
	int 0x18
.halt:
	hlt
	jmp .halt

	bits 32
pm_entry:
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov fs, ax
	mov gs, ax
	mov ss, ax
	mov esp, STACK_TOP
	mov edi, __bss_start
	mov ecx, __bss_end
	sub ecx, edi
	xor eax, eax
	rep stosb
	movzx eax, byte [boot_drive]
	push eax
	call stage2_main
.hang:				; stage2_main does not return
	cli
	hlt
	jmp .hang

	section .rodata
msg_bad:	db 13, 10, "bzboot: stage2 is damaged or does not match stage1:"
		db " reinstall bzboot", 13, 10, 0

	section .data
boot_drive:	db 0
	align 8
; Flat 4 GiB code and data for C; 64 KiB 16-bit ones for going back to
; real mode (the CPU needs 16-bit segment limits loaded before PE=0).
gdt:
	dq 0
	dq 0x00CF9A000000FFFF	; 0x08 32-bit code
	dq 0x00CF92000000FFFF	; 0x10 32-bit data
	dq 0x00009A000000FFFF	; 0x18 16-bit code, base 0
	dq 0x000092000000FFFF	; 0x20 16-bit data, base 0
gdt_end:
gdt_desc:
	dw gdt_end - gdt - 1
	dd gdt
