// SPDX-License-Identifier: BSD-2-Clause
/* The boot: prompt's line editor. Pure: stage2 feeds it keys and prints
 * the bytes it hands back, so the screen always shows the buffer. */
#ifndef BZ_CMDLINE_PROMPT_H
#define BZ_CMDLINE_PROMPT_H

#include <stddef.h>

#define PROMPT_LINE_MAX 1024 /* incl. NUL: at most 1023 characters */
/* Echo room that always suffices: "\b \b" for every character. */
#define PROMPT_ECHO_MAX (3 * PROMPT_LINE_MAX + 1)

struct prompt_line {
	char buf[PROMPT_LINE_MAX]; /* always NUL-terminated */
	size_t len;
};

enum prompt_key {
	PROMPT_KEY_BACKSPACE = 0x08, /* Ctrl-H */
	PROMPT_KEY_ENTER = '\r',     /* '\n' too */
	PROMPT_KEY_ESC = 0x1b,
	PROMPT_KEY_CTRL_U = 0x15, /* erase the line */
	PROMPT_KEY_CTRL_W = 0x17, /* erase the word before the cursor */
	PROMPT_KEY_DEL = 0x7f,	  /* what serial terminals send */
};

enum prompt_result {
	PROMPT_MORE = 0,   /* keep feeding keys */
	PROMPT_DONE = 1,   /* enter: buf holds the line */
	PROMPT_CANCEL = 2, /* ESC: line cleared, nothing echoed */
};

void prompt_init(struct prompt_line *l);

/* Feeds one key: printable ASCII (0x20-0x7E) is added, 0x08 and 0x7F
 * erase one character, Ctrl-U the line, Ctrl-W a word, '\r' or '\n'
 * ends the line, ESC clears it; any other key is ignored. Writes to echo
 * (NUL-terminated, at most echo_size bytes) what the console must print:
 * the character, "\b \b" per erased character, "\r\n" for enter, nothing
 * for a key that changes nothing (e.g. at the 1023-character limit or a
 * backspace on an empty line). An edit whose echo does not fit in
 * echo_size is not made (an erase makes as much of itself as fits), so
 * screen and buffer never disagree; with echo == NULL every edit is made
 * and nothing is written. Returns enum prompt_result. */
int prompt_feed(struct prompt_line *l, int key, char *echo, size_t echo_size);

#endif
