/* SPDX-License-Identifier: BSD-2-Clause */
/* Native disk reads (docs/architecture.md, "Native reads"): while the
 * files of a boot load, the boot disk's controller is driven directly
 * (today: virtio-blk, by the native module) once it has read the same
 * bytes as INT 13h; the BIOS path stays the fallback for everything else.
 * The core keeps this hook; the driver is stage2/mod_native.c. */
#ifndef BZ_STAGE2_NATIVE_H
#define BZ_STAGE2_NATIVE_H

#include <stdbool.h>
#include <stdint.h>
#include "io.h"
#include "volume.h"

struct memory;

/* Cleared by the config's NATIVE 0. */
extern bool native_allowed;
/* What `info` shows: the native path and its state, "" before a load. */
extern char native_info[64];

/* Before the files of a boot load: find the boot disk's controller,
 * prove it, take it. Prints one line when one was found but not used. */
void native_begin(struct volume *v, const struct memory *mem);
/* Gives the controller back to the BIOS (before any later INT 13h read;
 * disk_read does it itself for a read it sends to the BIOS). */
void native_end(void);
/* disk_read's hook: true when the read was done natively; false sends it
 * to INT 13h (after a native failure, with one line saying so). */
bool native_read(const struct disk *d, uint64_t lba, uint32_t count, void *buf);
/* After a file's " ok": which path read it, then the newline. */
void native_note(void);

/* PCI configuration dword `reg` of bdf (bus << 8 | dev << 3 | fn). */
static inline uint32_t pci_read(uint32_t bdf, unsigned reg)
{
	outl(0xCF8, 0x80000000u | bdf << 8 | reg);
	return inl(0xCFC);
}

#define NATIVE_VIRTIO_BLK 0x10011AF4u /* device << 16 | vendor */

/* The native module's entry table (stage2/mod_native.c): entry 0 is the
 * address of its struct mod_native_ops. It stays resident from begin to
 * release: nothing loads another module while the files of a boot load. */
enum { MOD_NATIVE_OPS = 0, MOD_NATIVE_ENTRIES };
struct mod_native_ops {
	/* Proves the function at bdf against INT 13h (drive's sectors) and
	 * takes its queue: NULL, or why not. Fills native_info. */
	const char *(*begin)(struct volume *v, uint32_t bdf);
	/* 0, or the device's status (> 0) or -2 for a timeout. */
	int (*read)(uint64_t lba, uint32_t count, void *buf);
	/* Gives the queue back as the BIOS left it. */
	void (*release)(void);
};

/* The virtio-blk driver (stage2/vblk.c, in the module): probe NULL or
 * why the function cannot be used; claim takes the BIOS's queue (after
 * the last BIOS read), NULL or why not; release gives it back. */
const char *vblk_probe(uint32_t bdf);
const char *vblk_claim(void);
int vblk_read(uint64_t lba, uint32_t count, void *buf);
void vblk_release(void);

#endif
