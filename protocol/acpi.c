// SPDX-License-Identifier: BSD-2-Clause
/* From the RSDP to S5's PM1 writes (protocol/acpi.h). Every table is
 * checked before it is believed: signature, a sane length, checksum. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "protocol/acpi.h"
#include "protocol/le.h"

#define RSDP_V1_LEN	20
#define HDR_LEN		36	  /* the common table header */
#define TABLE_MAX	0x100000u /* a table longer than 1 MiB is damage */
#define BIOS_AREA	0xE0000u
#define BIOS_AREA_LEN	0x20000u
#define EBDA_SEARCH_LEN 1024

/* AML opcodes (ACPI 6.5, 20.3). */
#define AML_ZERO	0x00
#define AML_ONE		0x01
#define AML_NAME	0x08
#define AML_BYTE_PREFIX 0x0A
#define AML_WORD_PREFIX 0x0B
#define AML_PACKAGE	0x12
#define AML_ROOT	0x5C /* '\' */

static bool sum_ok(const uint8_t *p, size_t len)
{
	uint8_t sum = 0;

	while (len--)
		sum = (uint8_t)(sum + *p++);
	return sum == 0;
}

const uint8_t *acpi_rsdp_scan(const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i + RSDP_V1_LEN <= len; i += 16)
		if (!memcmp(p + i, "RSD PTR ", 8) && sum_ok(p + i, RSDP_V1_LEN))
			return p + i;
	return NULL;
}

/* The table at addr with signature sig, checked (checksum too if
 * `check`); its length in *len. */
static const uint8_t *table(acpi_map_fn map, void *ctx, uint64_t addr,
			    const char *sig, bool check, uint32_t *len)
{
	const uint8_t *t = addr ? map(ctx, addr, HDR_LEN) : NULL;

	if (!t || memcmp(t, sig, 4))
		return NULL;
	*len = le32_get(t + 4);
	if (*len < HDR_LEN || *len > TABLE_MAX)
		return NULL;
	t = map(ctx, addr, *len);
	return t && (!check || sum_ok(t, *len)) ? t : NULL;
}

/* One element of the \_S5 package: an integer's low byte. */
static int s5_value(const uint8_t *p, const uint8_t *end, uint8_t *v,
		    const uint8_t **next)
{
	if (p >= end)
		return ACPI_ENOS5;
	if (*p == AML_ZERO || *p == AML_ONE) {
		*v = *p;
		*next = p + 1;
		return ACPI_OK;
	}
	if ((*p == AML_BYTE_PREFIX && p + 2 <= end) ||
	    (*p == AML_WORD_PREFIX && p + 3 <= end)) {
		*v = p[1];
		*next = p + (*p == AML_BYTE_PREFIX ? 2 : 3);
		return ACPI_OK;
	}
	return ACPI_ENOS5;
}

int acpi_s5_parse(const uint8_t *aml, size_t len, uint8_t *typa, uint8_t *typb)
{
	const uint8_t *end = aml + len, *p;
	size_t i;

	/* Name (\_S5_, Package () {a, b, ...}): NameOp, the name with or
	 * without the root prefix, PackageOp, PkgLength, NumElements. */
	for (i = 1; i + 4 <= len; i++) {
		if (memcmp(aml + i, "_S5_", 4))
			continue;
		if (aml[i - 1] != AML_NAME &&
		    !(i >= 2 && aml[i - 1] == AML_ROOT &&
		      aml[i - 2] == AML_NAME))
			continue;
		p = aml + i + 4;
		if (p + 2 > end || *p != AML_PACKAGE)
			continue;
		p++;
		p += 1 + (*p >> 6); /* PkgLength: bits 7-6 = bytes after */
		if (p + 1 > end || *p < 2)
			continue;
		p++; /* NumElements */
		if (!s5_value(p, end, typa, &p) && !s5_value(p, end, typb, &p))
			return ACPI_OK;
	}
	return ACPI_ENOS5;
}

int acpi_find_poweroff(acpi_map_fn map, void *ctx, uint32_t ebda,
		       struct acpi_poweroff *out)
{
	const uint8_t *rsdp = NULL, *p, *rsdt, *fadt = NULL, *dsdt;
	uint32_t rlen, flen = 0, dlen, i;

	memset(out, 0, sizeof(*out));
	if (ebda && (p = map(ctx, ebda, EBDA_SEARCH_LEN)))
		rsdp = acpi_rsdp_scan(p, EBDA_SEARCH_LEN);
	if (!rsdp && (p = map(ctx, BIOS_AREA, BIOS_AREA_LEN)))
		rsdp = acpi_rsdp_scan(p, BIOS_AREA_LEN);
	if (!rsdp)
		return ACPI_ENORSDP;
	/* The RSDT is in every revision; stage2 reaches 4 GiB only, so the
	 * XSDT's 64-bit addresses would not help. */
	rsdt = table(map, ctx, le32_get(rsdp + 16), "RSDT", true, &rlen);
	if (!rsdt)
		return ACPI_EBADTABLE;
	for (i = HDR_LEN; i + 4 <= rlen && !fadt; i += 4)
		fadt = table(map, ctx, le32_get(rsdt + i), "FACP", true, &flen);
	if (!fadt)
		return ACPI_ENOFADT;
	if (flen < ACPI_FADT_PM1B_CNT_BLK + 4)
		return ACPI_EBADTABLE;
	/* Linux only warns about a DSDT's checksum: neither does this
	 * insist on it. */
	dsdt = table(map, ctx, le32_get(fadt + ACPI_FADT_DSDT), "DSDT", false,
		     &dlen);
	if (!dsdt)
		return ACPI_ENODSDT;
	if (acpi_s5_parse(dsdt + HDR_LEN, dlen - HDR_LEN, &out->slp_typa,
			  &out->slp_typb))
		return ACPI_ENOS5;
	out->pm1a_cnt = (uint16_t)le32_get(fadt + ACPI_FADT_PM1A_CNT_BLK);
	out->pm1b_cnt = (uint16_t)le32_get(fadt + ACPI_FADT_PM1B_CNT_BLK);
	out->smi_cmd = (uint16_t)le32_get(fadt + ACPI_FADT_SMI_CMD);
	out->acpi_enable = fadt[ACPI_FADT_ACPI_ENABLE];
	return out->pm1a_cnt ? ACPI_OK : ACPI_ENOPM1;
}

const char *acpi_strerror(int err)
{
	switch (err) {
	case ACPI_OK:
		return "no error";
	case ACPI_ENORSDP:
		return "no ACPI tables (no RSDP)";
	case ACPI_EBADTABLE:
		return "the ACPI RSDT or FADT is damaged";
	case ACPI_ENOFADT:
		return "the ACPI tables have no FADT";
	case ACPI_ENODSDT:
		return "the ACPI DSDT is missing or damaged";
	case ACPI_ENOS5:
		return "the ACPI DSDT has no \\_S5 (soft off) package";
	case ACPI_ENOPM1:
		return "the ACPI FADT has no PM1a control port";
	default:
		return "unknown ACPI error";
	}
}
