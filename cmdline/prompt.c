// SPDX-License-Identifier: BSD-2-Clause
/* The boot: prompt's line editor: keys in, buffer and echo bytes out. */
#include <stddef.h>
#include <string.h>

#include "cmdline/prompt.h"

void prompt_init(struct prompt_line *l)
{
	l->len = 0;
	l->buf[0] = '\0';
}

/* Room for n more echo bytes plus the NUL already written. */
static size_t echo_room(const char *echo, size_t echo_size, size_t used)
{
	if (!echo)
		return (size_t)-1;
	return echo_size > used + 1 ? echo_size - used - 1 : 0;
}

static void echo_put(char *echo, size_t *used, const char *s, size_t n)
{
	if (!echo)
		return;
	memcpy(echo + *used, s, n);
	*used += n;
	echo[*used] = '\0';
}

/* Erases up to n characters, as many as the echo can show. */
static void erase(struct prompt_line *l, size_t n, char *echo, size_t echo_size,
		  size_t *used)
{
	while (n-- > 0 && l->len > 0 &&
	       echo_room(echo, echo_size, *used) >= 3) {
		l->buf[--l->len] = '\0';
		echo_put(echo, used, "\b \b", 3);
	}
}

/* Ctrl-W: the blanks before the cursor, then the word before them. */
static size_t word_before(const struct prompt_line *l)
{
	size_t i = l->len;

	while (i > 0 && l->buf[i - 1] == ' ')
		i--;
	while (i > 0 && l->buf[i - 1] != ' ')
		i--;
	return l->len - i;
}

int prompt_feed(struct prompt_line *l, int key, char *echo, size_t echo_size)
{
	size_t used = 0;
	char ch;

	if (echo && echo_size > 0)
		echo[0] = '\0';
	else
		echo_size = 0; /* echo given but no room: nothing fits */

	switch (key) {
	case '\r':
	case '\n':
		if (echo_room(echo, echo_size, used) >= 2)
			echo_put(echo, &used, "\r\n", 2);
		l->buf[l->len] = '\0';
		return PROMPT_DONE;
	case PROMPT_KEY_ESC:
		prompt_init(l);
		return PROMPT_CANCEL;
	case PROMPT_KEY_BACKSPACE:
	case PROMPT_KEY_DEL:
		erase(l, 1, echo, echo_size, &used);
		return PROMPT_MORE;
	case PROMPT_KEY_CTRL_U:
		erase(l, l->len, echo, echo_size, &used);
		return PROMPT_MORE;
	case PROMPT_KEY_CTRL_W:
		erase(l, word_before(l), echo, echo_size, &used);
		return PROMPT_MORE;
	}
	if (key < 0x20 || key > 0x7E)
		return PROMPT_MORE; /* other control keys, non-ASCII */
	if (l->len + 1 >= PROMPT_LINE_MAX ||
	    echo_room(echo, echo_size, used) < 1)
		return PROMPT_MORE;
	ch = (char)key;
	l->buf[l->len++] = ch;
	l->buf[l->len] = '\0';
	echo_put(echo, &used, &ch, 1);
	return PROMPT_MORE;
}
