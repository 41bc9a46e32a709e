/* SPDX-License-Identifier: BSD-2-Clause */
/* Modules: code that does not fit in stage2's 62 sectors, kept as
 * NAME.bzm files on the FAT volume and loaded at MEM_MODULE when first
 * needed (docs/architecture.md, "Modules"). The file format, which the
 * host sealer shares, is protocol/bzmod.h's struct bzmod_header. */
#ifndef BZ_STAGE2_MODULE_H
#define BZ_STAGE2_MODULE_H

#include <stdbool.h>
#include "protocol/bzmod.h"

/* The passwd module's entry table (stage2/mod_passwd.c). */
enum { MOD_PASSWD_CHECK = 0, MOD_PASSWD_ENTRIES };
typedef bool (*mod_passwd_check_fn)(const char *stored, const char *typed);

struct volume;
struct memory;
struct cfg;

/* The cmds module's (stage2/mod_cmds.c): the boot prompt's commands. */
enum { MOD_CMDS_RUN = 0, MOD_CMDS_ENTRIES };
typedef void (*mod_cmds_run_fn)(struct volume *v, const struct memory *mem,
				const struct cfg *cfg, const char *line);

/* Makes module `name` resident: NAME.bzm from /boot/bzboot/, the config
 * file's directory, then /, checked (fits below mem->low_top, magic, ABI,
 * checksum, built with this stage2) before anything in it runs. The one
 * already resident is kept; loading another replaces it. NULL after one
 * line saying what failed, in which file, and what to do. */
const struct bzmod_header *
module_load(struct volume *v, const struct memory *mem, const char *name);

/* Entry n of a loaded module, NULL if it has none. */
void *module_entry(const struct bzmod_header *m, unsigned n);

#endif
