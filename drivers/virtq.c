// SPDX-License-Identifier: BSD-2-Clause
/* Virtqueue layout and virtio-blk read chains (drivers/virtq.h). */
#include <stddef.h>
#include <stdint.h>

#include "drivers/virtq.h"

#define VQ_ALIGN 4096u /* the legacy interface's ring alignment */

static int num_ok(uint32_t num)
{
	return num >= 4 && num <= 32768 && !(num & (num - 1));
}

uint32_t vq_avail_addr(uint32_t desc, uint32_t num)
{
	uint64_t used_end;

	if (!num_ok(num))
		return 0;
	/* The whole queue, to the end of the used ring, below 4 GiB. */
	used_end =
	    (uint64_t)desc + 16 * num + 6 + 2 * num + VQ_ALIGN + 6 + 8 * num;
	return used_end > 0x100000000ull ? 0 : desc + 16 * num;
}

uint32_t vq_used_addr(uint32_t desc, uint32_t num)
{
	uint32_t avail = vq_avail_addr(desc, num);

	if (!avail)
		return 0;
	/* flags, idx, ring[num], used_event; then the next boundary */
	return (avail + 6 + 2 * num + VQ_ALIGN - 1) & ~(VQ_ALIGN - 1);
}

static void chain(struct vblk_batch *b, uint32_t head, uint32_t type,
		  uint64_t sector, uint32_t data, uint32_t len)
{
	struct vq_desc *d = &b->desc[head];
	uint32_t r = head / VBLK_DESCS;

	b->hdr[r].type = type;
	b->hdr[r].reserved = 0;
	b->hdr[r].sector = sector;
	d[0].addr = b->hdr_addr + r * sizeof(struct vblk_hdr);
	d[0].len = sizeof(struct vblk_hdr);
	d[0].flags = VQ_F_NEXT;
	d[0].next = (uint16_t)(head + 1);
	d[1].addr = data;
	d[1].len = len;
	d[1].flags = VQ_F_NEXT | VQ_F_WRITE;
	d[1].next = (uint16_t)(head + 2);
	d[2].addr = b->status_addr + r;
	d[2].len = 1;
	d[2].flags = VQ_F_WRITE;
	d[2].next = 0;
	b->avail_ring[b->avail_idx % b->num] = (uint16_t)head;
	b->avail_idx++;
}

uint32_t vblk_build(struct vblk_batch *b, uint64_t lba, uint32_t count,
		    uint32_t dst)
{
	uint32_t done = 0, head;

	if ((uint64_t)dst + (uint64_t)count * 512 > 0x100000000ull)
		return 0;
	for (head = 0; count && head + VBLK_DESCS <= b->num;
	     head += VBLK_DESCS) {
		uint32_t n =
		    count < VBLK_MAX_SECTORS ? count : VBLK_MAX_SECTORS;

		chain(b, head, VBLK_T_IN, lba, dst, n * 512);
		lba += n;
		dst += n * 512;
		count -= n;
		done += n;
	}
	return done;
}

void vblk_build_id(struct vblk_batch *b, uint32_t buf, uint32_t count)
{
	chain(b, 0, VBLK_T_GET_ID, 0, buf, VBLK_ID_BYTES);
	while (--count) /* the same chain again: QEMU completes it in turn */
		b->avail_ring[b->avail_idx++ % b->num] = 0;
}
