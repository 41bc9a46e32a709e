// SPDX-License-Identifier: BSD-2-Clause
/* The cmds module's `ls` and `cat`: names are relative to the config
 * file's directory, as everywhere at the prompt, or absolute. */
#include <stdio.h>
#include <string.h>
#include "cmdline/cmds.h"
#include "cmds_mod.h"
#include "console.h"
#include "heap.h"
#include "kbd.h"

#define CAT_MAX	    (1024u * 1024u) /* a text file longer is not one */
#define CAT_CHUNK   4096u
#define SCREEN_COLS 80
#define SCREEN_ROWS 24 /* and the "-- more --" line */

/* The absolute name of what argv[1] (else the config's directory)
 * names, in buf; NULL after saying why there is none. */
static const char *path_of(const struct cmds_env *e, char *buf)
{
	const char *path = e->argc > 1 ? e->argv[1] : "";
	const char *full;

	if (!e->v->mounted) {
		printf("bzboot: %s: no FAT filesystem is mounted (see the "
		       "messages above).\n",
		       e->argv[0]);
		return NULL;
	}
	full = volume_resolve(e->v, path, buf);
	if (!full)
		printf("bzboot: %s/%s: name too long (%u characters at "
		       "most).\n",
		       e->v->cwd, path, VOLUME_PATH_MAX - 1);
	else if (!full[0])
		full = "/";
	return full;
}

/* "-- more --" until a key; false when it was q or Esc. */
static bool more(void)
{
	int key;

	console_write("-- more --");
	key = kbd_getkey(0);
	if (key == 'q' || key == 'Q' || key == KEY_ESC) {
		console_putc('\n');
		return false;
	}
	console_write("\r          \r"); /* the next row goes over it */
	return true;
}

/* Prints s, a screen at a time; false when the reader quit. */
static bool page(struct cmds_pager *pg, const char *s)
{
	for (; *s; s++) {
		console_putc(*s);
		if (cmds_pager_put(pg, *s) && !more())
			return false;
	}
	return true;
}

void cmds_ls(const struct cmds_env *e)
{
	static char buf[VOLUME_PATH_MAX];
	static char line[sizeof(((struct fat_entry *)0)->name) + 16];
	struct fat_dir *d = heap_alloc(sizeof(*d));
	struct fat_entry *ent = heap_alloc(sizeof(*ent));
	struct cmds_pager pg;
	struct fat_file f;
	const char *path;
	int err;

	if (e->argc > 2) {
		printf("bzboot: ls: name one directory at most (ls [DIR]).\n");
		return;
	}
	path = path_of(e, buf);
	if (!path)
		return;
	if (!d || !ent) {
		printf("bzboot: ls: out of loader memory.\n");
		return;
	}
	err = fat_opendir(&e->v->fat, path, d);
	if (err == FAT_ENOTDIR && !fat_open(&e->v->fat, path, &f)) {
		/* a file: itself, as ls shows one */
		printf("%10u  %s\n", (unsigned)fat_size(&f), path);
		return;
	}
	cmds_pager_init(&pg, SCREEN_COLS, SCREEN_ROWS);
	if (!err)
		while ((err = fat_readdir(d, ent)) == 1) {
			if (ent->attr & FAT_ATTR_DIRECTORY)
				snprintf(line, sizeof(line), "%10s  %s/\n", "",
					 ent->name);
			else
				snprintf(line, sizeof(line), "%10u  %s\n",
					 (unsigned)ent->size, ent->name);
			if (!page(&pg, line))
				return;
		}
	if (err < 0)
		volume_file_report(e->v, path, err);
}

/* Prints n bytes of text safely; false when the reader quit. */
static bool show(struct cmds_pager *pg, const uint8_t *p, uint32_t n, bool *nul)
{
	char out[3] = "";

	for (; n; n--, p++) {
		if (!*p) {
			*nul = true; /* binary: the text ends here */
			return true;
		}
		out[cmds_safe_char(*p, out)] = '\0';
		if (!page(pg, out))
			return false;
	}
	return true;
}

void cmds_cat(const struct cmds_env *e)
{
	static char buf[VOLUME_PATH_MAX];
	struct cmds_pager pg;
	struct fat_file f;
	uint8_t *chunk = heap_alloc(CAT_CHUNK);
	const char *path;
	uint32_t left;
	bool nul = false;
	int got = 0;

	if (e->argc != 2) {
		printf("bzboot: cat: name one file (cat FILE).\n");
		return;
	}
	path = path_of(e, buf);
	if (!path || !chunk || volume_file_open(e->v, path, &f))
		return;
	left = fat_size(&f) < CAT_MAX ? fat_size(&f) : CAT_MAX;
	cmds_pager_init(&pg, SCREEN_COLS, SCREEN_ROWS);
	while (left && !nul) {
		got = fat_read(&f, chunk, left < CAT_CHUNK ? left : CAT_CHUNK);
		if (got <= 0)
			break;
		left -= (uint32_t)got;
		if (!show(&pg, chunk, (uint32_t)got, &nul))
			return;
	}
	if (pg.col)
		console_putc('\n');
	if (got < 0)
		volume_file_report(e->v, path, got);
	else if (nul)
		printf("bzboot: cat: %s: stopped at a NUL byte: not a text "
		       "file.\n",
		       path);
	else if (fat_size(&f) > CAT_MAX)
		printf("bzboot: cat: %s: stopped after %u KiB.\n", path,
		       CAT_MAX / 1024);
}
