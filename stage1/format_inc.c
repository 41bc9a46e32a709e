// SPDX-License-Identifier: BSD-2-Clause
/* build/gen/format.inc, the nasm view of stage1/format.h (stage1 and
 * stage2's entry include it). Compiled with -S only: see asmdefs.h. */
#include <stddef.h>
#include "stage1/asmdefs.h"
#include "stage1/format.h"

#define S2H(name, field) ASMDEF(name, offsetof(struct bz_stage2_header, field))

void format_inc(void);

void format_inc(void)
{
	/* The installer's fields of the two boot sectors. */
	ASMDEF(MBR_CODE_SIZE, BZ_MBR_CODE_SIZE);
	ASMDEF(MBR_S2_SECTORS, BZ_MBR_S2_SECTORS);
	ASMDEF(MBR_DAP, BZ_MBR_DAP);
	ASMDEF(MBR_S2_LBA, BZ_MBR_S2_LBA);
	ASMDEF(PBR_HIDDEN, BZ_PBR_HIDDEN);
	ASMDEF(PBR_CODE, BZ_PBR_CODE);
	ASMDEF(PBR_S2_SECTORS, BZ_PBR_S2_SECTORS);
	ASMDEF(PBR_DAP, BZ_PBR_DAP);
	ASMDEF(PBR_S2_LBA, BZ_PBR_S2_LBA);

	/* The stage2 image and its header. */
	ASMDEF(S2_ADDR, BZ_S2_ADDR);
	ASMDEF(S2_MAX_SECTORS, BZ_S2_MAX_SECTORS);
	ASMDEF(S2_MAGIC, BZ_S2_MAGIC);
	ASMDEF(S2_ABI, BZ_S2_ABI);
	ASMDEF(S2_PART_VOLUME, BZ_S2_PART_VOLUME);
	ASMDEF(S2_MAIN_ADDR, BZ_S2_MAIN_ADDR);
	S2H(S2H_JUMP, jump);
	S2H(S2H_MAGIC, magic);
	S2H(S2H_ABI, abi);
	S2H(S2H_SECTORS, sectors);
	S2H(S2H_CHECKSUM, checksum);
	S2H(S2H_PAYLOAD, payload_off);
	S2H(S2H_PACKED, packed_size);
	S2H(S2H_UNPACKED, unpacked_size);
	S2H(S2H_PARTITION, partition);
	S2H(S2H_VERSION, version);
	ASMDEF(S2H_SIZE, sizeof(struct bz_stage2_header));
}
