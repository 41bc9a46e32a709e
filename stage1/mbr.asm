; SPDX-License-Identifier: BSD-2-Clause
; bzboot master boot record. Loads stage2 from the LBA the installer patched
; in (INT 13h extensions, CHS fallback) to 0000:8000 and jumps to it with the
; BIOS drive in DL. Bytes 440..511 (disk signature, partition table) are the
; disk's: the installer never writes them, so this file stops at 440.

%include "format.inc"
%include "fields.inc"

RELOC		equ 0x0600	; where we run after moving out of 0:7C00

	bits 16
	org RELOC

start:
	; Some BIOSes enter at 07C0:0000, some with DS != 0: trust no
	; segment, copy ourselves to 0:0600 and far-jump to a known CS:IP.
	ZERO_SEGMENTS
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

	STAGE1_FIELDS MBR_S2_SECTORS
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
	STAGE1_VARS RELOC + 0x200
