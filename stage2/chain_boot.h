/* SPDX-License-Identifier: BSD-2-Clause */
/* The chain module's entry (stage2/chain_boot.c): LOCALBOOT and
 * chain.c32. Returns only when it did not jump, after one line. */
#ifndef BZ_STAGE2_CHAIN_BOOT_H
#define BZ_STAGE2_CHAIN_BOOT_H

#include "cmdline/config.h"

struct volume;
struct memory;

void chain_run(struct volume *v, const struct memory *mem,
	       const struct cfg_boot *b);

#endif
