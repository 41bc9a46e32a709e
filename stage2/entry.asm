; SPDX-License-Identifier: BSD-2-Clause
; stage2's first bytes, the only part not packed: the image header stage1
; checks, the real-mode entry that verifies the image checksum, and the
; unpacker that puts the rest of stage2 at S2_MAIN_ADDR and runs it.
; Linked alone at S2_ADDR (stage2/boot.ld.S); it shares nothing with the
; main link but the numbers of stage1/format.h and stage2/memmap.h (the
; generated format.inc and memmap.inc) and the GDT layout (gdt.inc).

%include "format.inc"
%include "memmap.inc"
%include "gdt.inc"

COM1		equ 0x3F8
COPY_ADDR	equ MEM_UNPACKER	; where the unpacker runs from

	section .text.entry progbits alloc exec
	bits 16
	global _start

; The header (struct bz_stage2_header, stage1/format.h). seal-stage2 fills
; in the sector count, the payload fields and the checksum.
_start:
	jmp near entry16
	db 0
	dd S2_MAGIC
	dw S2_ABI
	dw 0			; sectors, sealed
	dd 0			; checksum, sealed
	dd 0			; payload_off, sealed
	dd 0			; packed_size, sealed
	dd 0			; unpacked_size, sealed
	dd 0			; partition: 0 = choose, or bzboot install
; The version's first 15 characters (a git build's 0.1.0-N-gHASH-dirty
; is longer): only a hex dump reads them; the banner prints it whole.
%strlen VLEN BZ_VERSION
%if VLEN > 15
%substr HVER BZ_VERSION 1,15
%else
%define HVER BZ_VERSION
%endif
%strlen HLEN HVER
	db HVER
	times 16 - HLEN db 0

; entry16: from stage1 (or anything that loads us at 0000:8000).
; IN: DL = BIOS boot drive; CS:IP = 0000:8000+; from the PBR (header
; partition S2_PART_VOLUME) EBP = the FAT volume's first LBA.
; OUT: does not return.
entry16:
	cli
	xor ax, ax
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov sp, MEM_STACK_TOP
	cld
	movzx ebx, dl		; the drive, kept in EBX to the main entry

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
	mov eax, [_start + S2H_UNPACKED]
	add eax, S2_MAIN_ADDR
	cmp eax, MEM_STAGE2_END	; the unpacked stage2 must end below 64 KiB
	ja bad_image

	lgdt [gdt_desc]
	mov eax, cr0
	or al, 1
	mov cr0, eax
	jmp dword SEL_CODE32:pm_entry

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
	sti			; the keyboard needs its interrupt
	xor ah, ah
	int 0x16
	int 0x18
.halt:
	hlt
	jmp .halt

	bits 32
pm_entry:
	LOAD_SEGMENTS SEL_DATA32
	mov esp, MEM_STACK_TOP
	push ebp		; the PBR's volume LBA, for the main entry
	; The unpacked stage2 overwrites S2_ADDR and up: run the unpacker from
	; a copy on the (still unused) heap.
	mov esi, _start
	mov edi, COPY_ADDR
	movzx ecx, word [_start + S2H_SECTORS]
	shl ecx, 7
	rep movsd
	mov eax, unpack - _start + COPY_ADDR
	jmp eax

; unpack: bzpack (tools/pack.h) from the copy to S2_MAIN_ADDR, then jump
; there. Position independent: it runs at COPY_ADDR + (unpack - _start).
; IN: EBX = boot drive, [ESP] = the PBR's volume LBA. OUT: jumps to
; S2_MAIN_ADDR with EBX kept, ECX = the boot partition from the header and
; EDX = the volume LBA. CLOBBERS: EAX ECX EDX ESI EDI EBP.
unpack:
	push ebx
	mov esi, [COPY_ADDR + S2H_PAYLOAD]
	add esi, COPY_ADDR
	mov edi, S2_MAIN_ADDR
	mov ebp, [COPY_ADDR + S2H_UNPACKED]
	add ebp, edi
	call unpack_bytes
	mov eax, [COPY_ADDR + S2H_PAYLOAD]	; the input must end here too
	add eax, [COPY_ADDR + S2H_PACKED]
	add eax, COPY_ADDR
	cmp esi, eax
	jne .bad
	pop ebx
	mov ecx, [COPY_ADDR + S2H_PARTITION]
	pop edx
	mov eax, S2_MAIN_ADDR	; absolute: this code is not where it was linked
	jmp eax
.bad:				; cannot happen for a sealed image the
	mov dx, COM1		; sealer round-tripped; say so if it does
	mov al, '!'
	out dx, al
.halt:
	cli
	hlt
	jmp .halt

; unpack_bytes: bzpack from ESI to EDI until EDI reaches EBP. A routine of
; its own, position independent and without absolute addresses, so that
; tests/tool/test_pack.py can run these very bytes on the host.
; IN: ESI, EDI, EBP. OUT: ESI = past the last input byte read, EDI = EBP.
; CLOBBERS: EAX EBX (the last offset) ECX EDX (DL: the bit byte, see getbit).
unpack_bytes:
	mov dl, 0x80		; no bits left
	xor ebx, ebx
	inc ebx
.run:				; G(n), n literal bytes
	call gamma
	rep movsb
	cmp edi, ebp
	jae getbit.ret
	call getbit
	jc .new
	call gamma		; a match at the last offset
.copy:
	push esi
	mov esi, edi
	sub esi, ebx
	rep movsb		; forward, byte by byte: overlap repeats
	pop esi
	cmp edi, ebp
	jae getbit.ret
	call getbit
	jnc .run
.new:				; G(hi + 1), lo, G(length - 1)
	call gamma
	dec ecx
	shl ecx, 8
	lodsb
	mov cl, al
	inc ecx
	mov ebx, ecx		; offset = (hi << 8 | lo) + 1
	call gamma
	inc ecx
	jmp .copy

; getbit: the next bit of the stream into CF. DL holds the unread bits of
; the bit byte above a 1 bit that marks their end; when only the mark is
; left, the next byte of the stream becomes the bit byte (its top bit comes
; out, the mark goes in at the bottom). CLOBBERS: DL, ESI when it takes a byte.
getbit:
	add dl, dl
	jnz .ret
	mov dl, [esi]
	inc esi
	adc dl, dl		; CF was the mark
.ret:
	ret

; gamma: ECX = G(n) (tools/pack.h): while a 1 bit, one more bit of n.
; CLOBBERS: DL, ESI.
gamma:
	xor ecx, ecx
	inc ecx
.more:
	call getbit
	jnc getbit.ret
	call getbit
	adc ecx, ecx
	jmp .more
unpack_end:			; for tests/tool/test_pack.py

	section .rodata
msg_bad:	db 13, 10, "bzboot: stage2 is damaged or does not match stage1:"
		db " reinstall bzboot", 13, 10, 0

	section .data
	align 8
; Flat code and data: enough to reach and run the main entry, which loads
; the GDT stage2 keeps (main_entry.asm).
gdt:
	GDT_TABLE 3
gdt_end:
gdt_desc:
	dw gdt_end - gdt - 1
	dd gdt
