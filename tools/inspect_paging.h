// SPDX-License-Identifier: BSD-2-Clause
// bzboot inspect --paging: the kernel's virtual memory map after the
// hand-off, with this kernel's pieces in it (inspect_paging.c).
#ifndef BZ_TOOLS_INSPECT_PAGING_H
#define BZ_TOOLS_INSPECT_PAGING_H

#include <stdint.h>

#include "protocol/linux.h"

/* For kernel k and plan p on a PC with ram_top bytes of RAM, booted with
 * cmdline: whether k runs paging mode levels (4 or 5), where its text and
 * the initrd are mapped, how KASLR moves them, and mm.rst's map of that
 * mode drawn with them in it. */
void inspect_print_paging(unsigned levels, const struct linux_kernel *k,
			  const struct linux_plan *p, uint64_t ram_top,
			  const char *cmdline);

#endif
