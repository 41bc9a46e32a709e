// SPDX-License-Identifier: BSD-2-Clause
// Linux kernel header: parse and check the real-mode header of a kernel file,
// and write the fields a boot loader owns into the staged real-mode image.
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "protocol/bootparam.h"
#include "protocol/linux.h"

// boot.rst: the real-mode code "can total up to 32K" (setup_sects <= 63).
#define SETUP_MAX_SIZE 0x8000
// boot.rst, initrd_addr_max: assume this for protocol 2.02 and older.
#define INITRD_ADDR_MAX_OLD 0x37FFFFFF
// boot.rst, cmdline_size: before 2.06 the limit was 255 characters.
#define CMDLINE_SIZE_OLD 255

static const char *const linux_errors[] = {
    [0] = "success",
    [-LINUX_EINVAL] = "invalid argument",
    [-LINUX_ENOTKERNEL] = "not a Linux kernel: no 0xAA55 boot flag",
    [-LINUX_ETRUNCATED] = "kernel file is truncated",
    [-LINUX_ESETUPTOOBIG] = "kernel setup code is larger than 32 KiB",
    [-LINUX_ENOHDRS] = "kernel predates boot protocol 2.00: not supported yet",
    [-LINUX_EBADVERSION] = "kernel has an unknown boot protocol version",
    [-LINUX_EOLDPROTO] =
	"kernel boot protocol is older than 2.02: not supported yet",
    [-LINUX_EZIMAGE] = "zImage kernels are not supported yet",
    [-LINUX_ETOOBIG] = "kernel file is too big",
    [-LINUX_EBADALIGN] = "kernel header has a bad kernel_alignment",
    [-LINUX_ECMDLINE] = "command line is longer than the kernel accepts",
    [-LINUX_ENOLOWMEM] = "not enough low memory for the kernel setup",
    [-LINUX_ENOHIGHMEM] = "kernel does not fit in memory",
    [-LINUX_ENOINITRDROOM] = "initrd does not fit below its limit",
    [-LINUX_ENOINITRD] = "kernel is too old for an initrd",
    [-LINUX_EBADVIDMODE] = "video mode number is out of range",
    [-LINUX_ENOTRELOC] =
	"kernel is not relocatable and cannot load at this address",
    [-LINUX_EHDRMISMATCH] =
	"staged setup code does not match the kernel header",
};

const char *linux_strerror(int err)
{
	size_t n = sizeof(linux_errors) / sizeof(linux_errors[0]);

	if (err > 0 || err <= -(int)n || !linux_errors[-err])
		return "unknown error";
	return linux_errors[-err];
}

// Copies kernel_version's text (boot.rst: a NUL-terminated string at
// kernel_version + 0x200, which must lie inside the setup sectors) when buf
// holds it.  Long strings are cut to fit; anything not printable ASCII, or
// not visibly terminated within buf, leaves "" rather than garbage on screen.
static void parse_version_string(const uint8_t *b, size_t len,
				 const struct setup_header *h,
				 struct linux_kernel *k)
{
	size_t off = (size_t)h->kernel_version + 0x200;
	size_t end = len < k->setup_size ? len : k->setup_size;
	size_t i;

	k->version_string[0] = '\0';
	if (!h->kernel_version || off >= end)
		return;
	for (i = 0; i < sizeof(k->version_string) - 1; i++) {
		if (off + i >= end)
			return;
		if (b[off + i] == '\0')
			break;
		if (b[off + i] < 0x20 || b[off + i] > 0x7E)
			return;
	}
	memcpy(k->version_string, b + off, i);
	k->version_string[i] = '\0';
}

static bool is_pow2(uint32_t v)
{
	return v && !(v & (v - 1));
}

int linux_parse_header(const void *buf, size_t len, uint64_t file_size,
		       struct linux_kernel *k)
{
	const uint8_t *b = buf;
	struct setup_header h;
	size_t need = file_size < 1024 ? (size_t)file_size : 1024;
	size_t n;
	uint16_t v;

	if (!buf || !k || len < need)
		return LINUX_EINVAL;
	memset(k, 0, sizeof(*k));
	// Too short to even hold a boot sector: not a kernel at all.
	if (file_size < 0x200)
		return LINUX_ENOTKERNEL;
	// A short file leaves the later fields zero, and is refused below.
	memset(&h, 0, sizeof(h));
	n = len - SETUP_HEADER_OFFSET;
	memcpy(&h, b + SETUP_HEADER_OFFSET, n < sizeof(h) ? n : sizeof(h));
	if (h.boot_flag != SETUP_BOOT_FLAG)
		return LINUX_ENOTKERNEL;

	k->setup_sects = h.setup_sects ? h.setup_sects : 4;
	k->setup_size = ((uint32_t)k->setup_sects + 1) * 512;
	k->pm_offset = k->setup_size;
	k->initrd_addr_max = INITRD_ADDR_MAX_OLD;
	k->cmdline_size = CMDLINE_SIZE_OLD;
	if (h.header == SETUP_HDRS_MAGIC && len >= 0x208)
		k->version = h.version;
	v = k->version;
	// Each field only from the version that defines it: before that the
	// bytes are setup code (boot.rst: only use fields the version has).
	if (v >= 0x0200) {
		k->loadflags = h.loadflags;
		k->bzimage = h.loadflags & LOADED_HIGH;
		// The short jump (0xEB rel8) at 0x200 skips the header.
		if ((h.jump & 0xFF) == 0xEB)
			k->header_end = 0x202 + (h.jump >> 8);
	}
	if (v >= 0x0203)
		k->initrd_addr_max = h.initrd_addr_max;
	if (v >= 0x0205) {
		k->relocatable = h.relocatable_kernel != 0;
		k->kernel_alignment = h.kernel_alignment;
	}
	if (v >= 0x0206)
		k->cmdline_size = h.cmdline_size;
	if (v >= 0x020A) {
		k->pref_address = h.pref_address;
		k->init_size = h.init_size;
	}
	if (v >= 0x020C)
		k->xloadflags = h.xloadflags;
	if (v >= 0x0200)
		parse_version_string(b, len, &h, k);

	if (k->setup_size > SETUP_MAX_SIZE)
		return LINUX_ESETUPTOOBIG;
	// The kernel checks a signature at the end of setup, and needs a
	// protected-mode part after it: both must be in the file.
	if (file_size <= k->setup_size)
		return LINUX_ETRUNCATED;
	if (file_size - k->setup_size > UINT32_MAX)
		return LINUX_ETOOBIG;
	k->pm_size = (uint32_t)(file_size - k->setup_size);

	if (!v)
		return LINUX_ENOHDRS;
	if (v < 0x0200 || v >= 0x0300)
		return LINUX_EBADVERSION;
	if (v < 0x0202)
		return LINUX_EOLDPROTO;
	if (!k->bzimage)
		return LINUX_EZIMAGE;
	// syssize counts 16-byte paragraphs of the PM part; trustworthy from
	// 2.04 (4 bytes wide).  Kernels before the CRC (2.6.26) rounded it up
	// without padding the file, so compare whole paragraphs.  Signed
	// kernels carry extra bytes after it: longer is fine.
	if (v >= 0x0204 && ((uint64_t)k->pm_size + 15) >> 4 < h.syssize)
		return LINUX_ETRUNCATED;
	// A relocatable kernel realigns itself with align_up(), which only
	// works for powers of two (the kernel build enforces it).
	if (k->relocatable && !is_pow2(k->kernel_alignment))
		return LINUX_EBADALIGN;
	return 0;
}

static uint16_t get16(const uint8_t *b, size_t off)
{
	return (uint16_t)(b[off] | b[off + 1] << 8);
}

static uint32_t get32(const uint8_t *b, size_t off)
{
	return get16(b, off) | (uint32_t)get16(b, off + 2) << 16;
}

static void put16(uint8_t *b, size_t off, uint16_t v)
{
	b[off] = (uint8_t)v;
	b[off + 1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *b, size_t off, uint32_t v)
{
	put16(b, off, (uint16_t)v);
	put16(b, off + 2, (uint16_t)(v >> 16));
}

#define OFF(field) SETUP_HEADER_OFF(field)

int linux_write_header(void *setup, size_t len, const struct linux_kernel *k,
		       const struct linux_plan *p, int vid_mode)
{
	uint8_t *b = setup;
	uint8_t flags, sects;
	bool move32;

	if (!setup || !k || !p || len < k->setup_size ||
	    k->setup_size < OFF(kernel_info_offset) + 4 ||
	    p->initrd_size > UINT32_MAX)
		return LINUX_EINVAL;
	// Protocols before 2.02 need cmd_line_magic and setup_move_size
	// instead of cmd_line_ptr; that path comes with their support.
	if (k->version < 0x0202)
		return LINUX_EOLDPROTO;
	if (!k->bzimage)
		return LINUX_EZIMAGE;
	// The image must still be the one k was parsed from.
	sects = b[OFF(setup_sects)] ? b[OFF(setup_sects)] : 4;
	if (get16(b, OFF(boot_flag)) != SETUP_BOOT_FLAG ||
	    get32(b, OFF(header)) != SETUP_HDRS_MAGIC ||
	    get16(b, OFF(version)) != k->version || sects != k->setup_sects)
		return LINUX_EHDRMISMATCH;
	if (vid_mode > 0xFFFF)
		return LINUX_EBADVIDMODE;
	// code32_start is where the 16-bit setup jumps in protected mode.  At
	// the kernel's own default it stays; a relocatable kernel loaded
	// elsewhere gets the real address (boot.rst, code32_start).
	move32 = get32(b, OFF(code32_start)) != p->pm_addr;
	if (move32 && !k->relocatable)
		return LINUX_ENOTRELOC;

	// 2.00+: type_of_loader, loadflags, ramdisk_image/size.
	// 0xFF = no assigned loader ID (boot.rst, type_of_loader).
	b[OFF(type_of_loader)] = 0xFF;
	flags = b[OFF(loadflags)] | CAN_USE_HEAP;
	if (p->quiet)
		flags |= QUIET_FLAG;
	else
		flags &= (uint8_t)~QUIET_FLAG;
	b[OFF(loadflags)] = flags;
	put32(b, OFF(ramdisk_image), p->initrd_addr);
	put32(b, OFF(ramdisk_size), (uint32_t)p->initrd_size);
	if (move32)
		put32(b, OFF(code32_start), p->pm_addr);
	// 2.01+: heap_end_ptr (CAN_USE_HEAP above says it is valid).
	put16(b, OFF(heap_end_ptr), p->heap_end_ptr);
	// 2.02+: cmd_line_ptr.
	put32(b, OFF(cmd_line_ptr), p->cmdline_addr);
	// All versions; without vga= the kernel's own default stays.
	if (vid_mode >= 0)
		put16(b, OFF(vid_mode), (uint16_t)vid_mode);
	return 0;
}
