/* SPDX-License-Identifier: BSD-2-Clause */
/* Text output to the screen (INT 10h) mirrored to the serial console. */
#ifndef BZ_STAGE2_CONSOLE_H
#define BZ_STAGE2_CONSOLE_H

#include <stdbool.h>
#include <stdio.h>

void console_putc(char c);
/* CONSOLE 0 in the config: serial only, nothing on the screen. */
void console_set_screen(bool on);
void console_write(const char *s);
/* The prompt's echo: as it is on the screen, through vt on the serial
 * port (cmdline/prompt_vt.h: a VT100 does not take '\b' back a row). */
struct prompt_vt;
void console_write_vt(const char *s, struct prompt_vt *vt);
/* One character on the screen only (INT 10h teletype). */
void console_screen_putc(char c);

#endif
