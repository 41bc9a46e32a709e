// SPDX-License-Identifier: BSD-2-Clause
/* Finding, reading and parsing the config file, INCLUDEs included. As in
 * SYSLINUX, the directory of the config file becomes the directory that
 * relative names (kernels, initrds, includes) start from. */
#include <stdio.h>
#include <string.h>
#include "cfgfile.h"
#include "console.h"
#include "heap.h"
#include "serial.h"

/* With INCLUDEs, what the heap can hold next to a boot attempt. */
#define CFG_FILE_MAX (128 * 1024)

/* bzboot's own names first, then SYSLINUX's search: its directories in
 * its order, extlinux.conf before syslinux.cfg in each. /boot/extlinux is
 * where Debian's extlinux installs itself (SYSLINUX looks in its install
 * directory first). */
static const char *const cfg_paths[] = {
    "/bzboot.cfg",
    "/boot/bzboot/bzboot.cfg",
    "/boot/extlinux/extlinux.conf",
    "/boot/syslinux/extlinux.conf",
    "/boot/syslinux/syslinux.cfg",
    "/syslinux/extlinux.conf",
    "/syslinux/syslinux.cfg",
    "/extlinux.conf",
    "/syslinux.cfg",
};

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

/* The config file parsed last, for cfgfile_reparse ("" = none). */
static char parsed_path[VOLUME_PATH_MAX];

/* hooks: the menu module's (its model in *menu), NULL for the core's
 * own parse; only that one prints the warnings. */
static bool parse(struct volume *v, const char *path, struct fat_file *f,
		  struct cfg *cfg, const struct cfg_menu_hooks *hooks,
		  struct cfg_menu_model *menu)
{
	struct cfg_include_ops inc = {include_load, include_release, v};
	const char *text;
	size_t len;
	unsigned i;
	int err;

	text = read_text(v, path, f, &len);
	if (!text)
		return false;
	err = cfg_parse_hooked(cfg, text, len, &inc, hooks, menu);
	if (err) {
		printf("bzboot: %s: %s.\n", path, cfg_strerror(err));
		return false;
	}
	if (path != parsed_path)
		snprintf(parsed_path, sizeof(parsed_path), "%s", path);
	for (i = hooks ? cfg->nwarnings : 0; i < cfg->nwarnings; i++) {
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
	unsigned i;
	int err;

	if (!v->mounted)
		return false;
	for (i = 0; i < sizeof(cfg_paths) / sizeof(cfg_paths[0]); i++) {
		const char *path = cfg_paths[i];

		err = fat_open(&v->fat, path, &f);
		if (err == FAT_ENOENT || err == FAT_ENOTDIR)
			continue;
		if (err) {
			volume_file_report(v, path, err);
			continue;
		}
		volume_set_cwd(v, path, strrchr(path, '/') - path);
		return parse(v, path, &f, cfg, NULL, NULL);
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
	size_t n = strlen(v->cwd);

	/* The file is found from the old directory, then the directory
	 * changes (ldlinux's execute.c and parse_main_config). */
	if (volume_file_open(v, path, &f))
		return false;
	if (*dir == '/') {
		volume_set_cwd(v, dir, strlen(dir));
	} else if (*dir) {
		if (n + 1 + strlen(dir) >= sizeof(cwd)) {
			printf("bzboot: CONFIG directory %s/%s is too long.\n",
			       v->cwd, dir);
			return false;
		}
		memcpy(cwd, v->cwd, n);
		cwd[n] = '/';
		memcpy(cwd + n + 1, dir, strlen(dir) + 1);
		volume_set_cwd(v, cwd, strlen(cwd));
	}
	if (!parse(v, path, &f, cfg, NULL, NULL)) {
		cfg_parse(cfg, "", 0);
		return false;
	}
	apply(cfg);
	return true;
}

bool cfgfile_reparse(struct volume *v, struct cfg *cfg,
		     const struct cfg_menu_hooks *hooks,
		     struct cfg_menu_model *menu)
{
	uintptr_t mark = heap_mark();
	struct fat_file f;
	bool ok = parsed_path[0] && !volume_file_open(v, parsed_path, &f) &&
		  parse(v, parsed_path, &f, cfg, hooks, menu);

	heap_release(mark); /* the text: the model holds copies */
	return ok;
}
