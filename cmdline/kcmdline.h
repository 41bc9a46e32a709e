// SPDX-License-Identifier: BSD-2-Clause
/* The kernel command line: building it in SYSLINUX's order and reading
 * the options the loader itself must act on (vga=, mem=, initrd=). */
#ifndef BZ_CMDLINE_KCMDLINE_H
#define BZ_CMDLINE_KCMDLINE_H

#include <stddef.h>
#include <stdint.h>

enum kcmd_error {
	KCMD_OK = 0,
	KCMD_ETOOLONG = -1,  /* does not fit; nothing was cut short */
	KCMD_ENOTFOUND = -2, /* option absent */
	KCMD_EINVAL = -3,    /* NULL argument or unreadable value */
	KCMD_ERANGE = -4,    /* number too big */
};

/* vid_mode values for the vga= words (boot.rst "Special Command Line
 * Options"); "current" is SYSLINUX's extra. */
#define KCMD_VGA_NORMAL	 0xFFFF
#define KCMD_VGA_EXT	 0xFFFE
#define KCMD_VGA_ASK	 0xFFFD
#define KCMD_VGA_CURRENT 0x0F04

/* The parts of a SYSLINUX command line, in the order it puts them:
 * "BOOT_IMAGE=<image> <kernel_args> <append> initrd=<initrd> <extra>".
 * NULL or blank parts are left out (no "initrd=" for an empty initrd).
 * An image holding a blank is put in double quotes, as the kernel reads
 * a value with blanks: BOOT_IMAGE="/a b/vmlinuz"; anything else is put
 * as it is (a name without blanks exactly as SYSLINUX puts it). */
struct kcmd_parts {
	const char *image;	 /* file name, without quotes */
	const char *kernel_args; /* words after the file on the KERNEL line */
	const char *append;	 /* APPEND in force */
	const char *initrd;	 /* INITRD value: becomes "initrd=<initrd>";
				    cfg_label.initrd is quoted already */
	const char *extra;	 /* what the user typed after the name */
};

/* Joins the parts with single spaces (each part's outer blanks dropped).
 * Returns the length (without NUL), or KCMD_ETOOLONG when it exceeds
 * max_len characters (the kernel's cmdline_size) or out_size - 1; then
 * out is "" so nothing truncated is ever booted. */
int kcmd_build_parts(char *out, size_t out_size, size_t max_len,
		     const struct kcmd_parts *parts);

/* Finds the LAST word "name=value" (the kernel's rule for repeated
 * options) before a lone "--" (after it, words belong to init). A value,
 * or the whole word, may be in double quotes as the kernel's next_arg()
 * allows; the quotes are not copied. Returns the value length, or
 * KCMD_ENOTFOUND, KCMD_ETOOLONG (val_size too small; val is ""),
 * KCMD_EINVAL. "xvga=1" is not vga, a bare "vga" has no value. */
int kcmd_get_option(const char *cmdline, const char *name, char *val,
		    size_t val_size);
/* The same, but the FIRST occurrence: SYSLINUX loads the initrd list of
 * the first "initrd=" it finds, so an initrd= in APPEND beats INITRD. */
int kcmd_get_option_first(const char *cmdline, const char *name, char *val,
			  size_t val_size);

/* Steps through a comma-separated list ("a,b,c", as initrd= takes):
 * copies the next non-empty item without its double quotes (the list
 * "a b",c gives a b, then c) and advances *cursor. Returns its length,
 * KCMD_ENOTFOUND at the end, KCMD_ETOOLONG (item skipped). */
int kcmd_list_next(const char **cursor, char *item, size_t item_size);

/* normal=0xFFFF ext=0xFFFE ask=0xFFFD current=0x0F04 (words in any case,
 * "extended" too), else a C-notation integer (0x.., octal 0.., decimal)
 * up to 0xFFFF using the whole string. KCMD_EINVAL / KCMD_ERANGE. */
int kcmd_parse_vga(const char *val, uint16_t *mode);
/* <n>[KMGTPE] as the kernel's memparse(): n in C notation, suffix in any
 * case, anything after the suffix ignored (as parse_memopt ignores it).
 * 0 or no number is KCMD_EINVAL (the kernel rejects mem=0); overflow is
 * KCMD_ERANGE. "nopentium" is not a size: *bytes = UINT64_MAX (no
 * limit) and 0 is returned. */
int kcmd_parse_mem(const char *val, uint64_t *bytes);

/* A value of vga= or mem= at most this long (incl. NUL) is read; a longer
 * one is not the loader's, and is left to the kernel. */
#define KCMD_LOADER_VALUE_MAX 64

/* The options the loader itself acts on (boot.rst "Special Command Line
 * Options"): vga= becomes the header's vid_mode, mem= caps where the
 * initrd may go. Each is the last one before "--" (kcmd_get_option). */
struct kcmd_loader_opts {
	int vid_mode;	    /* vga=: 0..0xFFFF; -1 when there is none */
	uint64_t mem_limit; /* mem= in bytes; 0 when there is none,
			       UINT64_MAX for mem=nopentium */
	/* When one cannot be read: its name ("vga" or "mem"), its value
	 * as written, and what it should be, for the user. On success
	 * bad_name and bad_reason are NULL and bad_value is "". */
	const char *bad_name;
	char bad_value[KCMD_LOADER_VALUE_MAX];
	const char *bad_reason;
};

/* Reads vga= and mem= from cmdline into *o (kcmd_parse_vga(),
 * kcmd_parse_mem()). Returns 0, or the KCMD_EINVAL / KCMD_ERANGE of the
 * option that cannot be read (vga= is tried first) with the bad_ fields
 * set; KCMD_EINVAL with bad_name NULL for a NULL argument. */
int kcmd_loader_options(const char *cmdline, struct kcmd_loader_opts *o);

#endif
