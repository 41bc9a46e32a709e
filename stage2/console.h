/* SPDX-License-Identifier: BSD-2-Clause */
/* Text output to the screen (INT 10h) mirrored to the serial console. */
#ifndef BZ_STAGE2_CONSOLE_H
#define BZ_STAGE2_CONSOLE_H

#include <stdio.h>

void console_putc(char c);
void console_write(const char *s);

#endif
