/* SPDX-License-Identifier: BSD-2-Clause */
/* SYSLINUX's small .c32 modules that bzboot runs itself, in the c32
 * module (stage2/mod_c32.c): ifcpu64.c32, ifcpu.c32 and whichsys.c32
 * choose a command line to run next, as com32/modules/ifcpu64.c, ifcpu.c
 * and whichsys.c define them; reboot.c32 [-w] and poweroff.c32. Pure: the
 * CPU's CPUID answers come in through a callback, so the decisions are
 * tested on the host with made-up CPUs. */
#ifndef BZ_CMDLINE_C32_BRANCH_H
#define BZ_CMDLINE_C32_BRANCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmdline/config.h"

enum c32_id {
	C32_NONE = -1,
	C32_IFCPU64,
	C32_IFCPU,
	C32_WHICHSYS,
	C32_REBOOT,
	C32_POWEROFF,
};

/* Which of these modules path names (its base name, any directory, case
 * ignored, as cfg_module_named()); C32_NONE for any other file. */
enum c32_id c32_module_id(const char *path);

#define C32_MAX_ARGS 64
/* The module's arguments as SYSLINUX hands them to a COM32 module: the
 * words of the KERNEL line after the file name, the APPEND, then what was
 * typed, split at blanks (no quoting) into buf (size bytes) and argv
 * (C32_MAX_ARGS). The count, or -1 when they do not fit. */
int c32_args(const struct cfg_boot *b, char *buf, size_t size,
	     const char **argv);

/* CPU features ifcpu64.c32 and ifcpu.c32 test. */
enum {
	C32_CPU_LM = 1,	 /* long mode: CPUID 8000_0001h EDX bit 29 */
	C32_CPU_PAE = 2, /* CPUID 1 EDX bit 6 */
	C32_CPU_HVM = 4, /* VMX (1 ECX bit 5) or SVM (8000_0001h ECX 2) */
	C32_CPU_HYPERVISOR = 8, /* CPUID 1 ECX bit 31 */
	C32_CPU_MULTICORE = 16, /* more than one core, as SYSLINUX counts */
	C32_CPU_SMP = 32,	/* an MP floating pointer table (not CPUID) */
};

struct c32_cpuid {
	uint32_t eax, ebx, ecx, edx;
};
/* CPUID with EAX = leaf, ECX = 0. */
typedef void (*c32_cpuid_fn)(void *ctx, uint32_t leaf, struct c32_cpuid *r);

/* The C32_CPU_* bits (all but SMP) of the CPU that cpuid asks; none when
 * has_cpuid is false (EFLAGS.ID would not toggle). A leaf is read only when
 * the CPU reports it (its group's maximum, as SYSLINUX checks). */
unsigned c32_cpu_features(bool has_cpuid, c32_cpuid_fn cpuid, void *ctx);

/* An Intel MP floating pointer structure ("_MP_", 16 bytes, length 1,
 * checksum 0, spec 1 or 4) at a 16-byte boundary in the len bytes at p:
 * SYSLINUX's test for an SMP machine. */
bool c32_mp_found(const uint8_t *p, size_t len);

/* ifcpu64.c32 `long -- pae -- 32bit`: with one `--` the second command
 * serves for PAE and 32-bit CPUs, with none the words are the only
 * command. The chosen words joined by single blanks into out (size
 * bytes; "" = boot the DEFAULT, as SYSLINUX's empty command does). */
void c32_ifcpu64(int argc, const char **argv, unsigned cpu, char *out,
		 size_t size);

/* ifcpu.c32 `[debug] [dry-run] flags... -- then -- else`: then when the
 * CPU has every flag (64 pae hvm hypervisor multicore smp), else the
 * else command (the then command when there is no second `--`). As in
 * SYSLINUX, flag words in the then command count too. NULL, with the
 * choice in out and *match, debug and dry_run set; else why it cannot
 * choose (no arguments, no `--`, an unknown flag: *bad names it). */
struct c32_ifcpu {
	bool match, debug, dry_run;
	const char *bad; /* the word that is no flag */
};
const char *c32_ifcpu(int argc, const char **argv, unsigned cpu,
		      struct c32_ifcpu *r, char *out, size_t size);

/* whichsys.c32 `-iso- X -pxe- Y -sys- Z`: bzboot is SYSLINUX on a FAT
 * disk, so Z (up to the next marker; the last -sys- wins) into out.
 * False when there is no -sys- (out is then ""). */
bool c32_whichsys(int argc, const char **argv, char *out, size_t size);

/* reboot.c32: any argument -w or --warm asks for a warm reboot. */
bool c32_reboot_warm(int argc, const char **argv);

#endif
