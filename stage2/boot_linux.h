/* SPDX-License-Identifier: BSD-2-Clause */
/* Load a Linux kernel (and its initrds) from the boot volume and enter it
 * through the 16-bit boot protocol. */
#ifndef BZ_STAGE2_BOOT_LINUX_H
#define BZ_STAGE2_BOOT_LINUX_H

#include "bios.h"
#include "cmdline/config.h"
#include "memory.h"
#include "protocol/linux.h"
#include "volume.h"

#define MAX_INITRDS LINUX_MAX_INITRDS
#define CMDLINE_BUF LINUX_CMDLINE_BUF /* the longest cmdline_size filled */

struct initrd_set {
	unsigned n;
	char path[MAX_INITRDS][CFG_PATH_MAX];
	struct fat_file file[MAX_INITRDS];
	uint64_t off[MAX_INITRDS]; /* where each part starts in the image */
	uint64_t total;		   /* the image: parts back to back */
};

/* Everything one boot attempt builds; on the heap, given up on failure. */
struct linux_load {
	struct fat_file kf;
	struct linux_kernel k;
	struct linux_plan plan;
	struct initrd_set rd;
	uint8_t setup[0x8000]; /* the real-mode part, staged */
	char cmdline[CMDLINE_BUF];
	char initrds[CFG_APPEND_MAX];
	int cmdline_len, vid_mode;
	uint64_t mem_limit;
};

/* Everything up to the first byte of the kernel read into place: the
 * kernel's header, the command line (with vga= and mem=), the initrds
 * opened for their sizes and the plan of where each piece goes. On the
 * heap (the caller's mark gives it back); NULL after printing what
 * failed. The boot prompt's `layout` draws what it returns. */
struct linux_load *linux_prepare(struct volume *v, const struct memory *mem,
				 const struct cfg_boot *b);

/* Returns only on failure, after printing what failed. */
int boot_linux(struct volume *v, const struct memory *mem,
	       const struct cfg_boot *b);

/* The real-mode hand-off (realmode.asm). */
void ASMLINKAGE linux16_boot(uint32_t seg, uint32_t sp)
    __attribute__((noreturn));

#endif
