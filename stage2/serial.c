// SPDX-License-Identifier: BSD-2-Clause
/* The serial console: 8N1 at the configured rate, polled, no interrupts.
 * Every wait is bounded so a missing or stuck UART cannot hang the boot. */
#include "bda.h"
#include "io.h"
#include "serial.h"

#define UART_THR 0 /* transmit holding (DLAB=0) */
#define UART_RBR 0 /* receive buffer (DLAB=0) */
#define UART_DLL 0 /* divisor low (DLAB=1) */
#define UART_IER 1
#define UART_DLM 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_SCR 7
#define LSR_DR	 0x01
#define LSR_THRE 0x20

static uint16_t uart; /* 0 = no serial console */

bool serial_init(unsigned port, uint32_t baud)
{
	uint16_t base = port;
	uint32_t div;

	if (port < 4) /* COMn from the BIOS data area */
		base = BDA->com_port[port];
	if (!base)
		return false;
	/* The scratch register tells a UART from an empty port. */
	outb(base + UART_SCR, 0x5A);
	if (inb(base + UART_SCR) != 0x5A)
		return false;
	div = baud ? 115200 / baud : 1;
	if (!div)
		div = 1;
	outb(base + UART_IER, 0);
	outb(base + UART_LCR, 0x80);
	outb(base + UART_DLL, div & 0xFF);
	outb(base + UART_DLM, div >> 8);
	outb(base + UART_LCR, 0x03); /* 8N1 */
	/* FIFOs on. The first time also cleared (power-on noise); a SERIAL
	 * line re-programming the console's UART must not clear them: the
	 * bytes typed since the banner are waiting there. */
	outb(base + UART_FCR, base == uart ? 0x01 : 0x07);
	outb(base + UART_MCR, 0x03); /* DTR, RTS */
	uart = base;
	return true;
}

void serial_putc(char c)
{
	unsigned spin = 100000;

	if (!uart)
		return;
	while (!(inb(uart + UART_LSR) & LSR_THRE) && --spin)
		;
	outb(uart + UART_THR, c);
}

bool serial_pending(void)
{
	return uart && (inb(uart + UART_LSR) & LSR_DR);
}

int serial_getc(void)
{
	if (!uart || !(inb(uart + UART_LSR) & LSR_DR))
		return -1;
	return inb(uart + UART_RBR);
}
