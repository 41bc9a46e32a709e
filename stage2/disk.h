/* SPDX-License-Identifier: BSD-2-Clause */
/* BIOS disk reads: INT 13h extensions (AH=42h) or CHS (AH=02h), through
 * the 64 KiB bounce buffer, in the largest runs the BIOS accepts. */
#ifndef BZ_STAGE2_DISK_H
#define BZ_STAGE2_DISK_H

#include <stdbool.h>
#include <stdint.h>

#define DISK_MAX_COUNT 127 /* sectors per call: Phoenix's limit */

enum disk_err {
	DISK_EIO = -1,	     /* the BIOS failed: err_lba, err_status */
	DISK_ERANGE = -2,    /* past the end of the disk / CHS window */
	DISK_ENOGEOM = -3,   /* no extensions and no CHS geometry */
	DISK_ESECTSIZE = -4, /* the BIOS reports sectors other than 512 */
};

struct disk {
	uint8_t drive;
	bool edd;	     /* AH=42h usable */
	uint16_t spt, heads; /* CHS geometry (AH=08h) */
	uint32_t cyls;
	uint64_t sectors;   /* size from AH=48h, 0 if unknown */
	uint32_t max_count; /* halves when a BIOS refuses large reads */
	uint64_t err_lba;   /* the sector that failed */
	uint8_t err_status; /* the BIOS status byte (AH) for it */
	int last_err;	    /* the last error disk_read returned */
};

int disk_init(struct disk *d, uint8_t drive);
int disk_read(struct disk *d, uint64_t lba, uint32_t count, void *buf);
/* struct blockdev's read(), with ctx = struct disk * */
int disk_blockdev_read(void *ctx, uint64_t lba, uint32_t count, void *buf);
const char *disk_strerror(int err);
/* "read error at LBA 1234 (BIOS status 0x04)" style detail of the last
 * failure, for the one-line messages stage2 prints. */
void disk_describe_error(const struct disk *d, char *buf, int size);

#endif
