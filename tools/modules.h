// SPDX-License-Identifier: BSD-2-Clause
// bzboot install's modules: every NAME.bzm the build made, checked against
// the stage2 being installed and written to /boot/bzboot/ on the FAT
// volume stage2 boots from, with the FAT writer (tools/fatw.h).
#ifndef BZ_TOOLS_MODULES_H
#define BZ_TOOLS_MODULES_H

#include <stdbool.h>
#include <stdint.h>

#include "tools/disk.h"
#include "tools/fatw.h"
#include "tools/plan.h"

#define MODULES_DEST "/boot/bzboot/"
/* Where make install puts them, under PREFIX (the Makefile's
 * MODULESDIR): the tool finds them from PREFIX/bin. */
#define MODULES_INSTALLED "lib/bzboot/modules"

struct modules_install {
	uint64_t volume_lba;	 /* the FAT volume stage2 boots from */
	const char *dir;	 /* --modules DIR; NULL: next to stage2 */
	const char *stage2_path; /* --stage2 FILE; NULL: the built-in */
	bool ident_known;	 /* ident is the installed stage2's */
	uint32_t ident;
	struct fatw *w;	   /* the writer to stage into (stage2's file is in it,
			      and its owner plans it); NULL: one of its own */
	char summary[400]; /* out: "modules: ...", for after the writes */
};

/*
 * Add the modules' writes to p. What cannot be written (no modules
 * found, one of another build, no room on the volume) is a warning that
 * names it, not a refusal: the core boots Linux without modules. 0, or
 * -1 after a message (a read error).
 */
int modules_plan(struct plan *p, struct modules_install *m);

/* The FAT volume stage2 boots from on a partitioned disk (partition n,
 * 0: the one stage2 chooses), for the modules: quietly false when there
 * is none (stage2 will say so at boot). */
bool modules_volume(struct disk *d, unsigned n, uint64_t *lba);

#endif
