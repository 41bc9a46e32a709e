// SPDX-License-Identifier: BSD-2-Clause
/* The boot: prompt's line editor. Pure: stage2 feeds it keys (enum key,
 * cmdline/keys.h) and prints the bytes it hands back, so the screen always
 * shows the buffer with the cursor where the editor has it. */
#ifndef BZ_CMDLINE_PROMPT_H
#define BZ_CMDLINE_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

#include "cmdline/keys.h"

#define PROMPT_LINE_MAX 1024 /* incl. NUL: at most 1023 characters */
#define PROMPT_HISTORY	4    /* earlier lines Up/Down recall */
/* Echo room that always suffices: moving the cursor across the line, the
 * new text, blanks over the old and moving back. */
#define PROMPT_ECHO_MAX (4 * PROMPT_LINE_MAX + 4)

struct prompt_line {
	char buf[PROMPT_LINE_MAX]; /* always NUL-terminated */
	size_t len;
	size_t pos; /* the cursor: 0..len */
	/* Earlier lines, newest first, kept for this boot; browsing them
	 * keeps the line being typed in `typed`. */
	char hist[PROMPT_HISTORY][PROMPT_LINE_MAX];
	char typed[PROMPT_LINE_MAX];
	unsigned nhist;
	int shown; /* -1: the new line, else the hist[] index shown */
	/* Tab completes label names: label(ctx, i) is the i-th name, NULL
	 * past the last. NULL label: Tab does nothing (NOCOMPLETE). */
	const char *(*label)(void *ctx, unsigned i);
	void *ctx;
};

enum prompt_result {
	PROMPT_MORE = 0,   /* keep feeding keys */
	PROMPT_DONE = 1,   /* enter: buf holds the line */
	PROMPT_CANCEL = 2, /* ESC: line cleared, nothing echoed */
	/* Tab with several matches (the common part was completed and
	 * echoed): print the matches (prompt_completes()), the prompt again
	 * and prompt_redraw(). */
	PROMPT_LIST = 3,
};

/* Everything, history included, cleared; no completion. */
void prompt_init(struct prompt_line *l);
/* A new, empty line; history and completion stay. */
void prompt_start(struct prompt_line *l);

/* Feeds one key. Printable ASCII (0x20-0x7E) is inserted at the cursor;
 * Backspace (0x08, 0x7F) erases before it, Delete at it; Left/Right,
 * Ctrl-B/Ctrl-F, Home/End and Ctrl-A/Ctrl-E move it; Ctrl-U erases the
 * line, Ctrl-W the word before the cursor; Up/Down (Ctrl-P/Ctrl-N) walk
 * the history; Tab completes the label name being typed (the first word,
 * cursor in it); Enter ('\r', '\n') ends the line and puts it in the
 * history; ESC clears it. Other keys are ignored.
 *
 * Writes to echo (NUL-terminated, at most echo_size bytes) what the
 * console must print: characters, '\b' (cursor left, nothing erased) and
 * blanks over erased text; "\r\n" for enter; nothing for a key that
 * changes nothing. An edit whose echo does not fit in echo_size is not
 * made, so screen and buffer never disagree (PROMPT_ECHO_MAX always
 * fits); with echo == NULL every edit is made and nothing is written.
 * Returns enum prompt_result. */
int prompt_feed(struct prompt_line *l, int key, char *echo, size_t echo_size);

/* After PROMPT_LIST: does `label` match what Tab completed? */
bool prompt_completes(const struct prompt_line *l, const char *label);
/* The whole line and the cursor moved back to its place, for after the
 * prompt was printed again. */
void prompt_redraw(const struct prompt_line *l, char *echo, size_t echo_size);

#endif
