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
#include "native.h"
#include "protocol/boot_msg.h"
#include "protocol/linux.h"
#include "stack.h"

#define MIB (1024 * 1024)

/* The planner puts the kernel's real-mode part at LINUX_REAL_MIN or above:
 * stage2's code, data and stack must end below it, since they still run
 * when the staged setup moves there. */
_Static_assert(MEM_STAGE2_END <= LINUX_REAL_MIN,
	       "stage2 reaches into the kernel's lowest real-mode address");

static bool overlaps(uint32_t a, uint32_t alen, uint32_t b, uint32_t blen)
{
	return a < b + blen && b < a + alen;
}

static void print_size(uint64_t bytes)
{
	unsigned tenths = (unsigned)((bytes * 10 + MIB / 2) / MIB);

	printf(BZ_MSG_MIB, tenths / 10, tenths % 10);
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
			printf("bzboot: " BZ_MSG_INITRD_NAME ".\n",
			       CFG_PATH_MAX - 1);
			return len;
		}
		if (s->n == MAX_INITRDS) {
			printf("bzboot: " BZ_MSG_INITRDS_MANY ".\n",
			       MAX_INITRDS);
			return -1;
		}
		memcpy(s->path[s->n], item, len + 1);
		err = volume_file_open(v, item, &s->file[s->n]);
		if (err)
			return err;
		/* Each part starts 4-byte aligned, like GRUB. */
		s->off[s->n] = (s->total + 3) & ~3ull;
		s->total = s->off[s->n] + fat_size(&s->file[s->n]);
		s->n++;
	}
	return 0;
}

static int initrds_load(struct volume *v, struct initrd_set *s, uint32_t at)
{
	uint64_t end = 0; /* of the previous part */
	unsigned i;
	int err;

	for (i = 0; i < s->n; i++) {
		uint32_t size = fat_size(&s->file[i]);

		/* The alignment gap, as initrds_open() laid it out. */
		memset((void *)(uintptr_t)(at + end), 0, s->off[i] - end);
		printf("Loading %s (", s->path[i]);
		print_size(size);
		console_putc(')');
		err = volume_file_read(v, &s->file[i], s->path[i],
				       (void *)(uintptr_t)(at + s->off[i]),
				       size, true);
		if (err)
			return err;
		console_write(" ok");
		native_note();
		end = s->off[i] + size;
	}
	return 0;
}

/* The real-mode part: its first two sectors say what the file is. */
static int load_setup(struct volume *v, const char *path, struct linux_load *L)
{
	uint32_t size = fat_size(&L->kf), head = 1024;
	int err;

	if (size < 1024) {
		printf("bzboot: " BZ_MSG_KERNEL_SHORT ".\n", path,
		       (unsigned)size);
		return LINUX_ETRUNCATED;
	}
	err = volume_file_read(v, &L->kf, path, L->setup, head, false);
	if (err)
		return err;
	err = linux_parse_header(L->setup, head, size, &L->k);
	if (err) {
		printf("bzboot: " BZ_MSG_NOT_KERNEL "\n", path,
		       linux_strerror(err));
		return err;
	}
	err = volume_file_read(v, &L->kf, path, L->setup + head,
			       L->k.setup_size - head, false);
	if (err)
		return err;
	/* Again with all of setup: the version string is usually past the
	 * first KiB. */
	linux_parse_header(L->setup, L->k.setup_size, size, &L->k);
	return 0;
}

/* The command line in SYSLINUX's order, then what bzboot itself reads
 * from it: vga=, mem= and the initrd list. */
static int build_cmdline(const struct cfg_boot *b, struct linux_load *L)
{
	uint32_t max = L->k.cmdline_size < CMDLINE_BUF - 1 ? L->k.cmdline_size
							   : CMDLINE_BUF - 1;
	struct kcmd_parts parts = {b->kernel, b->kernel_args, b->append,
				   b->initrd, b->extra};
	struct kcmd_loader_opts opts;

	L->cmdline_len = kcmd_build_parts(L->cmdline, CMDLINE_BUF, max, &parts);
	if (L->cmdline_len < 0) {
		printf("bzboot: " BZ_MSG_CMDLINE_LONG ".\n", b->kernel,
		       (unsigned)max);
		return L->cmdline_len;
	}
	/* vga= and mem= are for the boot loader too (boot.rst, "Special
	 * Command Line Options"). */
	if (kcmd_loader_options(L->cmdline, &opts)) {
		printf("bzboot: " BZ_MSG_LOADER_OPTION ".\n", opts.bad_name,
		       opts.bad_value, opts.bad_reason);
		return -1;
	}
	L->vid_mode = opts.vid_mode;
	L->mem_limit = opts.mem_limit;
	/* SYSLINUX loads the list of the first initrd= (INITRD puts one
	 * there too). */
	if (kcmd_get_option_first(L->cmdline, "initrd", L->initrds,
				  sizeof(L->initrds)) < 0)
		L->initrds[0] = '\0';
	return 0;
}

/* The end of the usable RAM that runs on from at (0 if at is not RAM). */
static uint64_t ram_end_from(const struct memory *mem, uint64_t at)
{
	uint64_t end = at;
	bool grew = true;
	unsigned i;

	while (grew) {
		grew = false;
		for (i = 0; i < mem->nmap; i++) {
			const struct mem_range *r = &mem->map[i];

			if (r->type == MEM_RANGE_USABLE && r->addr <= end &&
			    r->addr + r->size > end) {
				end = r->addr + r->size;
				grew = true;
			}
		}
	}
	return end > at ? end : 0;
}

/* What did not fit, with the numbers that decide it. */
static void report_plan_error(const struct memory *mem, const char *path,
			      const struct linux_load *L, int err)
{
	const struct linux_plan *p = &L->plan;
	uint64_t ram = ram_end_from(mem, LINUX_HIGH_ADDR);

	if (err == LINUX_ENOINITRDROOM) {
		printf("bzboot: " BZ_MSG_INITRD_ROOM1, L->initrds);
		print_size(L->rd.total);
		printf(BZ_MSG_INITRD_ROOM2, (unsigned long long)ram,
		       (unsigned)p->pm_addr, (unsigned long long)p->kernel_end);
		if (p->initrd_limit < ram)
			printf(BZ_MSG_INITRD_LIMIT,
			       (unsigned long long)p->initrd_limit);
		if (L->mem_limit && L->mem_limit == p->initrd_limit)
			printf(BZ_MSG_INITRD_MEM ".\n");
		else
			printf(BZ_MSG_INITRD_MORE ".\n");
	} else if (err == LINUX_ENOHIGHMEM && p->kernel_end > p->pm_addr) {
		printf("bzboot: " BZ_MSG_HIGHMEM1, path, (unsigned)p->pm_addr,
		       (unsigned long long)p->kernel_end);
		print_size(p->kernel_end - p->pm_addr);
		printf(BZ_MSG_HIGHMEM2, (unsigned long long)p->runtime_start,
		       (unsigned long long)ram);
		print_size(ram);
		printf(BZ_MSG_HIGHMEM3 ".\n");
	} else if (err == LINUX_EZIMAGETOOBIG) {
		printf("bzboot: " BZ_MSG_ZIMAGE ".\n", path, 0x80000,
		       (unsigned)p->pm_size);
	} else {
		printf("bzboot: %s: %s.\n", path, linux_strerror(err));
	}
}

static int plan_layout(const struct memory *mem, const char *path,
		       struct linux_load *L)
{
	struct linux_plan_req req;
	int err;

	linux_plan_req_init(&req, mem->map, mem->nmap, mem->low_top,
			    L->cmdline_len, L->rd.total, L->mem_limit);
	err = linux_plan_layout(&L->k, &req, &L->plan);
	if (err)
		report_plan_error(mem, path, L, err);
	return err;
}

/* The protected-mode part to its load (or staging) address, then the
 * initrds, back to back. */
static int load_images(struct volume *v, const char *path, struct linux_load *L)
{
	int err;

	printf("Loading %s (", path);
	print_size(fat_size(&L->kf));
	printf(", protocol %u.%02u)", L->k.version >> 8, L->k.version & 0xFF);
	err = volume_file_read(v, &L->kf, path,
			       (void *)(uintptr_t)L->plan.pm_stage_addr,
			       L->plan.pm_size, true);
	if (err)
		return err;
	console_write(" ok");
	native_note();
	return L->rd.n ? initrds_load(v, &L->rd, L->plan.initrd_addr) : 0;
}

static void print_plan(const struct linux_load *L)
{
	const struct linux_plan *p = &L->plan;

	printf("Booting: setup 0x%x, command line 0x%x, kernel 0x%x-0x%x",
	       (unsigned)p->real_addr, (unsigned)p->cmdline_addr,
	       (unsigned)p->pm_addr, (unsigned)(p->pm_addr + p->pm_size));
	if (L->rd.n)
		printf(", initrd 0x%x-0x%x", (unsigned)p->initrd_addr,
		       (unsigned)(p->initrd_addr + p->initrd_size));
	console_putc('\n');
}

/* The hand-off. Order matters: the setup and the command line leave the
 * heap first; a zImage's kernel is moved down over the bounce buffer and
 * the heap (0x10000-0x8FFFF) last, after which nothing on the heap is
 * read again. */
static __attribute__((noreturn)) void handoff(struct linux_load *L)
{
	/* On the stack: the moves below may land on L itself. */
	const struct linux_plan p = L->plan;
	const uint32_t len = L->cmdline_len + 1;
	uint8_t *cmdline = (uint8_t *)(uintptr_t)p.cmdline_addr;

	/* Last chance to say that bzboot itself went wrong. */
	stack_check();
	memmove((void *)(uintptr_t)p.real_addr, L->setup, p.real_size);
	/* The kernel's stack/heap starts clean, not with old bounce-buffer
	 * bytes (this covers the 32 KiB mark "old" kernels want cleared). */
	if (p.cmdline_addr > p.real_addr + p.real_size)
		memset((void *)(uintptr_t)(p.real_addr + p.real_size), 0,
		       p.cmdline_addr - (p.real_addr + p.real_size));
	if (p.clear_len) /* boot.rst's rule for "old" kernels, explicitly */
		memset((void *)(uintptr_t)p.clear_addr, 0, p.clear_len);
	memmove(cmdline, L->cmdline, len);
	/* The kernel copies cmdline_size + 1 bytes whatever the NUL says. */
	memset(cmdline + len, 0, p.cmdline_max - len);
	if (p.pm_stage_addr != p.pm_addr)
		memmove((void *)(uintptr_t)p.pm_addr,
			(void *)(uintptr_t)p.pm_stage_addr, p.pm_size);
	linux16_boot(p.seg, p.stack_ptr);
}

struct linux_load *linux_prepare(struct volume *v, const struct memory *mem,
				 const struct cfg_boot *b)
{
	struct linux_load *L = heap_alloc(sizeof(*L));
	int err;

	if (!L) {
		printf("bzboot: out of loader memory.\n");
		return NULL;
	}
	/* The kernel file and its real-mode header. */
	err = volume_file_open(v, b->kernel, &L->kf);
	if (!err)
		err = load_setup(v, b->kernel, L);
	/* The command line, vga=, mem= and the initrd list from it. */
	if (!err)
		err = build_cmdline(b, L);
	if (!err)
		err = initrds_open(v, L->initrds, &L->rd);
	/* Where everything goes (boot.rst's rules for this version). */
	if (!err)
		err = plan_layout(mem, b->kernel, L);
	return err ? NULL : L;
}

int boot_linux(struct volume *v, const struct memory *mem,
	       const struct cfg_boot *b)
{
	struct linux_load *L;
	const struct linux_plan *p;
	int err;

	if (!mem->a20) { /* a load to 1 MiB would land on bzboot itself */
		printf("bzboot: %s: the A20 gate is closed, so nothing can be "
		       "loaded above 1 MiB; this machine cannot boot it.\n",
		       b->kernel);
		return -1;
	}
	L = linux_prepare(v, mem, b);
	if (!L)
		return -1;
	p = &L->plan;
	/* Nothing is read into place before the plan says it fits. */
	native_begin(v, mem);
	err = load_images(v, b->kernel, L);
	if (!err) {
		err = linux_write_header(L->setup, L->k.setup_size, &L->k, p,
					 L->vid_mode);
		if (err)
			printf("bzboot: %s: %s.\n", b->kernel,
			       linux_strerror(err));
	}
	if (err) {
		native_end(); /* the BIOS reads what comes next */
		return err;
	}

	/* The staged setup must not land on the staged command line (only
	 * possible for a layout at 0x10000 with a full setup). */
	if (overlaps(p->real_addr, p->real_size, (uintptr_t)L->cmdline,
		     L->cmdline_len + 1)) {
		printf("bzboot: internal error: setup would overwrite the "
		       "staged command line.\n");
		native_end();
		return -1;
	}
	print_plan(L);
	handoff(L);
}
