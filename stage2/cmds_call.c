// SPDX-License-Identifier: BSD-2-Clause
/* The core's part of the boot prompt's commands (stage2/cmds_call.h):
 * the word check and the call into the cmds module, nothing more. */
#include "cmdline/cmds.h"
#include "cmds_call.h"
#include "module.h"
#include "passwd_ask.h"

bool cmds_call(struct volume *v, const struct memory *mem,
	       const struct cfg *cfg, const struct cfg_boot *b, int err,
	       const char *line)
{
	const struct bzmod_header *m;

	if (cmds_find(line, b, err) == CMDS_NONE)
		return false;
	/* cat reads any file (a config's plain-text passwords too): the
	 * master password guards it as it guards the free command line. */
	if (cfg->master_passwd &&
	    !passwd_ask(v, mem, cfg, b, CFG_LOCKED_MASTER))
		return true;
	m = module_load(v, mem, "cmds"); /* it says why it cannot */
	if (m) /* checked by name: its entry is mod_cmds.c's */
		((mod_cmds_run_fn)m->entry[MOD_CMDS_RUN])(v, mem, cfg, line);
	return true;
}
