// SPDX-License-Identifier: BSD-2-Clause
// bzboot check: one Linux entry, step by step as stage2's boot_linux.c
// prepares it (linux_prepare), with the same pure code: the header
// (protocol/header.c), the command line (cmdline/kcmdline.c), the initrds
// and the layout planner (protocol/layout.c). Nothing is booted.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline/config_switch.h"
#include "cmdline/kcmdline.h"
#include "protocol/boot_msg.h"
#include "tools/check.h"

#define SETUP_MAX 0x8000 /* 64 setup sectors at most */
#define MIB	  0x100000ull

void check_add(char *out, size_t size, const char *fmt, ...)
{
	size_t len = strnlen(out, size);
	va_list ap;

	if (len + 1 >= size)
		return;
	va_start(ap, fmt);
	vsnprintf(out + len, size - len, fmt, ap);
	va_end(ap);
}

int check_read(const struct check_env *e, const char *path, void *buf,
	       size_t max, uint64_t *size, int whole, char *out, size_t osize)
{
	char full[CHECK_PATH_MAX];
	const char *p = cfg_path_in(e->cwd, path, full, sizeof(full));
	int err;

	if (!p) {
		check_add(out, osize, BZ_MSG_NAME_TOO_LONG, e->cwd, path,
			  CHECK_PATH_MAX - 1);
		return FAT_ENAMETOOLONG;
	}
	err = check_src_read(e->src, p, buf, max, size, whole);
	/* as stage2's volume_file_report() and volume_file_read() */
	if (err == FAT_ENOENT || err == FAT_ENOTDIR)
		check_add(out, osize, BZ_MSG_FILE_NOT_FOUND, p,
			  fat_strerror(err));
	else if (err == FAT_ECORRUPT)
		check_add(out, osize, BZ_MSG_FILE_CORRUPT, p,
			  check_src_strerror(e->src, err));
	else if (err == CHECK_EEARLY)
		check_add(out, osize, BZ_MSG_FILE_ENDED, p,
			  (unsigned)e->src->missing);
	else if (err)
		check_add(out, osize, "%s: %s", p,
			  check_src_strerror(e->src, err));
	return err;
}

/* path from the root, as stage2 opens it (as written if too long). */
static void check_name(const struct check_env *e, const char *path, char *out)
{
	const char *p = cfg_path_in(e->cwd, path, out, CHECK_PATH_MAX);

	if (p != out)
		snprintf(out, CHECK_PATH_MAX, "%s", path);
}

/* The kernel's header as load_setup() reads it: two sectors, then all of
 * setup for the version string. */
static int kernel_header(const struct check_env *e, const char *path,
			 uint8_t *setup, struct linux_kernel *k, char *out,
			 size_t size)
{
	uint64_t fsize;
	int err;

	if (check_read(e, path, setup, SETUP_MAX, &fsize, 1, out, size))
		return -1;
	if (fsize < 1024) {
		check_add(out, size, BZ_MSG_KERNEL_SHORT, path,
			  (unsigned)fsize);
		return -1;
	}
	if (fsize > UINT32_MAX) {
		check_add(out, size, "%s: %s", path,
			  linux_strerror(LINUX_ETOOBIG));
		return -1;
	}
	err = linux_parse_header(setup, 1024, (uint32_t)fsize, k);
	if (err) {
		check_add(out, size, BZ_MSG_NOT_KERNEL, path,
			  linux_strerror(err));
		return -1;
	}
	if (k->setup_size <= fsize)
		linux_parse_header(setup, k->setup_size, (uint32_t)fsize, k);
	return 0;
}

struct rd_list {
	unsigned n;
	char path[LINUX_MAX_INITRDS][CHECK_PATH_MAX]; /* from the root */
	uint64_t size[LINUX_MAX_INITRDS];
	uint64_t total; /* parts 4-byte aligned, as stage2 lays them out */
};

/* initrds_open(): each file of the list "a,b,c", opened for its size. */
static int initrds(const struct check_env *e, const char *list,
		   struct rd_list *rd, char *out, size_t size)
{
	char item[CFG_PATH_MAX];
	uint8_t byte;
	int len;

	rd->n = 0;
	rd->total = 0;
	while ((len = kcmd_list_next(&list, item, sizeof(item))) !=
	       KCMD_ENOTFOUND) {
		if (len < 0) {
			check_add(out, size, BZ_MSG_INITRD_NAME,
				  CFG_PATH_MAX - 1);
			return -1;
		}
		if (rd->n == LINUX_MAX_INITRDS) {
			check_add(out, size, BZ_MSG_INITRDS_MANY,
				  LINUX_MAX_INITRDS);
			return -1;
		}
		check_name(e, item, rd->path[rd->n]);
		if (check_read(e, item, &byte, 0, &rd->size[rd->n], 1, out,
			       size))
			return -1;
		rd->total = ((rd->total + 3) & ~3ull) + rd->size[rd->n];
		rd->n++;
	}
	return 0;
}

/* A size as stage2's print_size() gives it: MiB to a tenth. */
static void add_mib(char *out, size_t size, uint64_t bytes)
{
	unsigned tenths = (unsigned)((bytes * 10 + MIB / 2) / MIB);

	check_add(out, size, BZ_MSG_MIB, tenths / 10, tenths % 10);
}

/* What did not fit, with the numbers that decide it: stage2's
 * report_plan_error(), on RAM that runs from 1 MiB to --mem. */
static void plan_error(const struct check_env *e, const char *path, int err,
		       const struct linux_plan *p, const struct rd_list *rd,
		       const char *list, const struct kcmd_loader_opts *o,
		       char *out, size_t size)
{
	unsigned long long ram = e->mem_mib * MIB;

	if (err == LINUX_ENOINITRDROOM) {
		check_add(out, size, BZ_MSG_INITRD_ROOM1, list);
		add_mib(out, size, rd->total);
		check_add(out, size, BZ_MSG_INITRD_ROOM2, ram,
			  (unsigned)p->pm_addr,
			  (unsigned long long)p->kernel_end);
		if (p->initrd_limit < ram)
			check_add(out, size, BZ_MSG_INITRD_LIMIT,
				  (unsigned long long)p->initrd_limit);
		check_add(out, size, "%s",
			  o->mem_limit && o->mem_limit == p->initrd_limit
			      ? BZ_MSG_INITRD_MEM
			      : BZ_MSG_INITRD_MORE);
	} else if (err == LINUX_ENOHIGHMEM && p->kernel_end > p->pm_addr) {
		check_add(out, size, BZ_MSG_HIGHMEM1, path,
			  (unsigned)p->pm_addr,
			  (unsigned long long)p->kernel_end);
		add_mib(out, size, p->kernel_end - p->pm_addr);
		check_add(out, size, BZ_MSG_HIGHMEM2,
			  (unsigned long long)p->runtime_start, ram);
		add_mib(out, size, ram);
		check_add(out, size, BZ_MSG_HIGHMEM3);
	} else if (err == LINUX_EZIMAGETOOBIG) {
		check_add(out, size, BZ_MSG_ZIMAGE, path, 0x80000,
			  (unsigned)p->pm_size);
	} else {
		check_add(out, size, "%s: %s", path, linux_strerror(err));
	}
}

/* The command line, the initrds and the plan, after the header. */
static enum check_status plan(const struct check_env *e,
			      const struct cfg_boot *b, uint8_t *setup,
			      struct linux_kernel *k, char *out, size_t size)
{
	uint32_t max = k->cmdline_size < LINUX_CMDLINE_BUF - 1
			   ? k->cmdline_size
			   : LINUX_CMDLINE_BUF - 1;
	struct kcmd_parts parts = {b->kernel, b->kernel_args, b->append,
				   b->initrd, b->extra};
	static char cmdline[LINUX_CMDLINE_BUF], list[CFG_APPEND_MAX];
	struct kcmd_loader_opts o;
	struct linux_plan_req req;
	struct linux_plan p;
	static struct rd_list rd;
	int len, err;

	len = kcmd_build_parts(cmdline, sizeof(cmdline), max, &parts);
	if (len < 0) {
		check_add(out, size, BZ_MSG_CMDLINE_LONG, b->kernel,
			  (unsigned)max);
		return CHECK_FAIL;
	}
	if (kcmd_loader_options(cmdline, &o)) {
		check_add(out, size, BZ_MSG_LOADER_OPTION, o.bad_name,
			  o.bad_value, o.bad_reason);
		return CHECK_FAIL;
	}
	if (kcmd_get_option_first(cmdline, "initrd", list, sizeof(list)) < 0)
		list[0] = '\0';
	if (initrds(e, list, &rd, out, size))
		return CHECK_FAIL;
	linux_plan_req_init(&req, e->map, PCMAP_N, PCMAP_EBDA_START,
			    (uint32_t)len, rd.total, o.mem_limit);
	err = linux_plan_layout(k, &req, &p);
	if (!err)
		err =
		    linux_write_header(setup, k->setup_size, k, &p, o.vid_mode);
	if (err) {
		plan_error(e, b->kernel, err, &p, &rd, list, &o, out, size);
		return CHECK_FAIL;
	}
	check_add(out, size, ", command line \"%s\"", cmdline);
	if (!rd.n)
		check_add(out, size, ", no initrd");
	for (unsigned i = 0; i < rd.n; i++)
		check_add(out, size, "%s %s (%llu bytes)",
			  i	     ? ","
			  : rd.n > 1 ? ", initrds"
				     : ", initrd",
			  rd.path[i], (unsigned long long)rd.size[i]);
	return CHECK_OK;
}

enum check_status check_linux(const struct check_env *e,
			      const struct cfg_boot *b, char *out, size_t size)
{
	uint8_t *setup = calloc(1, SETUP_MAX);
	char *detail = calloc(1, CHECK_LINE_MAX);
	enum check_status st = CHECK_FAIL;
	struct linux_kernel k;
	char name[CHECK_PATH_MAX];

	if (!setup || !detail)
		check_add(out, size, "out of memory");
	else if (!kernel_header(e, b->kernel, setup, &k, out, size)) {
		st = plan(e, b, setup, &k, detail, CHECK_LINE_MAX);
		check_name(e, b->kernel, name);
		if (st == CHECK_OK) /* what boots: the kernel first */
			check_add(out, size, "%s (protocol %u.%02u)", name,
				  k.version >> 8, k.version & 0xFF);
		check_add(out, size, "%s", detail);
	}
	free(detail);
	free(setup);
	return st;
}
