// SPDX-License-Identifier: BSD-2-Clause
// bzboot inspect: the kernel's setup header as the file has it, and the
// fields bzboot's writer (protocol/) changes in it at boot.
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/bootparam.h"
#include "protocol/le.h"
#include "protocol/linux.h"
#include "protocol/linux_flags.h"
#include "tools/inspect_header.h"

void inspect_row(const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("  %-20s", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

const char *inspect_human(uint64_t n, char *buf, size_t size)
{
	if (n >= MIB)
		snprintf(buf, size, "%.1f MiB", (double)n / MIB);
	else if (n >= 1024)
		snprintf(buf, size, "%.1f KiB", n / 1024.0);
	else
		snprintf(buf, size, "%llu bytes", (unsigned long long)n);
	return buf;
}

/*
 * The value, then the set bits' names, wrapped under each other; a bit the
 * kernel does not define is shown as "bit N (unknown)".
 */
static void print_flags(const char *name, unsigned value, unsigned bits,
			const char *(*bit_name)(unsigned))
{
	int col = printf("  %-20s0x%02x", name, value);
	char unknown[24];

	if (!value)
		printf(" (none)");
	for (unsigned i = 0; i < bits; i++) {
		const char *s = bit_name(i);

		if (!(value & (1u << i)))
			continue;
		if (!s) {
			snprintf(unknown, sizeof(unknown), "bit %u (unknown)",
				 i);
			s = unknown;
		}
		if (col + 1 + (int)strlen(s) > 78)
			col = printf("\n  %-20s    ", "") - 1;
		col += printf(" %s", s);
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
		inspect_row("kernel_version", "%s",
			    k->version ? "(none)" : "(no field before 2.00)");
		return;
	}
	while (end < k->setup_size && file[end] >= 0x20 && file[end] < 0x7F)
		end++;
	inspect_row("kernel_version", "%.*s", (int)(end - off),
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
		inspect_row("payload",
			    "offset 0x%x, length 0x%x: not in the file",
			    k->payload_offset, k->payload_length);
		return;
	}
	fmt = linux_payload_format(pm + k->payload_offset,
				   k->pm_size - k->payload_offset);
	inspect_row("payload",
		    "%s, 0x%x bytes at 0x%x in the protected-mode part",
		    payload_names[fmt], k->payload_length, k->payload_offset);
}

static void print_kernel_info(const uint8_t *pm, const struct linux_kernel *k)
{
	struct kernel_info ki;

	if (linux_parse_kernel_info(pm, k->pm_size, k->kernel_info_offset,
				    &ki)) {
		inspect_row("kernel_info", "offset 0x%x: %s",
			    k->kernel_info_offset,
			    linux_strerror(LINUX_EBADKINFO));
		return;
	}
	inspect_row("kernel_info",
		    "at 0x%x in the protected-mode part, size %u",
		    k->kernel_info_offset, ki.size);
	inspect_row("  size_total", "%u", ki.size_total);
	if (ki.size >= sizeof(ki))
		inspect_row("  setup_type_max", "0x%x", ki.setup_type_max);
}

void inspect_print_header(const char *path, const uint8_t *file, size_t len,
			  const struct linux_kernel *k)
{
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
	inspect_row("file size", "%zu bytes (%s)", len,
		    inspect_human(len, h, sizeof(h)));
	inspect_row(
	    "setup_sects", "%u%s: real-mode code 0x%x bytes", k->setup_sects,
	    file[SETUP_HEADER_OFFSET] ? "" : " (0 means 4)", k->setup_size);
	inspect_row("protected-mode part",
		    "0x%x bytes (%s) at file offset 0x%x", k->pm_size,
		    inspect_human(k->pm_size, h, sizeof(h)), k->pm_offset);
	if (v >= 0x0200) {
		inspect_row("header_end", "0x%x", k->header_end);
		print_flags("loadflags", k->loadflags, 8, linux_loadflag_name);
	}
	if (v >= 0x020C)
		print_flags("xloadflags", k->xloadflags, 16,
			    linux_xloadflag_name);
	if (v >= 0x0205)
		inspect_row("relocatable_kernel", "%s, kernel_alignment 0x%x",
			    k->relocatable ? "yes" : "no", k->kernel_alignment);
	if (v >= 0x020A) {
		inspect_row("pref_address", "0x%llx",
			    (unsigned long long)k->pref_address);
		inspect_row("init_size", "0x%x (%s)", k->init_size,
			    inspect_human(k->init_size, h, sizeof(h)));
	}
	inspect_row("cmdline_size", "%u%s", k->cmdline_size,
		    v >= 0x0206 ? "" : " (assumed before 2.06)");
	if (v >= 0x0200)
		inspect_row("initrd_addr_max", "0x%x%s", k->initrd_addr_max,
			    v >= 0x0203 ? "" : " (assumed before 2.03)");
	else
		inspect_row("initrd", "not supported before 2.00");
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
int inspect_print_writes(const uint8_t *file, const struct linux_kernel *k,
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
