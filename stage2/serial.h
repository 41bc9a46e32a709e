/* SPDX-License-Identifier: BSD-2-Clause */
/* A 16550 UART driven by ports: the console mirror and a second keyboard. */
#ifndef BZ_STAGE2_SERIAL_H
#define BZ_STAGE2_SERIAL_H

#include <stdbool.h>
#include <stdint.h>

/* port: 0-3 for COM1-COM4 (BDA addresses) or an I/O address. */
bool serial_init(unsigned port, uint32_t baud);
void serial_putc(char c);
int serial_getc(void);	   /* -1 when nothing is waiting */
bool serial_pending(void); /* a byte is waiting (not taken) */

#endif
