// SPDX-License-Identifier: BSD-2-Clause
/* The boot: prompt's line editor: keys in, buffer and echo bytes out.
 * Every edit is one replacement of buf[a..b) by some text, followed by a
 * cursor position; the echo that shows it uses only characters, '\b' and
 * blanks, which the BIOS teletype and serial terminals both understand. */
#include <stddef.h>
#include <string.h>

#include "cmdline/prompt.h"

void prompt_start(struct prompt_line *l)
{
	l->len = 0;
	l->pos = 0;
	l->buf[0] = '\0';
	l->shown = -1;
}

void prompt_init(struct prompt_line *l)
{
	memset(l, 0, sizeof(*l));
	prompt_start(l);
}

/* Appends n copies of c (or s[0..n) when s is given) to the echo. */
static void put(char *echo, size_t *used, const char *s, char c, size_t n)
{
	if (!echo || !n)
		return;
	if (s)
		memcpy(echo + *used, s, n);
	else
		memset(echo + *used, c, n);
	*used += n;
	echo[*used] = '\0';
}

/* Replaces buf[a..b) by s[0..m), cursor to c (an index of the new line);
 * false (nothing done) when the new line or its echo does not fit. */
static bool edit(struct prompt_line *l, size_t a, size_t b, const char *s,
		 size_t m, size_t c, char *echo, size_t echo_size)
{
	size_t len = l->len - (b - a) + m;
	size_t tail = len - a; /* printed from a: s, then the old buf[b..] */
	size_t blank = l->len > len ? l->len - len : 0;
	size_t from = a < l->pos ? l->pos - a : a - l->pos;
	size_t back = tail + blank - (c - a);
	size_t used = 0;
	bool move = a == b && m == 0;

	if (len >= PROMPT_LINE_MAX)
		return false;
	if (move) { /* from the cursor to c, the text unchanged */
		a = c < l->pos ? c : l->pos;
		from = c < l->pos ? l->pos - c : 0;
		tail = c > l->pos ? c - l->pos : 0;
		back = blank = 0;
	}
	if (echo && from + tail + blank + back >= echo_size)
		return false;
	if (a < l->pos || from == 0)
		put(echo, &used, NULL, '\b', from);
	else
		put(echo, &used, l->buf + l->pos, 0, from);
	if (!move) {
		memmove(l->buf + a + m, l->buf + b, l->len - b + 1);
		memcpy(l->buf + a, s, m);
		l->len = len;
	}
	put(echo, &used, l->buf + a, 0, tail);
	put(echo, &used, NULL, ' ', blank);
	put(echo, &used, NULL, '\b', back);
	l->pos = c;
	return true;
}

/* Ctrl-W: the blanks before the cursor, then the word before them. */
static size_t word_start(const struct prompt_line *l)
{
	size_t i = l->pos;

	while (i > 0 && l->buf[i - 1] == ' ')
		i--;
	while (i > 0 && l->buf[i - 1] != ' ')
		i--;
	return i;
}

/* Shows history entry `to` (-1: the line being typed). */
static void recall(struct prompt_line *l, int to, char *echo, size_t size)
{
	const char *s;

	if (to < -1 || to >= (int)l->nhist || to == l->shown)
		return;
	if (l->shown == -1)
		memcpy(l->typed, l->buf, l->len + 1);
	s = to == -1 ? l->typed : l->hist[to];
	if (edit(l, 0, l->len, s, strlen(s), strlen(s), echo, size))
		l->shown = to;
}

static void remember(struct prompt_line *l)
{
	if (!l->len || (l->nhist && !strcmp(l->hist[0], l->buf)))
		return;
	memmove(l->hist[1], l->hist[0],
		(PROMPT_HISTORY - 1) * sizeof(l->hist[0]));
	memcpy(l->hist[0], l->buf, l->len + 1);
	if (l->nhist < PROMPT_HISTORY)
		l->nhist++;
}

bool prompt_completes(const struct prompt_line *l, const char *label)
{
	return !strncmp(label, l->buf, l->pos);
}

/* Tab: completes buf[0..pos) to the label names it starts; returns
 * PROMPT_LIST when more than one remains. */
static int complete(struct prompt_line *l, char *echo, size_t size)
{
	const char *first = NULL, *name;
	size_t common = 0, i;
	unsigned n, matches = 0;

	if (!l->label || memchr(l->buf, ' ', l->pos))
		return PROMPT_MORE;
	for (n = 0; (name = l->label(l->ctx, n)) != NULL; n++) {
		if (!prompt_completes(l, name))
			continue;
		if (!matches++) {
			first = name;
			common = strlen(name);
		}
		for (i = l->pos; i < common && name[i] == first[i]; i++)
			;
		common = i;
	}
	if (!matches)
		return PROMPT_MORE;
	edit(l, l->pos, l->pos, first + l->pos, common - l->pos, common, echo,
	     size);
	return matches > 1 ? PROMPT_LIST : PROMPT_MORE;
}

void prompt_redraw(const struct prompt_line *l, char *echo, size_t echo_size)
{
	size_t used = 0;

	if (!echo || echo_size < l->len + (l->len - l->pos) + 1) {
		if (echo && echo_size)
			echo[0] = '\0';
		return;
	}
	echo[0] = '\0';
	put(echo, &used, l->buf, 0, l->len);
	put(echo, &used, NULL, '\b', l->len - l->pos);
}

int prompt_feed(struct prompt_line *l, int key, char *echo, size_t echo_size)
{
	size_t p = l->pos, ws;
	char ch;

	if (echo && echo_size > 0)
		echo[0] = '\0';
	else
		echo_size = 0; /* echo given but no room: nothing fits */
	if (!echo)
		echo_size = (size_t)-1;

	switch (key) {
	case '\r':
	case '\n':
		if (echo && echo_size >= 3)
			memcpy(echo, "\r\n", 3);
		remember(l);
		return PROMPT_DONE;
	case KEY_ESC:
		prompt_start(l);
		return PROMPT_CANCEL;
	case KEY_BACKSPACE:
	case 0x7F:
		if (p > 0)
			edit(l, p - 1, p, "", 0, p - 1, echo, echo_size);
		return PROMPT_MORE;
	case KEY_DELETE:
		if (p < l->len)
			edit(l, p, p + 1, "", 0, p, echo, echo_size);
		return PROMPT_MORE;
	case KEY_CTRL_U:
		if (l->len)
			edit(l, 0, l->len, "", 0, 0, echo, echo_size);
		return PROMPT_MORE;
	case KEY_CTRL_W:
		ws = word_start(l);
		if (ws < p)
			edit(l, ws, p, "", 0, ws, echo, echo_size);
		return PROMPT_MORE;
	case KEY_LEFT:
	case KEY_CTRL('b'):
		if (p > 0)
			edit(l, p, p, "", 0, p - 1, echo, echo_size);
		return PROMPT_MORE;
	case KEY_RIGHT:
	case KEY_CTRL('f'):
		if (p < l->len)
			edit(l, p, p, "", 0, p + 1, echo, echo_size);
		return PROMPT_MORE;
	case KEY_HOME:
	case KEY_CTRL_A:
		edit(l, p, p, "", 0, 0, echo, echo_size);
		return PROMPT_MORE;
	case KEY_END:
	case KEY_CTRL_E:
		edit(l, p, p, "", 0, l->len, echo, echo_size);
		return PROMPT_MORE;
	case KEY_UP:
	case KEY_CTRL('p'):
		recall(l, l->shown + 1, echo, echo_size);
		return PROMPT_MORE;
	case KEY_DOWN:
	case KEY_CTRL('n'):
		recall(l, l->shown - 1, echo, echo_size);
		return PROMPT_MORE;
	case KEY_TAB:
		return complete(l, echo, echo_size);
	}
	if (key < 0x20 || key > 0x7E)
		return PROMPT_MORE; /* other control keys, F-keys, non-ASCII */
	ch = (char)key;
	edit(l, p, p, &ch, 1, p + 1, echo, echo_size);
	return PROMPT_MORE;
}
