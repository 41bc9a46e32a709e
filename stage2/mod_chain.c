// SPDX-License-Identifier: BSD-2-Clause
/* The chain module: LOCALBOOT and chain.c32 (stage2/chain_boot.c, with
 * cmdline/chain_args.c and fs/part_handover.c). This file is its header
 * and entry table; tools/seal-module.c fills size, checksum and stage2
 * identity. */
#include <stdint.h>
#include "chain_boot.h"
#include "chain_call.h"
#include "module.h"

_Static_assert(__builtin_types_compatible_p(__typeof__(&chain_run),
					    mod_chain_run_fn),
	       "stage2 calls the entry through mod_chain_run_fn");

__attribute__((section(".module.header"), used))
const struct bzmod_header module_header = {
    .magic = BZMOD_MAGIC,
    .abi = BZMOD_ABI,
    .nentries = MOD_CHAIN_ENTRIES,
    .name = "chain",
    .entry = {[MOD_CHAIN_RUN] = (uint32_t)chain_run},
};
