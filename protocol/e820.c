// SPDX-License-Identifier: BSD-2-Clause
/* E820 type names (protocol/e820.h). */
#include <stddef.h>
#include <stdint.h>

#include "protocol/e820.h"

const char *e820_type_name(uint32_t type)
{
	/* 6 is "disabled" in ACPI 6, 7 "persistent memory" (ACPI 6.0) */
	static const char *const names[] = {
	    NULL,	"usable",   "reserved", "ACPI data",
	    "ACPI NVS", "unusable", "disabled", "persistent",
	};

	return type < sizeof(names) / sizeof(names[0]) ? names[type] : NULL;
}
