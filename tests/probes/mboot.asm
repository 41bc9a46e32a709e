; SPDX-License-Identifier: BSD-2-Clause
; A Multiboot 1 probe kernel (tests/boot/test_mboot.py): an a.out-kludge
; image (header flag 16: the header's own load addresses, no ELF) loaded at
; 1 MiB, or with -DELF the same code as an ELF64 file's one segment. It reports on COM1 what the loader handed it, then leaves QEMU
; through isa-debug-exit (port 0xF4) or, without that device, halts:
;
;   MBOOT-PROBE eax=<hex> flags=<hex> lower=<hex> upper=<hex> bootdev=<hex>
;     bss=<zero|dirty> esp-ok cmdline=[...]
;   MOD start=<hex> end=<hex> word=<first dword> str=[...]     (each)
;   MMAP base=<hi><lo> len=<hi><lo> type=<hex>                 (each)
;   LOADER [...]
;   MBOOT-PROBE end
;
; 32-bit protected mode throughout; nothing but the info structure and
; COM1 is used.

	bits 32
LOAD		equ 0x100000
MB_MAGIC	equ 0x1BADB002
COM1		equ 0x3F8

%ifdef ELF
; Built as an ELF64 file too (tests/probes/module.mk: mboot64.elf, one
; PT_LOAD at 1 MiB): then only its program headers say where it goes.
MB_FLAGS	equ 0x00000003	; page-aligned modules, memory info
	section .text
	global entry
%else
MB_FLAGS	equ 0x00010003	; page-aligned modules, memory info, a.out
	org LOAD
%endif
header:
	dd MB_MAGIC
	dd MB_FLAGS
	dd -(MB_MAGIC + MB_FLAGS)
	dd header		; header_addr
	dd LOAD			; load_addr
	dd load_end		; load_end_addr
	dd bss_end		; bss_end_addr
	dd entry		; entry_addr

; IN: EAX = 0x2BADB002, EBX = the info structure (spec 3.2).
entry:
	mov esp, stack_top
	mov [magic], eax
	mov [info], ebx
	call serial_init
	mov esi, s_head
	call puts
	mov eax, [magic]
	call puthex
	mov esi, s_flags
	mov ebx, [info]
	mov eax, [ebx]
	call field
	mov esi, s_lower
	mov eax, [ebx + 4]
	call field
	mov esi, s_upper
	mov eax, [ebx + 8]
	call field
	mov esi, s_bootdev
	mov eax, [ebx + 12]
	call field
	; the bss's first 64 KiB (the stack is above them) must read as zeros: the loader
	; clears it, whatever the RAM held
	mov edi, bss_start
	mov ecx, (bss_checked - bss_start) / 4
	xor eax, eax
	repe scasd
	mov esi, s_bss_zero
	je .bss_said
	mov esi, s_bss_dirty
.bss_said:
	call puts
	mov esi, s_cmdline
	call puts
	mov esi, [ebx + 16]
	call puts_bracketed
	mov esi, s_mods
	mov eax, [ebx + 20]
	call field
	mov al, 10
	call putc

	; each module: start, end, its first dword and its string
	mov ecx, [ebx + 20]
	mov edi, [ebx + 24]
.mod:
	jecxz .mods_done
	mov esi, s_mod
	mov eax, [edi]
	call field
	mov esi, s_end
	mov eax, [edi + 4]
	call field
	mov esi, s_word
	mov eax, [edi]
	mov eax, [eax]
	call field
	mov esi, s_str
	call puts
	mov esi, [edi + 8]
	call puts_bracketed
	mov al, 10
	call putc
	add edi, 16
	dec ecx
	jmp .mod
.mods_done:

	; the memory map: entries of size+4 bytes from mmap_addr
	test dword [ebx], 1 << 6
	jz .mmap_done
	mov edi, [ebx + 48]
	mov edx, edi
	add edx, [ebx + 44]
.mmap:
	cmp edi, edx
	jae .mmap_done
	mov esi, s_mmap
	mov eax, [edi + 8]
	call field
	mov eax, [edi + 4]
	call puthex
	mov esi, s_len
	mov eax, [edi + 16]
	call field
	mov eax, [edi + 12]
	call puthex
	mov esi, s_type
	mov eax, [edi + 20]
	call field
	mov al, 10
	call putc
	add edi, [edi]
	add edi, 4
	jmp .mmap
.mmap_done:

	test dword [ebx], 1 << 9
	jz .no_loader
	mov esi, s_loader
	call puts
	mov esi, [ebx + 64]
	call puts_bracketed
	mov al, 10
	call putc
.no_loader:
	mov esi, s_tail
	call puts
	; QEMU's isa-debug-exit: exit status (0x10 << 1) | 1 = 33
	mov dx, 0xF4
	mov al, 0x10
	out dx, al
.halt:
	cli
	hlt
	jmp .halt

; IN: ESI = label, EAX = value. OUT: " label=hex" sent. CLOBBERS: ESI.
field:
	call puts
	jmp puthex

; IN: ESI = NUL-terminated string (NULL: none). OUT: "[string]".
; CLOBBERS: ESI.
puts_bracketed:
	push eax
	mov al, '['
	call putc
	test esi, esi
	jz .none
	call puts
.none:
	mov al, ']'
	call putc
	pop eax
	ret

; IN: ESI = NUL-terminated string. CLOBBERS: ESI.
puts:
	push eax
.next:
	lodsb
	test al, al
	jz .done
	call putc
	jmp .next
.done:
	pop eax
	ret

; IN: EAX. OUT: 8 hex digits sent. CLOBBERS: nothing.
puthex:
	push eax
	push ecx
	mov ecx, 8
.digit:
	rol eax, 4
	push eax
	and al, 15
	add al, '0'
	cmp al, '9'
	jbe .out
	add al, 'a' - '0' - 10
.out:
	call putc
	pop eax
	loop .digit
	pop ecx
	pop eax
	ret

; IN: AL. OUT: sent on COM1 (polled). CLOBBERS: nothing.
putc:
	push edx
	push eax
	mov dx, COM1 + 5
.wait:
	in al, dx
	test al, 0x20
	jz .wait
	pop eax
	mov dx, COM1
	out dx, al
	pop edx
	ret

; IN: nothing. OUT: COM1 at 115200 8N1, no interrupts. CLOBBERS: EAX EDX.
serial_init:
	mov dx, COM1 + 1
	xor al, al
	out dx, al
	mov dx, COM1 + 3
	mov al, 0x80
	out dx, al
	mov dx, COM1
	mov al, 1
	out dx, al
	mov dx, COM1 + 1
	xor al, al
	out dx, al
	mov dx, COM1 + 3
	mov al, 3
	out dx, al
	ret

s_head:		db "MBOOT-PROBE eax=", 0
s_flags:	db " flags=", 0
s_lower:	db " lower=", 0
s_upper:	db " upper=", 0
s_bootdev:	db " bootdev=", 0
s_bss_zero:	db " bss=zero", 0
s_bss_dirty:	db " bss=dirty", 0
s_cmdline:	db " cmdline=", 0
s_mods:		db " mods=", 0
s_mod:		db "MOD start=", 0
s_end:		db " end=", 0
s_word:		db " word=", 0
s_str:		db " str=", 0
s_mmap:		db "MMAP base=", 0
s_len:		db " len=", 0
s_type:		db " type=", 0
s_loader:	db "LOADER ", 0
s_tail:		db "MBOOT-PROBE end", 10, 0

	align 4
magic:	dd 0
info:	dd 0
load_end:

	section .bss
bss_start:
	resb 0x10000
bss_checked:
	resb 0x1000
stack_top:
bss_end:
