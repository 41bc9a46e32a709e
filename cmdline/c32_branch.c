// SPDX-License-Identifier: BSD-2-Clause
/* ifcpu64.c32, ifcpu.c32, whichsys.c32, reboot.c32 and poweroff.c32:
 * their arguments and decisions (cmdline/c32_branch.h). */
#include <string.h>

#include "cmdline/c32_branch.h"
#include "cmdline/config_switch.h"
#include "cmdline/text.h"

/* In enum c32_id's order. */
static const char *const names[] = {
    "ifcpu64.c32", "ifcpu.c32", "whichsys.c32", "reboot.c32", "poweroff.c32",
};

enum c32_id c32_module_id(const char *path)
{
	for (int i = 0; i < (int)(sizeof(names) / sizeof(names[0])); i++)
		if (cfg_module_named(path, names[i]))
			return (enum c32_id)i;
	return C32_NONE;
}

int c32_args(const struct cfg_boot *b, char *buf, size_t size,
	     const char **argv)
{
	const char *const src[] = {b->kernel_args, b->append, b->extra};
	int argc = 0;

	for (size_t i = 0; i < sizeof(src) / sizeof(src[0]); i++) {
		const char *p = src[i], *end = p + strlen(p), *we;

		while ((p = text_skip_space(p, end)) < end) {
			we = text_word_end(p, end);
			if (argc == C32_MAX_ARGS ||
			    !text_copy_span(buf, size, p, we))
				return -1;
			argv[argc++] = buf;
			size -= (size_t)(we - p) + 1;
			buf += (we - p) + 1;
			p = we;
		}
	}
	return argc;
}

#define LEAF_EXT       0x80000000u
#define EDX_PAE	       (1u << 6)
#define ECX_VMX	       (1u << 5)
#define ECX_HYPERVISOR (1u << 31)
#define EXT_EDX_LM     (1u << 29)
#define EXT_ECX_SVM    (1u << 2)

/* Vendor strings as CPUID 0 returns them in EBX, EDX, ECX. */
static bool vendor_is(const struct c32_cpuid *r, const char *v)
{
	return !memcmp(&r->ebx, v, 4) && !memcmp(&r->edx, v + 4, 4) &&
	       !memcmp(&r->ecx, v + 8, 4);
}

unsigned c32_cpu_features(bool has_cpuid, c32_cpuid_fn cpuid, void *ctx)
{
	struct c32_cpuid l0, r;
	uint32_t ext_max, cores = 1;
	unsigned f = 0;

	if (!has_cpuid)
		return 0;
	cpuid(ctx, 0, &l0);
	if (l0.eax >= 1) {
		cpuid(ctx, 1, &r);
		f |= (r.edx & EDX_PAE ? C32_CPU_PAE : 0) |
		     (r.ecx & ECX_VMX ? C32_CPU_HVM : 0) |
		     (r.ecx & ECX_HYPERVISOR ? C32_CPU_HYPERVISOR : 0);
	}
	cpuid(ctx, LEAF_EXT, &r);
	ext_max = (r.eax & 0xffff0000u) == LEAF_EXT ? r.eax : 0;
	if (ext_max >= LEAF_EXT + 1) {
		cpuid(ctx, LEAF_EXT + 1, &r);
		f |= (r.edx & EXT_EDX_LM ? C32_CPU_LM : 0) |
		     (r.ecx & EXT_ECX_SVM ? C32_CPU_HVM : 0);
	}
	/* Cores as SYSLINUX's gpllib counts them: AMD's 8000_0008h (a
	 * count that is no power of two is taken as 1), Intel's leaf 4. */
	if (vendor_is(&l0, "AuthenticAMD") && ext_max >= LEAF_EXT + 8) {
		cpuid(ctx, LEAF_EXT + 8, &r);
		cores = (r.ecx & 0xff) + 1;
		if (cores & (cores - 1))
			cores = 1;
	} else if (vendor_is(&l0, "GenuineIntel") && l0.eax >= 4) {
		cpuid(ctx, 4, &r);
		cores = (r.eax >> 26) + 1;
	}
	return f | (cores > 1 ? C32_CPU_MULTICORE : 0);
}

bool c32_mp_found(const uint8_t *p, size_t len)
{
	for (size_t off = 0; off + 16 <= len; off += 16) {
		const uint8_t *m = p + off;
		uint8_t sum = 0;

		for (int i = 0; i < 16; i++)
			sum = (uint8_t)(sum + m[i]);
		if (!memcmp(m, "_MP_", 4) && m[8] == 1 && !sum &&
		    (m[9] == 1 || m[9] == 4))
			return true;
	}
	return false;
}

/* argv[from, to) joined by single blanks into out; words that do not fit
 * are left out (out holds at least CFG_APPEND_MAX: a config line's). */
static void join(const char **argv, int from, int to, char *out, size_t size)
{
	size_t n = 0, len;

	*out = '\0';
	for (int i = from; i < to; i++) {
		len = strlen(argv[i]);
		if (n + (n > 0) + len + 1 > size)
			return;
		if (n > 0)
			out[n++] = ' ';
		memcpy(out + n, argv[i], len + 1);
		n += len;
	}
}

/* The index of the next "--" at or after i, argc if none. */
static int next_sep(int argc, const char **argv, int i)
{
	while (i < argc && strcmp(argv[i], "--"))
		i++;
	return i;
}

void c32_ifcpu64(int argc, const char **argv, unsigned cpu, char *out,
		 size_t size)
{
	/* start[k], end[k]: command k's words; missing ones repeat the one
	 * before; after the second "--" the rest is the 32-bit command. */
	int start[3], end[3], k = 0, i = 0;

	start[0] = 0;
	for (;;) {
		i = next_sep(argc, argv, i);
		end[k] = k == 2 ? argc : i;
		if (k == 2 || i == argc)
			break;
		start[++k] = ++i;
	}
	for (; k < 2; k++) {
		start[k + 1] = start[k];
		end[k + 1] = end[k];
	}
	k = cpu & C32_CPU_LM ? 0 : cpu & C32_CPU_PAE ? 1 : 2;
	join(argv, start[k], end[k], out, size);
}

/* In the C32_CPU_* bits' order. */
static const char *const flags[] = {
    "64", "pae", "hvm", "hypervisor", "multicore", "smp",
};

const char *c32_ifcpu(int argc, const char **argv, unsigned cpu,
		      struct c32_ifcpu *r, char *out, size_t size)
{
	int sep1, sep2, i;
	unsigned f;

	memset(r, 0, sizeof(*r));
	*out = '\0';
	if (argc == 0)
		return "no arguments: ifcpu.c32 [debug] [dry-run] flags -- "
		       "then -- else";
	sep1 = next_sep(argc, argv, 0);
	if (sep1 == argc)
		return "no -- before the command to boot";
	sep2 = next_sep(argc, argv, sep1 + 1);
	r->match = true;
	for (i = 0; i < sep2; i++) {
		for (f = 0; f < sizeof(flags) / sizeof(flags[0]); f++)
			if (!strcmp(argv[i], flags[f]))
				break;
		if (f < sizeof(flags) / sizeof(flags[0]))
			r->match = r->match && (cpu & 1u << f);
		else if (!strcmp(argv[i], "debug"))
			r->debug = true;
		else if (!strcmp(argv[i], "dry-run"))
			r->dry_run = true;
		else if (i < sep1) {
			r->bad = argv[i];
			return "unknown flag (64 pae hvm hypervisor multicore "
			       "smp, debug dry-run)";
		}
	}
	if (r->match || sep2 == argc)
		join(argv, sep1 + 1, sep2, out, size);
	else
		join(argv, sep2 + 1, argc, out, size);
	return NULL;
}

static bool is_marker(const char *w)
{
	return !strcmp(w, "-iso-") || !strcmp(w, "-pxe-") ||
	       !strcmp(w, "-sys-");
}

bool c32_whichsys(int argc, const char **argv, char *out, size_t size)
{
	int from = -1, to;

	*out = '\0';
	for (int i = 0; i < argc; i++)
		if (!strcmp(argv[i], "-sys-"))
			from = i + 1;
	if (from < 0)
		return false;
	for (to = from; to < argc && !is_marker(argv[to]); to++)
		;
	join(argv, from, to, out, size);
	return true;
}

bool c32_reboot_warm(int argc, const char **argv)
{
	for (int i = 0; i < argc; i++)
		if (!strcmp(argv[i], "-w") || !strcmp(argv[i], "--warm"))
			return true;
	return false;
}
