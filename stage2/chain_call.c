// SPDX-License-Identifier: BSD-2-Clause
/* The core's part of LOCALBOOT, chain.c32 and mboot.c32
 * (stage2/chain_call.h): the type check and the call into the chain or
 * mboot module, nothing more. */
#include "chain_call.h"
#include "cmdline/config_switch.h"
#include "module.h"

bool chain_call(struct volume *v, const struct memory *mem,
		const struct cfg_boot *b)
{
	const struct bzmod_header *m;
	/* mboot.c32 (Multiboot) is the mboot module, whose entry is the
	 * same: it also leaves bzboot for another system. */
	bool mboot =
	    b->type == CFG_KT_COM32 && cfg_module_named(b->kernel, "mboot.c32");

	if (!mboot && b->type != CFG_KT_LOCALBOOT && b->type != CFG_KT_BOOT &&
	    b->type != CFG_KT_BSS &&
	    !(b->type == CFG_KT_COM32 &&
	      cfg_module_named(b->kernel, "chain.c32")))
		return false;
	m = module_load(v, mem, mboot ? "mboot" : "chain"); /* says why not */
	if (m) /* checked by name: mod_chain.c's or mod_mboot.c's entry */
		((mod_chain_run_fn)m->entry[MOD_CHAIN_RUN])(v, mem, b);
	return true;
}
