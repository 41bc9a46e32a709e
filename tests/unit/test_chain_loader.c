// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for cmdline/chain_loader.c: chain.c32's file=, seg=,
 * sect= and OS-loader words read through chain_parse as SYSLINUX 6.04's
 * com32/chain/options.c sets them, the checks after the last word, and
 * the registers mangle.c hands each over. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "cmdline/chain_args.h"

static struct chain_args a;
static char word[CHAIN_WORD_MAX];
static struct chain_regs r;

static void parses(const char *args)
{
	memset(&a, 0xA5, sizeof(a));
	assert_int_equal(chain_parse(args, &a, word), CHAIN_OK);
	assert_null(chain_load_conflict(&a.ld, a.bpb != 0));
}

/* file at fseg:foff entered at fseg:fip, sector at sseg:soff */
static void at(uint32_t fseg, uint32_t foff, uint32_t fip, uint32_t sseg,
	       uint32_t soff)
{
	assert_int_equal(a.ld.fseg, fseg);
	assert_int_equal(a.ld.foff, foff);
	assert_int_equal(a.ld.fip, fip);
	assert_int_equal(a.ld.sseg, sseg);
	assert_int_equal(a.ld.soff, soff);
}

static void test_defaults_no_file(void **state)
{
	(void)state;
	parses("hd0 1");
	assert_string_equal(a.ld.file, "");
	assert_true(a.ld.sect);
	assert_true(a.ld.maps);
	assert_int_equal(a.bpb, 0);
	at(0, 0x7C00, 0x7C00, 0, 0x7C00);
}

static void test_file_and_seg(void **state)
{
	(void)state;
	parses("hd0 1 file=/boot/x.bs");
	assert_string_equal(a.ld.file, "/boot/x.bs");
	assert_int_equal(a.ld.kind, CHAIN_LDR_FILE);
	assert_true(a.hand);
	at(0, 0x7C00, 0x7C00, 0, 0x7C00);
	parses("file=x seg=0x2000");
	at(0x2000, 0, 0, 0, 0x7C00);
	parses("file=x seg=0x800::0x200"); /* omitted fields are 0 */
	at(0x800, 0, 0x200, 0, 0x7C00);
	parses("file=x seg=0x1000:0x100:0x104 sect=0x3000");
	at(0x1000, 0x100, 0x104, 0x3000, 0);
	parses("file=x nofile");
	assert_string_equal(a.ld.file, "");
}

static void test_loaders(void **state)
{
	(void)state;
	parses("hd0 1 ntldr=/ntldr");
	assert_string_equal(a.ld.file, "/ntldr");
	at(0x2000, 0, 0, 0, 0x7C00);
	assert_int_equal(a.bpb, CHAIN_BPB_ALL);
	assert_false(a.hand);
	assert_true(a.ld.maps);
	parses("cmldr=/cmldr");
	assert_int_equal(a.ld.kind, CHAIN_LDR_CMLDR);
	at(0x2000, 0, 0, 0, 0x7C00);
	parses("reactos=/freeldr.sys");
	at(0x0F80, 0, 0, 0, 0x7C00);
	parses("freedos=/kernel.sys"); /* the sector where its bs moves */
	at(0x60, 0, 0, 0x1FE0, 0x7C00);
	parses("msdos=/io.sys");
	at(0x70, 0, 0, 0x8000, 0x7C00);
	parses("pcdos=/ibmbio.com");
	at(0x70, 0, 0, 0x8000, 0x7C00);
	parses("msdos7=/io.sys");
	at(0x70, 0, 0x200, 0x8000, 0x7C00);
	parses("drmk=/dellbio.bin");
	at(0x70, 0, 0, 0x2000, 0);
	assert_int_equal(a.ld.sip, 0);
	parses("grldr=/grldr");
	assert_int_equal(a.ld.kind, CHAIN_LDR_GRLDR);
	assert_false(a.ld.sect);
	assert_false(a.ld.maps); /* doc/chain.txt: nosect sets nomaps */
	parses("isolinux=/isolinux.bin");
	assert_int_equal(a.ld.kind, CHAIN_LDR_ISOLINUX);
	parses("bss=/x.bss");
	assert_int_equal(a.ld.kind, CHAIN_LDR_BSS);
	assert_true(a.ld.sect);
	assert_false(a.ld.maps);
	assert_int_equal(a.bpb, CHAIN_BPB_ALL);
	assert_true(a.hand);
	parses("bs=/x.bs");
	assert_false(a.ld.sect);
	assert_true(a.ld.filebpb);
	parses("ntldr=/ntldr hand"); /* the rightmost word wins */
	assert_true(a.hand);
	parses("bootmgr=/bootmgr"); /* bzboot's name for ntldr= */
	at(0x2000, 0, 0, 0, 0x7C00);
}

static void test_refused(void **state)
{
	(void)state;
	assert_int_equal(chain_parse("file=x seg=0x40", &a, word),
			 CHAIN_EADDRESS); /* below 0x500 */
	assert_string_equal(word, "seg=0x40");
	assert_int_equal(chain_parse("seg=0x2000:0:0xffff", &a, word),
			 CHAIN_EADDRESS); /* the entry offset */
	assert_int_equal(chain_parse("seg=0x2000:zz", &a, word),
			 CHAIN_EADDRESS);
	assert_int_equal(chain_parse("sect=0x10000", &a, word), CHAIN_EADDRESS);
	assert_int_equal(chain_parse("hd0 1 nosect setbpb", &a, word),
			 CHAIN_OK);
	assert_string_equal(chain_load_conflict(&a.ld, a.bpb != 0), "setbpb");
	assert_int_equal(chain_parse("filebpb", &a, word), CHAIN_OK);
	assert_string_equal(chain_load_conflict(&a.ld, a.bpb != 0), "filebpb");
	assert_int_equal(chain_parse("grldr=/g maps", &a, word), CHAIN_OK);
	assert_string_equal(chain_load_conflict(&a.ld, a.bpb != 0), "maps");
}

static void test_regs_sector_image(void **state)
{
	(void)state;
	/* file= at 0:7C00: the sector is not mapped over it, the entry is
	 * handed over at 0:07BE */
	parses("hd0 1 file=/x.bs");
	a.ld.maps = false; /* as the overlap makes it */
	chain_load_regs(&a.ld, 0x80, true, false, 1, &r);
	assert_int_equal(r.cs, 0);
	assert_int_equal(r.ip, 0x7C00);
	assert_int_equal(r.ss, 0);
	assert_int_equal(r.esp, 0x7C00);
	assert_int_equal(r.ds, 0);
	assert_int_equal(r.esi, 0x7BE);
	assert_int_equal(r.ebp, 0x7BE);
	assert_int_equal(r.dx, 0x80);
	assert_int_equal(r.bx, 0x80);
	assert_int_equal(r.eax, 0);
	chain_load_regs(&a.ld, 0x81, true, true, 2, &r); /* GPT: "!GPT" */
	assert_int_equal(r.eax, 0x54504721);
}

static void test_regs_loaders(void **state)
{
	(void)state;
	parses("hd0 1 ntldr=/ntldr"); /* DS:SI -> the sector at 0:7C00 */
	chain_load_regs(&a.ld, 0x80, a.hand, false, 1, &r);
	assert_int_equal(r.cs, 0x2000);
	assert_int_equal(r.ip, 0);
	assert_int_equal(r.ss, 0x2000);
	assert_int_equal(r.esp, 0);
	assert_int_equal(r.ds, 0);
	assert_int_equal(r.esi, 0x7C00);
	assert_int_equal(r.ebp, 0x7C00);
	assert_int_equal(r.bx, 0x80);
	parses("hd0 1 freedos=/kernel.sys");
	chain_load_regs(&a.ld, 0x80, a.hand, false, 1, &r);
	assert_int_equal(r.cs, 0x60);
	assert_int_equal(r.ds, 0x1FE0);
	assert_int_equal(r.esi, 0x7C00);
	parses("hd0 5 grldr=/grldr"); /* DH = partition - 1, no DS:SI */
	chain_load_regs(&a.ld, 0x81, a.hand, false, 5, &r);
	assert_int_equal(r.cs, 0);
	assert_int_equal(r.ip, 0x7C00);
	assert_int_equal(r.esp, 0x7C00);
	assert_int_equal(r.dx, 0x0481);
	assert_int_equal(r.esi, 0);
	chain_load_regs(&a.ld, 0x80, a.hand, false, 0, &r); /* the disk */
	assert_int_equal(r.dx, 0xFF80);
	parses("hd0 1 msdos7=/io.sys");
	chain_load_regs(&a.ld, 0x80, a.hand, false, 1, &r);
	assert_int_equal(r.cs, 0x70);
	assert_int_equal(r.ip, 0x200);
	assert_int_equal(r.ds, 0x8000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_defaults_no_file),
	    cmocka_unit_test(test_file_and_seg),
	    cmocka_unit_test(test_loaders),
	    cmocka_unit_test(test_refused),
	    cmocka_unit_test(test_regs_sector_image),
	    cmocka_unit_test(test_regs_loaders),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
