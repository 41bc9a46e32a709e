// SPDX-License-Identifier: BSD-2-Clause
/* The prompt's echo for a VT100 (cmdline/prompt_vt.h). */
#include <string.h>

#include "cmdline/prompt_vt.h"

_Static_assert(PROMPT_VT_WIDTH == 80, "the up-and-right below says 79");

void prompt_vt_start(struct prompt_vt *vt, unsigned col)
{
	vt->col = col;
}

void prompt_vt_put(struct prompt_vt *vt, char c, char *out)
{
	if (c == '\b' && vt->col == 0) {
		memcpy(out, "\x1b[A\x1b[79C", 9);
		vt->col = PROMPT_VT_WIDTH - 1;
		return;
	}
	out[0] = c;
	out[1] = '\0';
	if (c == '\b') {
		vt->col--;
	} else if (c == '\r') {
		vt->col = 0;
	} else if ((unsigned char)c >= 0x20 && c != 0x7F &&
		   ++vt->col == PROMPT_VT_WIDTH) {
		/* the row is full: leave no pending wrap behind */
		memcpy(out + 1, "\r\n", 3);
		vt->col = 0;
	}
}
