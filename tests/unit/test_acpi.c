// SPDX-License-Identifier: BSD-2-Clause
/* protocol/acpi.c and protocol/e820.c: from the RSDP to the PM1 writes
 * that power off (the boot prompt's `poweroff` without APM), over fake
 * physical memory laid out as a BIOS lays it out, and the \_S5 forms AML
 * compilers write. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "protocol/acpi.h"
#include "protocol/e820.h"
#include "protocol/le.h"

#define MEM_SIZE 0x200000u
static uint8_t mem[MEM_SIZE];

static const uint8_t *map(void *ctx, uint64_t addr, uint32_t len)
{
	(void)ctx;
	return addr + len <= MEM_SIZE ? mem + addr : NULL;
}

static void fix_sum(uint8_t *p, size_t len, size_t at)
{
	uint8_t sum = 0;

	p[at] = 0;
	for (size_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + p[i]);
	p[at] = (uint8_t)-sum;
}

static void header(uint32_t addr, const char *sig, uint32_t len)
{
	memcpy(mem + addr, sig, 4);
	le32_put(mem + addr + 4, len);
	mem[addr + 8] = 1;
	fix_sum(mem + addr, len, 9);
}

/* \_S5 as iasl writes it for QEMU's i440fx: Name (_S5, Package (0x04)
 * {Zero, Zero, Zero, Zero}), after some other AML. */
static const uint8_t s5_qemu[] = {0x10, 0x05, '_',  'S',  'B',	'_',
				  0x08, '_',  'S',  '5',  '_',	0x12,
				  0x06, 0x04, 0x00, 0x00, 0x00, 0x00};

/* The tables: RSDP at 0xF5A00 (or in the EBDA), RSDT at 0x100000 with
 * an "APIC" entry before the FADT at 0x101000, DSDT at 0x102000. */
static void build(uint32_t rsdp, const uint8_t *aml, size_t aml_len)
{
	uint32_t rsdt = 0x100000, apic = 0x100800, fadt = 0x101000,
		 dsdt = 0x102000;

	memset(mem, 0, sizeof(mem));
	memcpy(mem + rsdp, "RSD PTR ", 8);
	le32_put(mem + rsdp + 16, rsdt);
	fix_sum(mem + rsdp, 20, 8);
	le32_put(mem + rsdt + 36, apic);
	le32_put(mem + rsdt + 40, fadt);
	header(rsdt, "RSDT", 44);
	header(apic, "APIC", 44);
	le32_put(mem + fadt + ACPI_FADT_DSDT, dsdt);
	le32_put(mem + fadt + ACPI_FADT_SMI_CMD, 0xB2);
	mem[fadt + ACPI_FADT_ACPI_ENABLE] = 0xF1;
	le32_put(mem + fadt + ACPI_FADT_PM1A_CNT_BLK, 0x604);
	header(fadt, "FACP", 116);
	memcpy(mem + dsdt + 36, aml, aml_len);
	header(dsdt, "DSDT", (uint32_t)(36 + aml_len));
}

static void test_qemu_tables(void **state)
{
	struct acpi_poweroff po;

	(void)state;
	build(0xF5A00, s5_qemu, sizeof(s5_qemu));
	assert_int_equal(acpi_find_poweroff(map, NULL, 0x9FC00, &po), 0);
	assert_int_equal(po.pm1a_cnt, 0x604);
	assert_int_equal(po.pm1b_cnt, 0);
	assert_int_equal(po.slp_typa, 0);
	assert_int_equal(po.smi_cmd, 0xB2);
	assert_int_equal(po.acpi_enable, 0xF1);
	/* the RSDP in the EBDA's first KiB is found there */
	build(0x9FC40, s5_qemu, sizeof(s5_qemu));
	assert_int_equal(acpi_find_poweroff(map, NULL, 0x9FC00, &po), 0);
	assert_int_equal(acpi_find_poweroff(map, NULL, 0, &po), ACPI_ENORSDP);
	/* not on a 16-byte boundary: not an RSDP */
	build(0xF5A08, s5_qemu, sizeof(s5_qemu));
	assert_int_equal(acpi_find_poweroff(map, NULL, 0, &po), ACPI_ENORSDP);
}

static void test_damaged_tables(void **state)
{
	struct acpi_poweroff po;

	(void)state;
	build(0xF5A00, s5_qemu, sizeof(s5_qemu));
	mem[0xF5A00 + 10]++; /* the RSDP's checksum fails */
	assert_int_equal(acpi_find_poweroff(map, NULL, 0, &po), ACPI_ENORSDP);
	build(0xF5A00, s5_qemu, sizeof(s5_qemu));
	mem[0x100000 + 40]++; /* the RSDT's */
	assert_int_equal(acpi_find_poweroff(map, NULL, 0, &po), ACPI_EBADTABLE);
	build(0xF5A00, s5_qemu, sizeof(s5_qemu));
	mem[0x101000 + 100]++; /* the FADT's */
	assert_int_equal(acpi_find_poweroff(map, NULL, 0, &po), ACPI_ENOFADT);
	build(0xF5A00, s5_qemu, sizeof(s5_qemu));
	le32_put(mem + 0x101000 + 4, 0x7FFFFFFF); /* a length past memory */
	assert_int_equal(acpi_find_poweroff(map, NULL, 0, &po), ACPI_ENOFADT);
	build(0xF5A00, s5_qemu, sizeof(s5_qemu));
	memcpy(mem + 0x102000, "SSDT", 4);
	assert_int_equal(acpi_find_poweroff(map, NULL, 0, &po), ACPI_ENODSDT);
	/* a DSDT checksum is not insisted on, as in Linux */
	build(0xF5A00, s5_qemu, sizeof(s5_qemu));
	mem[0x102000 + 9]++;
	assert_int_equal(acpi_find_poweroff(map, NULL, 0, &po), 0);
	build(0xF5A00, s5_qemu, sizeof(s5_qemu) - 4);
	assert_int_equal(acpi_find_poweroff(map, NULL, 0, &po), ACPI_ENOS5);
	build(0xF5A00, s5_qemu, sizeof(s5_qemu));
	le32_put(mem + 0x101000 + ACPI_FADT_PM1A_CNT_BLK, 0);
	fix_sum(mem + 0x101000, 116, 9);
	assert_int_equal(acpi_find_poweroff(map, NULL, 0, &po), ACPI_ENOPM1);
	assert_string_equal(acpi_strerror(ACPI_ENOS5),
			    "the ACPI DSDT has no \\_S5 (soft off) package");
}

static void test_s5_forms(void **state)
{
	/* ICH9-style with the root prefix and byte prefixes */
	static const uint8_t root[] = {0x08, '\\', '_',	 'S',  '5',
				       '_',  0x12, 0x08, 0x04, 0x0A,
				       0x05, 0x0A, 0x07, 0x00, 0x00};
	/* a two-byte PkgLength, One and a word */
	static const uint8_t wide[] = {0x08, '_',  'S',	 '5',  '_',  0x12, 0x40,
				       0x01, 0x02, 0x01, 0x0B, 0x03, 0x00};
	/* "_S5_" in a string (0x0D) that looks like a package: not a Name;
	 * the real one after it counts */
	static const uint8_t other[] = {0x0D, '_',  'S',  '5',	'_',
					0x12, 0x06, 0x04, 0x0A, 0x09,
					0x0A, 0x09, 0x00};
	static const uint8_t other_then[] = {
	    0x0D, '_',	'S',  '5',  '_',  0x12, 0x06, 0x04, 0x0A,
	    0x09, 0x0A, 0x09, 0x00, 0x08, '_',	'S',  '5',  '_',
	    0x12, 0x06, 0x04, 0x0A, 0x05, 0x0A, 0x06, 0x00};
	/* cut short */
	static const uint8_t cut[] = {0x08, '_',  'S',	'5', '_',
				      0x12, 0x06, 0x04, 0x0A};
	uint8_t a = 0xEE, b = 0xEE;

	(void)state;
	assert_int_equal(acpi_s5_parse(root, sizeof(root), &a, &b), 0);
	assert_int_equal(a, 5);
	assert_int_equal(b, 7);
	assert_int_equal(acpi_s5_parse(wide, sizeof(wide), &a, &b), 0);
	assert_int_equal(a, 1);
	assert_int_equal(b, 3);
	assert_int_equal(acpi_s5_parse(s5_qemu, sizeof(s5_qemu), &a, &b), 0);
	assert_int_equal(a, 0);
	assert_int_equal(acpi_s5_parse(other, sizeof(other), &a, &b),
			 ACPI_ENOS5);
	assert_int_equal(acpi_s5_parse(other_then, sizeof(other_then), &a, &b),
			 0);
	assert_int_equal(a, 5);
	assert_int_equal(b, 6);
	assert_int_equal(acpi_s5_parse(cut, sizeof(cut), &a, &b), ACPI_ENOS5);
}

static void test_e820_names(void **state)
{
	(void)state;
	assert_string_equal(e820_type_name(1), "usable");
	assert_string_equal(e820_type_name(2), "reserved");
	assert_string_equal(e820_type_name(3), "ACPI data");
	assert_string_equal(e820_type_name(4), "ACPI NVS");
	assert_string_equal(e820_type_name(5), "unusable");
	assert_string_equal(e820_type_name(7), "persistent");
	assert_null(e820_type_name(0));
	assert_null(e820_type_name(8));
	assert_null(e820_type_name(0xF0000000));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_qemu_tables),
	    cmocka_unit_test(test_damaged_tables),
	    cmocka_unit_test(test_s5_forms),
	    cmocka_unit_test(test_e820_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
