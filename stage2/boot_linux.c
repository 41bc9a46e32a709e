// SPDX-License-Identifier: BSD-2-Clause
/* config -> kernel -> initrd -> hand-off. The setup code and the command
 * line are staged on the heap and moved into place last, because their
 * final home (X = 0x10000 and up) is the bounce buffer while loading. */
#include <stdio.h>
#include <string.h>
#include "boot_linux.h"
#include "cmdline/kcmdline.h"
#include "console.h"
#include "heap.h"
#include "memmap.h"
#include "protocol/linux.h"

#define MAX_INITRDS 8
#define MIB	    (1024 * 1024)
#define CMDLINE_BUF 4096 /* the longest cmdline_size bzboot fills */

struct initrd_set {
	unsigned n;
	char path[MAX_INITRDS][CFG_PATH_MAX];
	struct fat_file file[MAX_INITRDS];
	uint64_t total; /* with 4-byte alignment between parts */
};

static bool overlaps(uint32_t a, uint32_t alen, uint32_t b, uint32_t blen)
{
	return a < b + blen && b < a + alen;
}

static void print_size(uint64_t bytes)
{
	unsigned tenths = (unsigned)((bytes * 10 + MIB / 2) / MIB);

	printf("%u.%u MiB", tenths / 10, tenths % 10);
}

/* Opens each file of the list "a,b,c". */
static int initrds_open(struct volume *v, const char *list,
			struct initrd_set *s)
{
	char item[CFG_PATH_MAX];
	int len, err;

	s->n = 0;
	s->total = 0;
	while ((len = kcmd_list_next(&list, item, sizeof(item))) !=
	       KCMD_ENOTFOUND) {
		if (len < 0) {
			printf("bzboot: an initrd name is longer than %u "
			       "characters.\n",
			       CFG_PATH_MAX - 1);
			return len;
		}
		if (s->n == MAX_INITRDS) {
			printf("bzboot: more than %u initrds given; join some "
			       "of them into one file.\n",
			       MAX_INITRDS);
			return -1;
		}
		memcpy(s->path[s->n], item, len + 1);
		err = file_open(v, item, &s->file[s->n]);
		if (err)
			return err;
		/* Each part starts 4-byte aligned, like GRUB. */
		s->total = (s->total + 3) & ~3ull;
		s->total += fat_size(&s->file[s->n]);
		s->n++;
	}
	return 0;
}

static int initrds_load(struct volume *v, struct initrd_set *s, uint32_t at)
{
	uint64_t off = 0;
	unsigned i;
	int err;

	for (i = 0; i < s->n; i++) {
		uint32_t size = fat_size(&s->file[i]);
		uint64_t pad = ((off + 3) & ~3ull) - off;

		memset((void *)(uintptr_t)(at + off), 0, pad);
		off += pad;
		printf("Loading %s (", s->path[i]);
		print_size(size);
		printf(") ");
		err = file_read(v, &s->file[i], s->path[i],
				(void *)(uintptr_t)(at + off), size, true);
		if (err)
			return err;
		console_write(" ok\n");
		off += size;
	}
	return 0;
}

/* vga= and mem= are for the boot loader too (boot.rst, "Special Command
 * Line Options"). Returns 0 or prints what is wrong. */
static int parse_loader_options(const char *cmdline, int *vid_mode,
				uint64_t *mem_limit)
{
	char val[64];
	uint16_t mode;

	*vid_mode = -1;
	*mem_limit = 0;
	if (kcmd_get_option(cmdline, "vga", val, sizeof(val)) >= 0) {
		if (kcmd_parse_vga(val, &mode)) {
			printf("bzboot: vga=%s: not a video mode (use normal, "
			       "ext, ask or a number).\n",
			       val);
			return -1;
		}
		*vid_mode = mode;
	}
	if (kcmd_get_option(cmdline, "mem", val, sizeof(val)) >= 0 &&
	    kcmd_parse_mem(val, mem_limit)) {
		printf("bzboot: mem=%s: not a size (use e.g. mem=512M).\n",
		       val);
		return -1;
	}
	return 0;
}

int boot_linux(struct volume *v, const struct memory *mem,
	       const struct cfg_boot *b)
{
	struct fat_file kf;
	struct initrd_set *rd;
	struct linux_kernel k;
	struct linux_plan_req req;
	struct linux_plan plan;
	uint8_t *setup;
	char *cmdline;
	uint32_t head, max;
	struct kcmd_parts parts;
	char list[CFG_APPEND_MAX];
	uint64_t mem_limit;
	int vid_mode, err, len;
	const char *initrds;

	/* The kernel's header: the first two sectors say what it is. */
	err = file_open(v, b->kernel, &kf);
	if (err)
		return err;
	setup = heap_alloc(0x8000);
	cmdline = heap_alloc(CMDLINE_BUF);
	rd = heap_alloc(sizeof(*rd));
	if (!setup || !cmdline || !rd) {
		printf("bzboot: out of loader memory.\n");
		return -1;
	}
	head = fat_size(&kf) < 1024 ? fat_size(&kf) : 1024;
	err = file_read(v, &kf, b->kernel, setup, head, false);
	if (err)
		return err;
	err = linux_parse_header(setup, head, fat_size(&kf), &k);
	if (err) {
		printf("bzboot: %s: %s. Is it a Linux kernel (bzImage)?\n",
		       b->kernel, linux_strerror(err));
		return err;
	}
	err = file_read(v, &kf, b->kernel, setup + head, k.setup_size - head,
			false);
	if (err)
		return err;
	/* Again with all of setup: the version string is usually past the
	 * first KiB. */
	linux_parse_header(setup, k.setup_size, fat_size(&kf), &k);

	/* The command line, then the options bzboot itself obeys. */
	max =
	    k.cmdline_size < CMDLINE_BUF - 1 ? k.cmdline_size : CMDLINE_BUF - 1;
	parts.image = b->kernel;
	parts.kernel_args = b->kernel_args;
	parts.append = b->append;
	parts.initrd = b->initrd;
	parts.extra = b->extra;
	len = kcmd_build_parts(cmdline, CMDLINE_BUF, max, &parts);
	if (len < 0) {
		printf("bzboot: the command line is longer than the %u "
		       "characters this kernel accepts; shorten APPEND or "
		       "what was typed.\n",
		       (unsigned)max);
		return len;
	}
	if (parse_loader_options(cmdline, &vid_mode, &mem_limit))
		return -1;

	/* The initrds: SYSLINUX loads the list of the first initrd= on the
	 * command line (INITRD puts one there too). */
	initrds = "";
	if (kcmd_get_option_first(cmdline, "initrd", list, sizeof(list)) > 0)
		initrds = list;
	err = initrds_open(v, initrds, rd);
	if (err)
		return err;

	memset(&req, 0, sizeof(req));
	req.map = mem->map;
	req.nmap = mem->nmap;
	req.low_top = mem->low_top;
	req.real_min = MEM_BOUNCE;
	req.cmdline_len = len;
	req.initrd_size = rd->total;
	req.mem_limit = mem_limit;
	err = linux_plan_layout(&k, &req, &plan);
	if (err == LINUX_ENOINITRDROOM) {
		printf("bzboot: %s: the initrd (", initrds);
		print_size(rd->total);
		printf(") does not fit in RAM below 0x%llx; remove mem= or "
		       "use a smaller initrd.\n",
		       (unsigned long long)plan.initrd_limit);
		return err;
	}
	if (err) {
		printf("bzboot: %s: %s.\n", b->kernel, linux_strerror(err));
		return err;
	}

	printf("Loading %s (", b->kernel);
	print_size(fat_size(&kf));
	printf(", protocol %u.%02u) ", k.version >> 8, k.version & 0xFF);
	err = file_read(v, &kf, b->kernel, (void *)(uintptr_t)plan.pm_addr,
			plan.pm_size, true);
	if (err)
		return err;
	console_write(" ok\n");
	if (rd->n) {
		err = initrds_load(v, rd, plan.initrd_addr);
		if (err)
			return err;
	}

	err = linux_write_header(setup, k.setup_size, &k, &plan, vid_mode);
	if (err) {
		printf("bzboot: %s: %s.\n", b->kernel, linux_strerror(err));
		return err;
	}

	printf("Booting: setup 0x%x, command line 0x%x, kernel 0x%x-0x%x",
	       (unsigned)plan.real_addr, (unsigned)plan.cmdline_addr,
	       (unsigned)plan.pm_addr, (unsigned)(plan.pm_addr + plan.pm_size));
	if (rd->n)
		printf(", initrd 0x%x-0x%x", (unsigned)plan.initrd_addr,
		       (unsigned)(plan.initrd_addr + plan.initrd_size));
	console_putc('\n');

	/* The point of no return: nothing below may fail. Setup goes to X
	 * (over the bounce buffer), the command line above it; neither
	 * destination overlaps the other's source on the heap. */
	if (overlaps(plan.real_addr, k.setup_size, (uintptr_t)cmdline,
		     len + 1)) {
		printf("bzboot: internal error: setup would overwrite the "
		       "staged command line.\n");
		return -1;
	}
	memmove((void *)(uintptr_t)plan.real_addr, setup, k.setup_size);
	memmove((void *)(uintptr_t)plan.cmdline_addr, cmdline, len + 1);
	/* The kernel copies cmdline_size + 1 bytes whatever the NUL says. */
	memset((void *)(uintptr_t)(plan.cmdline_addr + len + 1), 0,
	       plan.cmdline_max - (len + 1));
	linux16_boot(plan.seg, plan.stack_ptr);
}
