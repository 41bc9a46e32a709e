// SPDX-License-Identifier: BSD-2-Clause
/* Native reads, the core's part (stage2/native.h): which controller, the
 * native module's calls, the fallback and the notes. */
#include <stdio.h>
#include <string.h>
#include "bios.h"
#include "module.h"
#include "native.h"

bool native_allowed = true;
char native_info[64];

static struct {
	bool active, failed; /* failed: INT 13h until bzboot starts again */
	uint8_t drive;
	uint8_t used; /* by this file: 1 natively, 2 through INT 13h after */
	const struct mod_native_ops *ops;
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

void native_begin(struct volume *v, const struct memory *mem)
{
	const struct bzmod_header *m;
	const char *why;
	int32_t bdf;

	ns.used = 0;
	if (!native_allowed) {
		memcpy(native_info, "off", 4);
		return;
	}
	if (ns.active || ns.failed)
		return;
	bdf = edd_pci_function(v->disk.drive);
	/* Not a controller bzboot drives: INT 13h, quietly. */
	if (bdf < 0 || pci_read((uint32_t)bdf, 0) != NATIVE_VIRTIO_BLK)
		return;
	m = module_load(v, mem, "native"); /* it says why it cannot */
	if (!m) {
		ns.failed = true;
		return;
	}
	ns.ops = (const struct mod_native_ops *)m->entry[MOD_NATIVE_OPS];
	why = ns.ops->begin(v, (uint32_t)bdf);
	if (why) {
		ns.failed = true;
		printf("bzboot: %s: %s; loading through INT 13h.\n",
		       native_info, why);
		return;
	}
	ns.active = true;
	ns.drive = v->disk.drive;
}

void native_end(void)
{
	if (ns.active)
		ns.ops->release();
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
		err = ns.ops->read(lba, count, buf);
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
