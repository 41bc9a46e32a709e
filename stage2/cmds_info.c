// SPDX-License-Identifier: BSD-2-Clause
/* The cmds module's `info`: what bzboot knows about this machine, from
 * what stage2 already collected (the volume, the E820 map, low memory)
 * and the BIOS's own disk calls, to quote in a bug report. */
#include <stdio.h>
#include "bda.h"
#include "cmds_mod.h"
#include "console.h"
#include "disk.h"
#include "memmap.h"
#include "native.h"
#include "protocol/e820.h"

/* MiB of a sector count, without a 64-bit division (stage2 has none). */
static unsigned mib(uint64_t sectors)
{
	return (unsigned)(sectors >> 11);
}

static void disk_line(const struct disk *d, const char *what)
{
	printf("  0x%02x%s: %s", d->drive, what,
	       d->edd ? "EDD (LBA)" : "CHS only");
	if (d->sectors)
		printf(", %llu sectors (%u MiB)",
		       (unsigned long long)d->sectors, mib(d->sectors));
	if (d->spt)
		printf(", CHS %u/%u/%u", (unsigned)d->cyls, d->heads, d->spt);
	console_putc('\n');
}

static void volume_info(const struct volume *v)
{
	const struct fat_volume *f = &v->fat;

	printf("boot volume: ");
	if (!v->part.index)
		printf("the volume at LBA %llu (its boot sector loaded bzboot)",
		       (unsigned long long)v->part.start_lba);
	else
		printf("partition %u (%s, LBA %llu, %u MiB)", v->part.index,
		       v->part.gpt ? "GPT" : "MBR",
		       (unsigned long long)v->part.start_lba,
		       mib(v->part.sectors));
	if (v->mounted)
		printf(", FAT%u, %u-byte clusters, config directory %s\n",
		       f->type, 512u << f->spc_shift, v->cwd[0] ? v->cwd : "/");
	else
		printf(", no FAT filesystem mounted\n");
}

static void memory_info(const struct memory *m)
{
	const char *name;
	unsigned i;

	printf("memory map (E820, as the BIOS gave it):\n");
	for (i = 0; i < m->nmap; i++) {
		name = e820_type_name(m->map[i].type);
		printf(
		    "  %016llx-%016llx  ", (unsigned long long)m->map[i].addr,
		    (unsigned long long)(m->map[i].addr + m->map[i].size - 1));
		if (name)
			printf("%s\n", name);
		else
			printf("type %u\n", (unsigned)m->map[i].type);
	}
	if (!m->nmap)
		printf("  none: the BIOS reports no memory map\n");
	printf("low memory: %u KiB usable, up to 0x%x (EBDA at 0x%x); "
	       "A20 %s\n",
	       (unsigned)(m->low_top >> 10), (unsigned)m->low_top,
	       (unsigned)BDA->ebda_seg << 4, m->a20 ? "on" : "off");
}

void cmds_info(const struct cmds_env *e)
{
	const struct cfg *cfg = e->cfg;
	struct disk d;
	unsigned i;

	printf("bzboot %s\n", BZ_VERSION);
	volume_info(e->v);
	memory_info(e->mem);
	printf("disks (INT 13h):\n");
	disk_line(&e->v->disk, " (boot)");
	for (i = 0; i < BDA->hd_count && i < 16; i++) {
		if (0x80 + i == e->v->disk.drive)
			continue;
		if (disk_init(&d, (uint8_t)(0x80 + i)))
			printf("  0x%02x: no answer from the BIOS\n", 0x80 + i);
		else
			disk_line(&d, "");
	}
	/* what read the last boot's files (stage2/native.c) */
	printf("native reads: %s\n", native_info[0]   ? native_info
				     : native_allowed ? "on, not used yet"
						      : "off (NATIVE 0)");
	/* stage2 starts on COM1 at 115200 (stage2/main.c); SERIAL moves it */
	if (!cfg->has_serial)
		printf("console: serial COM1 at 115200 baud (no SERIAL line)");
	else if (cfg->serial_port < 4)
		printf("console: serial COM%u at %u baud", cfg->serial_port + 1,
		       (unsigned)cfg->serial_baud);
	else
		printf("console: serial port 0x%x at %u baud", cfg->serial_port,
		       (unsigned)cfg->serial_baud);
	printf(", screen %s\n", cfg->console ? "on" : "off");
}
