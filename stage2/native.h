/* SPDX-License-Identifier: BSD-2-Clause */
/* Native disk reads (docs/architecture.md, "Native reads"): while the
 * files of a boot load, the boot disk's controller is driven directly
 * (today: virtio-blk) once it has read the same bytes as INT 13h; the
 * BIOS path stays the fallback for everything else. */
#ifndef BZ_STAGE2_NATIVE_H
#define BZ_STAGE2_NATIVE_H

#include <stdbool.h>
#include <stdint.h>
#include "volume.h"

/* Cleared by the config's NATIVE 0 and by `bzboot install --no-native`. */
extern bool native_allowed;
/* What `info` shows: the native path and its state, "" before a load. */
extern char native_info[64];

/* Before the files of a boot load: find the boot disk's controller,
 * prove it, take it. Prints one line when one was found but not used. */
void native_begin(struct volume *v);
/* Gives the controller back to the BIOS (before any later INT 13h read;
 * disk_read does it itself for a read it sends to the BIOS). */
void native_end(void);
/* disk_read's hook: true when the read was done natively; false sends it
 * to INT 13h (after a native failure, with one line saying so). */
bool native_read(const struct disk *d, uint64_t lba, uint32_t count, void *buf);
/* After a file's " ok": which path read it, then the newline. */
void native_note(void);

/* The virtio-blk driver (stage2/vblk.c). bdf = bus << 8 | dev << 3 | fn.
 * probe: "" not a device it drives, NULL one it can use, else why not;
 * claim: takes the BIOS's queue (after the last BIOS read), NULL or why
 * not; release: gives it back as the BIOS left it. */
const char *vblk_probe(uint32_t bdf);
const char *vblk_claim(void);
int vblk_read(uint64_t lba, uint32_t count, void *buf);
void vblk_release(void);

#endif
