// SPDX-License-Identifier: BSD-2-Clause
// bzboot inspect: what a kernel file's header says, and where bzboot's own
// planner (protocol/) puts every piece on a QEMU-like PC, drawn as boot.rst.
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline/kcmdline.h"
#include "protocol/bootparam.h"
#include "protocol/linux.h"
#include "stage2/memmap.h" /* MEM_BOUNCE: the lowest X stage2 allows */
#include "tools/args.h"
#include "tools/bzboot.h"
#include "tools/file.h"
#include "tools/inspect.h"
#include "protocol/le.h"

#define MIB	     0x100000ull
#define FILE_MAX     (1024 * MIB) /* no loader reads a bigger kernel */
#define MEM_DEFAULT  512	  /* MiB, as `make demo` and the boot tests */
#define MEM_MAX	     (1024 * 1024)
#define EBDA_START   0x9FC00 /* SeaBIOS: INT 12h says 639 KiB */
#define BIOS_ROM     0xF0000
#define LOWMEM_END   0xA0000
#define ZIMAGE_SPACE 0x80000 /* 0x10000-0x8FFFF, below the setup */

const char cmd_inspect_help[] =
    "  inspect [--cmdline STR] [--initrd SIZE] [--mem MIB] FILE\n"
    "      Show what the Linux kernel FILE says in its header and draw\n"
    "      where bzboot would put each piece in memory on a PC like\n"
    "      QEMU's with MIB MiB of RAM. Reads FILE only.\n"
    "      --cmdline STR   the kernel command line bzboot would pass\n"
    "                      (its length counts; mem= and vga= apply)\n"
    "      --initrd SIZE   an initrd of SIZE bytes (K, M, G suffixes)\n"
    "      --mem MIB       RAM in MiB (default 512)\n";

struct inspect_opts {
	const char *path;
	const char *cmdline;
	uint64_t initrd_size;
	uint64_t mem_mib;
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

/* A plain decimal count of MiB. */
static int parse_mib(const char *s, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end)
		return -1;
	*out = v;
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
	o->mem_mib = MEM_DEFAULT;
	while ((opt = args_next(&a, &o->path))) {
		if (!strcmp(opt, "--cmdline")) {
			args_value(&a, &o->cmdline);
		} else if (!strcmp(opt, "--initrd")) {
			if (!args_value(&a, &val) &&
			    parse_size(val, &o->initrd_size))
				return bz_usage_error("inspect: --initrd '%s' "
						      "is not a size (e.g. "
						      "12M)",
						      val);
		} else if (!strcmp(opt, "--mem")) {
			if (!args_value(&a, &val) &&
			    (parse_mib(val, &o->mem_mib) || o->mem_mib < 2 ||
			     o->mem_mib > MEM_MAX))
				return bz_usage_error("inspect: --mem '%s': "
						      "give the RAM in MiB, "
						      "2 to %u",
						      val, MEM_MAX);
		} else {
			return args_unknown(&a, opt);
		}
	}
	return a.err;
}

/* --- the header -------------------------------------------------------- */

static void row(const char *name, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void row(const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("  %-20s", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* "63.6 MiB", "512 KiB", "300 bytes" */
static const char *human(uint64_t n, char *buf, size_t size)
{
	if (n >= MIB)
		snprintf(buf, size, "%.1f MiB", (double)n / MIB);
	else if (n >= 1024)
		snprintf(buf, size, "%.1f KiB", n / 1024.0);
	else
		snprintf(buf, size, "%llu bytes", (unsigned long long)n);
	return buf;
}

/* The value, then the set bits' names, wrapped under each other. */
static void print_flags(const char *name, unsigned value,
			const char *const *names, unsigned n)
{
	int col = printf("  %-20s0x%02x", name, value);

	if (!value)
		printf(" (none)");
	for (unsigned i = 0; i < n; i++) {
		if (!(value & (1u << i)) || !names[i])
			continue;
		if (col + 1 + (int)strlen(names[i]) > 78)
			col = printf("\n  %-20s    ", "") - 1;
		col += printf(" %s", names[i]);
	}
	putchar('\n');
}

/*
 * The whole kernel_version string (the parser keeps 63 characters for
 * stage2's messages): same rule, NUL-terminated inside setup, printable.
 */
static void print_version_string(const uint8_t *file,
				 const struct linux_kernel *k)
{
	uint16_t ptr = le16_get(file + SETUP_HEADER_OFF(kernel_version));
	size_t off = (size_t)ptr + 0x200, end = off;

	if (!k->version_string[0]) {
		row("kernel_version", "%s",
		    k->version ? "(none)" : "(no field before 2.00)");
		return;
	}
	while (end < k->setup_size && file[end] >= 0x20 && file[end] < 0x7F)
		end++;
	row("kernel_version", "%.*s", (int)(end - off),
	    (const char *)file + off);
}

static const char *const payload_names[] = {
    [LINUX_PAYLOAD_UNKNOWN] = "unknown format",
    [LINUX_PAYLOAD_GZIP] = "gzip",
    [LINUX_PAYLOAD_BZIP2] = "bzip2",
    [LINUX_PAYLOAD_LZMA] = "lzma",
    [LINUX_PAYLOAD_XZ] = "xz",
    [LINUX_PAYLOAD_LZO] = "lzo",
    [LINUX_PAYLOAD_LZ4] = "lz4",
    [LINUX_PAYLOAD_ZSTD] = "zstd",
    [LINUX_PAYLOAD_ELF] = "ELF, not compressed",
};

static void print_payload(const uint8_t *pm, const struct linux_kernel *k)
{
	int fmt;

	if (!k->payload_offset || k->payload_offset >= k->pm_size) {
		row("payload", "offset 0x%x, length 0x%x: not in the file",
		    k->payload_offset, k->payload_length);
		return;
	}
	fmt = linux_payload_format(pm + k->payload_offset,
				   k->pm_size - k->payload_offset);
	row("payload", "%s, 0x%x bytes at 0x%x in the protected-mode part",
	    payload_names[fmt], k->payload_length, k->payload_offset);
}

static void print_kernel_info(const uint8_t *pm, const struct linux_kernel *k)
{
	struct kernel_info ki;

	if (linux_parse_kernel_info(pm, k->pm_size, k->kernel_info_offset,
				    &ki)) {
		row("kernel_info", "offset 0x%x: %s", k->kernel_info_offset,
		    linux_strerror(LINUX_EBADKINFO));
		return;
	}
	row("kernel_info", "at 0x%x in the protected-mode part, size %u",
	    k->kernel_info_offset, ki.size);
	row("  size_total", "%u", ki.size_total);
	if (ki.size >= sizeof(ki))
		row("  setup_type_max", "0x%x", ki.setup_type_max);
}

static void print_header(const char *path, const uint8_t *file, size_t len,
			 const struct linux_kernel *k)
{
	static const char *const lf[8] = {
	    "LOADED_HIGH", "KASLR_FLAG",    NULL,	    NULL, NULL,
	    "QUIET_FLAG",  "KEEP_SEGMENTS", "CAN_USE_HEAP",
	};
	static const char *const xlf[5] = {
	    "XLF_KERNEL_64",	   "XLF_CAN_BE_LOADED_ABOVE_4G",
	    "XLF_EFI_HANDOVER_32", "XLF_EFI_HANDOVER_64",
	    "XLF_EFI_KEXEC",
	};
	const uint8_t *pm = file + k->pm_offset;
	uint16_t v = k->version;
	char h[32];

	if (v)
		printf("%s: Linux kernel, %s, boot protocol %u.%02u\n", path,
		       k->bzimage ? "bzImage" : "zImage", v >> 8, v & 0xFF);
	else
		printf("%s: Linux kernel, zImage, boot protocol \"old\" "
		       "(no HdrS, before 2.00)\n",
		       path);
	print_version_string(file, k);
	row("file size", "%zu bytes (%s)", len, human(len, h, sizeof(h)));
	row("setup_sects", "%u%s: real-mode code 0x%x bytes", k->setup_sects,
	    file[SETUP_HEADER_OFFSET] ? "" : " (0 means 4)", k->setup_size);
	row("protected-mode part", "0x%x bytes (%s) at file offset 0x%x",
	    k->pm_size, human(k->pm_size, h, sizeof(h)), k->pm_offset);
	if (v >= 0x0200) {
		row("header_end", "0x%x", k->header_end);
		print_flags("loadflags", k->loadflags, lf, 8);
	}
	if (v >= 0x020C)
		print_flags("xloadflags", k->xloadflags, xlf, 5);
	if (v >= 0x0205)
		row("relocatable_kernel", "%s, kernel_alignment 0x%x",
		    k->relocatable ? "yes" : "no", k->kernel_alignment);
	if (v >= 0x020A) {
		row("pref_address", "0x%llx",
		    (unsigned long long)k->pref_address);
		row("init_size", "0x%x (%s)", k->init_size,
		    human(k->init_size, h, sizeof(h)));
	}
	row("cmdline_size", "%u%s", k->cmdline_size,
	    v >= 0x0206 ? "" : " (assumed before 2.06)");
	if (v >= 0x0200)
		row("initrd_addr_max", "0x%x%s", k->initrd_addr_max,
		    v >= 0x0203 ? "" : " (assumed before 2.03)");
	else
		row("initrd", "not supported before 2.00");
	if (v >= 0x0208)
		print_payload(pm, k);
	if (v >= 0x020F)
		print_kernel_info(pm, k);
}

/* --- the header fields bzboot writes ------------------------------------ */

struct field {
	uint16_t off;
	uint8_t size;
	bool poison; /* the writer does not read it: flip it to see writes */
	const char *name;
};

#define FIELD(f) SETUP_HEADER_OFF(f), sizeof(((struct setup_header *)0)->f)

static const struct field fields[] = {
    {CMD_LINE_MAGIC_OFF, 2, true, "cmd_line_magic"},
    {CMD_LINE_OFFSET_OFF, 2, true, "cmd_line_offset"},
    {FIELD(vid_mode), true, "vid_mode"},
    {FIELD(type_of_loader), true, "type_of_loader"},
    {FIELD(loadflags), false, "loadflags"},
    {FIELD(setup_move_size), true, "setup_move_size"},
    {FIELD(code32_start), false, "code32_start"},
    {FIELD(ramdisk_image), true, "ramdisk_image"},
    {FIELD(ramdisk_size), true, "ramdisk_size"},
    {FIELD(heap_end_ptr), true, "heap_end_ptr"},
    {FIELD(cmd_line_ptr), true, "cmd_line_ptr"},
};

#define N_FIELDS (sizeof(fields) / sizeof(fields[0]))

static uint32_t field_get(const uint8_t *b, const struct field *f)
{
	return f->size == 1   ? b[f->off]
	       : f->size == 2 ? le16_get(b + f->off)
			      : le32_get(b + f->off);
}

/*
 * Runs linux_write_header() as stage2 does, twice: on the setup as it is
 * and on a copy with every field it does not read inverted. A field the
 * writer sets comes out equal in both, whatever it held; one it leaves
 * does not. loadflags and code32_start are read too: shown if changed.
 */
static int print_writes(const uint8_t *file, const struct linux_kernel *k,
			const struct linux_plan *p, int vid_mode)
{
	uint8_t *a = malloc(k->setup_size), *b = malloc(k->setup_size);
	int err = LINUX_EINVAL;

	if (!a || !b)
		goto out;
	memcpy(a, file, k->setup_size);
	memcpy(b, file, k->setup_size);
	for (size_t i = 0; i < N_FIELDS; i++)
		for (unsigned j = 0; fields[i].poison && j < fields[i].size;
		     j++)
			b[fields[i].off + j] ^= 0xFF;
	err = linux_write_header(a, k->setup_size, k, p, vid_mode);
	if (!err)
		err = linux_write_header(b, k->setup_size, k, p, vid_mode);
	if (err)
		goto out;
	printf("\nHeader fields bzboot writes (every other byte is kept):\n");
	for (size_t i = 0; i < N_FIELDS; i++) {
		const struct field *f = &fields[i];
		bool written = f->poison
				   ? !memcmp(a + f->off, b + f->off, f->size)
				   : memcmp(a + f->off, file + f->off, f->size);

		if (written)
			printf("  0x%03x %-16s 0x%0*x\n", f->off, f->name,
			       f->size * 2, field_get(a, f));
	}
out:
	free(a);
	free(b);
	return err;
}

/* --- the layout ---------------------------------------------------------- */

struct item {
	uint64_t start, end;
	const char *label;
	char note[80];
};

struct layout {
	struct item item[16]; /* in order of precedence: first one wins */
	unsigned n;
	const struct mem_range *map;
	const char *const *map_names;
	unsigned nmap;
	uint64_t top;
};

static void add(struct layout *l, uint64_t start, uint64_t len,
		const char *label, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void add(struct layout *l, uint64_t start, uint64_t len,
		const char *label, const char *fmt, ...)
{
	struct item *it;
	va_list ap;

	if (!len || l->n == sizeof(l->item) / sizeof(l->item[0]))
		return;
	it = &l->item[l->n++];
	it->start = start;
	it->end = start + len;
	it->label = label;
	va_start(ap, fmt);
	vsnprintf(it->note, sizeof(it->note), fmt, ap);
	va_end(ap);
}

/* What holds [a, ...): a piece of the plan, else what the map says. */
static void owner(const struct layout *l, uint64_t a, const char **label,
		  const char **note)
{
	*note = "";
	for (unsigned i = 0; i < l->n; i++)
		if (l->item[i].start <= a && a < l->item[i].end) {
			*label = l->item[i].label;
			*note = l->item[i].note;
			return;
		}
	for (unsigned i = 0; i < l->nmap; i++)
		if (l->map[i].type != MEM_RANGE_USABLE && l->map[i].addr <= a &&
		    a < l->map[i].addr + l->map[i].size) {
			*label = l->map_names[i];
			return;
		}
	for (unsigned i = 0; i < l->nmap; i++)
		if (l->map[i].addr <= a &&
		    a < l->map[i].addr + l->map[i].size) {
			*label = "free";
			return;
		}
	*label =
	    a >= LOWMEM_END && a < MEM_HIGH ? "VGA, option ROMs" : "no RAM";
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void boundary(int width, uint64_t addr, const char *note)
{
	printf("  %0*llX  +------------------------+%s%s\n", width,
	       (unsigned long long)addr, *note ? "  " : "", note);
}

/* boot.rst's style: addresses on the left, highest first. */
static void draw(const struct layout *l)
{
	uint64_t at[2 * 16 + 2 * 8 + 2];
	unsigned n = 0, i, width = l->top > 0xFFFFFFFFull ? 9 : 8;
	char top_note[48];

	at[n++] = 0;
	at[n++] = l->top;
	for (i = 0; i < l->n; i++) {
		at[n++] = l->item[i].start;
		at[n++] = l->item[i].end;
	}
	for (i = 0; i < l->nmap; i++) {
		at[n++] = l->map[i].addr;
		at[n++] = l->map[i].addr + l->map[i].size;
	}
	qsort(at, n, sizeof(at[0]), cmp_u64);
	snprintf(top_note, sizeof(top_note), "end of RAM (%llu MiB)",
		 (unsigned long long)(l->top / MIB));
	putchar('\n');
	boundary((int)width, l->top, top_note);
	/* From the top down, one row per run of memory with one owner. */
	for (i = n - 1; i > 0;) {
		const char *label, *note, *lab2, *note2;
		unsigned j;

		if (at[i - 1] == at[i] || at[i] > l->top) {
			i--;
			continue;
		}
		owner(l, at[i - 1], &label, &note);
		for (j = i - 1; j > 0; j--) {
			if (at[j - 1] == at[j])
				continue;
			owner(l, at[j - 1], &lab2, &note2);
			if (lab2 != label || note2 != note)
				break;
		}
		printf("  %*s  |  %-22s|%s%s\n", (int)width, "", label,
		       *note ? "  " : "", note);
		boundary((int)width, at[j], "");
		i = j;
	}
}

/* The pieces of the plan, the most specific first. */
static void plan_items(struct layout *l, const struct linux_kernel *k,
		       const struct linux_plan *p, uint32_t cmdline_len)
{
	uint32_t x = p->real_addr;
	uint32_t heap_end = p->heap_end_ptr + 0x200u;
	char h[32];

	add(l, x, 0x200, "kernel boot sector", "X; jump %04x:0000, SS=DS=%04x",
	    p->jump_cs, p->seg);
	add(l, x + 0x200, k->setup_size - 0x200, "kernel setup", "%u sectors",
	    k->setup_sects);
	add(l, p->clear_addr, p->clear_len, "zeroed",
	    "cleared at the hand-off");
	if (k->version >= 0x0201)
		add(l, x + k->setup_size, heap_end - k->setup_size,
		    "stack / heap", "heap_end_ptr 0x%x, SP 0x%x",
		    p->heap_end_ptr, p->stack_ptr);
	else
		add(l, x + k->setup_size, p->stack_ptr - k->setup_size,
		    "stack / heap", "SP 0x%x (no heap_end_ptr before 2.01)",
		    p->stack_ptr);
	if (k->version >= 0x0202)
		add(l, p->cmdline_addr, p->cmdline_max, "command line",
		    "cmd_line_ptr: %u characters + NUL", cmdline_len);
	else
		add(l, p->cmdline_addr, p->cmdline_max, "command line",
		    "cmd_line_offset 0x%x: %u characters", p->cmdline_addr - x,
		    cmdline_len);
	add(l, p->pm_addr, p->pm_size, "protected-mode kernel",
	    "0x%x bytes from file offset 0x%x", p->pm_size, k->pm_offset);
	if (p->pm_stage_addr != p->pm_addr)
		add(l, p->pm_stage_addr, p->pm_size, "kernel while loading",
		    "moved to 0x%x at the hand-off", p->pm_addr);
	add(l, p->initrd_addr, p->initrd_size, "initrd", "%s",
	    human(p->initrd_size, h, sizeof(h)));
	if (k->version >= 0x020A)
		add(l, p->runtime_start, p->kernel_end - p->runtime_start,
		    "kernel runtime", "init_size 0x%x: no initrd here",
		    k->init_size);
	else
		add(l, p->runtime_start, p->kernel_end - p->runtime_start,
		    "kernel runtime", "3x its size assumed: no initrd here");
	/* A bzImage that runs above where it is loaded. */
	if (p->pm_stage_addr + p->pm_size < p->runtime_start)
		add(l, p->pm_stage_addr + p->pm_size,
		    p->runtime_start - (p->pm_stage_addr + p->pm_size),
		    "kept free", "no initrd: the kernel runs higher");
	add(l, 0, MEM_BOUNCE, "bzboot, BIOS data",
	    "stage2 runs the hand-off from here");
}

static void print_plan(const struct linux_kernel *k, const struct linux_plan *p,
		       uint32_t cmdline_len, struct layout *l)
{
	char h[32];

	printf("  real-mode part      0x%x-0x%x; jump %04x:0000, SS=DS=%04x, "
	       "SP 0x%x\n",
	       p->real_addr, p->real_addr + p->real_size - 1, p->jump_cs,
	       p->seg, p->stack_ptr);
	printf("  command line        0x%x: %u characters, %u bytes zeroed\n",
	       p->cmdline_addr, cmdline_len, p->cmdline_max);
	printf("  protected mode      0x%x-0x%x", p->pm_addr,
	       p->pm_addr + p->pm_size - 1);
	if (p->pm_stage_addr != p->pm_addr)
		printf(" (staged at 0x%x while loading)", p->pm_stage_addr);
	printf("\n  kernel runtime      0x%llx-0x%llx: no initrd there\n",
	       (unsigned long long)p->runtime_start,
	       (unsigned long long)p->kernel_end - 1);
	if (p->initrd_size)
		printf(
		    "  initrd              0x%x-0x%llx (%s), below 0x%llx\n",
		    p->initrd_addr,
		    (unsigned long long)(p->initrd_addr + p->initrd_size - 1),
		    human(p->initrd_size, h, sizeof(h)),
		    (unsigned long long)p->initrd_limit);
	else
		printf("  initrd              none\n");
	if (p->clear_len)
		printf("  zeroed              0x%x-0x%x at the hand-off\n",
		       p->clear_addr, p->clear_addr + p->clear_len - 1);
	plan_items(l, k, p, cmdline_len);
	draw(l);
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
			 path, human(r->initrd_size, h, sizeof(h)),
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

/* vga= and mem= from the command line, as stage2 reads them. */
static int loader_options(const char *cmdline, int *vid_mode,
			  uint64_t *mem_limit)
{
	char val[64];
	uint16_t mode;

	*vid_mode = -1;
	*mem_limit = 0;
	if (kcmd_get_option(cmdline, "vga", val, sizeof(val)) !=
	    KCMD_ENOTFOUND) {
		if (kcmd_parse_vga(val, &mode)) {
			bz_error("--cmdline: vga=%s: not a video mode (use "
				 "normal, ext, ask or a number)",
				 val);
			return -1;
		}
		*vid_mode = mode;
	}
	if (kcmd_get_option(cmdline, "mem", val, sizeof(val)) !=
		KCMD_ENOTFOUND &&
	    kcmd_parse_mem(val, mem_limit)) {
		bz_error("--cmdline: mem=%s: not a size (use e.g. mem=512M)",
			 val);
		return -1;
	}
	return 0;
}

static int inspect(const struct inspect_opts *o, const uint8_t *file,
		   size_t len)
{
	/* QEMU with SeaBIOS: the EBDA at the top of low memory, the BIOS
	 * ROM below 1 MiB, RAM from 1 MiB to the end. */
	const struct mem_range map[] = {
	    {0, EBDA_START, MEM_RANGE_USABLE},
	    {EBDA_START, LOWMEM_END - EBDA_START, 2},
	    {BIOS_ROM, MEM_HIGH - BIOS_ROM, 2},
	    {MEM_HIGH, o->mem_mib * MIB - MEM_HIGH, MEM_RANGE_USABLE},
	};
	static const char *const map_names[] = {"", "reserved (EBDA)",
						"reserved (BIOS ROM)", ""};
	struct layout l = {
	    .map = map,
	    .map_names = map_names,
	    .nmap = 4,
	    .top = o->mem_mib * MIB,
	};
	struct linux_plan_req req = {
	    .map = map,
	    .nmap = 4,
	    .low_top = EBDA_START,
	    .real_min = MEM_BOUNCE,
	    .initrd_size = o->initrd_size,
	};
	struct linux_kernel k;
	struct linux_plan p;
	size_t cmdline_len = strlen(o->cmdline);
	int err, vid_mode;

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
	print_header(o->path, file, len, &k);

	if (cmdline_len > UINT32_MAX ||
	    loader_options(o->cmdline, &vid_mode, &req.mem_limit))
		return BZ_EXIT_FAIL;
	req.cmdline_len = (uint32_t)cmdline_len;
	printf("\nPlan for a QEMU-like PC with %llu MiB of RAM:\n",
	       (unsigned long long)o->mem_mib);
	err = linux_plan_layout(&k, &req, &p);
	if (err)
		return refuse_plan(o->path, err, &k, &p, &req);
	print_plan(&k, &p, req.cmdline_len, &l);
	err = print_writes(file, &k, &p, vid_mode);
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
