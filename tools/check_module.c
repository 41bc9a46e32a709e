// SPDX-License-Identifier: BSD-2-Clause
// bzboot check: the modules an entry needs (chain, mboot, c32, passwd;
// the menu for a config that drives one), found and checked as stage2's
// module.c loads them: NAME.bzm in /boot/bzboot, the config's directory, or /.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/boot_msg.h"
#include "protocol/bzmod.h"
#include "tools/bzboot.h"
#include "tools/check.h"

#define MODULE_MAX (64 * 1024) /* below the EBDA, from 0x90000 */

/* The first place that has it (module.c's find()), read into buf. */
static int find(struct check_run *r, const char *name, uint8_t *buf,
		uint64_t *size, char *path)
{
	const char *dirs[] = {"/boot/bzboot", r->env.cwd, ""};
	int err = FAT_ENOENT;

	for (unsigned i = 0; i < 3; i++) {
		snprintf(path, CHECK_PATH_MAX, "%s/%s.bzm", dirs[i], name);
		err =
		    check_src_read(r->env.src, path, buf, MODULE_MAX, size, 1);
		if (err != FAT_ENOENT && err != FAT_ENOTDIR)
			return err;
	}
	return err;
}

int check_module(struct check_run *r, const char *name, char *out, size_t size)
{
	uint8_t *buf = malloc(MODULE_MAX);
	const struct bzmod_header *m = (const void *)buf;
	const char *cwd = r->env.cwd;
	char path[CHECK_PATH_MAX];
	uint64_t len;
	int err;

	if (!buf) {
		check_add(out, size, "out of memory");
		return -1;
	}
	err = find(r, name, buf, &len, path);
	if (err == FAT_ENOENT || err == FAT_ENOTDIR)
		check_add(out, size, BZ_MSG_MODULE_MISSING, name,
			  *cwd ? ", " : "", cwd, *cwd ? "/" : "", name);
	else if (err)
		check_add(out, size, "%s: %s", path,
			  check_src_strerror(r->env.src, err));
	/* its own stage2_id: which stage2 is on the disk is not known here
	 * (the one this bzboot installs is compared below) */
	else if ((err = len > MODULE_MAX ? BZMOD_ESIZE
					 : bzmod_check(buf, len, m->stage2_id)))
		check_add(out, size, BZ_MSG_MODULE_BAD, path,
			  bzmod_strerror(err), name);
	else if ((err = strncmp(m->name, name, BZMOD_NAME_MAX) != 0))
		check_add(out, size, BZ_MSG_MODULE_NAME, path, m->name, name,
			  name);
	else if (bz_stage2_ident && m->stage2_id != bz_stage2_ident &&
		 !r->ident_warned) {
		r->ident_warned = true;
		fprintf(r->warn,
			"  %s: built for another stage2 than the one this "
			"bzboot installs: after bzboot install, copy its "
			"build/modules/%s.bzm\n",
			path, name);
	}
	free(buf);
	return err ? -1 : 0;
}
