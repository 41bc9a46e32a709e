// SPDX-License-Identifier: BSD-2-Clause
// Linux kernel header: parse and check the real-mode header of a kernel file,
// and write the fields a boot loader owns into the staged real-mode image.
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "protocol/bootparam.h"
#include "protocol/le.h"
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
    [-LINUX_EBADVERSION] = "kernel has an unknown boot protocol version",
    [-LINUX_EZIMAGETOOBIG] =
	"zImage kernel does not fit below its setup at 0x90000",
    [-LINUX_ETOOBIG] = "kernel file is too big",
    [-LINUX_EBADALIGN] = "kernel header has a bad kernel_alignment",
    [-LINUX_ECMDLINE] = "command line is longer than the kernel accepts",
    [-LINUX_ENOLOWMEM] = "not enough low memory for the kernel setup",
    [-LINUX_ENOHIGHMEM] = "kernel does not fit in memory",
    [-LINUX_ENOINITRDROOM] = "initrd does not fit below its limit",
    [-LINUX_ENOINITRD] = "kernel too old for an initrd",
    [-LINUX_EBADVIDMODE] = "video mode number is out of range",
    [-LINUX_ENOTRELOC] =
	"kernel is not relocatable and cannot load at this address",
    [-LINUX_EHDRMISMATCH] =
	"staged setup code does not match the kernel header",
    [-LINUX_EBADKINFO] = "kernel_info is missing or damaged",
    [-LINUX_EBOOTSECTOR] = "not a Linux kernel: a boot sector, no kernel",
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
	uint32_t paras;
	uint16_t v;
	int bad;

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
		parse_version_string(b, len, &h, k);
	}
	if (v >= 0x0203)
		k->initrd_addr_max = h.initrd_addr_max;
	if (v >= 0x0205) {
		k->relocatable = h.relocatable_kernel != 0;
		k->kernel_alignment = h.kernel_alignment;
	}
	if (v >= 0x0206)
		k->cmdline_size = h.cmdline_size;
	if (v >= 0x0208) {
		k->payload_offset = h.payload_offset;
		k->payload_length = h.payload_length;
	}
	if (v >= 0x020A) {
		k->pref_address = h.pref_address;
		k->init_size = h.init_size;
	}
	if (v >= 0x020C)
		k->xloadflags = h.xloadflags;
	if (v >= 0x020F)
		k->kernel_info_offset = h.kernel_info_offset;

	// Without a HdrS the checks below are all there is to tell an old
	// kernel from any other boot sector: refuse it as just a boot sector.
	bad = v ? LINUX_ESETUPTOOBIG : LINUX_EBOOTSECTOR;
	if (k->setup_size > SETUP_MAX_SIZE)
		return bad;
	// The kernel checks a signature at the end of setup, and needs a
	// protected-mode part after it: both must be in the file.
	bad = v ? LINUX_ETRUNCATED : LINUX_EBOOTSECTOR;
	if (file_size <= k->setup_size)
		return bad;
	if (file_size - k->setup_size > UINT32_MAX)
		return v ? LINUX_ETOOBIG : LINUX_EBOOTSECTOR;
	k->pm_size = (uint32_t)(file_size - k->setup_size);
	paras = (k->pm_size >> 4) + ((k->pm_size & 15) != 0);
	// syssize counts 16-byte paragraphs of the PM part: 4 bytes from
	// 2.04, before that 2 bytes, which only a zImage (<= 512 KiB) fits.
	if (v < 0x0204)
		h.syssize &= 0xFFFF;
	// Old kernels' build tool wrote syssize and the file is exactly setup
	// plus that (allow a sector of padding): a boot flag alone is in
	// every MBR and floppy image.
	if (!v && (!h.syssize || paras > h.syssize + 512 / 16))
		return LINUX_EBOOTSECTOR;
	if (v && (v < 0x0200 || v >= 0x0300))
		return LINUX_EBADVERSION;
	// Kernels before the CRC (2.6.26) rounded syssize up without padding
	// the file, so compare whole paragraphs.  Signed kernels carry extra
	// bytes after it: longer is fine.
	if ((v >= 0x0204 || !k->bzimage) && paras < h.syssize)
		return bad;
	// A relocatable kernel realigns itself with align_up(), which only
	// works for powers of two (the kernel build enforces it).
	if (k->relocatable && !is_pow2(k->kernel_alignment))
		return LINUX_EBADALIGN;
	return 0;
}

#define OFF(field) SETUP_HEADER_OFF(field)

// The staged image must still be the one k was parsed from.
static bool staged_matches(const uint8_t *b, const struct linux_kernel *k)
{
	uint8_t sects = b[OFF(setup_sects)] ? b[OFF(setup_sects)] : 4;
	bool hdrs = le32_get(b + OFF(header)) == SETUP_HDRS_MAGIC;

	if (le16_get(b + OFF(boot_flag)) != SETUP_BOOT_FLAG ||
	    sects != k->setup_sects || hdrs != (k->version != 0))
		return false;
	return !hdrs || le16_get(b + OFF(version)) == k->version;
}

int linux_write_header(void *setup, size_t len, const struct linux_kernel *k,
		       const struct linux_plan *p, int vid_mode)
{
	uint8_t *b = setup;
	uint8_t flags;
	uint16_t v;
	uint32_t shift;

	if (!setup || !k || !p || len < k->setup_size ||
	    k->setup_size < OFF(kernel_info_offset) + 4 ||
	    p->initrd_size > UINT32_MAX)
		return LINUX_EINVAL;
	v = k->version;
	if (!staged_matches(b, k))
		return LINUX_EHDRMISMATCH;
	if (vid_mode > 0xFFFF)
		return LINUX_EBADVIDMODE;
	// Before 2.02 the command line is found through a 16-bit offset
	// from the start of the real-mode code.
	if (v < 0x0202 && (p->cmdline_addr < p->real_addr ||
			   p->cmdline_addr - p->real_addr > 0xFFFF))
		return LINUX_EINVAL;
	if (!v && p->initrd_size)
		return LINUX_ENOINITRD;
	// code32_start is where the 16-bit setup jumps in protected mode.
	// SYSLINUX 6.04 and GRUB 2 read it as relative to 1 MiB, a bzImage's
	// standard address: a kernel they load elsewhere (only a relocatable
	// one) gets it shifted by as much; at 1 MiB it stays as the image has
	// it, whatever it says.  Payloads that are not Linux rely on that:
	// iPXE's .lkrn says 0 and is loaded at 1 MiB all the same.  A
	// zImage's (0x1000) is where its setup moves it; it is always loaded
	// at its standard address.
	shift = k->bzimage ? p->pm_addr - LINUX_HIGH_ADDR : 0;
	if (shift && !k->relocatable)
		return LINUX_ENOTRELOC;

	// 2.00+: type_of_loader, loadflags, ramdisk_image/size.
	if (v >= 0x0200) {
		// 0xFF = no assigned loader ID (boot.rst, type_of_loader).
		b[OFF(type_of_loader)] = 0xFF;
		flags = b[OFF(loadflags)];
		if (p->quiet)
			flags |= QUIET_FLAG;
		else
			flags &= (uint8_t)~QUIET_FLAG;
		// 2.01+: heap_end_ptr, and CAN_USE_HEAP to say it is valid.
		if (v >= 0x0201) {
			flags |= CAN_USE_HEAP;
			le16_put(b + OFF(heap_end_ptr), p->heap_end_ptr);
		}
		b[OFF(loadflags)] = flags;
		le32_put(b + OFF(ramdisk_image), p->initrd_addr);
		le32_put(b + OFF(ramdisk_size), (uint32_t)p->initrd_size);
		if (shift)
			le32_put(b + OFF(code32_start),
				 le32_get(b + OFF(code32_start)) + shift);
	}
	if (v >= 0x0202) {
		le32_put(b + OFF(cmd_line_ptr), p->cmdline_addr);
	} else {
		// The old command-line protocol; for 2.00/2.01 setup copies
		// setup_move_size bytes, which must include the line.
		le16_put(b + CMD_LINE_MAGIC_OFF, CMD_LINE_MAGIC);
		le16_put(b + CMD_LINE_OFFSET_OFF,
			 (uint16_t)(p->cmdline_addr - p->real_addr));
		if (v)
			le16_put(b + OFF(setup_move_size), p->setup_move_size);
	}
	// All versions; without vga= the kernel's own default stays.
	if (vid_mode >= 0)
		le16_put(b + OFF(vid_mode), (uint16_t)vid_mode);
	return 0;
}
