// SPDX-License-Identifier: BSD-2-Clause
/* initregs(): the preset for every BIOS call (see bios.h). */
#include <string.h>
#include "bios.h"

void initregs(struct biosregs *r)
{
	memset(r, 0, sizeof(*r));
	r->eflags = X86_EFLAGS_CF;
}
