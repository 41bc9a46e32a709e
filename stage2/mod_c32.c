// SPDX-License-Identifier: BSD-2-Clause
/* The c32 module: ifcpu64.c32, ifcpu.c32, whichsys.c32 (their decisions
 * are cmdline/c32_branch.c; CPUID and the MP table scan are here),
 * reboot.c32 and poweroff.c32 (the cmds module's reboot and poweroff,
 * stage2/cmds_power.c, linked into this module too). This file is the
 * header, the entry table and the dispatch; tools/seal-module.c fills
 * size, checksum and stage2 identity. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "bda.h"
#include "c32_call.h"
#include "cmdline/c32_branch.h"
#include "cmds_mod.h"
#include "module.h"

static void c32_run(struct volume *v, const struct memory *mem,
		    const struct cfg *cfg, const struct cfg_boot *b,
		    char *next);

_Static_assert(__builtin_types_compatible_p(__typeof__(&c32_run),
					    mod_c32_run_fn),
	       "stage2 calls the entry through mod_c32_run_fn");

__attribute__((section(".module.header"), used))
const struct bzmod_header module_header = {
    .magic = BZMOD_MAGIC,
    .abi = BZMOD_ABI,
    .nentries = MOD_C32_ENTRIES,
    .name = "c32",
    .entry = {[MOD_C32_RUN] = (uint32_t)c32_run},
};

#define EFLAGS_ID (1u << 21)

/* A CPU has CPUID when it lets EFLAGS.ID change (the 486 and later). */
static bool has_cpuid(void)
{
	uint32_t before, after;

	asm volatile("pushfl\n\t"
		     "pushfl\n\t"
		     "popl %0\n\t"
		     "movl %0, %1\n\t"
		     "xorl %2, %1\n\t"
		     "pushl %1\n\t"
		     "popfl\n\t"
		     "pushfl\n\t"
		     "popl %1\n\t"
		     "popfl"
		     : "=&r"(before), "=&r"(after)
		     : "ri"(EFLAGS_ID)
		     : "cc");
	return (before ^ after) & EFLAGS_ID;
}

static void cpuid(void *ctx, uint32_t leaf, struct c32_cpuid *r)
{
	(void)ctx;
	asm volatile("cpuid"
		     : "=a"(r->eax), "=b"(r->ebx), "=c"(r->ecx), "=d"(r->edx)
		     : "a"(leaf), "c"(0));
}

/* Where the MP floating pointer may be, as SYSLINUX (and Linux) look:
 * the EBDA's first KiB, the last KiB below 640 KiB, the BIOS ROM. */
static bool smp_machine(void)
{
	const uint8_t *ebda = (const uint8_t *)((uint32_t)BDA->ebda_seg << 4);

	return (ebda && c32_mp_found(ebda, 0x400)) ||
	       c32_mp_found((const uint8_t *)(639 * 0x400), 0x400) ||
	       c32_mp_found((const uint8_t *)0xF0000, 0x10000);
}

static unsigned cpu_features(void)
{
	return c32_cpu_features(has_cpuid(), cpuid, NULL) |
	       (smp_machine() ? C32_CPU_SMP : 0);
}

/* Whether to boot what it chose (into next). */
static bool ifcpu(int argc, const char **argv, char *next)
{
	struct c32_ifcpu r;
	const char *err =
	    c32_ifcpu(argc, argv, cpu_features(), &r, next, CFG_APPEND_MAX);

	if (err) {
		printf("bzboot: ifcpu.c32: %s%s%s; nothing booted.\n",
		       r.bad ? r.bad : "", r.bad ? ": " : "", err);
		return false;
	}
	if (r.debug || r.dry_run)
		printf("ifcpu.c32: the CPU %s what was asked: %s '%s'\n",
		       r.match ? "has" : "lacks",
		       r.dry_run ? "dry-run, would boot" : "booting", next);
	if (r.dry_run)
		next[0] = '\0'; /* nothing to boot, not the DEFAULT */
	return !r.dry_run;
}

static void c32_run(struct volume *v, const struct memory *mem,
		    const struct cfg *cfg, const struct cfg_boot *b, char *next)
{
	static char buf[3 * CFG_APPEND_MAX];
	static const char *argv[C32_MAX_ARGS + 1];
	enum c32_id id = c32_module_id(b->kernel);
	/* the cmds module's reboot and poweroff: argv[0] is their name */
	struct cmds_env e = {v, mem, cfg, 1, argv};
	int argc = c32_args(b, buf, sizeof(buf), argv + 1);

	if (argc < 0) {
		printf("bzboot: %s: more than %d words or too long; nothing "
		       "done.\n",
		       b->kernel, C32_MAX_ARGS);
		return;
	}
	switch (id) {
	case C32_IFCPU64:
		c32_ifcpu64(argc, argv + 1, cpu_features(), next,
			    CFG_APPEND_MAX);
		break;
	case C32_IFCPU:
		if (!ifcpu(argc, argv + 1, next))
			return;
		break;
	case C32_WHICHSYS:
		if (!c32_whichsys(argc, argv + 1, next, CFG_APPEND_MAX)) {
			printf("bzboot: whichsys.c32: no -sys- command (bzboot "
			       "takes the -sys- one, as SYSLINUX on a FAT "
			       "disk does); nothing booted.\n");
			return;
		}
		break;
	case C32_REBOOT:
		e.argc = c32_reboot_warm(argc, argv + 1) ? 2 : 1;
		argv[0] = "reboot";
		argv[1] = "-w";
		cmds_reboot(&e);
		return;
	case C32_POWEROFF:
		argv[0] = "poweroff"; /* poweroff.c32 takes no options */
		cmds_poweroff(&e);
		return;
	default:
		return;
	}
	/* An empty command: SYSLINUX boots the DEFAULT. */
	if (!next[0]) {
		const char *def = cfg_default_line(cfg);

		if (!*def)
			printf("bzboot: %s: the command chosen is empty and "
			       "there is no DEFAULT; nothing booted.\n",
			       b->kernel);
		memcpy(next, def, strnlen(def, CFG_APPEND_MAX - 1));
		next[strnlen(def, CFG_APPEND_MAX - 1)] = '\0';
	}
}
