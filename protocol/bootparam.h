// SPDX-License-Identifier: BSD-2-Clause
// The Linux/x86 real-mode kernel header (boot.rst, "The Real-Mode Kernel
// Header") with the kernel's own field names, and its flag bits.
#ifndef BZ_PROTOCOL_BOOTPARAM_H
#define BZ_PROTOCOL_BOOTPARAM_H

#include <stddef.h>
#include <stdint.h>

// The header sits at this offset of the kernel file (and of the staged
// real-mode image); offsets below are file offsets as boot.rst lists them.
#define SETUP_HEADER_OFFSET 0x1F1
// File offset of a setup_header field.
#define SETUP_HEADER_OFF(field)                                                \
	(SETUP_HEADER_OFFSET + offsetof(struct setup_header, field))

#define SETUP_BOOT_FLAG	 0xAA55
#define SETUP_HDRS_MAGIC 0x53726448 // "HdrS" read little-endian

// The command line protocol before 2.02 (boot.rst, The Kernel Command
// Line): two words in the boot sector, before the header.
#define CMD_LINE_MAGIC_OFF  0x20   // cmd_line_magic
#define CMD_LINE_OFFSET_OFF 0x22   // cmd_line_offset, from the setup's start
#define CMD_LINE_MAGIC	    0xA33F // cmd_line_magic's value

// loadflags (0x211)
#define LOADED_HIGH   (1 << 0) // R: bzImage, PM part at 1 MiB
#define KASLR_FLAG    (1 << 1) // kernel internal
#define QUIET_FLAG    (1 << 5) // W: no early messages
#define KEEP_SEGMENTS (1 << 6) // obsolete (2.07+)
#define CAN_USE_HEAP  (1 << 7) // W: heap_end_ptr is valid

// xloadflags (0x236, 2.12+), as the kernel's uapi/asm/bootparam.h has
// them; protocol/linux_flags.c names them. Bits 5 and 6 came with Linux 5.3
// (commit f2d08c5d3bcf): every 64-bit kernel since sets XLF_5LEVEL (it can
// be entered with 5-level paging on), XLF_5LEVEL_ENABLED only when built
// with CONFIG_X86_5LEVEL (it can run 5-level). Bit 7 is the kernel's own:
// its decompressor sets it from mem_encrypt=on, no file carries it.
#define XLF_KERNEL_64		   (1 << 0)
#define XLF_CAN_BE_LOADED_ABOVE_4G (1 << 1)
#define XLF_EFI_HANDOVER_32	   (1 << 2)
#define XLF_EFI_HANDOVER_64	   (1 << 3)
#define XLF_EFI_KEXEC		   (1 << 4)
#define XLF_5LEVEL		   (1 << 5)
#define XLF_5LEVEL_ENABLED	   (1 << 6)
#define XLF_MEM_ENCRYPTION	   (1 << 7)

struct setup_header {
	uint8_t setup_sects;		// 0x1F1 ALL
	uint16_t root_flags;		// 0x1F2 ALL
	uint32_t syssize;		// 0x1F4 2.04+ (2 bytes before)
	uint16_t ram_size;		// 0x1F8 obsolete
	uint16_t vid_mode;		// 0x1FA ALL
	uint16_t root_dev;		// 0x1FC ALL
	uint16_t boot_flag;		// 0x1FE ALL
	uint16_t jump;			// 0x200 2.00+
	uint32_t header;		// 0x202 2.00+
	uint16_t version;		// 0x206 2.00+
	uint32_t realmode_swtch;	// 0x208 2.00+
	uint16_t start_sys_seg;		// 0x20C 2.00+ obsolete
	uint16_t kernel_version;	// 0x20E 2.00+
	uint8_t type_of_loader;		// 0x210 2.00+
	uint8_t loadflags;		// 0x211 2.00+
	uint16_t setup_move_size;	// 0x212 2.00+
	uint32_t code32_start;		// 0x214 2.00+
	uint32_t ramdisk_image;		// 0x218 2.00+
	uint32_t ramdisk_size;		// 0x21C 2.00+
	uint32_t bootsect_kludge;	// 0x220 2.00+ obsolete
	uint16_t heap_end_ptr;		// 0x224 2.01+
	uint8_t ext_loader_ver;		// 0x226 2.02+
	uint8_t ext_loader_type;	// 0x227 2.02+
	uint32_t cmd_line_ptr;		// 0x228 2.02+
	uint32_t initrd_addr_max;	// 0x22C 2.03+
	uint32_t kernel_alignment;	// 0x230 2.05+
	uint8_t relocatable_kernel;	// 0x234 2.05+
	uint8_t min_alignment;		// 0x235 2.10+
	uint16_t xloadflags;		// 0x236 2.12+
	uint32_t cmdline_size;		// 0x238 2.06+
	uint32_t hardware_subarch;	// 0x23C 2.07+
	uint64_t hardware_subarch_data; // 0x240 2.07+
	uint32_t payload_offset;	// 0x248 2.08+
	uint32_t payload_length;	// 0x24C 2.08+
	uint64_t setup_data;		// 0x250 2.09+
	uint64_t pref_address;		// 0x258 2.10+
	uint32_t init_size;		// 0x260 2.10+
	uint32_t handover_offset;	// 0x264 2.11+
	uint32_t kernel_info_offset;	// 0x268 2.15+
} __attribute__((packed));

// The fields are read straight from the image: x86 and every host we
// build the tests on are little-endian, like the header.
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
	       "setup_header is read in place: little-endian hosts only");
_Static_assert(sizeof(struct setup_header) == 0x26C - 0x1F1,
	       "setup_header must span 0x1F1..0x26B");
_Static_assert(SETUP_HEADER_OFF(setup_sects) == 0x1F1, "setup_sects");
_Static_assert(SETUP_HEADER_OFF(syssize) == 0x1F4, "syssize");
_Static_assert(SETUP_HEADER_OFF(vid_mode) == 0x1FA, "vid_mode");
_Static_assert(SETUP_HEADER_OFF(boot_flag) == 0x1FE, "boot_flag");
_Static_assert(SETUP_HEADER_OFF(jump) == 0x200, "jump");
_Static_assert(SETUP_HEADER_OFF(header) == 0x202, "header");
_Static_assert(SETUP_HEADER_OFF(version) == 0x206, "version");
_Static_assert(SETUP_HEADER_OFF(kernel_version) == 0x20E, "kernel_version");
_Static_assert(SETUP_HEADER_OFF(type_of_loader) == 0x210, "type_of_loader");
_Static_assert(SETUP_HEADER_OFF(loadflags) == 0x211, "loadflags");
_Static_assert(SETUP_HEADER_OFF(setup_move_size) == 0x212, "setup_move_size");
_Static_assert(SETUP_HEADER_OFF(code32_start) == 0x214, "code32_start");
_Static_assert(SETUP_HEADER_OFF(ramdisk_image) == 0x218, "ramdisk_image");
_Static_assert(SETUP_HEADER_OFF(ramdisk_size) == 0x21C, "ramdisk_size");
_Static_assert(SETUP_HEADER_OFF(heap_end_ptr) == 0x224, "heap_end_ptr");
_Static_assert(SETUP_HEADER_OFF(ext_loader_ver) == 0x226, "ext_loader_ver");
_Static_assert(SETUP_HEADER_OFF(cmd_line_ptr) == 0x228, "cmd_line_ptr");
_Static_assert(SETUP_HEADER_OFF(initrd_addr_max) == 0x22C, "initrd_addr_max");
_Static_assert(SETUP_HEADER_OFF(kernel_alignment) == 0x230, "kernel_alignment");
_Static_assert(SETUP_HEADER_OFF(relocatable_kernel) == 0x234,
	       "relocatable_kernel");
_Static_assert(SETUP_HEADER_OFF(xloadflags) == 0x236, "xloadflags");
_Static_assert(SETUP_HEADER_OFF(cmdline_size) == 0x238, "cmdline_size");
_Static_assert(SETUP_HEADER_OFF(hardware_subarch) == 0x23C, "hardware_subarch");
_Static_assert(SETUP_HEADER_OFF(payload_offset) == 0x248, "payload_offset");
_Static_assert(SETUP_HEADER_OFF(setup_data) == 0x250, "setup_data");
_Static_assert(SETUP_HEADER_OFF(pref_address) == 0x258, "pref_address");
_Static_assert(SETUP_HEADER_OFF(init_size) == 0x260, "init_size");
_Static_assert(SETUP_HEADER_OFF(handover_offset) == 0x264, "handover_offset");
_Static_assert(SETUP_HEADER_OFF(kernel_info_offset) == 0x268,
	       "kernel_info_offset");

// The kernel_info (2.15+) in the protected-mode part, at
// kernel_info_offset (boot.rst, The kernel_info).  Variable-length data
// follows the fixed fields, up to size_total.
#define KERNEL_INFO_MAGIC 0x506F544C // "LToP" read little-endian

struct kernel_info {
	uint32_t header;	 // 0x00 "LToP"
	uint32_t size;		 // 0x04 fixed part, header included
	uint32_t size_total;	 // 0x08 with the variable-length data
	uint32_t setup_type_max; // 0x0C highest setup_data type
} __attribute__((packed));

_Static_assert(sizeof(struct kernel_info) == 0x10, "kernel_info fixed part");
_Static_assert(offsetof(struct kernel_info, setup_type_max) == 0x0C,
	       "setup_type_max");

#endif
