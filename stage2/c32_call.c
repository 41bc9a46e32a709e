// SPDX-License-Identifier: BSD-2-Clause
/* The core's part of ifcpu64.c32 and its kin (stage2/c32_call.h): the
 * name check and the call into the c32 module, nothing more. */
#include "c32_call.h"
#include "cmdline/c32_branch.h"
#include "module.h"

const char *c32_call(struct volume *v, const struct memory *mem,
		     const struct cfg *cfg, const struct cfg_boot *b)
{
	static char next[CFG_APPEND_MAX];
	const struct bzmod_header *m;

	if (b->type != CFG_KT_COM32 || c32_module_id(b->kernel) == C32_NONE)
		return NULL;
	next[0] = '\0';
	m = module_load(v, mem, "c32"); /* it says why it cannot */
	if (m) /* checked by name: its entry is mod_c32.c's */
		((mod_c32_run_fn)m->entry[MOD_C32_RUN])(v, mem, cfg, b, next);
	return next;
}
