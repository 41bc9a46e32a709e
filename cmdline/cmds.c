// SPDX-License-Identifier: BSD-2-Clause
/* The boot prompt's commands: the word list, arguments, cat's safe
 * characters and pager (cmdline/cmds.h). */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "cmdline/cmds.h"
#include "cmdline/config.h"
#include "cmdline/text.h"

const char *cmds_name(enum cmds_id id)
{
	static char name[16];
	const char *w = CMDS_WORDS;
	int i;

	if (id < 0 || id >= CMDS_COUNT)
		return NULL;
	for (i = 0; i < id; i++)
		w += *w + 1;
	memcpy(name, w + 1, (size_t)*w);
	name[(size_t)*w] = '\0';
	return name;
}

int cmds_split(const char *line, char *buf, size_t size,
	       const char *argv[CMDS_MAX_ARGS])
{
	const char *end = line + strlen(line), *p = line, *we;
	int n = 0;
	size_t len;

	for (;;) {
		p = text_skip_space(p, end);
		if (p == end)
			return n;
		we = text_qword_end(p, end);
		if (!we || n == CMDS_MAX_ARGS)
			return -1;
		if (!text_copy_unquoted(buf, size, p, we))
			return -1;
		len = strlen(buf);
		argv[n++] = buf;
		buf += len + 1;
		size -= len + 1;
		p = we;
	}
}

unsigned cmds_safe_char(unsigned char c, char out[2])
{
	if (c == '\r')
		return 0;
	if ((c >= ' ' && c < 0x7F) || c == '\n' || c == '\t') {
		out[0] = (char)c;
		return 1;
	}
	if (c < ' ') {
		out[0] = '^';
		out[1] = (char)(c + '@');
		return 2;
	}
	out[0] = '.';
	return 1;
}

void cmds_pager_init(struct cmds_pager *p, unsigned cols, unsigned rows)
{
	p->cols = cols;
	p->rows = rows;
	p->col = 0;
	p->row = 0;
}

bool cmds_pager_put(struct cmds_pager *p, char c)
{
	if (c == '\t')
		p->col = (p->col | 7) + 1;
	else if (c != '\n')
		p->col++;
	/* A newline, or a line that wrapped: one more row used. */
	if (c != '\n' && p->col < p->cols)
		return false;
	p->col = 0;
	if (++p->row < p->rows)
		return false;
	p->row = 0;
	return true;
}
