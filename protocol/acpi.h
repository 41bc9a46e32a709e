// SPDX-License-Identifier: BSD-2-Clause
/* What the boot prompt's `poweroff` needs from ACPI when the BIOS has no
 * APM: the RSDP, the RSDT, the FADT's PM1 control ports and the DSDT's
 * \_S5 package (SLP_TYPa/b), as the ACPI specification lays them out
 * (5.2.5 RSDP, 5.2.7 RSDT, 5.2.9 FADT, 7.4.2 \_Sx). Pure: memory is
 * reached through the caller's map(), so the tests can fake it. */
#ifndef BZ_PROTOCOL_ACPI_H
#define BZ_PROTOCOL_ACPI_H

#include <stddef.h>
#include <stdint.h>

enum acpi_err {
	ACPI_OK = 0,
	ACPI_ENORSDP = -1,   /* no RSDP in the EBDA or 0xE0000-0xFFFFF */
	ACPI_EBADTABLE = -2, /* RSDT or FADT damaged or out of reach */
	ACPI_ENOFADT = -3,   /* the RSDT lists no FADT ("FACP") */
	ACPI_ENODSDT = -4,   /* the FADT's DSDT is missing or damaged */
	ACPI_ENOS5 = -5,     /* the DSDT has no readable \_S5 package */
	ACPI_ENOPM1 = -6,    /* the FADT has no PM1a control port */
};

/* FADT fields (ACPI 6.5, table 5.9: byte offsets). */
#define ACPI_FADT_DSDT	       40
#define ACPI_FADT_SMI_CMD      48
#define ACPI_FADT_ACPI_ENABLE  52
#define ACPI_FADT_PM1A_CNT_BLK 64
#define ACPI_FADT_PM1B_CNT_BLK 68

/* PM1 control register bits (4.8.3.2.1). */
#define ACPI_PM1_SCI_EN	       0x0001
#define ACPI_PM1_SLP_TYP_SHIFT 10
#define ACPI_PM1_SLP_EN	       0x2000

/* What entering S5 (soft off) takes: write SLP_TYPa << 10 | SLP_EN to
 * PM1a_CNT (and SLP_TYPb to PM1b_CNT when there is one); first, if
 * SCI_EN is clear and there is an SMI_CMD port, ACPI_ENABLE to it. */
struct acpi_poweroff {
	uint16_t pm1a_cnt, pm1b_cnt;
	uint8_t slp_typa, slp_typb;
	uint16_t smi_cmd;
	uint8_t acpi_enable;
};

/* Returns `len` readable bytes at physical `addr`, or NULL when they are
 * out of reach (above 4 GiB, say). */
typedef const uint8_t *(*acpi_map_fn)(void *ctx, uint64_t addr, uint32_t len);

/* The RSDP in [p, p + len) at a 16-byte boundary with a good checksum,
 * or NULL. */
const uint8_t *acpi_rsdp_scan(const uint8_t *p, size_t len);

/* SLP_TYPa and SLP_TYPb of the \_S5 package in the AML of a DSDT (after
 * its 36-byte header). 0 or ACPI_ENOS5. */
int acpi_s5_parse(const uint8_t *aml, size_t len, uint8_t *typa, uint8_t *typb);

/* From the RSDP (searched in the EBDA at `ebda`, then the BIOS area) to
 * what `out` says. 0 or a negative enum acpi_err. */
int acpi_find_poweroff(acpi_map_fn map, void *ctx, uint32_t ebda,
		       struct acpi_poweroff *out);

const char *acpi_strerror(int err);

#endif
