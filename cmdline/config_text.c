// SPDX-License-Identifier: BSD-2-Clause
/* TEXT HELP ... ENDTEXT: the help text of the open label, kept line by
 * line in the menu pool, as com32/menu/readconfig.c collects it. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cmdline/config.h"
#include "cmdline/config_internal.h"
#include "cmdline/text.h"

void cfg_do_text(struct cfg_parser *st, const char *arg, const char *end)
{
	struct cfg_menu_entry *e = cfg_cur_entry(st);

	st->in_text = true;
	/* Help text belongs to the open label; other TEXT is skipped. */
	if (!e || !text_word_is(arg, text_word_end(arg, end), "help"))
		return;
	st->in_help = true;
	/* A second TEXT HELP adds to the first (readconfig.c appends). */
	if (e->help) {
		const char *old = cfg_menu_str(st->c, e->help);

		e->help = cfg_pool_add_warn(st, old, old + strlen(old));
		st->in_help = e->help != 0;
	}
}

/* Each line is kept as written (leading blanks too) plus a newline;
 * the text grows at the pool's end, where nothing else is added while
 * a TEXT block is open. */
void cfg_menu_help_line(struct cfg_parser *st, const char *p, const char *end)
{
	struct cfg_menu_entry *e = cfg_cur_entry(st);
	struct cfg_menu_model *m = st->c->menu;
	size_t n = (size_t)(end - p);
	uint16_t s;

	if (!st->in_help || !e)
		return;
	if (!e->help) {
		e->help = cfg_pool_add(st->c, p, p);
		if (!e->help)
			goto full;
	}
	if (n + 1 > CFG_POOL_SIZE - m->pool_used)
		goto full;
	s = (uint16_t)(m->pool_used - 1); /* over the NUL */
	memcpy(m->pool + s, p, n);
	m->pool[s + n] = '\n';
	m->pool[s + n + 1] = '\0';
	m->pool_used += (unsigned)n + 1;
	return;
full:
	cfg_warn(st, CFG_W_TOO_LONG);
	st->in_help = false;
}
