/* SPDX-License-Identifier: BSD-2-Clause */
/* Load a Linux kernel (and its initrds) from the boot volume and enter it
 * through the 16-bit boot protocol. */
#ifndef BZ_STAGE2_BOOT_LINUX_H
#define BZ_STAGE2_BOOT_LINUX_H

#include "bios.h"
#include "cmdline/config.h"
#include "memory.h"
#include "volume.h"

/* Returns only on failure, after printing what failed. */
int boot_linux(struct volume *v, const struct memory *mem,
	       const struct cfg_boot *b);

/* The real-mode hand-off (realmode.asm). */
void ASMLINKAGE linux16_boot(uint32_t seg, uint32_t sp)
    __attribute__((noreturn));

#endif
