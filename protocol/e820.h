// SPDX-License-Identifier: BSD-2-Clause
/* E820 memory types by name (ACPI 6.5, table 15.1), for the boot prompt's
 * `info`. */
#ifndef BZ_PROTOCOL_E820_H
#define BZ_PROTOCOL_E820_H

#include <stdint.h>

/* "usable", "reserved", "ACPI data", "ACPI NVS", "unusable", "disabled",
 * "persistent"; NULL for a type it does not know. */
const char *e820_type_name(uint32_t type);

#endif
