// SPDX-License-Identifier: BSD-2-Clause
/* A20: test first, then the BIOS (INT 15h AX=2401h), then the keyboard
 * controller with bounded waits (machines without an 8042 must not hang,
 * e.g. QEMU q35 with i8042=off), then the fast gate at port 0x92. */
#include <stdbool.h>
#include <stdint.h>
#include "a20.h"
#include "bda.h"
#include "bios.h"
#include "io.h"
#include "memmap.h"

#define KBC_DATA 0x60
#define KBC_CMD	 0x64
#define KBC_IBF	 0x02 /* input buffer full: busy */
#define KBC_SPIN 100000

/* With A20 off, 0x100000+x aliases x. Compare a word below 1 MiB with its
 * alias after writing a different value to the alias; repeat a while, as
 * some gates take effect late. */
static bool a20_on(unsigned tries)
{
	uintptr_t at = (uintptr_t)BDA->intra_app;
	volatile uint32_t *low = (volatile uint32_t *)at;
	volatile uint32_t *high = (volatile uint32_t *)(MEM_HIGH + at);
	uint32_t saved = *low, probe;
	bool on = false;

	do {
		probe = *low + 0x01010101;
		*high = probe;
		io_delay();
		if (*low != probe) {
			on = true;
			break;
		}
	} while (--tries);
	*low = saved;
	return on;
}

static void a20_bios(void)
{
	struct biosregs r;

	initregs(&r);
	r.ax = 0x2401;
	bios_int(0x15, &r, NULL);
}

static bool kbc_wait(void)
{
	unsigned spin = KBC_SPIN;
	uint8_t st;

	while (--spin) {
		st = inb(KBC_CMD);
		if (st == 0xFF) /* floating bus: no controller */
			return false;
		if (!(st & KBC_IBF))
			return true;
		io_delay();
	}
	return false;
}

static void a20_kbc(void)
{
	if (!kbc_wait())
		return;
	outb(KBC_CMD, 0xD1); /* write output port */
	if (!kbc_wait())
		return;
	outb(KBC_DATA, 0xDF); /* A20 on, no reset */
	if (!kbc_wait())
		return;
	outb(KBC_CMD, 0xFF); /* null command: lets UHCI settle */
	kbc_wait();
}

static void a20_fast(void)
{
	uint8_t v = inb(0x92);

	if (!(v & 0x02))
		outb(0x92, (v | 0x02) & ~0x01); /* bit 0 would reset */
}

const char *a20_enable(void)
{
	if (a20_on(1))
		return "already on";
	a20_bios();
	if (a20_on(1000))
		return "BIOS";
	a20_kbc();
	if (a20_on(100000))
		return "8042";
	a20_fast();
	if (a20_on(100000))
		return "port 0x92";
	return NULL;
}
