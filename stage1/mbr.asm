; SPDX-License-Identifier: BSD-2-Clause
; bzboot master boot record. Loads stage2 from the LBA the installer patched
; in (INT 13h extensions, CHS fallback) to 0000:8000 and jumps to it with the
; BIOS drive in DL. Bytes 440..511 (disk signature, partition table) are the
; disk's: the installer never writes them, so this file stops at 440.

%include "format.inc"

RELOC		equ 0x0600	; where we run after moving out of 0:7C00
BIOS_LOAD	equ 0x7C00
RETRIES		equ 3

	bits 16
	org RELOC

start:
	; Some BIOSes enter at 07C0:0000, some with DS != 0: trust no
	; segment, copy ourselves to 0:0600 and far-jump to a known CS:IP.
	cli
	xor ax, ax
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov sp, BIOS_LOAD
	cld
	mov si, BIOS_LOAD
	mov di, RELOC
	mov cx, 256
	rep movsw
	jmp 0:relocated

relocated:
	sti
	; Hard disks are 0x80..0x8F. Some BIOSes (PhoenixBIOS 4.0) pass
	; DL=0 for the disk they booted; assume the first hard disk then.
	mov al, dl
	and al, 0xF0
	cmp al, 0x80
	je .drive_ok
	mov dl, 0x80
.drive_ok:
	mov [drive], dl

	%include "load.inc"

	jmp 0:S2_ADDR		; DL is still the drive: int13 keeps it

	%include "bios.inc"

msg_prefix:	db 13, 10, "bzboot: ", 0
msg_read:	db "disk read error", 0
msg_s2:		db "no stage2 (reinstall)", 0

%if ($ - $$) > MBR_S2_SECTORS
%error "stage1 code overlaps the installer's fields at 0x1A6: make it smaller"
%endif
	times MBR_S2_SECTORS - ($ - $$) db 0
s2_sectors:	dw 0		; patched by the installer
; The disk address packet sits in the sector so that the installer's LBA
; is read in place; stage1 advances it (in memory only) as it reads.
dap:
dap_size:	db 0x10
		db 0
dap_count:	dw 1
dap_off:	dw 0
dap_seg:	dw S2_ADDR >> 4
dap_lba:	dq 0		; patched by the installer: stage2's LBA
%if (dap_lba - $$) != MBR_S2_LBA
%error "stage1 layout: the packet's LBA must sit at MBR_S2_LBA"
%endif
%if ($ - $$) != MBR_CODE_SIZE
%error "stage1 layout: the installer's fields must end at byte 440"
%endif
	; 440..511 belong to the disk; the image is padded so that tools
	; and tests see a full sector with the boot signature.
	times 510 - ($ - $$) db 0
	dw 0xAA55

; Variables live just past the relocated sector, not in it.
	absolute RELOC + 0x200
drive:		resb 1
use_chs:	resb 1
spt:		resw 1
heads:		resw 1
ret_bx:		resw 1
ret_cx:		resw 1
ret_dx:		resw 1
