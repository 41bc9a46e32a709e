// SPDX-License-Identifier: BSD-2-Clause
/* The mboot module: mboot.c32, Multiboot 1 (stage2/mboot_boot.c, with
 * protocol/multiboot.c and protocol/inflate.c). The core calls its entry
 * as the chain module's (stage2/chain_call.c). This file is its header
 * and entry table; tools/seal-module.c fills size, checksum and stage2
 * identity. */
#include <stdint.h>
#include "chain_call.h"
#include "mboot_boot.h"
#include "module.h"

_Static_assert(__builtin_types_compatible_p(__typeof__(&mboot_run),
					    mod_chain_run_fn),
	       "stage2 calls the entry through mod_chain_run_fn");

__attribute__((section(".module.header"), used))
const struct bzmod_header module_header = {
    .magic = BZMOD_MAGIC,
    .abi = BZMOD_ABI,
    .nentries = MOD_CHAIN_ENTRIES,
    .name = "mboot",
    .entry = {[MOD_CHAIN_RUN] = (uint32_t)mboot_run},
};
