// SPDX-License-Identifier: BSD-2-Clause
/* The native module: the virtio-blk driver (stage2/vblk.c, drivers/virtq.c)
 * and the proof that it reads what INT 13h reads. This file is its header,
 * entry table and that proof; tools/seal-module.c fills size, checksum and
 * stage2 identity. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "heap.h"
#include "module.h"
#include "native.h"

#define VERIFY_SECTORS 8 /* per place compared */

/* The MBR, the volume's first sectors, the middle and the end of the
 * disk, read by both paths, the BIOS's first: no BIOS read may come
 * between the claim and the release. */
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
	for (i = 0; i < 4; i++)
		if (vblk_read(at[i], VERIFY_SECTORS, bios + (4 + i) * len) ||
		    memcmp(bios + i * len, bios + (4 + i) * len, len)) {
			vblk_release();
			return "it read other bytes than INT 13h";
		}
	return NULL;
}

static const char *begin(struct volume *v, uint32_t bdf)
{
	const char *why = vblk_probe(bdf);

	if (!why)
		why = same_bytes(v);
	snprintf(native_info, sizeof(native_info),
		 "virtio-blk at PCI %02x:%02x.%x%s", (unsigned)bdf >> 8,
		 (bdf >> 3) & 31, (unsigned)bdf & 7, why ? ", not used" : "");
	return why;
}

static const struct mod_native_ops ops = {begin, vblk_read, vblk_release};

__attribute__((section(".module.header"), used))
const struct bzmod_header module_header = {
    .magic = BZMOD_MAGIC,
    .abi = BZMOD_ABI,
    .nentries = MOD_NATIVE_ENTRIES,
    .name = "native",
    .entry = {[MOD_NATIVE_OPS] = (uint32_t)&ops},
};
