// SPDX-License-Identifier: BSD-2-Clause
/* The help and message directives: SAY, DISPLAY and F1..F12 (F0 = F10).
 * SYSLINUX prints a SAY and shows a DISPLAY file the moment it parses the
 * line; the parser here is pure, so it records them in order for stage2
 * to show after parsing. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cmdline/config.h"
#include "cmdline/config_internal.h"
#include "cmdline/text.h"

enum { MSG_SAY = 'S', MSG_DISPLAY = 'D' };

/* A record is its kind byte, the text and a NUL. One that does not fit is
 * dropped whole, with a warning. */
static void add_message(struct cfg_parser *st, char kind, const char *p,
			const char *end)
{
	struct cfg *c = st->c;
	size_t n = (size_t)(end - p);

	if (n + 2 > sizeof(c->messages) - c->messages_len) {
		cfg_warn(st, CFG_W_TOO_LONG);
		return;
	}
	c->messages[c->messages_len++] = kind;
	memcpy(c->messages + c->messages_len, p, n);
	c->messages_len += (unsigned)n;
	c->messages[c->messages_len++] = '\0';
}

/* SYSLINUX prints the line from the byte after the one that follows the
 * keyword, so blanks after the first one are kept. */
void cfg_do_say(struct cfg_parser *st, const char *we, const char *end)
{
	add_message(st, MSG_SAY, we < end ? we + 1 : end, end);
}

/* The file is the first word. */
void cfg_do_display(struct cfg_parser *st, const char *arg, const char *end)
{
	const char *fe = text_word_end(arg, end);

	if (fe == arg)
		cfg_warn(st, CFG_W_BAD_VALUE);
	else if (fe - arg >= CFG_PATH_MAX)
		cfg_warn(st, CFG_W_TOO_LONG);
	else
		add_message(st, MSG_DISPLAY, arg, fe);
}

/* F<n> file [background]: vesamenu's background is not drawn. F0 is F10
 * as SYSLINUX's documentation and its 4.x parser say (6.x files it under
 * F11, an off-by-one). A later line for the same key replaces it. */
bool cfg_do_fkey(struct cfg_parser *st, const char *p, const char *we,
		 const char *arg, const char *end)
{
	const char *fe = text_word_end(arg, end);
	uint64_t n;

	if (we - p < 2 || we - p > 3 || text_to_lower(*p) != 'f')
		return false;
	p++;
	if (text_parse_uint(&p, we, 10, UINT32_MAX, &n) != TEXT_NUM_OK ||
	    p != we || n > CFG_FKEYS)
		return false;
	if (n == 0)
		n = 10;
	if (!text_copy_span(st->c->fkey[n - 1], CFG_PATH_MAX, arg, fe))
		cfg_warn(st, CFG_W_TOO_LONG);
	return true;
}

const char *cfg_message_next(const struct cfg *c, unsigned *pos,
			     bool *is_display)
{
	const char *text;

	if (*pos >= c->messages_len)
		return NULL;
	*is_display = c->messages[*pos] == MSG_DISPLAY;
	text = c->messages + *pos + 1;
	*pos += (unsigned)strlen(text) + 2;
	return text;
}
