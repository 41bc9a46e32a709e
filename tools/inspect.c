// SPDX-License-Identifier: BSD-2-Clause
// bzboot inspect: what a kernel file's header says, and where bzboot's own
// planner (protocol/) puts every piece on a QEMU-like PC. This file is the
// command; inspect_header.c and inspect_layout.c print what it found.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmdline/kcmdline.h"
#include "protocol/linux.h"
#include "tools/args.h"
#include "tools/bzboot.h"
#include "tools/file.h"
#include "tools/inspect.h"
#include "tools/inspect_header.h"
#include "tools/inspect_layout.h"
#include "tools/inspect_paging.h"
#include "tools/pcmap.h"

#define FILE_MAX     (1024 * MIB) /* no loader reads a bigger kernel */
#define ZIMAGE_SPACE 0x80000	  /* 0x10000-0x8FFFF, below the setup */

const char cmd_inspect_help[] =
    "  inspect [--cmdline STR] [--initrd SIZE|FILE ...] [--mem MIB]\n"
    "          [--paging 4|5] FILE\n"
    "      Show what the Linux kernel FILE says in its header and draw\n"
    "      where bzboot would put each piece in memory on a PC like\n"
    "      QEMU's with MIB MiB of RAM. Reads FILE (and initrd files).\n"
    "      --cmdline STR   the kernel command line bzboot would pass\n"
    "                      (its length counts; mem= and vga= apply)\n"
    "      --initrd SIZE   an initrd of SIZE bytes (K, M, G suffixes),\n"
    "                      or of a file's size; repeated: one image of\n"
    "                      them all, as bzboot joins them\n"
    "      --mem MIB       RAM in MiB (default 512)\n"
    "      --paging 4|5    instead of the real-mode drawing: the x86-64\n"
    "                      virtual memory map of 4- or 5-level paging\n"
    "                      after the hand-off, this kernel's text and\n"
    "                      the initrd placed in it, and whether the\n"
    "                      kernel can run that mode\n";

struct inspect_opts {
	const char *path;
	const char *cmdline;
	uint64_t initrd_size;
	unsigned initrds;
	uint64_t mem_mib;
	unsigned paging; /* 4 or 5; 0: the real-mode drawing */
};

/* --- the command line -------------------------------------------------- */

/* A C-notation number with an optional K, M or G, nothing after it. */
static int parse_size(const char *s, uint64_t *out)
{
	unsigned long long v;
	unsigned shift = 0;
	char *end;

	if (!*s || *s == '-' || *s == '+' || *s == ' ')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s)
		return -1;
	switch (*end) {
	case 'k':
	case 'K':
		shift = 10;
		end++;
		break;
	case 'm':
	case 'M':
		shift = 20;
		end++;
		break;
	case 'g':
	case 'G':
		shift = 30;
		end++;
		break;
	}
	if (*end || v > UINT64_MAX >> shift)
		return -1;
	*out = (uint64_t)v << shift;
	return 0;
}

/*
 * One --initrd: a size, else a file's size. Several make one image, each
 * part from a 4-byte boundary, as stage2 joins them (and `bzboot check`).
 */
static int add_initrd(struct inspect_opts *o, const char *val)
{
	struct stat st;
	uint64_t size;

	if (o->initrds == LINUX_MAX_INITRDS) {
		bz_usage_error("inspect: more than %u --initrd: bzboot "
			       "loads at most %u",
			       LINUX_MAX_INITRDS, LINUX_MAX_INITRDS);
		return -1;
	}
	if (parse_size(val, &size)) {
		if (stat(val, &st) || !S_ISREG(st.st_mode)) {
			bz_usage_error("inspect: --initrd '%s' is neither a "
				       "size (e.g. 12M) nor a file",
				       val);
			return -1;
		}
		size = (uint64_t)st.st_size;
	}
	o->initrd_size = ((o->initrd_size + 3) & ~3ull) + size;
	o->initrds++;
	return 0;
}

static int parse_args(int argc, char **argv, struct inspect_opts *o)
{
	struct args a = {.cmd = "inspect",
			 .operand = "FILE",
			 .value = "a value",
			 .argc = argc,
			 .argv = argv};
	const char *opt, *val;

	o->cmdline = "";
	o->mem_mib = PCMAP_MEM_DEFAULT;
	while ((opt = args_next(&a, &o->path))) {
		if (!strcmp(opt, "--cmdline")) {
			args_value(&a, &o->cmdline);
		} else if (!strcmp(opt, "--initrd")) {
			if (!args_value(&a, &val) && add_initrd(o, val))
				return BZ_EXIT_USAGE;
		} else if (!strcmp(opt, "--paging")) {
			if (args_value(&a, &val))
				continue;
			if (strcmp(val, "4") && strcmp(val, "5"))
				return bz_usage_error("inspect: --paging '%s': "
						      "give 4 or 5 (levels "
						      "of page tables)",
						      val);
			o->paging = (unsigned)(*val - '0');
		} else if (!strcmp(opt, "--mem")) {
			if (!args_value(&a, &val) &&
			    pcmap_parse_mib(val, &o->mem_mib))
				return bz_usage_error("inspect: --mem '%s': "
						      "give the RAM in MiB, "
						      "2 to %u",
						      val, PCMAP_MEM_MAX);
		} else {
			return args_unknown(&a, opt);
		}
	}
	return a.err;
}

/* --- the command ---------------------------------------------------------- */

static int refuse_plan(const char *path, int err, const struct linux_kernel *k,
		       const struct linux_plan *p,
		       const struct linux_plan_req *r)
{
	char h[32];

	switch (err) {
	case LINUX_EZIMAGETOOBIG:
		bz_error("%s: %s: its protected-mode part is 0x%x bytes, "
			 "0x%x-0x%x holds 0x%x",
			 path, linux_strerror(err), p->pm_size, p->pm_addr,
			 p->pm_addr + ZIMAGE_SPACE - 1, ZIMAGE_SPACE);
		break;
	case LINUX_ENOINITRDROOM:
		bz_error("%s: the initrd (%s) does not fit in RAM below 0x%llx "
			 "(initrd_addr_max, mem=, 4 GiB) outside the kernel",
			 path, inspect_human(r->initrd_size, h, sizeof(h)),
			 (unsigned long long)p->initrd_limit);
		break;
	case LINUX_ECMDLINE:
		bz_error("%s: %s: %u characters, at most %u", path,
			 linux_strerror(err), r->cmdline_len, k->cmdline_size);
		break;
	default:
		bz_error("%s: %s", path, linux_strerror(err));
	}
	return BZ_EXIT_FAIL;
}

static int inspect(const struct inspect_opts *o, const uint8_t *file,
		   size_t len)
{
	struct mem_range map[PCMAP_N];
	struct draw_layout l = {
	    .map = map,
	    .map_names = pcmap_names,
	    .nmap = PCMAP_N,
	    .top = o->mem_mib * MIB,
	};
	struct linux_plan_req req;
	struct linux_kernel k;
	struct linux_plan p;
	struct kcmd_loader_opts opts;
	size_t cmdline_len = strlen(o->cmdline);
	int err;

	pcmap_qemu(o->mem_mib, map);
	err = linux_parse_header(file, len, len, &k);
	if (err) {
		if (k.version)
			bz_error("%s: %s (boot protocol %u.%02u)", o->path,
				 linux_strerror(err), k.version >> 8,
				 k.version & 0xFF);
		else
			bz_error("%s: %s", o->path, linux_strerror(err));
		return BZ_EXIT_FAIL;
	}
	inspect_print_header(o->path, file, len, &k);

	if (cmdline_len > UINT32_MAX)
		return BZ_EXIT_FAIL;
	/* vga= and mem= as stage2 reads them */
	if (kcmd_loader_options(o->cmdline, &opts)) {
		bz_error("--cmdline: %s=%s: %s", opts.bad_name, opts.bad_value,
			 opts.bad_reason);
		return BZ_EXIT_FAIL;
	}
	linux_plan_req_init(&req, map, PCMAP_N, PCMAP_EBDA_START,
			    (uint32_t)cmdline_len, o->initrd_size,
			    opts.mem_limit);
	printf("\nPlan for a QEMU-like PC with %llu MiB of RAM:\n",
	       (unsigned long long)o->mem_mib);
	err = linux_plan_layout(&k, &req, &p);
	if (err)
		return refuse_plan(o->path, err, &k, &p, &req);
	if (o->paging) {
		inspect_print_summary(&p, req.cmdline_len);
		inspect_print_paging(o->paging, &k, &p, o->mem_mib * MIB,
				     o->cmdline);
		return BZ_EXIT_OK;
	}
	inspect_print_plan(&k, &p, req.cmdline_len, &l);
	err = inspect_print_writes(file, &k, &p, opts.vid_mode);
	if (err) {
		bz_error("%s: %s", o->path, linux_strerror(err));
		return BZ_EXIT_FAIL;
	}
	return BZ_EXIT_OK;
}

int cmd_inspect(int argc, char **argv)
{
	struct inspect_opts o = {0};
	uint8_t *file;
	size_t len;
	int err;

	err = parse_args(argc, argv, &o);
	if (err)
		return err;
	err = file_read(o.path, FILE_MAX, 0, &file, &len);
	if (err == -EFBIG) {
		bz_error("%s: not a Linux kernel (over %llu MiB)", o.path,
			 (unsigned long long)(FILE_MAX / MIB));
		return BZ_EXIT_FAIL;
	}
	if (err) {
		bz_error("cannot read %s: %s", o.path, strerror(-err));
		return BZ_EXIT_FAIL;
	}
	err = inspect(&o, file, len);
	free(file);
	return err;
}
