/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The stage1 images (MBR, PBR) and stage2 built into bzboot, so one file installs.
 * The Makefile names the files (BZ_STAGE1_BIN, BZ_STAGE2_BIN).
 */
#ifndef BZ_STAGE1_BIN
#define BZ_STAGE1_BIN "build/stage1/mbr.bin"
#endif
#ifndef BZ_PBR_BIN
#define BZ_PBR_BIN "build/stage1/pbr.bin"
#endif
#ifndef BZ_STAGE2_IDENT
#define BZ_STAGE2_IDENT 0
#endif
#ifndef BZ_STAGE2_BIN
#define BZ_STAGE2_BIN "build/stage2.bin"
#endif

	.section .rodata.bz_images, "a"

	.balign 16
	.global bz_stage1_start, bz_stage1_end
bz_stage1_start:
	.incbin BZ_STAGE1_BIN
bz_stage1_end:

	.balign 16
	.global bz_pbr_start, bz_pbr_end
bz_pbr_start:
	.incbin BZ_PBR_BIN
bz_pbr_end:

	.balign 16
	.global bz_stage2_start, bz_stage2_end
bz_stage2_start:
	.incbin BZ_STAGE2_BIN
bz_stage2_end:

	/* The identity modules for that stage2 carry (protocol/bzmod.h). */
	.balign 4
	.global bz_stage2_ident
bz_stage2_ident:
	.long BZ_STAGE2_IDENT

	/* Data only: the tool's stack need not be executable. */
	.section .note.GNU-stack, "", @progbits
