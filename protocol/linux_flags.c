// SPDX-License-Identifier: BSD-2-Clause
// The names of the setup header's flag bits (protocol/linux_flags.h), one
// table each, indexed by bit, from protocol/bootparam.h's definitions.
#include <stddef.h>

#include "protocol/bootparam.h"
#include "protocol/linux_flags.h"

// __builtin_ctz: the bit of a one-bit mask, so each table row names the
// define it stands for and cannot drift from it.
#define BIT_NAME(flag) [__builtin_ctz(flag)] = #flag

static const char *const loadflag_names[8] = {
    BIT_NAME(LOADED_HIGH),   BIT_NAME(KASLR_FLAG),   BIT_NAME(QUIET_FLAG),
    BIT_NAME(KEEP_SEGMENTS), BIT_NAME(CAN_USE_HEAP),
};

static const char *const xloadflag_names[16] = {
    BIT_NAME(XLF_KERNEL_64),	   BIT_NAME(XLF_CAN_BE_LOADED_ABOVE_4G),
    BIT_NAME(XLF_EFI_HANDOVER_32), BIT_NAME(XLF_EFI_HANDOVER_64),
    BIT_NAME(XLF_EFI_KEXEC),	   BIT_NAME(XLF_5LEVEL),
    BIT_NAME(XLF_5LEVEL_ENABLED),  BIT_NAME(XLF_MEM_ENCRYPTION),
};

const char *linux_loadflag_name(unsigned bit)
{
	return bit < 8 ? loadflag_names[bit] : NULL;
}

const char *linux_xloadflag_name(unsigned bit)
{
	return bit < 16 ? xloadflag_names[bit] : NULL;
}
