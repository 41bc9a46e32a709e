// SPDX-License-Identifier: BSD-2-Clause
/* The passwd module: the password checker (cmdline/passwd.c and its
 * hashes, about 10 sectors) that stage2's 62 do not hold. This file is
 * its header and entry table; tools/seal-module.c fills size, checksum
 * and stage2 identity. */
#include <stdint.h>
#include "cmdline/passwd.h"
#include "module.h"

_Static_assert(__builtin_types_compatible_p(__typeof__(&passwd_check),
					    mod_passwd_check_fn),
	       "stage2 calls the entry through mod_passwd_check_fn");

__attribute__((section(".module.header"), used))
const struct bzmod_header module_header = {
    .magic = BZMOD_MAGIC,
    .abi = BZMOD_ABI,
    .nentries = MOD_PASSWD_ENTRIES,
    .name = "passwd",
    .entry = {[MOD_PASSWD_CHECK] = (uint32_t)passwd_check},
};
