// SPDX-License-Identifier: BSD-2-Clause
/* The boot prompt's own commands (ls, cat, info, reboot, poweroff, layout,
 * help):
 * beyond SYSLINUX, which gets them from .c32 modules. A command runs only
 * when the first word is not a label (labels always win). The pure parts:
 * which words are commands, their arguments, cat's safe characters and
 * its pager. The commands themselves are the cmds module
 * (stage2/mod_cmds.c); stage2's core only asks cmds_find. */
#ifndef BZ_CMDLINE_CMDS_H
#define BZ_CMDLINE_CMDS_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "cmdline/config.h"

enum cmds_id {
	CMDS_NONE = -1,
	CMDS_LS,
	CMDS_CAT,
	CMDS_INFO,
	CMDS_REBOOT,
	CMDS_POWEROFF,
	CMDS_LAYOUT,
	CMDS_HELP,
	CMDS_COUNT
};

#define CMDS_MAX_ARGS 4

/* The command words in enum cmds_id's order, each after its length:
 * stage2's core holds this list, so it is as short as it can be. */
#define CMDS_WORDS "\2ls\3cat\4info\6reboot\10poweroff\6layout\4help"

/* The command a typed line names, or CMDS_NONE. b and err are what
 * cfg_resolve made of the line: a label it found (b->label, or a bad or
 * dropped label's error) wins over a command of the same name. Inline:
 * it is all of the commands stage2's core holds. */
static inline enum cmds_id cmds_find(const char *line, const struct cfg_boot *b,
				     int err)
{
	const char *w = CMDS_WORDS;
	int id;

	if (b->label || err == CFG_EBADLABEL || err == CFG_EDROPPED)
		return CMDS_NONE;
	while (*line == ' ')
		line++;
	/* the word, ended by a blank, a control character or the end */
	for (id = 0; *w; id++, w += *w + 1)
		if (!strncmp(line, w + 1, (size_t)*w) &&
		    (unsigned char)line[(size_t)*w] <= ' ')
			return (enum cmds_id)id;
	return CMDS_NONE;
}

/* The command word of id ("ls"), NULL past the last. */
const char *cmds_name(enum cmds_id id);

/* Splits line into words (double quotes keep blanks, as on KERNEL lines)
 * into buf; argv[0] is the command word. The count, or -1 when a word
 * does not fit, a quote is left open or there are more than
 * CMDS_MAX_ARGS words. */
int cmds_split(const char *line, char *buf, size_t size,
	       const char *argv[CMDS_MAX_ARGS]);

/* cat's view of one byte: what to print for it, safe on a terminal (no
 * escape sequences, no bells): printable ASCII, newline and tab as they
 * are, CR dropped, other control characters as ^X, bytes from 0x7F as
 * '.'. Writes 0-2 characters to out and returns how many. */
unsigned cmds_safe_char(unsigned char c, char out[2]);

/* cat's pager: counts the rows a screen of `cols` columns shows; a
 * pause is due when `rows` rows are full. */
struct cmds_pager {
	unsigned cols, rows;
	unsigned col, row;
};

void cmds_pager_init(struct cmds_pager *p, unsigned cols, unsigned rows);
/* Counts c as printed; true when the screen is full now and the reader
 * should be asked before anything more is printed (the count restarts). */
bool cmds_pager_put(struct cmds_pager *p, char c);

#endif
