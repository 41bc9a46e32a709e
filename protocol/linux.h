// SPDX-License-Identifier: BSD-2-Clause
// Linux/x86 boot protocol, 16-bit entry: parse the kernel header, plan where
// every piece goes in memory, and fill in the header fields the loader owns.
#ifndef BZ_PROTOCOL_LINUX_H
#define BZ_PROTOCOL_LINUX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum linux_err {
	LINUX_OK = 0,
	LINUX_EINVAL = -1,	   // caller passed a bad argument
	LINUX_ENOTKERNEL = -2,	   // no 0xAA55 boot flag
	LINUX_ETRUNCATED = -3,	   // file shorter than its header says
	LINUX_ESETUPTOOBIG = -4,   // setup_sects > 63 (over 32 KiB)
	LINUX_ENOHDRS = -5,	   // no "HdrS": pre-2.00 kernel
	LINUX_EBADVERSION = -6,	   // "HdrS" but version is not 2.x
	LINUX_EOLDPROTO = -7,	   // 2.00 or 2.01: not supported yet
	LINUX_EZIMAGE = -8,	   // LOADED_HIGH clear: not supported yet
	LINUX_ETOOBIG = -9,	   // protected-mode part over 4 GiB
	LINUX_EBADALIGN = -10,	   // relocatable, bad kernel_alignment
	LINUX_ECMDLINE = -11,	   // command line over cmdline_size
	LINUX_ENOLOWMEM = -12,	   // setup + heap + cmdline do not fit
	LINUX_ENOHIGHMEM = -13,	   // PM part or init_size not in RAM
	LINUX_ENOINITRDROOM = -14, // no room for the initrd
	LINUX_ENOINITRD = -15,	   // kernel too old for an initrd
	LINUX_EBADVIDMODE = -16,   // vid_mode does not fit 16 bits
	LINUX_ENOTRELOC = -17,	   // load address != code32_start
	LINUX_EHDRMISMATCH = -18,  // staged image is not the parsed one
};

// Facts parsed from the file.  Fields a version does not define hold the
// value boot.rst says to assume (initrd_addr_max, cmdline_size) or 0.
struct linux_kernel {
	uint16_t version;	     // 0 for "old" (no HdrS)
	uint8_t setup_sects;	     // after the 0 -> 4 rule
	uint32_t setup_size;	     // (setup_sects+1)*512: boot sect.+setup
	uint32_t pm_offset, pm_size; // protected-mode part in the file
	bool bzimage, relocatable;
	uint8_t loadflags;
	uint16_t xloadflags;
	uint32_t initrd_addr_max; // 0x37FFFFFF when version < 2.03
	uint32_t cmdline_size;	  // 255 when version < 2.06
	uint32_t kernel_alignment, init_size;
	uint64_t pref_address;
	uint16_t header_end;	 // 0x202 + jump offset; 0 if no jump
	char version_string[64]; // kernel_version text if valid, else ""
};

// buf holds at least the first min(file_size, 1024) bytes of the file (two
// sectors).  The kernel_version string usually lies beyond 1 KiB: it is
// filled only when buf covers it (pass the whole setup to get it).  k is
// filled as far as the header allows even when a refusal is returned, so
// the caller can name the version it refuses.
int linux_parse_header(const void *buf, size_t len, uint64_t file_size,
		       struct linux_kernel *k);

#define MEM_RANGE_USABLE 1 // E820 type 1: usable RAM

struct mem_range {
	uint64_t addr, size;
	uint32_t type;
};

struct linux_plan_req {
	const struct mem_range *map; // raw E820 map: unsorted, may overlap
	unsigned nmap;
	uint32_t low_top;     // min(INT 12h KiB * 1024, EBDA base)
	uint32_t real_min;    // lowest X the loader allows (0x10000)
	uint32_t cmdline_len; // without the NUL; must be <= cmdline_size
	uint64_t initrd_size; // 0 = none
	uint64_t mem_limit;   // from mem=: highest address+1, 0 = none
	bool quiet;	      // set QUIET_FLAG (else it is cleared)
};

struct linux_plan {
	uint32_t real_addr;	   // X, paragraph (16 B) aligned
	uint32_t real_size;	   // bytes to place at X (= k->setup_size)
	uint16_t heap_end_ptr;	   // value for the header field
	uint16_t stack_ptr;	   // SP at the jump (offset in segment X>>4)
	uint32_t cmdline_addr;	   // linear address of the command line
	uint32_t cmdline_max;	   // room there, bytes incl. NUL; zero-fill it
	uint32_t pm_addr, pm_size; // PM part destination and length
	uint32_t initrd_addr;	   // 0/0 when none
	uint64_t initrd_size;
	uint64_t initrd_limit; // initrd end limit, set on ENOINITRDROOM too
	uint64_t kernel_end;   // end of the kernel's runtime footprint
	uint16_t jump_cs;      // (X>>4)+0x20
	uint16_t seg;	       // X>>4 for DS=ES=FS=GS=SS
	bool quiet;	       // copied from the request
};

// Pure: reads k and req, writes only p.
int linux_plan_layout(const struct linux_kernel *k,
		      const struct linux_plan_req *req, struct linux_plan *p);

// Writes the loader's header fields, only those the protocol version
// defines, into the staged real-mode image (setup = byte 0 of the file
// copy, len >= k->setup_size).  vid_mode < 0 keeps the kernel's default.
// Checks everything first: on error nothing has been written.
int linux_write_header(void *setup, size_t len, const struct linux_kernel *k,
		       const struct linux_plan *p, int vid_mode);

const char *linux_strerror(int err);

#endif
