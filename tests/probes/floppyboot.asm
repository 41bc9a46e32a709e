; SPDX-License-Identifier: BSD-2-Clause
; Boot sector for the memdisk test floppy (tests/boot/test_payloads.py):
; reports on COM1 the drive it was booted from, the geometry INT 13h gives
; and whether the floppy's last sector reads back with the test's marker,
; then powers QEMU off. Only bytes 0x3E-0x1FF are used: the test keeps the
; BPB that mkfs.fat wrote before them.

LAST_CYL	equ 79		; 1.44 MB: 80 cylinders, 2 heads, 18 sectors
LAST_HEAD	equ 1
LAST_SECT	equ 18
BUF		equ 0x8000
MARK_LEN	equ 16

	bits 16
	cpu 386
	org 0x7C00

	jmp short start
	nop
	times 0x3E - ($ - $$) db 0	; the BPB goes here

start:
	cli
	xor ax, ax
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov sp, 0x7C00
	jmp 0:.cs0			; some BIOSes enter at 07C0:0000
.cs0:
	sti
	cld
	mov [drive], dl
	call serial_init
	call newline
	mov si, s_boot
	call puts
	mov al, [drive]
	call puthex8
	call newline

	; The geometry the (emulated) drive reports: CX and DH of AH=08h.
	mov si, s_geom
	call puts
	mov ah, 0x08
	mov dl, [drive]
	xor di, di
	int 0x13
	xor ax, ax		; for a floppy, AH=08h returns ES:DI = its
	mov es, ax		; parameter table: ES must be 0 again
	mov ax, cx
	call puthex16
	mov al, ':'
	call putc
	mov al, dh
	call puthex8
	call newline

	; The last sector: memdisk must have loaded the whole image.
	mov si, s_last
	call puts
	mov ax, 0x0201
	mov cx, (LAST_CYL << 8) | LAST_SECT
	mov dh, LAST_HEAD
	mov dl, [drive]
	mov bx, BUF
	int 0x13
	mov si, s_err
	jc .said
	mov si, BUF
	mov di, mark
	mov cx, MARK_LEN
	repe cmpsb
	mov si, s_bad
	jne .said
	mov si, s_ok
.said:
	call puts
	call newline
	mov si, s_end
	call puts
	call newline
	jmp poweroff

%include "serial.inc"

s_boot:	db "FLOPPY-BOOT drive=", 0
s_geom:	db "FLOPPY-GEOMETRY=", 0
s_last:	db "FLOPPY-LAST-SECTOR=", 0
s_ok:	db "ok", 0
s_bad:	db "bad", 0
s_err:	db "error", 0
s_end:	db "FLOPPY-BOOT-OK", 0
mark:	db "BZ-FLOPPY-LAST!!"	; the test writes this at the last sector
drive:	db 0

%if ($ - $$) > 510
%error "floppy boot sector: more than 510 bytes"
%endif
	times 510 - ($ - $$) db 0
	dw 0xAA55
