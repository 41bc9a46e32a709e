/* SPDX-License-Identifier: BSD-2-Clause */
/* The A20 gate: the kernel is loaded at 1 MiB, so it must be open. */
#ifndef BZ_STAGE2_A20_H
#define BZ_STAGE2_A20_H

/* Opens A20 and checks it. Returns the method that worked ("already on",
 * "BIOS", "8042", "port 0x92") or NULL if none did. */
const char *a20_enable(void);

#endif
