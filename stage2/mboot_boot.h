/* SPDX-License-Identifier: BSD-2-Clause */
/* mboot.c32: loads a Multiboot kernel and its modules and enters it
 * (docs/config.md, "Multiboot"). */
#ifndef BZ_STAGE2_MBOOT_BOOT_H
#define BZ_STAGE2_MBOOT_BOOT_H

#include "cmdline/config.h"

struct volume;
struct memory;

/* Returns only when it did not boot, after one line saying why. */
void mboot_run(struct volume *v, const struct memory *mem,
	       const struct cfg_boot *b);

#endif
