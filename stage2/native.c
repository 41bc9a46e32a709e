// SPDX-License-Identifier: BSD-2-Clause
/* Native reads (stage2/native.h): which controller, the proof that it
 * reads what INT 13h reads, and the fallback. */
#include <stdio.h>
#include <string.h>
#include "bios.h"
#include "heap.h"
#include "native.h"

bool native_allowed = true;
char native_info[64];

#define VERIFY_SECTORS 8 /* per place compared */

static struct {
	bool active, failed; /* failed: INT 13h until the next start */
	uint8_t drive;
	uint8_t used; /* by this file: 1 natively, 2 through INT 13h after */
} ns;

/* The EDD 3.0 answer of AH=48h (below 64 KiB: bios_int runs with DS=0):
 * SeaBIOS names the PCI function of an ATA, AHCI or virtio disk. */
static uint8_t edd3[0x42];

/* bus << 8 | dev << 3 | fn of the drive's controller, or -1. */
static int32_t edd_pci_function(uint8_t drive)
{
	struct biosregs r;

	memset(edd3, 0, sizeof(edd3));
	edd3[0] = sizeof(edd3);
	initregs(&r);
	r.ah = 0x48;
	r.dl = drive;
	r.si = (uint32_t)edd3;
	bios_int(0x13, &r, &r);
	if ((r.eflags & X86_EFLAGS_CF) || edd3[0x1E] != 0xDD ||
	    edd3[0x1F] != 0xBE || memcmp(edd3 + 0x24, "PCI", 3))
		return -1;
	return edd3[0x30] << 8 | (edd3[0x31] & 31) << 3 | (edd3[0x32] & 7);
}

/* The proof: the MBR, the volume's first sectors, the middle and the
 * end of the disk, read by both paths, the BIOS's first (no BIOS read may
 * come between the claim and the release). */
static const char *same_bytes(struct volume *v)
{
	uint32_t len = VERIFY_SECTORS * 512, i;
	uint64_t at[4] = {0, v->part.start_lba, v->disk.sectors / 2,
			  v->disk.sectors - VERIFY_SECTORS};
	uint8_t *bios = heap_alloc(8 * len);
	const char *why;

	if (!bios || v->disk.sectors < 2 * VERIFY_SECTORS)
		return "no room to compare";
	for (i = 0; i < 4; i++)
		if (disk_read(&v->disk, at[i], VERIFY_SECTORS, bios + i * len))
			return "INT 13h failed on a sector to compare";
	why = vblk_claim();
	if (why)
		return why;
	ns.active = true;
	ns.drive = v->disk.drive;
	for (i = 0; i < 4; i++)
		if (vblk_read(at[i], VERIFY_SECTORS, bios + (4 + i) * len) ||
		    memcmp(bios + i * len, bios + (4 + i) * len, len))
			return "it read other bytes than INT 13h";
	return NULL;
}

void native_begin(struct volume *v)
{
	int32_t bdf;
	const char *why;

	ns.used = 0;
	if (!native_allowed) {
		memcpy(native_info, "off", 4);
		return;
	}
	if (ns.active || ns.failed)
		return;
	bdf = edd_pci_function(v->disk.drive);
	if (bdf < 0)
		return;
	why = vblk_probe((uint32_t)bdf);
	if (why && !*why)
		return; /* not a controller bzboot drives: INT 13h, quietly */
	if (!why)
		why = same_bytes(v);
	snprintf(native_info, sizeof(native_info),
		 "virtio-blk at PCI %02x:%02x.%x%s", (unsigned)bdf >> 8,
		 ((unsigned)bdf >> 3) & 31, (unsigned)bdf & 7,
		 why ? ", not used" : "");
	if (why) {
		native_end();
		ns.failed = true;
		printf("bzboot: %s: %s; loading through INT 13h.\n",
		       native_info, why);
	}
}

void native_end(void)
{
	if (ns.active)
		vblk_release();
	ns.active = false;
}

bool native_read(const struct disk *d, uint64_t lba, uint32_t count, void *buf)
{
	int err;

	if (!ns.active) {
		if (ns.used)
			ns.used |= 2; /* the rest of a file after a fallback */
		return false;
	}
	if (d->drive == ns.drive && lba < d->sectors &&
	    count <= d->sectors - lba) {
		err = vblk_read(lba, count, buf);
		if (!err) {
			ns.used |= 1;
			return true;
		}
		printf("\nbzboot: virtio-blk: reading LBA %llu failed (%s %d); "
		       "INT 13h reads the rest.\n",
		       (unsigned long long)lba,
		       err == -2 ? "timeout" : "status", err);
		ns.failed = true;
		ns.used |= 2;
	}
	native_end();
	return false;
}

void native_note(void)
{
	static const char *const how[] = {"", " [virtio-blk]", " [INT 13h]",
					  " [virtio-blk, then INT 13h]"};

	printf("%s\n", how[ns.used]);
	ns.used = 0;
}
