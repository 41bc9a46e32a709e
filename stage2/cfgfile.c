// SPDX-License-Identifier: BSD-2-Clause
/* Finding, reading and parsing the config file, INCLUDEs included. As in
 * SYSLINUX, the directory of the config file becomes the directory that
 * relative names (kernels, initrds, includes) start from. */
#include <stdio.h>
#include <string.h>
#include "cfgfile.h"
#include "cmdline/config_switch.h"
#include "console.h"
#include "heap.h"
#include "serial.h"

/* With INCLUDEs, what the heap can hold next to a boot attempt. */
#define CFG_FILE_MAX (128 * 1024)

/* Reads an open config-sized file onto the heap; prints on failure. */
static char *read_text(struct volume *v, const char *path, struct fat_file *f,
		       size_t *len)
{
	uint32_t size = fat_size(f);
	char *text;

	if (size > CFG_FILE_MAX) {
		printf("bzboot: %s is %u bytes; the limit is %u. Shorten "
		       "it.\n",
		       path, (unsigned)size, CFG_FILE_MAX);
		return NULL;
	}
	text = heap_alloc(size + 1);
	if (!text) {
		printf("bzboot: %s: out of loader memory.\n", path);
		return NULL;
	}
	if (volume_file_read(v, f, path, text, size, false))
		return NULL;
	*len = size;
	return text;
}

static int include_load(void *ctx, const char *path, const char **text,
			size_t *len)
{
	struct fat_file f;

	*text = volume_file_open(ctx, path, &f) ? NULL
						: read_text(ctx, path, &f, len);
	return *text ? 0 : -1;
}

static void include_release(void *ctx, const char *text, size_t len)
{
	(void)ctx, (void)text, (void)len; /* the heap keeps it: cheap */
}

const char *cfgfile_in_use;

static bool parse(struct volume *v, const char *path, const char *text,
		  size_t len, struct cfg *cfg)
{
	struct cfg_include_ops inc = {include_load, include_release, v, NULL};
	unsigned i;
	int err;

	err = cfg_parse_with(cfg, text, len, &inc);
	if (err) {
		printf("bzboot: %s: %s.\n", path, cfg_strerror(err));
		return false;
	}
	cfgfile_in_use = path;
	for (i = 0; i < cfg->nwarnings; i++) {
		const struct cfg_warning *w = &cfg->warnings[i];

		if (w->file)
			printf("bzboot: INCLUDE #%u:%u: %s\n", w->file, w->line,
			       cfg_warning_str(w->code));
		else
			printf("bzboot: %s:%u: %s\n", path, w->line,
			       cfg_warning_str(w->code));
	}
	return true;
}

static bool find_and_parse(struct volume *v, struct cfg *cfg)
{
	struct fat_file f;
	const char *text, *path;
	size_t len;
	unsigned i;
	int err;

	if (!v->mounted)
		return false;
	/* the search order is cmdline/'s: `bzboot check` follows it too */
	for (i = 0; (path = cfg_search_path(i)) != NULL; i++) {
		err = fat_open(&v->fat, path, &f);
		if (err == FAT_ENOENT || err == FAT_ENOTDIR)
			continue;
		if (err) {
			volume_file_report(v, path, err);
			continue;
		}
		volume_set_cwd(v, path, strrchr(path, '/') - path);
		text = read_text(v, path, &f, &len);
		return text && parse(v, path, text, len, cfg);
	}
	printf("bzboot: no config file (looked for /bzboot.cfg, "
	       "/boot/bzboot/bzboot.cfg and SYSLINUX's places); type a "
	       "kernel path and its arguments.\n");
	return false;
}

/* SERIAL and CONSOLE of a config just parsed take effect. */
static void apply(const struct cfg *cfg)
{
	if (cfg->has_serial)
		serial_init(cfg->serial_port, cfg->serial_baud);
	console_set_screen(cfg->console);
}

bool cfgfile_load(struct volume *v, struct cfg *cfg)
{
	if (!find_and_parse(v, cfg)) {
		/* Without a config, SYSLINUX's defaults (IMPLICIT 1,
		 * ALLOWOPTIONS 1...) still hold for what is typed. */
		cfg_parse(cfg, "", 0);
		return false;
	}
	apply(cfg);
	return true;
}

bool cfgfile_switch(struct volume *v, struct cfg *cfg, const char *path,
		    const char *dir)
{
	char cwd[VOLUME_PATH_MAX];
	struct fat_file f;
	const char *text;
	size_t len;

	/* The new directory is where the new config's relative names start
	 * (ldlinux: execute.c, then parse_main_config). Unlike ldlinux's
	 * chdir it is not looked up: a wrong one shows in the first file
	 * that is not found, with its whole name. */
	if (!cfg_join_dir(v->cwd, dir, cwd, sizeof(cwd))) {
		printf("bzboot: CONFIG %s %s: directory name too long.\n", path,
		       dir);
		return false;
	}
	/* Read from the old directory, so a missing file leaves the old
	 * config and directory in force. */
	if (volume_file_open(v, path, &f))
		return false;
	text = read_text(v, path, &f, &len);
	if (!text)
		return false;
	volume_set_cwd(v, cwd, strlen(cwd));
	parse(v, path, text, len, cfg); /* fails only for a NULL argument */
	apply(cfg);
	return true;
}
