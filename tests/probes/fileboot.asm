; SPDX-License-Identifier: BSD-2-Clause
; File-boot probe (tests/boot/test_chain_file.py): a 1 KiB boot-sector
; image (0xAA55 at 510, the rest past it: boot-sector files may be larger
; than a sector) that also runs as an OS loader stand-in wherever chain.c32 puts
; one (ntldr= at 2000:0000, freedos= at 0060:0000, 0:7C00...). It reports
; on COM1 its tag, CS:IP, SS:SP, DS:SI, ES:DI, EAX, BX, DX and FLAGS as
; entered, the 64 bytes at DS:SI (a hand-over entry, or the partition's
; boot sector with its BPB) and its own BPB bytes 0x0B-0x3D as they are in
; memory (a .bss file or bss= has them patched), then halts. Its code
; finds where it runs and continues at that place's own segment, so
; offsets from the image start work at any paragraph-aligned address.

TAG_OFFSET	equ 0x3F0	; 8 bytes, the test writes it, NUL-padded
AT_BYTES	equ 64		; bytes shown at the loader's DS:SI
BPB_START	equ 0x0B
BPB_END		equ 0x3E	; SYSLINUX's .bss patch ends here
VARS		equ 0x400	; past the image, in the same segment

	bits 16
	cpu 386
	org 0

	jmp short start		; past 0x46: chain.c32 reads the BPB as 4.0
	nop
	db "PROBE   "		; OEM name
	; a FAT16 BPB with recognisable values the patches replace
	dw 512			; 0x0B bytes per sector
	db 1			; 0x0D sectors per cluster
	dw 1			; 0x0E reserved
	db 2			; 0x10 FATs
	dw 512			; 0x11 root entries
	dw 2880			; 0x13 sectors
	db 0xF8			; 0x15 media (chain.c32 needs 0xFx)
	dw 9			; 0x16 FAT sectors
	dw 0x1111		; 0x18 sectors per track
	dw 0x2222		; 0x1A heads
	dd 0x33333333		; 0x1C hidden sectors
	dd 0			; 0x20 total sectors (32-bit)
	db 0x44			; 0x24 drive
	db 0
	db 0x29			; 0x26 extended boot signature
	dd 0x55555555		; 0x27 serial
	db "PROBE      "	; 0x2B label
	db "FAT16   "		; 0x36 type
	times 0x5A - ($ - $$) db 0	; code where SYSLINUX's VBR has it

start:
	; what the loader left, on the stack it gave
	pushfd
	push eax
	push bx
	push dx
	push es
	push di
	push ds
	push si
	call .here
.here:	pop bx			; IP of .here
	sub bx, .here - $$	; IP of the image start: the entry
	mov ax, cs		; linear image start >> 4: its own segment
	mov dx, bx
	shr dx, 4
	add ax, dx
	push ax
	push word .norm
	retf
.norm:	mov ds, ax
	mov [v_ip], bx
	pop word [v_si]
	pop word [v_ds]
	pop word [v_di]
	pop word [v_es]
	pop word [v_dx]
	pop word [v_bx]
	pop dword [v_eax]
	pop dword [v_fl]
	mov [v_sp], sp
	mov [v_ss], ss
	; CS as entered: the far return above changed it
	mov dx, bx
	shr dx, 4
	sub ax, dx
	mov [v_cs], ax
	mov ax, ds
	mov ss, ax
	mov sp, VARS + 0x400
	mov es, ax
	cld
	push ds			; the bytes at the loader's DS:SI
	mov si, [v_si]
	mov ds, [v_ds]
	mov di, v_at
	mov cx, AT_BYTES
	rep movsb
	pop ds

	call serial_init
	call newline
	mov si, s_tag
	call puts
	mov si, TAG_OFFSET
	call puts
	mov di, s_names		; " cs=" ... for each saved word
	mov bx, v_cs
.word:	mov cx, 4
.name:	mov al, [di]
	call putc
	inc di
	loop .name
	mov ax, [bx]
	call puthex16
	add bx, 2
	cmp bx, v_fl
	jbe .word
	mov si, s_eax
	call puts
	mov eax, [v_eax]
	call puthex32
	mov si, s_at
	call puts
	mov si, v_at
	mov cx, AT_BYTES
	call hexdump
	mov si, s_bpb
	call puts
	mov si, BPB_START
	mov cx, BPB_END - BPB_START
	call hexdump
	mov si, s_end
	call puts
	call newline
	call serial_drain
	cli
.halt:	hlt
	jmp .halt

; IN: DS:SI, CX bytes. OUT: sent as hex. CLOBBERS: SI CX AL.
hexdump:
	lodsb
	call puthex8
	loop hexdump
	ret

%if ($ - $$) > 0x1FE
%error "file probe: the code runs into the 0xAA55 at 510"
%endif
	times 0x1FE - ($ - $$) db 0
	dw 0xAA55

%include "serial.inc"

s_tag:	db "FILE-PROBE tag=", 0
s_names: db " cs= ip= ss= sp= ds= si= es= di= bx= dx= fl="
s_eax:	db " eax=", 0
s_at:	db " at=", 0
s_bpb:	db " bpb=", 0
s_end:	db " end", 0

%if ($ - $$) > TAG_OFFSET
%error "file probe: strings run into the tag at TAG_OFFSET"
%endif
	times TAG_OFFSET - ($ - $$) db 0
	db "none", 0
	times VARS - ($ - $$) db 0

; variables past the image, in its segment; the order is s_names'
	absolute VARS
v_cs:	resw 1
v_ip:	resw 1
v_ss:	resw 1
v_sp:	resw 1
v_ds:	resw 1
v_si:	resw 1
v_es:	resw 1
v_di:	resw 1
v_bx:	resw 1
v_dx:	resw 1
v_fl:	resd 1			; FLAGS: its low word is printed
v_eax:	resd 1
v_at:	resb AT_BYTES
