; SPDX-License-Identifier: BSD-2-Clause
; chain.c32's `swap`: the INT 13h hook stage2/chain_swap.c copies to the
; top KiB of base memory (taken from the BDA's count at 0x413) before the
; boot sector runs, so that the sector's BIOS disk calls for drive A reach
; drive B and those for B reach A. It changes DL on the way in only and
; then goes on to the BIOS's own handler, whose IRET returns to the
; caller; what the BIOS returns (DL = drive count for AH=08h) is left
; as it is, as chain.c32's hook leaves it.
;
; Contract with chain_swap.c: the hook runs in real mode at seg:0 of its
; own segment; chain_swap.c fills the three fields below and points the
; IVT's INT 13h vector at seg:SWAP_ENTRY. Flags are clobbered by the
; compares: INT 13h callers get them from the BIOS's IRET, not from here.

	bits 16
	section .rodata

	global chain_swap_stub, chain_swap_stub_end, chain_swap_entry

chain_swap_stub:
old_vector:	dd 0	; 0: the BIOS's INT 13h vector (offset, segment)
drive_a:	db 0	; 4: the drive booted
drive_b:	db 0	; 5: the one it trades places with (0x80 or 0x00)
		dw 0	; 6: padding: the entry at 8
entry:
	cmp dl, [cs:drive_a - chain_swap_stub]
	jne .not_a
	mov dl, [cs:drive_b - chain_swap_stub]
	jmp far [cs:old_vector - chain_swap_stub]
.not_a:
	cmp dl, [cs:drive_b - chain_swap_stub]
	jne .go
	mov dl, [cs:drive_a - chain_swap_stub]
.go:
	jmp far [cs:old_vector - chain_swap_stub]
chain_swap_stub_end:

chain_swap_entry:	dw entry - chain_swap_stub
