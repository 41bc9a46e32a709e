; SPDX-License-Identifier: BSD-2-Clause
; bzboot partition boot record: the first sector of a FAT volume, either a
; partition (chainloaded by another MBR or boot loader) or a whole
; unpartitioned disk (a "superfloppy": a floppy, a USB stick formatted
; without a table). The volume's BPB (bytes 3..0x59) is the file system's:
; the installer keeps it and writes only the jump, bytes 0x5A..0x1FD and
; the signature.
;
; Loads stage2 from the volume's reserved sectors, at the packet's LBA
; (relative to the volume) plus the BPB's hidden sectors (where the volume
; starts on the disk), and jumps to it with DL = the BIOS drive as given
; (0x00 for a floppy) and EBP = the volume's first LBA: stage2 mounts that
; volume instead of reading a partition table.

%include "format.inc"
%include "fields.inc"


	bits 16
	org BIOS_LOAD

bpb_hidden	equ BIOS_LOAD + PBR_HIDDEN	; u32, the BPB's

	jmp short start
	nop
	; The BPB (FAT12/16: 3..0x3D; FAT32: 3..0x59) is the volume's; the
	; built image holds zeros here, the installer keeps the disk's.
	times PBR_CODE - ($ - $$) db 0

start:
	; DS = 0 for every address below. CS may be 0000 or 07C0 (some
	; BIOSes): the code uses only relative jumps and far-jumps out.
	ZERO_SEGMENTS
	sti
	; The drive is whatever the BIOS or the chainloader says: 0x00 is a
	; real floppy here, not a BIOS bug as it is for an MBR.
	mov [drive], dl
	; The hidden sectors are 32-bit, stage2 sits in the first 64 sectors:
	; the sum cannot pass 2^32 but for a volume in its last 64 sectors.
	mov eax, [bpb_hidden]
	add [dap_lba], eax

	%include "load.inc"

	mov ebp, [bpb_hidden]	; stage2's ABI: the volume's first LBA
	jmp 0:S2_ADDR		; DL is still the drive

	%include "bios.inc"

	STAGE1_FIELDS PBR_S2_SECTORS	; the packet's LBA: inside the volume
%if (dap_lba - $$) != PBR_S2_LBA
%error "pbr layout: the packet's LBA must sit at PBR_S2_LBA"
%endif
%if ($ - $$) != 510
%error "pbr layout: the installer's fields must end at the signature"
%endif
	dw 0xAA55

; Variables live just past this sector (stage2 starts at 0x8000).
	STAGE1_VARS BIOS_LOAD + 0x200
