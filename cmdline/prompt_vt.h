// SPDX-License-Identifier: BSD-2-Clause
/* The boot: prompt's echo on a serial terminal. The echo
 * (cmdline/prompt.h) moves the cursor left with '\b'; the BIOS teletype,
 * with stage2/console.c's help, takes that back across a row, a VT100
 * does not. And after a character in its last column a VT100 leaves the
 * cursor there until the next one (the pending wrap), so a '\b' then
 * lands one column short. The serial copy of the echo therefore goes
 * through prompt_vt_put(), which counts the columns of a terminal taken
 * to be PROMPT_VT_WIDTH wide (SYSLINUX too takes a serial console for 80
 * columns), ends each full row itself with CR LF, and makes a '\b' at
 * column 0 "ESC [ A ESC [ 79 C": up a row, to its last column. Pure. */
#ifndef BZ_CMDLINE_PROMPT_VT_H
#define BZ_CMDLINE_PROMPT_VT_H

#define PROMPT_VT_WIDTH 80
#define PROMPT_VT_MAX	9 /* what prompt_vt_put writes at most, NUL too */

struct prompt_vt {
	unsigned col; /* the cursor's column, 0..PROMPT_VT_WIDTH - 1 */
};

/* The cursor is at column col (after "boot: ", 6). */
void prompt_vt_start(struct prompt_vt *vt, unsigned col);
/* The bytes to send for the echo byte c, NUL-terminated in out
 * (PROMPT_VT_MAX bytes). */
void prompt_vt_put(struct prompt_vt *vt, char c, char *out);

#endif
