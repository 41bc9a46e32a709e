// SPDX-License-Identifier: BSD-2-Clause
/* Config loading and the boot prompt, with SYSLINUX's rules: PROMPT 0
 * boots the DEFAULT unless a key is already waiting; PROMPT 1 shows
 * "boot:" and boots the DEFAULT after TIMEOUT tenths of a second unless a
 * key is pressed; any failure prints one line and shows "boot:" again. */
#include <stdio.h>
#include <string.h>
#include "boot_linux.h"
#include "cmdline/prompt.h"
#include "console.h"
#include "heap.h"
#include "kbd.h"
#include "serial.h"
#include "ui.h"

#define CFG_FILE_MAX (256 * 1024)

static const char *const cfg_paths[] = {
    "/bzboot.cfg",
    "/boot/bzboot/bzboot.cfg",
    "/boot/syslinux/syslinux.cfg",
    "/syslinux/syslinux.cfg",
    "/syslinux.cfg",
    "/extlinux.conf",
};

static bool config_parse_file(struct volume *v, const char *path,
			      struct fat_file *f, struct cfg *cfg)
{
	uint32_t size = fat_size(f);
	char *text;
	unsigned i;
	int err;

	if (size > CFG_FILE_MAX) {
		printf("bzboot: %s is %u bytes; the limit is %u. Shorten "
		       "it.\n",
		       path, (unsigned)size, CFG_FILE_MAX);
		return false;
	}
	text = heap_alloc(size + 1);
	if (!text || file_read(v, f, path, text, size, false))
		return false;
	err = cfg_parse(cfg, text, size);
	if (err) {
		printf("bzboot: %s: %s.\n", path, cfg_strerror(err));
		return false;
	}
	for (i = 0; i < cfg->nwarnings; i++)
		printf("bzboot: %s:%u: %s\n", path, cfg->warnings[i].line,
		       cfg_warning_str(cfg->warnings[i].code));
	return true;
}

bool config_load(struct volume *v, struct cfg *cfg)
{
	struct fat_file f;
	unsigned i;
	int err;

	if (!v->mounted)
		return false;
	for (i = 0; i < sizeof(cfg_paths) / sizeof(cfg_paths[0]); i++) {
		err = fat_open(&v->fat, cfg_paths[i], &f);
		if (err == FAT_ENOENT || err == FAT_ENOTDIR)
			continue;
		if (err) {
			file_report(v, cfg_paths[i], err);
			continue;
		}
		if (!config_parse_file(v, cfg_paths[i], &f, cfg))
			return false;
		if (cfg->has_serial)
			serial_init(cfg->serial_port, cfg->serial_baud);
		return true;
	}
	printf("bzboot: no config file (looked for /bzboot.cfg, "
	       "/boot/bzboot/bzboot.cfg and SYSLINUX's places); type a "
	       "kernel path and its arguments.\n");
	return false;
}

/* Reads one line at "boot:". Returns false when the first key did not
 * come within `ticks` (0 = wait forever). */
static bool read_line(struct prompt_line *l, uint32_t ticks)
{
	char echo[8];
	int key, st;

	prompt_init(l);
	console_write("boot: ");
	for (;;) {
		key = kbd_getkey(ticks);
		if (key == KBD_TIMEOUT) {
			console_putc('\n');
			return false;
		}
		ticks = 0; /* a key stops the countdown */
		st = prompt_feed(l, key, echo, sizeof(echo));
		console_write(echo);
		if (st == PROMPT_DONE) {
			console_putc('\n');
			return true;
		}
		if (st == PROMPT_CANCEL)
			console_write("\nboot: ");
	}
}

/* typed: the line came from the keyboard (ALLOWOPTIONS applies), not
 * from the config's DEFAULT. */
static void try_boot(struct volume *v, const struct memory *mem,
		     const struct cfg *cfg, const char *line, bool typed)
{
	uintptr_t mark = heap_mark();
	struct cfg_boot *b = heap_alloc(sizeof(*b));
	int err;

	if (!b) {
		printf("bzboot: out of loader memory.\n");
		return;
	}
	err = typed ? cfg_resolve(cfg, line, b)
		    : cfg_resolve_config(cfg, line, b);
	if (err) {
		printf("bzboot: %s: %s.\n", line, cfg_strerror(err));
	} else if (!b->kernel[0]) {
		printf("bzboot: %s: the label has no LINUX or KERNEL line.\n",
		       line);
	} else if (b->type != CFG_KT_LINUX) {
		printf("bzboot: %s: bzboot boots Linux kernels only; this is "
		       "a SYSLINUX %s entry.\n",
		       b->kernel,
		       b->type == CFG_KT_COM32 ? "COM32 module" : "non-Linux");
	} else {
		boot_linux(v, mem, b); /* returns only on failure */
	}
	heap_release(mark);
}

void ui_run(struct volume *v, const struct memory *mem, struct cfg *cfg,
	    bool have_cfg)
{
	struct prompt_line *l = heap_alloc(sizeof(*l));
	const char *def = have_cfg ? cfg_default_line(cfg) : "";
	const char *on_timeout =
	    have_cfg && cfg->ontimeout[0] ? cfg->ontimeout : def;

	if (*def && !cfg->prompt && !kbd_wants_prompt()) {
		try_boot(v, mem, cfg, def, false);
	} else if (*on_timeout && cfg->prompt) {
		if (!read_line(l, ds_to_ticks(cfg->timeout_ds)))
			try_boot(v, mem, cfg, on_timeout, false);
		else if (l->buf[0])
			try_boot(v, mem, cfg, l->buf, true);
		else if (*def)
			try_boot(v, mem, cfg, def, false);
	}
	for (;;) {
		read_line(l, 0);
		if (l->buf[0])
			try_boot(v, mem, cfg, l->buf, true);
		else if (*def)
			try_boot(v, mem, cfg, def, false);
	}
}
