// SPDX-License-Identifier: BSD-2-Clause
/* The cmds module: the boot prompt's commands (ls, cat, info, reboot,
 * poweroff, layout, help), which SYSLINUX users get from .c32 modules.
 * stage2's core recognises the word (stage2/cmds_call.c) and calls the
 * one entry here with the typed line. This file is the header, the entry table
 * and the dispatch; tools/seal-module.c fills size, checksum and identity. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "cmdline/cmds.h"
#include "cmds_mod.h"
#include "module.h"

static void cmds_run(struct volume *v, const struct memory *mem,
		     const struct cfg *cfg, const char *line);

_Static_assert(__builtin_types_compatible_p(__typeof__(&cmds_run),
					    mod_cmds_run_fn),
	       "stage2 calls the entry through mod_cmds_run_fn");

__attribute__((section(".module.header"), used))
const struct bzmod_header module_header = {
    .magic = BZMOD_MAGIC,
    .abi = BZMOD_ABI,
    .nentries = MOD_CMDS_ENTRIES,
    .name = "cmds",
    .entry = {[MOD_CMDS_RUN] = (uint32_t)cmds_run},
};

static void help(const struct cmds_env *e)
{
	(void)e;
	printf("Type a label to boot it (labels win over these words), or:\n"
	       "  ls [dir]        list a directory (default: the config's)\n"
	       "  cat file        show a text file, a screen at a time\n"
	       "  info            bzboot, the boot disk, memory map, disks, "
	       "console\n"
	       "  reboot [-w]     restart the machine (-w: warm, no memory "
	       "test)\n"
	       "  poweroff [-a]   switch it off (APM, else ACPI; -a: ACPI "
	       "only)\n"
	       "  layout [label]  where its boot (else the default's) puts "
	       "each piece\n"
	       "  help            this list\n");
}

/* In enum cmds_id's order. */
static void (*const run_id[CMDS_COUNT])(const struct cmds_env *e) = {
    cmds_ls, cmds_cat, cmds_info, cmds_reboot, cmds_poweroff, cmds_layout, help,
};

static void cmds_run(struct volume *v, const struct memory *mem,
		     const struct cfg *cfg, const char *line)
{
	static char buf[VOLUME_PATH_MAX];
	const char *argv[CMDS_MAX_ARGS];
	struct cmds_env e = {v, mem, cfg, 0, argv};
	enum cmds_id id;

	e.argc = cmds_split(line, buf, sizeof(buf), argv);
	if (e.argc < 1) {
		printf("bzboot: %s: too many words, a word too long or a quote "
		       "left open; type help for the commands.\n",
		       line);
		return;
	}
	for (id = 0; id < CMDS_COUNT; id++)
		if (!strcmp(argv[0], cmds_name(id)))
			run_id[id](&e);
}
