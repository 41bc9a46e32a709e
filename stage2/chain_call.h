/* SPDX-License-Identifier: BSD-2-Clause */
/* LOCALBOOT and chain.c32: the core recognises them and calls the chain
 * module (stage2/mod_chain.c), which reads and hands over to a boot
 * sector through boot_sector_jump (realmode.asm). */
#ifndef BZ_STAGE2_CHAIN_CALL_H
#define BZ_STAGE2_CHAIN_CALL_H

#include <stdbool.h>
#include "bios.h"
#include "cmdline/config.h"

struct volume;
struct memory;

/* The chain module's entry table. The entry returns only when it did
 * not jump, after one line saying why. */
enum { MOD_CHAIN_RUN = 0, MOD_CHAIN_ENTRIES };
typedef void (*mod_chain_run_fn)(struct volume *v, const struct memory *mem,
				 const struct cfg_boot *b);

/* Whether b is LOCALBOOT, a boot-sector file (BOOT, BSS, .bs, .bin,
 * .bss) or chain.c32 (any directory): then the chain
 * module has run it, or the loader said why it could not be loaded, and
 * the caller has nothing to add. mboot.c32 likewise, with the mboot
 * module (stage2/mod_mboot.c), whose entry has the chain module's type. */
bool chain_call(struct volume *v, const struct memory *mem,
		const struct cfg_boot *b);

/* realmode.asm: real mode, registers from *r (DS ES FS GS, EFLAGS),
 * SS:SP = 0:7C00, far jump to 0:7C00. Does not return. */
__attribute__((noreturn)) void ASMLINKAGE
boot_sector_jump(const struct biosregs *r);

#endif
