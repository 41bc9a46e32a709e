// SPDX-License-Identifier: BSD-2-Clause
/* KERNEL x.bs, x.bin and x.bss, BOOT and BSS: a boot-sector file as
 * SYSLINUX 6.04's disk variants boot it (com32/elflink/ldlinux
 * chainboot.c): the whole file at 0:7C00, entered there with DL = the
 * boot drive, DS:SI -> a copy of the boot partition's entry at 0:07EE,
 * ES:DI -> the BIOS's $PnP header; for BSS the boot volume's BPB
 * patched in first (core/fs/fat/fat.c vfat_copy_superblock). */
#include <stdio.h>
#include <string.h>
#include "chain_file.h"
#include "fs/bpb_copy.h"
#include "disk.h"
#include "fs/part_handover.h"
#include "memory.h"
#include "protocol/le.h"
#include "volume.h"

#define PARTINFO_ADDR 0x7EE /* SYSLINUX's 0x800 - 18 */
#define MBR_TABLE     0x1BE

/* The $PnP installation check header, which a BIOS hands a boot sector
 * in ES:DI (BBS 1.01, 3.3) and SYSLINUX passes on: found the way the
 * spec lets an OS find it, 16-byte aligned in F000 with a zero sum. */
static uint16_t find_pnp(void)
{
	for (uint32_t a = 0xF0000; a < 0x100000; a += 16) {
		const uint8_t *p = (const uint8_t *)a;
		uint8_t sum = 0;

		if (memcmp(p, "$PnP", 4) || p[5] < 0x21)
			continue;
		for (unsigned i = 0; i < p[5]; i++)
			sum += p[i];
		if (!sum)
			return (uint16_t)(a - 0xF0000);
	}
	return 0;
}

/* The 16 bytes an MBR hands the volume's boot sector: its entry in the
 * boot disk's MBR (bytes as written), else one built as chain.c32's
 * `fs` builds it. */
static void part_info(struct volume *v, uint8_t *out)
{
	static uint8_t mbr[512];
	struct part_geom g = {v->disk.cyls, v->disk.heads, v->disk.spt,
			      v->disk.sectors, (v->disk.drive & 0x80) != 0};
	struct mbr_entry pe;

	if (v->part.start_lba && !disk_read(&v->disk, 0, 1, mbr) &&
	    le16_get(mbr + 510) == 0xAA55)
		for (unsigned i = 0; i < 4; i++)
			if (le32_get(mbr + MBR_TABLE + 16 * i + 8) ==
			    v->part.start_lba) {
				memcpy(out, mbr + MBR_TABLE + 16 * i, 16);
				return;
			}
	part_handover_entry(&pe, v->part.start_lba ? &v->part : NULL, &g);
	memcpy(out, &pe, sizeof(pe));
}

void chain_kernel_boot(struct volume *v, const struct memory *mem,
		       const struct cfg_boot *b)
{
	static struct chain_jump j;
	static uint8_t vol[512];
	uint8_t *file = (uint8_t *)CHAIN_STAGE_FILE;
	uint32_t size = chain_file_load(v, mem, b->kernel,
					mem->low_top - CHAIN_SECTOR_ADDR, true);

	if (!size)
		return;
	if (b->type == CFG_KT_BSS) {
		if (disk_read(&v->disk, v->part.start_lba, 1, vol) ||
		    !bpb_syslinux_bss(file, vol)) {
			printf("bzboot: %s: BSS: the boot volume's boot sector "
			       "(LBA %llu) has no FAT BPB to patch in; not "
			       "booting it.\n",
			       b->kernel,
			       (unsigned long long)v->part.start_lba);
			return;
		}
	}
	part_info(v, (uint8_t *)CHAIN_STAGE_HAND);
	memset(&j, 0, sizeof(j));
	j.r.edx = v->disk.drive;
	j.r.esi = PARTINFO_ADDR;
	j.r.edi = find_pnp();
	j.r.es = j.r.edi ? 0xF000 : 0;
	j.r.eflags = 0x0002; /* IF clear, as SYSLINUX's stub enters */
	j.sp = CHAIN_SECTOR_ADDR;
	j.ip = CHAIN_SECTOR_ADDR;
	j.move[0] =
	    (struct chain_move){CHAIN_SECTOR_ADDR, CHAIN_STAGE_FILE, size};
	j.move[1] = (struct chain_move){PARTINFO_ADDR, CHAIN_STAGE_HAND, 16};
	chain_file_jump(b->kernel, &j);
}
