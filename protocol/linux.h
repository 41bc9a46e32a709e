// SPDX-License-Identifier: BSD-2-Clause
// Linux/x86 boot protocol, 16-bit entry: parse the kernel header, plan where
// every piece goes in memory, and fill in the header fields the loader owns.
#ifndef BZ_PROTOCOL_LINUX_H
#define BZ_PROTOCOL_LINUX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocol/bootparam.h" // struct kernel_info

// What bzboot gives a kernel at most: initrd files (joined into one image)
// and the command line's bytes with its NUL. stage2's limits, which
// `bzboot check` applies as well.
#define LINUX_MAX_INITRDS 8
#define LINUX_CMDLINE_BUF 4096

enum linux_err {
	LINUX_OK = 0,
	LINUX_EINVAL = -1,	   // caller passed a bad argument
	LINUX_ENOTKERNEL = -2,	   // no 0xAA55 boot flag
	LINUX_ETRUNCATED = -3,	   // file shorter than its header says
	LINUX_ESETUPTOOBIG = -4,   // setup_sects > 63 (over 32 KiB)
	LINUX_EBADVERSION = -5,	   // "HdrS" but version is not 2.x
	LINUX_EZIMAGETOOBIG = -6,  // zImage PM part over 0x10000-0x8FFFF
	LINUX_ETOOBIG = -7,	   // protected-mode part over 4 GiB
	LINUX_EBADALIGN = -8,	   // relocatable, bad kernel_alignment
	LINUX_ECMDLINE = -9,	   // command line over cmdline_size
	LINUX_ENOLOWMEM = -10,	   // setup + heap + cmdline do not fit
	LINUX_ENOHIGHMEM = -11,	   // PM part or init_size not in RAM
	LINUX_ENOINITRDROOM = -12, // no room for the initrd
	LINUX_ENOINITRD = -13,	   // kernel too old for an initrd
	LINUX_EBADVIDMODE = -14,   // vid_mode does not fit 16 bits
	LINUX_ENOTRELOC = -15,	   // not relocatable, not at 1 MiB
	LINUX_EHDRMISMATCH = -16,  // staged image is not the parsed one
	LINUX_EBADKINFO = -17,	   // kernel_info missing or inconsistent
	LINUX_EBOOTSECTOR = -18,   // boot flag, but no HdrS and no old kernel
};

// Facts parsed from the file.  Fields a version does not define hold the
// value boot.rst says to assume (initrd_addr_max, cmdline_size) or 0.
struct linux_kernel {
	uint16_t version;	     // 0 for "old" (no HdrS)
	uint8_t setup_sects;	     // after the 0 -> 4 rule
	uint32_t setup_size;	     // (setup_sects+1)*512: boot sect.+setup
	uint32_t pm_offset, pm_size; // protected-mode part in the file
	bool bzimage, relocatable;   // bzimage: 2.00+ with LOADED_HIGH
	uint8_t loadflags;
	uint16_t xloadflags;
	uint32_t initrd_addr_max; // 0x37FFFFFF when version < 2.03
	uint32_t cmdline_size;	  // 255 when version < 2.06
	uint32_t kernel_alignment, init_size;
	uint64_t pref_address;
	uint32_t payload_offset, payload_length; // 2.08+, in the PM part
	uint32_t kernel_info_offset;		 // 2.15+, in the PM part
	uint16_t header_end;	 // 0x202 + jump offset; 0 if no jump
	char version_string[64]; // kernel_version text if valid, else ""
};

// buf holds at least the first min(file_size, 1024) bytes of the file (two
// sectors).  The kernel_version string usually lies beyond 1 KiB: it is
// filled only when buf covers it (pass the whole setup to get it).  k is
// filled as far as the header allows even when a refusal is returned, so
// the caller can name the version it refuses.  Every version is accepted:
// "old" (no HdrS) only when its 16-bit syssize matches the file, since a
// boot flag alone is in every boot sector (else LINUX_EBOOTSECTOR).
int linux_parse_header(const void *buf, size_t len, uint64_t file_size,
		       struct linux_kernel *k);

#define MEM_RANGE_USABLE   1 // E820 type 1: usable RAM
#define MEM_RANGE_RESERVED 2 // E820 type 2: reserved

// 1 MiB: where high memory and a bzImage's protected-mode part start.
#define LINUX_HIGH_ADDR 0x100000u

struct mem_range {
	uint64_t addr, size;
	uint32_t type;
};

// The lowest X (real-mode part) bzboot allows.  Everything stage2 still
// needs at the hand-off (its code, data and stack) lies below it; its bounce
// buffer (at 0x10000) and heap (0x20000-0x8FFFF) lie at and above it, but
// only while loading: they are given up when the staged setup and command
// line move into place.  It is also boot.rst's own floor for a 2.02+ X.
#define LINUX_REAL_MIN 0x10000u

struct linux_plan_req {
	const struct mem_range *map; // raw E820 map: unsorted, may overlap
	unsigned nmap;
	uint32_t low_top;     // min(INT 12h KiB * 1024, EBDA base)
	uint32_t real_min;    // lowest X the loader allows (LINUX_REAL_MIN)
	uint32_t cmdline_len; // without the NUL; must be <= cmdline_size
	uint64_t initrd_size; // 0 = none
	uint64_t mem_limit;   // from mem=: highest address+1, 0 = none
	bool quiet;	      // set QUIET_FLAG (else it is cleared)
};

// The request bzboot makes (stage2 and the tool's inspect alike): real_min
// is LINUX_REAL_MIN and quiet is false; the rest as given.
void linux_plan_req_init(struct linux_plan_req *req,
			 const struct mem_range *map, unsigned nmap,
			 uint32_t low_top, uint32_t cmdline_len,
			 uint64_t initrd_size, uint64_t mem_limit);

// Where everything goes.  Two shapes (boot.rst, Memory Layout):
// - 2.02+ bzImage: X = the lowest allowed (>= 0x10000), the whole 64 KiB
//   segment for setup and stack/heap, the command line at X+0x10000, the
//   PM part at 1 MiB.
// - zImage, 2.00/2.01 and "old": X = 0x90000, stack/heap to 0x9800, the
//   command line at 0x99800, nothing above 0x9A000; a zImage's PM part at
//   0x10000, staged at 1 MiB while loading (pm_stage_addr); "old" kernels
//   also get the rest of the 32 KiB after their setup cleared.
struct linux_plan {
	uint32_t real_addr;	   // X, paragraph (16 B) aligned
	uint32_t real_size;	   // bytes to place at X (= k->setup_size)
	uint16_t heap_end_ptr;	   // value for the header field (2.01+)
	uint16_t stack_ptr;	   // SP at the jump (offset in segment X>>4)
	uint16_t setup_move_size;  // 2.00/2.01 only: heap_end + cmdline + 1
	uint32_t cmdline_addr;	   // linear address of the command line
	uint32_t cmdline_max;	   // room there, bytes incl. NUL; zero-fill it
	uint32_t clear_addr;	   // zero [clear_addr, +clear_len) at the
	uint32_t clear_len;	   // hand-off ("old" kernels); 0 = nothing
	uint32_t pm_addr, pm_size; // PM part destination and length
	uint32_t pm_stage_addr;	   // load the PM part here; == pm_addr for
				   // a bzImage, else move it at the hand-off
	uint32_t initrd_addr;	   // 0/0 when none
	uint64_t initrd_size;
	uint64_t initrd_limit;	// initrd end limit, set on ENOINITRDROOM too
	uint64_t runtime_start; // where the kernel decompresses to and runs
	uint64_t kernel_end;	// end of the kernel's runtime footprint
	uint16_t jump_cs;	// (X>>4)+0x20
	uint16_t seg;		// X>>4 for DS=ES=FS=GS=SS
	bool quiet;		// copied from the request
};

// Pure: reads k and req, writes only p.  On LINUX_EZIMAGETOOBIG, pm_addr
// and pm_size are set so the caller can name them.
int linux_plan_layout(const struct linux_kernel *k,
		      const struct linux_plan_req *req, struct linux_plan *p);

// Writes the loader's header fields, only those the protocol version
// defines, into the staged real-mode image (setup = byte 0 of the file
// copy, len >= k->setup_size).  vid_mode < 0 keeps the kernel's default.
// Checks everything first: on error nothing has been written.
int linux_write_header(void *setup, size_t len, const struct linux_kernel *k,
		       const struct linux_plan *p, int vid_mode);

// Reads the kernel_info (2.15+) at offset in the protected-mode part (pm =
// its first byte, len = bytes of it available) into ki, after checking its
// "LToP" magic and that size and size_total fit.  setup_type_max is 0 when
// size does not cover it; on error ki is all zero.
int linux_parse_kernel_info(const void *pm, size_t len, uint32_t offset,
			    struct kernel_info *ki);

// What the payload (2.08+, at payload_offset in the PM part) is, by its
// magic number (boot.rst, payload_offset).
enum linux_payload {
	LINUX_PAYLOAD_UNKNOWN = 0,
	LINUX_PAYLOAD_GZIP,
	LINUX_PAYLOAD_BZIP2,
	LINUX_PAYLOAD_LZMA,
	LINUX_PAYLOAD_XZ,
	LINUX_PAYLOAD_LZO,
	LINUX_PAYLOAD_LZ4,
	LINUX_PAYLOAD_ZSTD,
	LINUX_PAYLOAD_ELF, // not compressed
};

// One of enum linux_payload for the len bytes at the payload's start.
int linux_payload_format(const void *payload, size_t len);

const char *linux_strerror(int err);

#endif
