/* SPDX-License-Identifier: BSD-2-Clause */
/* The pure half of bzboot's virtio-blk reads (stage2/vblk.c drives the
 * device): the split virtqueue's layout (virtio 1.x 2.7, legacy 0.9.5
 * 2.3), and read requests built as descriptor chains in a queue the BIOS
 * set up. Addresses are bus addresses: stage2 runs flat, paging off, so a
 * pointer is one. */
#ifndef BZ_DRIVERS_VIRTQ_H
#define BZ_DRIVERS_VIRTQ_H

#include <stdint.h>

#define VQ_F_NEXT	 1 /* the chain goes on at .next */
#define VQ_F_WRITE	 2 /* the device writes this buffer */
#define VQ_AVAIL_NO_INTR 1 /* avail flags: no interrupt per used buffer */

struct vq_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags, next;
};
_Static_assert(sizeof(struct vq_desc) == 16, "virtq_desc");

/* The request header virtio-blk reads first (virtio 1.x 5.2.6). */
struct vblk_hdr {
	uint32_t type, reserved;
	uint64_t sector;
};
_Static_assert(sizeof(struct vblk_hdr) == 16, "virtio_blk_req header");

#define VBLK_T_IN     0
#define VBLK_T_GET_ID 8
#define VBLK_ID_BYTES 20
#define VBLK_S_OK     0

/* Each request is three descriptors: header, data, status byte. */
#define VBLK_DESCS 3
/* The largest request bzboot builds, in sectors (1 MiB: what stage2
 * reads at a time anyway; QEMU and real devices split larger ones). */
#define VBLK_MAX_SECTORS 2048

/* Where the legacy layout puts the available and used rings of a queue
 * whose descriptor table is at desc (4 KiB-aligned) with num entries;
 * 0 when num is not a power of two from 4 to 32768 or the rings would
 * pass 4 GiB. */
uint32_t vq_avail_addr(uint32_t desc, uint32_t num);
uint32_t vq_used_addr(uint32_t desc, uint32_t num);

/* Buffers already given to the device and not yet returned, from the
 * free-running 16-bit indices. */
static inline uint16_t vq_in_flight(uint16_t avail_idx, uint16_t used_idx)
{
	return (uint16_t)(avail_idx - used_idx);
}

/* Requests that bring an index advanced by `issued` back to its value
 * mod 2^16: what a driver that shares the BIOS's queue owes it. */
static inline uint32_t vq_pad_count(uint16_t issued)
{
	return issued ? 0x10000u - issued : 0;
}

/* The queue being filled: its descriptor table (num entries), its
 * available ring (num slots) and the next index to publish, and the
 * headers and status bytes (num / 3 of each) at bus addresses hdr_addr
 * and status_addr. */
struct vblk_batch {
	struct vq_desc *desc;
	uint16_t *avail_ring;
	uint32_t num;
	uint16_t avail_idx;
	struct vblk_hdr *hdr;
	uint32_t hdr_addr, status_addr;
};

/* Builds read requests for count sectors at lba into dst, as many as the
 * table holds (at most num / 3, each at most VBLK_MAX_SECTORS), fills
 * their slots from avail_idx on (which it advances) and returns the
 * sectors they cover: 0 if the destination would pass 4 GiB. */
uint32_t vblk_build(struct vblk_batch *b, uint64_t lba, uint32_t count,
		    uint32_t dst);

/* count (at most num) GET_ID requests into buf (VBLK_ID_BYTES), all on
 * the one chain at descriptors 0-2: the harmless request that pads the
 * index (vq_pad_count); a device completes each before the next. */
void vblk_build_id(struct vblk_batch *b, uint32_t buf, uint32_t count);

#endif
