/* SPDX-License-Identifier: BSD-2-Clause */
/* ifcpu64.c32, ifcpu.c32, whichsys.c32, reboot.c32 and poweroff.c32: the
 * core recognises them (cmdline/c32_branch.h) and calls the c32 module
 * (stage2/mod_c32.c); the UI boots the line a branching one chose. */
#ifndef BZ_STAGE2_C32_CALL_H
#define BZ_STAGE2_C32_CALL_H

#include "cmdline/config.h"

struct volume;
struct memory;

/* The c32 module's entry table. The entry writes the command line to
 * run next into `next` (CFG_APPEND_MAX bytes), or leaves it "" after one
 * line saying why there is none (or after a reboot that failed). */
enum { MOD_C32_RUN = 0, MOD_C32_ENTRIES };
typedef void (*mod_c32_run_fn)(struct volume *v, const struct memory *mem,
			       const struct cfg *cfg, const struct cfg_boot *b,
			       char *next);

/* NULL when b is not one of these modules (COM32, any directory).
 * Else the module has run: the line to boot next ("" = none; the loader
 * or the module said why). The buffer is static: boot it before the next
 * call. */
const char *c32_call(struct volume *v, const struct memory *mem,
		     const struct cfg *cfg, const struct cfg_boot *b);

#endif
