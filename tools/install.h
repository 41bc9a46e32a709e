// SPDX-License-Identifier: BSD-2-Clause
// What the two install paths share (install.c: the MBR; pbr.c: a volume's
// boot sector).
#ifndef BZ_TOOLS_INSTALL_H
#define BZ_TOOLS_INSTALL_H

#include <stddef.h>
#include <stdint.h>

#include "tools/disk.h"

/* LBA lba still reads as `was` (512 bytes): nothing rewrote it since the
 * checks. 0, or -1 with a message. */
int install_check_unchanged(struct disk *d, uint64_t lba, const uint8_t *was);

/* Reading back `sectors` at lba gives `want`. 0, or -1 with a message. */
int install_verify(struct disk *d, uint64_t lba, const void *want,
		   size_t sectors);

#endif
