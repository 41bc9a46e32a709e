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

	; Extensions present? AH=41h: BX becomes AA55h, CX bit 0 = AH=42h.
	mov ah, 0x41
	mov bx, 0x55AA
	call int13
	jc .chs
	cmp word [ret_bx], 0xAA55
	jne .chs
	test byte [ret_cx], 1
	jnz .setup_read
.chs:
	; No extensions: CHS through the BIOS's logical geometry (AH=08h).
	mov byte [use_chs], 1
	mov ah, 0x08
	xor di, di		; ES:DI = 0:0 guards against BIOS bugs
	call int13
	mov si, msg_read
	jc fail
	mov al, [ret_cx]
	and ax, 0x3F		; sectors per track
	jz fail
	mov [spt], ax
	movzx ax, byte [ret_dx + 1]
	inc ax			; heads = max head + 1
	mov [heads], ax

.setup_read:
	; One sector per call: 62 sectors cost nothing, and it keeps us
	; clear of per-BIOS limits on count, track crossing and DMA bounds.
	mov cx, [s2_sectors]
	mov si, msg_s2
	test cx, cx
	jz fail

.next_sector:
	mov bp, RETRIES
.retry:
	call read_sector
	jnc .sector_done
	xor ah, ah		; reset the disk system, then try again
	call int13
	dec bp
	jnz .retry
	mov si, msg_read
	jmp fail
.sector_done:
	add dword [dap_lba], 1
	adc dword [dap_lba + 4], 0
	add word [dap_seg], 512 >> 4
	loop .next_sector

	; Is what we loaded a stage2 of the ABI this sector speaks?
	mov si, msg_s2
	cmp dword [S2_ADDR + S2H_MAGIC], S2_MAGIC
	jne fail
	cmp word [S2_ADDR + S2H_ABI], S2_ABI
	jne fail
	mov dl, [drive]
	jmp 0:S2_ADDR

; read_sector: one sector at [dap_lba] into [dap_seg]:0.
; IN: dap_lba, dap_seg, use_chs, spt, heads, drive. OUT: CF set on error.
; CLOBBERS: nothing (int13 keeps every register).
read_sector:
	pushad
	mov dl, [drive]
	cmp byte [use_chs], 0
	jne .chs
	mov si, dap
	mov byte [dap_count], 1	; a failed call may have written 0 here
	mov ah, 0x42
	call int13
	jmp .out
.chs:
	; LBA -> C/H/S; the 64-bit LBA must fit the 1024-cylinder window.
	cmp dword [dap_lba + 4], 0
	jne .range
	mov eax, [dap_lba]
	xor edx, edx
	movzx ebx, word [spt]
	div ebx			; eax = track, edx = sector - 1
	mov cl, dl
	inc cl
	xor edx, edx
	movzx ebx, word [heads]
	div ebx			; eax = cylinder, edx = head
	cmp eax, 1023
	ja .range
	mov dh, dl
	mov ch, al
	shl ah, 6
	or cl, ah
	mov dl, [drive]
	mov es, [dap_seg]
	xor bx, bx
	mov ax, 0x0201
	call int13
	push ds			; DS is 0
	pop es
	jmp .out
.range:
	stc
.out:
	popad
	ret

; int13: INT 13h with every register kept (some BIOSes clobber AX, EDX,
; ESI, EBP beyond what they document). IN: registers for the call.
; OUT: CF as the BIOS left it; its BX, CX, DX in ret_bx, ret_cx, ret_dx.
; CLOBBERS: nothing.
int13:
	pushad
	push ds
	push es
	int 0x13
	pop es
	pop ds
	mov [ret_bx], bx
	mov [ret_cx], cx
	mov [ret_dx], dx
	popad
	ret

; fail: print "bzboot: <SI>", wait for a key, then let the BIOS try the
; next boot device (INT 18h). Never returns.
fail:
	push si
	mov si, msg_prefix
	call puts
	pop si
	call puts
	xor ah, ah
	int 0x16
	int 0x18
.halt:
	hlt
	jmp .halt

; puts: print the NUL-terminated string at SI. CLOBBERS: SI.
puts:
	pushad
.loop:
	lodsb
	test al, al
	jz .done
	mov ah, 0x0E
	mov bx, 0x0007
	pushad
	int 0x10
	popad
	jmp .loop
.done:
	popad
	ret

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
