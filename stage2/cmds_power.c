// SPDX-License-Identifier: BSD-2-Clause
/* The cmds module's `reboot` and `poweroff`. reboot tries what Linux
 * tries (arch/x86/kernel/reboot.c): the keyboard controller's reset
 * line, the PCI reset register 0xCF9, then a triple fault; the BDA's
 * reset flag says warm or cold, as reboot.c32's -w does. poweroff asks
 * the APM BIOS (INT 15h AX=5307h), else enters ACPI S5 itself. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "bda.h"
#include "bios.h"
#include "cmds_mod.h"
#include "io.h"
#include "protocol/acpi.h"

#define RESET_WARM	  0x1234 /* BDA 0x472: skip the memory test */
#define KBC_STATUS	  0x64
#define KBC_INPUT_FULL	  0x02
#define KBC_PULSE_RESET	  0xFE
#define PCI_RESET	  0xCF9
#define PCI_RESET_SYS	  0x02 /* with PCI_RESET_DO: a hard reset */
#define PCI_RESET_DO	  0x04
#define APM_SIGNATURE	  0x504D /* "PM" in BX after AX=5300h */
#define APM_ERR_CONNECTED 0x02	 /* AH: already connected: fine */

/* About ms milliseconds: io_delay() is about 1 us. */
static void delay_ms(unsigned ms)
{
	for (uint32_t i = 0; i < ms * 1000u; i++)
		io_delay();
}

/* Unusable arguments: one line, and the command does nothing. */
static bool flag(const struct cmds_env *e, const char *opt)
{
	if (e->argc == 1)
		return false;
	if (e->argc == 2 && !strcmp(e->argv[1], opt))
		return true;
	printf("bzboot: %s: the only option is %s; nothing done.\n", e->argv[0],
	       opt);
	return false;
}

void cmds_reboot(const struct cmds_env *e)
{
	static const struct {
		uint16_t limit;
		uint32_t base;
	} __attribute__((packed)) no_idt = {0, 0};
	bool warm = flag(e, "-w");
	unsigned i;

	if (e->argc > 1 && !warm)
		return;
	printf("Rebooting (%s)...\n", warm ? "warm" : "cold");
	BDA->reset_flag = warm ? RESET_WARM : 0;
	delay_ms(20); /* the message out of the UART */
	for (i = 0; i < 10000 && (inb(KBC_STATUS) & KBC_INPUT_FULL); i++)
		io_delay();
	outb(KBC_STATUS, KBC_PULSE_RESET);
	delay_ms(50);
	outb(PCI_RESET, PCI_RESET_SYS);
	outb(PCI_RESET, PCI_RESET_SYS | PCI_RESET_DO);
	delay_ms(50);
	/* No IDT: the breakpoint faults, the fault double-faults, and the
	 * CPU shuts down, which the chipset turns into a reset. */
	asm volatile("lidt %0\n\tint3" : : "m"(no_idt));
}

/* INT 15h AX=53xxh with BX, CX; false when CF came back set. */
static bool apm(uint16_t ax, uint16_t bx, uint16_t cx, struct biosregs *r)
{
	initregs(r);
	r->ax = ax;
	r->bx = bx;
	r->cx = cx;
	bios_int(0x15, r, r);
	return !(r->eflags & X86_EFLAGS_CF);
}

/* Returns only when the APM BIOS did not switch off: why. */
static const char *apm_off(void)
{
	struct biosregs r;

	if (!apm(0x5300, 0, 0, &r) || r.bx != APM_SIGNATURE)
		return "no APM BIOS";
	/* the real-mode interface, then APM 1.2: "all devices" needs it */
	if (!apm(0x5301, 0, 0, &r) && r.ah != APM_ERR_CONNECTED)
		return "the APM BIOS refused a connection";
	(void)apm(0x530E, 0, 0x0102, &r);
	(void)apm(0x5308, 1, 1, &r); /* power management on, all devices */
	if (!apm(0x5307, 1, 3, &r))  /* all devices: off */
		return "the APM BIOS refused to switch off";
	return "the APM BIOS returned from switching off";
}

/* ACPI tables are read where they are: stage2 runs flat below 4 GiB. */
static const uint8_t *phys(void *ctx, uint64_t addr, uint32_t len)
{
	(void)ctx;
	return addr + len <= 0x100000000ull ? (const uint8_t *)(uint32_t)addr
					    : NULL;
}

static void pm1_sleep(uint16_t port, uint8_t typ)
{
	uint16_t v = inw(port);

	v &= (uint16_t) ~(7u << ACPI_PM1_SLP_TYP_SHIFT | ACPI_PM1_SLP_EN);
	outw(port,
	     (uint16_t)(v | typ << ACPI_PM1_SLP_TYP_SHIFT | ACPI_PM1_SLP_EN));
}

/* Enters S5; returns only when the machine is still on: why. */
static const char *acpi_off(void)
{
	struct acpi_poweroff po;
	int err =
	    acpi_find_poweroff(phys, NULL, (uint32_t)BDA->ebda_seg << 4, &po);
	unsigned i;

	if (err)
		return acpi_strerror(err);
	/* Still in legacy mode: ask the firmware to hand ACPI over. */
	if (!(inw(po.pm1a_cnt) & ACPI_PM1_SCI_EN) && po.smi_cmd &&
	    po.acpi_enable) {
		outb(po.smi_cmd, po.acpi_enable);
		for (i = 0; i < 300 && !(inw(po.pm1a_cnt) & ACPI_PM1_SCI_EN);
		     i++)
			delay_ms(10);
	}
	pm1_sleep(po.pm1a_cnt, po.slp_typa);
	if (po.pm1b_cnt)
		pm1_sleep(po.pm1b_cnt, po.slp_typb);
	delay_ms(1000);
	return "the machine ignored the ACPI S5 request";
}

void cmds_poweroff(const struct cmds_env *e)
{
	bool acpi_only = flag(e, "-a");
	const char *why_apm = "not tried (-a)";

	if (e->argc > 1 && !acpi_only)
		return;
	printf("Powering off...\n");
	delay_ms(20); /* the message out of the UART */
	if (!acpi_only)
		why_apm = apm_off();
	printf("bzboot: poweroff: APM: %s; ACPI: %s. Switch the machine off "
	       "by hand.\n",
	       why_apm, acpi_off());
}
