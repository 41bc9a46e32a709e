// SPDX-License-Identifier: BSD-2-Clause
/* Loading a module (stage2/module.h): find NAME.bzm, read it to
 * MEM_MODULE, check it, remember it. Nothing in a module runs before
 * bzmod_check has passed: a damaged file or one from another build would
 * jump to addresses that mean nothing in this stage2. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "memmap.h"
#include "memory.h"
#include "module.h"
#include "protocol/boot_msg.h"
#include "volume.h"

/* stage2.ld.S: the code and constants a module is linked against. */
extern const uint8_t _ident_start[], _ident_end[];

/* The resident module's name, "" when none (or the area was spoiled by
 * a failed load). */
static char resident[BZMOD_NAME_MAX];

/* Opens NAME.bzm from the first place that has it; its path in buf. */
static int find(struct volume *v, const char *name, struct fat_file *f,
		char *buf)
{
	const char *dirs[] = {"/boot/bzboot", v->cwd, ""};
	int err = FAT_ENOENT;

	for (unsigned i = 0; i < 3; i++) {
		snprintf(buf, VOLUME_PATH_MAX, "%s/%s.bzm", dirs[i], name);
		err = fat_open(&v->fat, buf, f);
		if (err != FAT_ENOENT && err != FAT_ENOTDIR)
			return err;
	}
	return err;
}

const struct bzmod_header *
module_load(struct volume *v, const struct memory *mem, const char *name)
{
	struct bzmod_header *m = (struct bzmod_header *)MEM_MODULE;
	uint32_t room =
	    mem->low_top > MEM_MODULE ? mem->low_top - MEM_MODULE : 0;
	char path[VOLUME_PATH_MAX];
	struct fat_file f;
	int err;

	if (resident[0] && !strcmp(resident, name))
		return m;
	err = v->mounted ? find(v, name, &f, path) : FAT_ENOENT;
	if (err == FAT_ENOENT || err == FAT_ENOTDIR) {
		printf("bzboot: " BZ_MSG_MODULE_MISSING ".\n", name,
		       v->cwd[0] ? ", " : "", v->cwd, v->cwd[0] ? "/" : "",
		       name);
		return NULL;
	}
	if (err) {
		volume_file_report(v, path, err);
		return NULL;
	}
	if (fat_size(&f) > room) {
		printf("bzboot: %s: %u bytes, but only %u fit below the EBDA "
		       "at 0x%x: copy the %s.bzm built with this bzboot.\n",
		       path, (unsigned)fat_size(&f), (unsigned)room,
		       (unsigned)mem->low_top, name);
		return NULL;
	}
	resident[0] = '\0'; /* the read overwrites what was there */
	if (volume_file_read(v, &f, path, m, fat_size(&f), false))
		return NULL;
	err = bzmod_check(
	    (const uint8_t *)m, fat_size(&f),
	    bzmod_ident(_ident_start, (size_t)(_ident_end - _ident_start)));
	if (!err && strncmp(m->name, name, BZMOD_NAME_MAX)) {
		printf("bzboot: " BZ_MSG_MODULE_NAME ".\n", path, m->name, name,
		       name);
		return NULL;
	}
	if (err) {
		printf("bzboot: " BZ_MSG_MODULE_BAD ".\n", path,
		       bzmod_strerror(err), name);
		return NULL;
	}
	snprintf(resident, sizeof(resident), "%s", name);
	return m;
}

void *module_entry(const struct bzmod_header *m, unsigned n)
{
	return n < m->nentries && n < BZMOD_ENTRIES ? (void *)m->entry[n]
						    : NULL;
}
