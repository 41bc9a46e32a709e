// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for cmdline/c32_branch.c: which SYSLINUX module a path
 * names, the argument words, the CPU features from made-up CPUID leaves,
 * and what ifcpu64.c32, ifcpu.c32, whichsys.c32 and reboot.c32 choose. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "cmdline/c32_branch.h"
#include "tests/unit/support/cfg_test.h"

static char out[CFG_APPEND_MAX];
static char buf[1024];
static const char *argv[C32_MAX_ARGS];

/* line split into argv at blanks, as c32_args does it. */
static int split(const char *line)
{
	static struct cfg_boot b;

	memset(&b, 0, sizeof(b));
	strcpy(b.append, line);
	return c32_args(&b, buf, sizeof(buf), argv);
}

static void test_module_id(void **state)
{
	(void)state;
	assert_int_equal(c32_module_id("ifcpu64.c32"), C32_IFCPU64);
	assert_int_equal(c32_module_id("/boot/syslinux/IFCPU.C32"), C32_IFCPU);
	assert_int_equal(c32_module_id("whichsys.c32"), C32_WHICHSYS);
	assert_int_equal(c32_module_id("x/reboot.c32"), C32_REBOOT);
	assert_int_equal(c32_module_id("poweroff.c32"), C32_POWEROFF);
	assert_int_equal(c32_module_id("myifcpu64.c32"), C32_NONE);
	assert_int_equal(c32_module_id("ifcpu64.c32/x"), C32_NONE);
	assert_int_equal(c32_module_id("chain.c32"), C32_NONE);
}

/* Built-in modules are not warned of as types bzboot cannot boot. */
static void test_no_type_warning(void **state)
{
	(void)state;
	cfg_test_parse("LABEL a\n COM32 /x/ifcpu64.c32\n APPEND a -- b\n"
		       "LABEL b\n KERNEL IFCPU.C32\nLABEL c\n COM32 "
		       "whichsys.c32\nLABEL d\n COM32 reboot.c32\n"
		       "LABEL e\n KERNEL poweroff.c32\n"
		       "LABEL f\n COM32 myreboot.c32\n");
	assert_int_equal(cfg_parsed.nwarnings, 1);
	cfg_test_assert_warning(0, 13, CFG_W_TYPE);
	/* a typed line naming one resolves as a COM32 module */
	cfg_test_resolve_ok("ifcpu64.c32 x -- y");
	assert_int_equal(cfg_resolved.type, CFG_KT_COM32);
	assert_string_equal(cfg_resolved.extra, "x -- y");
}

static void test_args(void **state)
{
	struct cfg_boot b;
	char small[8];

	(void)state;
	memset(&b, 0, sizeof(b));
	strcpy(b.kernel_args, "a  b");
	strcpy(b.append, "\tc -- d");
	strcpy(b.extra, "e");
	assert_int_equal(c32_args(&b, buf, sizeof(buf), argv), 6);
	assert_string_equal(argv[0], "a");
	assert_string_equal(argv[2], "c");
	assert_string_equal(argv[3], "--");
	assert_string_equal(argv[5], "e");
	/* a word that does not fit: no half words */
	assert_int_equal(c32_args(&b, small, sizeof(small), argv), -1);
	assert_int_equal(split(""), 0);
}

/* A made-up CPU: leaves 0, 1, 4, 8000_0000h, 8000_0001h, 8000_0008h. */
struct fake_cpu {
	struct c32_cpuid l0, l1, l4, e0, e1, e8;
	unsigned calls_beyond; /* leaves asked that the CPU did not report */
};

static void fake_cpuid(void *ctx, uint32_t leaf, struct c32_cpuid *r)
{
	struct fake_cpu *c = ctx;

	switch (leaf) {
	case 0:
		*r = c->l0;
		break;
	case 1:
		*r = c->l1;
		break;
	case 4:
		*r = c->l4;
		break;
	case 0x80000000u:
		*r = c->e0;
		break;
	case 0x80000001u:
		*r = c->e1;
		break;
	case 0x80000008u:
		*r = c->e8;
		break;
	default:
		memset(r, 0, sizeof(*r));
	}
	if ((leaf < 0x80000000u && leaf > c->l0.eax) ||
	    (leaf > 0x80000000u && leaf > c->e0.eax))
		c->calls_beyond++;
}

static void vendor(struct fake_cpu *c, const char *v)
{
	memcpy(&c->l0.ebx, v, 4);
	memcpy(&c->l0.edx, v + 4, 4);
	memcpy(&c->l0.ecx, v + 8, 4);
}

/* QEMU's qemu64: AMD, long mode, PAE, one core, TCG's hypervisor bit. */
static struct fake_cpu qemu64(void)
{
	struct fake_cpu c = {0};

	vendor(&c, "AuthenticAMD");
	c.l0.eax = 0xd;
	c.l1.edx = 1u << 6;
	c.l1.ecx = 1u << 31;
	c.e0.eax = 0x8000000a;
	c.e1.edx = 1u << 29;
	return c;
}

static void test_cpu_features(void **state)
{
	struct fake_cpu c = qemu64();

	(void)state;
	assert_int_equal(c32_cpu_features(true, fake_cpuid, &c),
			 C32_CPU_LM | C32_CPU_PAE | C32_CPU_HYPERVISOR);
	/* 4 cores (AMD counts ECX[7:0] + 1), and SVM */
	c.e8.ecx = 3;
	c.e1.ecx = 1u << 2;
	assert_int_equal(c32_cpu_features(true, fake_cpuid, &c),
			 C32_CPU_LM | C32_CPU_PAE | C32_CPU_HYPERVISOR |
			     C32_CPU_HVM | C32_CPU_MULTICORE);
	/* 3 is no power of two: one core, as SYSLINUX takes it */
	c.e8.ecx = 2;
	assert_false(c32_cpu_features(true, fake_cpuid, &c) &
		     C32_CPU_MULTICORE);
	assert_int_equal(c.calls_beyond, 0);

	/* A 32-bit Intel CPU without extended leaves: PAE and VMX, and
	 * leaf 4's core count; long mode is never read from a leaf the CPU
	 * does not report (its 8000_0001h would say anything). */
	memset(&c, 0, sizeof(c));
	vendor(&c, "GenuineIntel");
	c.l0.eax = 4;
	c.l1.edx = 1u << 6;
	c.l1.ecx = 1u << 5;
	c.l4.eax = 1u << 26;
	c.e0.eax = 4; /* no extended group: leaf 4's answer repeated */
	c.e1.edx = 1u << 29;
	assert_int_equal(c32_cpu_features(true, fake_cpuid, &c),
			 C32_CPU_PAE | C32_CPU_HVM | C32_CPU_MULTICORE);
	/* A Pentium without PAE reports nothing; no CPUID: nothing asked */
	c.l1.edx = 0;
	c.l1.ecx = 0;
	c.l0.eax = 1;
	assert_int_equal(c32_cpu_features(true, fake_cpuid, &c), 0);
	assert_int_equal(c32_cpu_features(false, NULL, NULL), 0);
}

static void test_mp_found(void **state)
{
	uint8_t mem[64] = {0};
	uint8_t sum = 0;

	(void)state;
	memcpy(mem + 32, "_MP_", 4);
	mem[32 + 8] = 1; /* length in paragraphs */
	mem[32 + 9] = 4; /* MP 1.4 */
	for (int i = 32; i < 48; i++)
		sum = (uint8_t)(sum + mem[i]);
	mem[32 + 10] = (uint8_t)-sum;
	assert_true(c32_mp_found(mem, sizeof(mem)));
	assert_false(c32_mp_found(mem, 40)); /* cut short */
	mem[32 + 11] = 1;		     /* the checksum fails */
	assert_false(c32_mp_found(mem, sizeof(mem)));
	mem[32 + 11] = 0;
	memmove(mem + 8, mem + 32, 16); /* not on a 16-byte boundary */
	memset(mem + 32, 0, 16);
	assert_false(c32_mp_found(mem, sizeof(mem)));
}

static const char *ifcpu64(const char *line, unsigned cpu)
{
	c32_ifcpu64(split(line), argv, cpu, out, sizeof(out));
	return out;
}

#define LONG (C32_CPU_LM | C32_CPU_PAE)

static void test_ifcpu64(void **state)
{
	(void)state;
	/* three commands: long, PAE, 32-bit */
	assert_string_equal(ifcpu64("l64 x=1 -- pae -- i386 y", LONG),
			    "l64 x=1");
	assert_string_equal(ifcpu64("l64 x=1 -- pae -- i386 y", C32_CPU_PAE),
			    "pae");
	assert_string_equal(ifcpu64("l64 x=1 -- pae -- i386 y", 0), "i386 y");
	/* two: the second serves PAE and 32-bit CPUs */
	assert_string_equal(ifcpu64("amd64 -- i386", C32_CPU_PAE), "i386");
	assert_string_equal(ifcpu64("amd64 -- i386", 0), "i386");
	assert_string_equal(ifcpu64("amd64 -- i386", LONG), "amd64");
	/* after the second --, the rest (another -- too) is the 32-bit one */
	assert_string_equal(ifcpu64("a -- b -- c -- d", 0), "c -- d");
	/* one command for all, and empty ones (the DEFAULT, says the caller) */
	assert_string_equal(ifcpu64("only one", 0), "only one");
	assert_string_equal(ifcpu64("-- i386", LONG), "");
	assert_string_equal(ifcpu64("", LONG), "");
	/* hypervisor and the others change nothing */
	assert_string_equal(ifcpu64("a -- b", ~0u & ~C32_CPU_LM), "b");
}

static struct c32_ifcpu r;

static const char *ifcpu(const char *line, unsigned cpu)
{
	const char *err =
	    c32_ifcpu(split(line), argv, cpu, &r, out, sizeof(out));

	return err ? err : out;
}

static void test_ifcpu(void **state)
{
	(void)state;
	assert_string_equal(ifcpu("64 -- big -- small", LONG), "big");
	assert_true(r.match);
	assert_string_equal(ifcpu("64 -- big -- small", C32_CPU_PAE), "small");
	assert_false(r.match);
	/* every flag must hold */
	assert_string_equal(ifcpu("64 hvm -- v -- nv", LONG), "nv");
	assert_string_equal(ifcpu("64 hvm -- v -- nv", LONG | C32_CPU_HVM),
			    "v");
	assert_string_equal(
	    ifcpu("hypervisor -- vm -- metal x", C32_CPU_HYPERVISOR), "vm");
	assert_string_equal(ifcpu("hypervisor -- vm -- metal x", LONG),
			    "metal x");
	assert_string_equal(
	    ifcpu("multicore smp -- m -- u", C32_CPU_MULTICORE | C32_CPU_SMP),
	    "m");
	assert_string_equal(ifcpu("pae -- p -- np", C32_CPU_PAE), "p");
	/* no flags at all: a match */
	assert_string_equal(ifcpu("-- yes -- no", 0), "yes");
	/* no else: the then command either way, as SYSLINUX */
	assert_string_equal(ifcpu("64 -- big", 0), "big");
	/* SYSLINUX reads flags in the then command too */
	assert_string_equal(ifcpu("-- pae -- no", 0), "no");
	/* options */
	assert_string_equal(ifcpu("debug dry-run pae -- a -- b", 0), "b");
	assert_true(r.debug);
	assert_true(r.dry_run);
	assert_string_equal(ifcpu("pae -- a -- b", 0), "b");
	assert_false(r.debug || r.dry_run);
	/* what it refuses */
	assert_string_equal(ifcpu("", 0),
			    "no arguments: ifcpu.c32 [debug] [dry-run] flags "
			    "-- then -- else");
	assert_string_equal(ifcpu("64 pae", LONG),
			    "no -- before the command to boot");
	assert_non_null(strstr(ifcpu("64 sse2 -- a -- b", LONG), "unknown"));
	assert_string_equal(r.bad, "sse2");
	/* "hyp" is no flag of ifcpu.c32's: "hypervisor" is */
	assert_non_null(strstr(ifcpu("hyp -- a -- b", ~0u), "unknown"));
}

static const char *whichsys(const char *line)
{
	if (!c32_whichsys(split(line), argv, out, sizeof(out)))
		return NULL;
	return out;
}

static void test_whichsys(void **state)
{
	(void)state;
	assert_string_equal(whichsys("-iso- a x -pxe- b -sys- c y"), "c y");
	assert_string_equal(whichsys("-sys- chain.c32 hd1 swap -iso- a"),
			    "chain.c32 hd1 swap");
	assert_string_equal(whichsys("-pxe- pxe -sys- sys -iso- iso"), "sys");
	assert_string_equal(whichsys("-sys- a -sys- b"), "b");
	assert_string_equal(whichsys("-iso- a -sys-"), "");
	assert_null(whichsys("-iso- a -pxe- b"));
	assert_string_equal(out, "");
	assert_null(whichsys(""));
}

static void test_reboot_warm(void **state)
{
	(void)state;
	assert_false(c32_reboot_warm(split(""), argv));
	assert_true(c32_reboot_warm(split("-w"), argv));
	assert_true(c32_reboot_warm(split("x --warm"), argv));
	assert_false(c32_reboot_warm(split("-W warm"), argv));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_module_id),
	    cmocka_unit_test(test_no_type_warning),
	    cmocka_unit_test(test_args),
	    cmocka_unit_test(test_cpu_features),
	    cmocka_unit_test(test_mp_found),
	    cmocka_unit_test(test_ifcpu64),
	    cmocka_unit_test(test_ifcpu),
	    cmocka_unit_test(test_whichsys),
	    cmocka_unit_test(test_reboot_warm),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
