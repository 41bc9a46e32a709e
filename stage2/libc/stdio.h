/* SPDX-License-Identifier: BSD-2-Clause */
/* printf-family subset for stage2: %d %i %u %x %X %c %s %p %%, flags '-' and
 * '0', width, precision for %s, length modifiers l and ll. */
#ifndef BZ_LIBC_STDIO_H
#define BZ_LIBC_STDIO_H

#include <stdarg.h>
#include <stddef.h>

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
