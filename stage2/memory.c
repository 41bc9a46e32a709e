// SPDX-License-Identifier: BSD-2-Clause
/* Memory detection through the BIOS, newest interface first. */
#include <string.h>
#include "bda.h"
#include "bios.h"
#include "memory.h"

#define SMAP 0x534D4150 /* "SMAP" */
/* ACPI 3 extended attributes: bit 0 clear means "ignore this entry". */
#define E820_ATTR_ENABLED 1
#define E820_ACPI3_SIZE	  24 /* entries this long carry the attribute */

struct e820_entry {
	uint64_t addr, size;
	uint32_t type, attr;
} __attribute__((packed));

static struct e820_entry e820_buf; /* below 0x10000: ES:DI points here */

static void add_range(struct memory *m, uint64_t addr, uint64_t size,
		      uint32_t type)
{
	if (m->nmap < MEM_MAX_RANGES && size) {
		m->map[m->nmap].addr = addr;
		m->map[m->nmap].size = size;
		m->map[m->nmap].type = type;
		m->nmap++;
	}
}

static void detect_e820(struct memory *m)
{
	struct biosregs r;
	uint32_t next = 0;

	do {
		memset(&e820_buf, 0, sizeof(e820_buf));
		/* "enabled" if the BIOS does not write the attribute */
		e820_buf.attr = E820_ATTR_ENABLED;
		initregs(&r);
		r.eax = 0xE820;
		r.ebx = next;
		r.ecx = sizeof(e820_buf);
		r.edx = SMAP;
		r.di = (uint32_t)&e820_buf;
		bios_int(0x15, &r, &r);
		/* CF on a later call means "no more", on the first "none". */
		if ((r.eflags & X86_EFLAGS_CF) || r.eax != SMAP)
			break;
		/* ACPI 3: attribute bit 0 clear means "ignore this entry";
		 * honoured for RAM only, so a disabled range never becomes
		 * usable and a reserved one always stays reserved. */
		if (r.ecx < E820_ACPI3_SIZE ||
		    (e820_buf.attr & E820_ATTR_ENABLED) ||
		    e820_buf.type != MEM_RANGE_USABLE)
			add_range(m, e820_buf.addr, e820_buf.size,
				  e820_buf.type);
		next = r.ebx;
	} while (next && m->nmap < MEM_MAX_RANGES);
}

/* E801: KiB between 1 and 16 MiB, 64 KiB blocks above 16 MiB. */
static void detect_e801(struct memory *m)
{
	struct biosregs r;
	uint32_t low_kib, high_blocks;

	initregs(&r);
	r.ax = 0xE801;
	bios_int(0x15, &r, &r);
	if (r.eflags & X86_EFLAGS_CF)
		return;
	low_kib = r.cx || r.dx ? r.cx : r.ax;
	high_blocks = r.cx || r.dx ? r.dx : r.bx;
	add_range(m, 0, 0xA0000 /* clipped by low_top */, MEM_RANGE_USABLE);
	add_range(m, MEM_HIGH, (uint64_t)low_kib << 10, MEM_RANGE_USABLE);
	if (high_blocks)
		add_range(m, 0x1000000, (uint64_t)high_blocks << 16,
			  MEM_RANGE_USABLE);
}

static void detect_88(struct memory *m)
{
	struct biosregs r;

	initregs(&r);
	r.ah = 0x88;
	bios_int(0x15, &r, &r);
	if (r.eflags & X86_EFLAGS_CF)
		return;
	add_range(m, 0, 0xA0000, MEM_RANGE_USABLE);
	add_range(m, MEM_HIGH, (uint64_t)r.ax << 10, MEM_RANGE_USABLE);
}

static uint32_t detect_low_top(void)
{
	struct biosregs r;
	uint32_t top = 0xA0000, ebda;

	initregs(&r);
	bios_int(0x12, &r, &r);
	if (r.ax >= 64 && r.ax <= 640)
		top = (uint32_t)r.ax << 10;
	/* The EBDA pointer in the BDA; some BIOSes shrink INT 12h late
	 * or not at all, so take the lower of the two. */
	ebda = (uint32_t)BDA->ebda_seg << 4;
	if (ebda >= 0x10000 && ebda < top)
		top = ebda;
	return top;
}

int memory_detect(struct memory *m, bool a20)
{
	memset(m, 0, sizeof(*m));
	m->a20 = a20;
	m->low_top = detect_low_top();
	detect_e820(m);
	if (!m->nmap)
		detect_e801(m);
	if (!m->nmap)
		detect_88(m);
	return m->nmap ? 0 : -1;
}
