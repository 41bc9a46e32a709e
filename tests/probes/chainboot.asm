; SPDX-License-Identifier: BSD-2-Clause
; Chainload probe (tests/boot/test_chain.py): a boot sector that reports
; on COM1 what it was entered with: its tag, DL, CS:IP, SS:SP, DS:SI and
; the 20 bytes at DS:SI (the partition entry chain.c32 hands over, and
; for GPT the length of the GPT entry after it), then
; halts. One image serves as an MBR and as a FAT volume's boot sector: the
; test writes bytes 0-2 and 0x3E-0x1B7 only, so a FAT16 BPB (0x03-0x3D) and a
; partition table (0x1BE-0x1FD) around it stay the disk's. The tag at
; TAG_OFFSET is the test's name for the sector ("HD1-MBR").

TAG_OFFSET	equ 0x1B0	; 8 bytes, the test writes it, NUL-padded
CODE_END	equ 0x1B0
PE_BYTES	equ 20		; the entry and a GPT entry's length

	bits 16
	cpu 386
	org 0x7C00

	jmp short start
	nop
	times 0x3E - ($ - $$) db 0	; a FAT12/16 BPB goes here

start:
	; what the loader left, before anything is changed
	push ds
	push si
	push dx
	call .here
.here:	pop bx			; IP of .here, whatever CS is
	xor ax, ax
	mov ds, ax
	mov es, ax
	pop word [v_dx]
	pop word [v_si]
	pop word [v_ds]
	mov [v_sp], sp
	mov [v_ss], ss
	mov [v_cs], cs
	sub bx, .here - $$
	mov [v_ip], bx
	mov ss, ax
	mov sp, 0x7C00
	cld
	; the 20 bytes at the loader's DS:SI
	push ds
	mov si, [v_si]
	mov ds, [v_ds]
	mov di, v_pe
	mov cx, PE_BYTES
	rep movsb
	pop ds

	call serial_init
	call newline
	mov si, s_tag
	call puts
	mov si, 0x7C00 + TAG_OFFSET
	call puts
	; " dx=XXXX cs=XXXX ..." for the seven saved words
	mov di, s_names
	mov bx, v_dx
.word:	mov cx, 4
.name:	mov al, [di]
	call putc
	inc di
	loop .name
	mov ax, [bx]
	call puthex16
	dec bx
	dec bx
	cmp bx, v_cs
	jae .word
	mov si, s_pe
	call puts
	mov cl, PE_BYTES
.pe:	mov al, [bx + 2 + v_pe - v_cs]
	call puthex8
	inc bx
	loop .pe
	mov si, s_end
	call puts
	call newline
	call serial_drain
	cli
.halt:	hlt
	jmp .halt

%include "serial.inc"

s_tag:	db "CHAIN-PROBE tag=", 0
s_names: db " dx= si= ds= sp= ss= ip= cs="	; v_dx down to v_cs
s_pe:	db " pe=", 0
s_end:	db " end", 0

%if ($ - $$) > CODE_END
%error "chain probe: code and strings run into the tag at TAG_OFFSET"
%endif
	times TAG_OFFSET - ($ - $$) db 0
	db "none", 0
	times 0x1FE - ($ - $$) db 0
	dw 0xAA55

; variables past the sector (0x7E00 on), never written to disk
	absolute 0x7E00
v_cs:	resw 1
v_ip:	resw 1
v_ss:	resw 1
v_sp:	resw 1
v_ds:	resw 1
v_si:	resw 1
v_dx:	resw 1
v_pe:	resb PE_BYTES
