// SPDX-License-Identifier: BSD-2-Clause
/* Showing a DISPLAY / F-key file: read in small pieces through the pure
 * filter (cmdline/display.c), drawn with INT 10h in the file's colours and
 * sent to the serial port with its ANSI sequences. */
#include <stdio.h>
#include "bios.h"
#include "cmdline/display.h"
#include "console.h"
#include "display.h"
#include "serial.h"

/* AH=09h sets the cell's colour (the cursor stays), then the teletype
 * writes the same character over it, keeping that colour, and moves on:
 * wrapping and scrolling stay the BIOS's. */
static void screen_putc(void *ctx, uint8_t ch, uint8_t attr)
{
	struct biosregs r;

	(void)ctx;
	if (ch == '\n') {
		console_screen_putc('\r');
	} else if (ch >= 0x20) {
		initregs(&r);
		r.ah = 0x09;
		r.al = ch;
		r.bl = attr;
		r.cx = 1;
		bios_int(0x10, &r, NULL);
	}
	console_screen_putc((char)ch);
}

static void screen_clear(void *ctx, uint8_t attr)
{
	struct biosregs r, out;
	uint8_t cols, rows = 25;

	(void)ctx;
	initregs(&r);
	r.ah = 0x0F; /* AH = columns */
	bios_int(0x10, &r, &out);
	cols = out.ah ? out.ah : 80;
	initregs(&r);
	r.ax = 0x1130; /* EGA and later: DL = rows - 1 */
	bios_int(0x10, &r, &out);
	if (out.dl)
		rows = out.dl + 1;
	initregs(&r);
	r.ah = 0x06; /* AL = 0: scroll the whole window = clear */
	r.bh = attr;
	r.dh = rows - 1;
	r.dl = cols - 1;
	bios_int(0x10, &r, NULL);
	initregs(&r);
	r.ah = 0x02; /* cursor to row 0, column 0 of page 0 */
	bios_int(0x10, &r, NULL);
}

static void serial_write(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	while (n--)
		serial_putc(*s++);
}

static const struct disp_sink sink = {screen_putc, screen_clear, serial_write,
				      NULL};

void display_file(struct volume *v, const struct cfg *cfg, const char *name,
		  const char *what)
{
	static uint8_t buf[512];
	char full[VOLUME_PATH_MAX];
	const char *path = volume_resolve(v, name, full);
	struct fat_file f;
	struct disp d;
	int err = FAT_ENOENT, got;

	if (v->mounted && path)
		err = fat_open(&v->fat, path, &f);
	if (err == FAT_ENOENT || err == FAT_ENOTDIR || err == FAT_EISDIR) {
		printf("bzboot: %s file %s not found; nothing shown.\n", what,
		       path ? path : name);
		return;
	}
	if (err) {
		volume_file_report(v, path, err);
		return;
	}
	disp_begin(&d, &sink, cfg->console);
	while ((got = fat_read(&f, buf, sizeof(buf))) > 0)
		if (!disp_feed(&d, buf, (size_t)got))
			break;
	disp_end(&d);
	if (got < 0)
		volume_file_report(v, path, got);
}

void display_messages(struct volume *v, const struct cfg *cfg)
{
	unsigned pos = 0;
	const char *text;
	bool is_display;

	while ((text = cfg_message_next(cfg, &pos, &is_display))) {
		if (is_display) {
			display_file(v, cfg, text, "DISPLAY");
		} else {
			console_write(text);
			console_putc('\n');
		}
	}
}

bool display_fkey(struct volume *v, const struct cfg *cfg, unsigned n)
{
	char what[16];

	if (n == 0)
		n = 10;
	if (n > CFG_FKEYS || !cfg->fkey[n - 1][0])
		return false;
	console_putc('\n');
	snprintf(what, sizeof(what), "F%u help", n);
	display_file(v, cfg, cfg->fkey[n - 1], what);
	return true;
}
