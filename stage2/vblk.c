// SPDX-License-Identifier: BSD-2-Clause
/* virtio-blk reads on the queue the BIOS set up (docs/architecture.md,
 * "Native reads"): bzboot borrows it between two BIOS calls and gives it
 * back with its indices where the BIOS left them. Legacy (I/O BAR)
 * register interface; the rings and requests are drivers/virtq.c's. */
#include <stdint.h>
#include <string.h>
#include "drivers/virtq.h"
#include "heap.h"
#include "io.h"
#include "native.h"

/* Legacy virtio PCI registers, in BAR 0 (virtio 0.9.5 appendix). */
#define VIO_QUEUE_PFN 0x08
#define VIO_QUEUE_NUM 0x0C
#define VIO_QUEUE_SEL 0x0E
#define VIO_NOTIFY    0x10
#define VIO_STATUS    0x12
#define VIO_ISR	      0x13
#define VIO_DRIVER_OK 0x04
#define VIO_BROKEN    0xC0 /* FAILED, DEVICE_NEEDS_RESET */

/* The bound on one batch: port 0x80 writes of about 1 us each (interrupts
 * are off in stage2, so the BIOS tick does not move while we poll). */
#define WAIT_LOOPS 20000000u

static struct {
	uint16_t io;
	uint16_t issued; /* requests since the claim, mod 2^16 */
	uint16_t saved_flags;
	volatile uint16_t *avail, *used; /* flags, idx, ring... */
	struct vq_desc *saved;		 /* the BIOS's descriptor table */
	volatile uint8_t *status;
	struct vblk_batch b;
} vb;

const char *vblk_probe(uint32_t bdf)
{
	uint32_t bar = pci_read(bdf, 0x10), desc, num;
	uint16_t io = bar & 0xFFFC;

	if (pci_read(bdf, 0) != 0x10011AF4)
		return ""; /* not a (transitional) virtio-blk function */
	if (!(bar & 1) || (pci_read(bdf, 4) & 5) != 5)
		return "its I/O space or bus mastering is off";
	if ((inb(io + VIO_STATUS) & (VIO_BROKEN | VIO_DRIVER_OK)) !=
	    VIO_DRIVER_OK)
		return "the BIOS has not set it up";
	outw(io + VIO_QUEUE_SEL, 0);
	desc = inl(io + VIO_QUEUE_PFN);
	num = inw(io + VIO_QUEUE_NUM);
	if (!desc || desc >= 0x100000 || !vq_used_addr(desc << 12, num) ||
	    num < 2 * VBLK_DESCS)
		return "its queue is not one bzboot can use";
	desc <<= 12;
	vb.io = io;
	vb.b.num = num;
	vb.b.desc = (struct vq_desc *)desc;
	vb.avail = (volatile uint16_t *)vq_avail_addr(desc, num);
	vb.used = (volatile uint16_t *)vq_used_addr(desc, num);
	return NULL;
}

const char *vblk_claim(void)
{
	uint32_t num = vb.b.num, reqs = num / VBLK_DESCS;

	if (vq_in_flight(vb.avail[1], vb.used[1]))
		return "the BIOS has requests in flight";
	reqs = num / VBLK_DESCS;
	vb.saved = heap_alloc(16 * num);
	vb.b.hdr =
	    heap_alloc(reqs * sizeof(struct vblk_hdr) + reqs + VBLK_ID_BYTES);
	if (!vb.saved || !vb.b.hdr)
		return "out of loader memory";
	vb.status = (uint8_t *)(vb.b.hdr + reqs);
	vb.issued = 0;
	vb.b.avail_ring = (uint16_t *)&vb.avail[2];
	vb.b.avail_idx = vb.avail[1];
	vb.b.hdr_addr = (uint32_t)vb.b.hdr;
	vb.b.status_addr = (uint32_t)vb.status;
	memcpy(vb.saved, vb.b.desc, 16 * num);
	vb.saved_flags = vb.avail[0];
	vb.avail[0] = vb.saved_flags | VQ_AVAIL_NO_INTR;
	return NULL;
}

/* Publishes what was built, kicks queue 0 and waits for all of it. */
static int run(uint16_t first)
{
	uint32_t n = WAIT_LOOPS;

	vb.issued += (uint16_t)(vb.b.avail_idx - first);
	asm volatile("" ::
			 : "memory"); /* the ring before the index (x86: TSO) */
	vb.avail[1] = vb.b.avail_idx;
	outw(vb.io + VIO_NOTIFY, 0);
	while (vb.used[1] != vb.b.avail_idx)
		if (!--n)
			return -1;
		else
			io_delay();
	inb(vb.io + VIO_ISR); /* lowers the interrupt line, as SeaBIOS does */
	return 0;
}

int vblk_read(uint64_t lba, uint32_t count, void *buf)
{
	uint8_t *dst = buf;

	while (count) {
		uint16_t first = vb.b.avail_idx, i;
		uint32_t n = vblk_build(&vb.b, lba, count, (uint32_t)dst);

		if (!n)
			return -1;
		memset((void *)vb.status, 0xFF, vb.b.num / VBLK_DESCS);
		if (run(first))
			return -2;
		for (i = 0; i < (uint16_t)(vb.b.avail_idx - first); i++)
			if (vb.status[i] != VBLK_S_OK)
				return vb.status[i];
		lba += n;
		dst += n * 512;
		count -= n;
	}
	return 0;
}

/* The BIOS keeps its own copy of the used index: the device's must come
 * back to it, so harmless GET_ID requests make up the rest of 65536. */
void vblk_release(void)
{
	uint32_t pad = vq_pad_count(vb.issued);

	while (pad) {
		uint32_t k = pad < vb.b.num ? pad : vb.b.num;
		uint16_t first = vb.b.avail_idx;

		vblk_build_id(&vb.b,
			      (uint32_t)(vb.status + vb.b.num / VBLK_DESCS), k);
		if (run(first))
			break; /* a dead device: nothing left to put right */
		pad -= k;
	}
	memcpy(vb.b.desc, vb.saved, 16 * vb.b.num);
	vb.avail[0] = vb.saved_flags;
}
