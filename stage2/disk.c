// SPDX-License-Identifier: BSD-2-Clause
/* BIOS disk access. Every transfer lands in the bounce buffer (64 KiB,
 * 64 KiB-aligned, below 1 MiB: never crosses a DMA boundary) and is
 * copied once to its destination, which may be anywhere in 4 GiB. */
#include <stdio.h>
#include <string.h>
#include "bios.h"
#include "disk.h"
#include "memmap.h"
#include "native.h"

#define TRIES 3

_Static_assert(DISK_MAX_COUNT * 512 <= MEM_BOUNCE_SIZE,
	       "the largest read fits the bounce buffer");

struct dap {
	uint8_t size, reserved;
	uint16_t count, off, seg;
	uint64_t lba;
} __attribute__((packed));
_Static_assert(sizeof(struct dap) == 16, "INT 13h AH=42h packet");

struct edd_params {
	uint16_t size, flags;
	uint32_t cyls, heads, spt;
	uint64_t sectors;
	uint16_t bytes_per_sector;
	uint32_t dpte;
} __attribute__((packed));
_Static_assert(sizeof(struct edd_params) == 0x1E, "INT 13h AH=48h buffer");

/* Both must be below 0x10000: bios_int runs with DS = 0. */
static struct dap dap;
static struct edd_params edd;

static bool edd_present(uint8_t drive)
{
	struct biosregs r;

	initregs(&r);
	r.ah = 0x41;
	r.bx = 0x55AA;
	r.dl = drive;
	bios_int(0x13, &r, &r);
	return !(r.eflags & X86_EFLAGS_CF) && r.bx == 0xAA55 && (r.cx & 1);
}

static int edd_get_params(struct disk *d)
{
	struct biosregs r;

	memset(&edd, 0, sizeof(edd));
	/* Some BIOSes fail AH=48h unless the caller states the size. */
	edd.size = sizeof(edd);
	initregs(&r);
	r.ah = 0x48;
	r.dl = d->drive;
	r.si = (uint32_t)&edd;
	bios_int(0x13, &r, &r);
	if (r.eflags & X86_EFLAGS_CF)
		return 0; /* size unknown: reads are still fine */
	if (edd.bytes_per_sector != 512 && edd.bytes_per_sector != 0)
		return DISK_ESECTSIZE;
	d->sectors = edd.sectors;
	return 0;
}

static int chs_get_geometry(struct disk *d)
{
	struct biosregs r;

	initregs(&r);
	r.ah = 0x08;
	r.dl = d->drive;
	bios_int(0x13, &r, &r);
	if ((r.eflags & X86_EFLAGS_CF) || !(r.cl & 0x3F))
		return DISK_ENOGEOM;
	d->spt = r.cl & 0x3F;
	d->heads = r.dh + 1;
	d->cyls = ((r.cl & 0xC0) << 2 | r.ch) + 1;
	return 0;
}

int disk_init(struct disk *d, uint8_t drive)
{
	memset(d, 0, sizeof(*d));
	d->drive = drive;
	d->max_count = DISK_MAX_COUNT;
	d->edd = edd_present(drive);
	if (d->edd)
		return edd_get_params(d);
	return chs_get_geometry(d);
}

static void disk_reset(struct disk *d)
{
	struct biosregs r;

	initregs(&r);
	r.dl = d->drive;
	bios_int(0x13, &r, NULL);
}

/* One BIOS call: count sectors at lba into the bounce buffer. */
static int bios_read(struct disk *d, uint64_t lba, uint32_t count)
{
	struct biosregs r;

	initregs(&r);
	r.dl = d->drive;
	if (d->edd) {
		dap.size = sizeof(dap);
		dap.reserved = 0;
		dap.count = count;
		dap.off = rm_off(MEM_BOUNCE);
		dap.seg = rm_seg(MEM_BOUNCE);
		dap.lba = lba;
		r.ah = 0x42;
		r.si = (uint32_t)&dap;
	} else {
		uint32_t track, sector, head, cyl;

		if (lba >> 32)
			return DISK_ERANGE;
		track = (uint32_t)lba / d->spt;
		sector = (uint32_t)lba % d->spt + 1;
		head = track % d->heads;
		cyl = track / d->heads;
		if (cyl >= d->cyls || cyl > 1023)
			return DISK_ERANGE;
		r.ah = 0x02;
		r.al = count;
		r.ch = cyl & 0xFF;
		r.cl = sector | ((cyl >> 2) & 0xC0);
		r.dh = head;
		r.es = rm_seg(MEM_BOUNCE);
		r.bx = rm_off(MEM_BOUNCE);
	}
	bios_int(0x13, &r, &r);
	/* A BIOS may report success yet move fewer sectors (AH=42h writes
	 * back the count it did): that is a failure too. */
	if ((r.eflags & X86_EFLAGS_CF) || (d->edd && dap.count != count)) {
		d->err_status = r.ah;
		return DISK_EIO;
	}
	return 0;
}

static int disk_read_runs(struct disk *d, uint64_t lba, uint32_t count,
			  void *buf);

int disk_read(struct disk *d, uint64_t lba, uint32_t count, void *buf)
{
	int err;

	if (native_read(d, lba, count, buf))
		return 0;
	err = disk_read_runs(d, lba, count, buf);
	if (err)
		d->last_err = err;
	return err;
}

static int disk_read_runs(struct disk *d, uint64_t lba, uint32_t count,
			  void *buf)
{
	uint8_t *dst = buf;

	if (d->sectors && (lba >= d->sectors || count > d->sectors - lba)) {
		d->err_lba = lba;
		d->err_status = 0;
		return DISK_ERANGE;
	}
	while (count) {
		uint32_t n = count < d->max_count ? count : d->max_count;
		int err, tries = 0;

		if (!d->edd) { /* CHS: some BIOSes cannot cross a track */
			uint32_t left = d->spt - (uint32_t)lba % d->spt;

			n = n < left ? n : left;
		}
		while ((err = bios_read(d, lba, n)) != 0) {
			if (err == DISK_ERANGE) {
				d->err_lba = lba;
				return err;
			}
			disk_reset(d);
			if (++tries < TRIES)
				continue;
			if (n == 1) {
				/* A bad sector, not a BIOS limit: later reads
				 * go back to full size. */
				d->err_lba = lba;
				d->max_count = DISK_MAX_COUNT;
				return DISK_EIO;
			}
			/* Large reads keep failing: smaller ones may not,
			 * and narrowing down names the bad sector. */
			n /= 2;
			d->max_count = n;
			tries = 0;
		}
		memcpy(dst, (void *)MEM_BOUNCE, n * 512);
		dst += n * 512;
		lba += n;
		count -= n;
	}
	return 0;
}

int disk_blockdev_read(void *ctx, uint64_t lba, uint32_t count, void *buf)
{
	return disk_read(ctx, lba, count, buf);
}

const char *disk_strerror(int err)
{
	switch (err) {
	case DISK_EIO:
		return "disk read error";
	case DISK_ERANGE:
		return "sector beyond the end of the disk (or of the CHS "
		       "range)";
	case DISK_ENOGEOM:
		return "the BIOS reports no disk geometry";
	case DISK_ESECTSIZE:
		return "the disk's sectors are not 512 bytes";
	}
	return "unknown disk error";
}

void disk_describe_error(const struct disk *d, char *buf, int size)
{
	int err = d->last_err;

	if (err == DISK_EIO)
		snprintf(buf, size,
			 "read error at LBA %llu (BIOS status 0x%02x)",
			 (unsigned long long)d->err_lba, d->err_status);
	else if (err == DISK_ERANGE)
		snprintf(buf, size, "LBA %llu is beyond the end of the disk",
			 (unsigned long long)d->err_lba);
	else
		snprintf(buf, size, "%s", disk_strerror(err));
}
