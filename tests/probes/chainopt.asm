; SPDX-License-Identifier: BSD-2-Clause
; Probe for chain.c32's disk-side options (tests/boot/test_chain_opts.py):
; a boot sector that reports on COM1, in one line, its tag, DX, the 20
; bytes at the DS:SI it was given (the partition entry handed over), its
; own BPB's bytes 0x18-0x27 (sectors per track, heads, hidden sectors,
; ..., the FAT12/16 drive number at 0x24), its own partition table
; (0x1BE-0x1FD, as loaded), and the disk signature (0x1B8) of sector 0
; of BIOS drives 0x80 and 0x81 read through INT 13h (so `swap`'s hook is
; seen at work); then halts.
;
; Its code starts at 0x46, the first place chain.c32's bpb_detect takes
; a jump to as "past any BPB a jump can mark": a FAT12/16 BPB there is
; then told apart by its signatures (version 4.0, drive number at 0x24),
; as in a real FAT16 boot sector whose code starts further on. The test
; writes the whole sector, then such a BPB into bytes 0x0B-0x3D. The tag
; at TAG_OFFSET is the test's name for the sector.

TAG_OFFSET	equ 0x1B0	; 8 bytes, the test writes it, NUL-padded
PE_BYTES	equ 20
BUF		equ 0x8000	; drive 0x80's sector 0, then 0x81's

	bits 16
	cpu 386
	org 0x7C00

	jmp short start
	nop
	times 0x3E - ($ - $$) db 0	; a FAT12/16 BPB goes here
v_dl:	db 0			; 0x3E-0x45: after the BPB, before the code
	times 0x46 - ($ - $$) db 0

start:
	xor ax, ax
	mov es, ax
	mov di, v_pe		; the 20 bytes at the loader's DS:SI
	mov cx, PE_BYTES
	cld
	rep movsb
	mov ds, ax
	mov ss, ax
	mov sp, 0x7C00
	mov [v_dl], dl
	; sector 0 of drives 0x80 and 0x81 through whatever INT 13h is now
	mov bx, BUF
	mov dl, 0x80
.read:	mov ax, 0x0201		; read 1 sector
	mov cx, 0x0001		; cylinder 0, sector 1; DH = head 0 below
	xor dh, dh
	push dx
	int 0x13
	pop dx
	add bh, 2		; the next 512 bytes
	inc dx
	cmp dl, 0x81
	jbe .read

	call serial_init
	call newline
	mov si, s_tag
	call puts
	mov si, 0x7C00 + TAG_OFFSET
	call puts
	; each field: its 4-character name, then its bytes in hex
	mov bx, fields
.field:	mov cx, 4
.name:	mov al, [bx]
	call putc
	inc bx
	loop .name
	mov si, [bx]
	mov cl, [bx + 2]
	add bx, 3
	jcxz .done
.byte:	lodsb
	call puthex8
	loop .byte
	jmp .field
.done:	call newline
	cli
.halt:	hlt
	jmp .halt

%include "serial.inc"

s_tag:	db "CHAIN-OPT tag=", 0
fields:	db " dl="
	dw v_dl
	db 1
	db " pe="		; the partition entry at the loader's DS:SI
	dw v_pe
	db PE_BYTES
	db " bp="		; its own BPB: spt, heads, hidden, ..., drive
	dw 0x7C18
	db 16
	db " pt="		; its own partition table, as loaded
	dw 0x7DBE
	db 64
	db " m0="		; drive 0x80's disk signature
	dw BUF + 0x1B8
	db 4
	db " m1="		; drive 0x81's
	dw BUF + 0x200 + 0x1B8
	db 4
	db " end"
	dw 0
	db 0

%if ($ - $$) > TAG_OFFSET
%error "chainopt probe: code and strings run into the tag at TAG_OFFSET"
%endif
	times TAG_OFFSET - ($ - $$) db 0
	db "none", 0
	times 0x1FE - ($ - $$) db 0
	dw 0xAA55

	absolute 0x7E00		; past the sector, never on disk
v_pe:	resb PE_BYTES
