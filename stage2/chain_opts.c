// SPDX-License-Identifier: BSD-2-Clause
/* chain.c32's disk-side options (stage2/chain_opts.h). Where chain.c32
 * writes partition types back to the disk (hide, unhide), bzboot changes
 * only the copies in memory that the boot sector is handed. */
#include <stdio.h>
#include <string.h>
#include "bda.h"
#include "chain_opts.h"
#include "disk.h"
#include "fs/bpb_patch.h"
#include "fs/gpt_find.h"
#include "fs/part_hide.h"

/* bss: the BIOS shares the stack */
static struct disk gdisk;
static struct blockdev gdev = {disk_blockdev_read, &gdisk};
static uint8_t gbuf[512];

bool chain_gpt_select(struct chain_args *a, const char *what)
{
	bool by_guid = a->disk == CHAIN_DISK_GUID;
	unsigned d, index;

	if (!by_guid && a->disk != CHAIN_DISK_LABEL)
		return true;
	for (d = 0x80; d < 0x80u + BDA->hd_count && d < 0x100; d++) {
		if (disk_init(&gdisk, (uint8_t)d) ||
		    gpt_find(&gdev, gbuf, by_guid ? a->guid : NULL, a->label,
			     &index))
			continue;
		a->disk = CHAIN_DISK_DRIVE;
		a->drive = (uint8_t)d;
		if (index) /* a partition; the disk GUID keeps its ",P" */
			a->part = index;
		return true;
	}
	if (by_guid)
		printf("bzboot: %s: no GPT disk or partition of the %u hard "
		       "disks has that GUID.\n",
		       what, (unsigned)BDA->hd_count);
	else
		printf("bzboot: %s: no GPT partition of the %u hard disks is "
		       "named \"%s\".\n",
		       what, (unsigned)BDA->hd_count, a->label);
	return false;
}

_Static_assert(CHAIN_BPB_HID == BPB_PATCH_HID &&
		   CHAIN_BPB_GEO == BPB_PATCH_GEO &&
		   CHAIN_BPB_DRV == BPB_PATCH_DRV,
	       "chain_args's BPB bits are bpb_patch's");

/* Whether an MBR's table has GPT's protective entry. */
static bool protective(const uint8_t mbr[512])
{
	for (unsigned i = 0; i < 4; i++)
		if (mbr[MBR_TABLE_OFFSET + 16 * i + 4] ==
		    MBR_TYPE_GPT_PROTECTIVE)
			return true;
	return false;
}

/* hide/unhide: the entry handed over is the partition booted, which
 * chain.c32 always unhides (when its hide reaches it); the MBR booted as
 * the sector gets its table's types as chain.c32 would have written
 * them before reading it. GPT has no hidden types: refused, as there. */
static bool hide(const struct chain_args *a, const char *what,
		 const struct part_entry *e, uint8_t sector[512],
		 struct mbr_entry *pe)
{
	bool rev = a->hide & CHAIN_HIDE_REV;

	if (!(a->hide & CHAIN_HIDE_ON))
		return true;
	if (e ? e->gpt : protective(sector)) {
		printf("bzboot: %s: hide and unhide work on MBR partition "
		       "tables only; this disk has a GPT.\n",
		       what);
		return false;
	}
	if (!e)
		part_hide_mbr(sector, 0, rev);
	else if (part_hide_reaches(e->index, a->hide & CHAIN_HIDE_ALL))
		pe->type = part_hide_type(pe->type, true, rev);
	return true;
}

int chain_apply_opts(const struct chain_args *a, const char *what,
		     uint8_t drive, const struct part_entry *e,
		     const struct part_geom *g, uint8_t sector[512],
		     struct mbr_entry *pe)
{
	/* swap trades the drive with the first of its kind; it is DL then,
	 * and what setdrv writes (chain.c32's do_boot, mangle_bpb) */
	uint8_t first = drive & 0x80;
	bool swap = a->swap && drive != first;
	uint8_t dl = swap ? first : drive;

	if (!hide(a, what, e, sector, pe))
		return -1;
	if (a->bpb) {
		struct bpb_fix f = {
		    .what = a->bpb, /* CHAIN_BPB_* are BPB_PATCH_* */
		    .hidden = e ? e->start_lba : 0,
		    .heads = g->cyls ? g->heads : 0,
		    .spt = g->cyls ? g->spt : 0,
		    .hard_disk = g->hard_disk,
		    .drive = dl,
		    .drvoff = a->drvoff,
		};

		if (bpb_patch(sector, &f) == BPB_UNKNOWN && a->drvoff < 0)
			printf("bzboot: %s: no FAT, NTFS or exFAT BPB in the "
			       "boot sector: nothing to set.\n",
			       what);
	}
	if (swap && !chain_swap_install(drive, first, what))
		return -1;
	return dl;
}
