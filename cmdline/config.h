// SPDX-License-Identifier: BSD-2-Clause
/* syslinux.cfg / extlinux.conf parsing and resolution of a typed command
 * line (or DEFAULT) to the kernel, initrd and options to boot, the way
 * SYSLINUX does. The language is described in docs/config.md. */
#ifndef BZ_CMDLINE_CONFIG_H
#define BZ_CMDLINE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmdline/config_menu.h"

#define CFG_MAX_LABELS	  64
#define CFG_NAME_MAX	  64   /* label names incl. NUL */
#define CFG_PATH_MAX	  256  /* file paths incl. NUL */
#define CFG_APPEND_MAX	  2048 /* APPEND text incl. NUL */
#define CFG_MAX_WARNINGS  16
#define CFG_INCLUDE_DEPTH 16 /* SYSLINUX's INCLUDE nesting limit */

enum cfg_error {
	CFG_OK = 0,
	CFG_EINVAL = -1,    /* NULL argument */
	CFG_EEMPTY = -2,    /* command line (or DEFAULT) is blank */
	CFG_EIMPLICIT = -3, /* no such label, and IMPLICIT 0 */
	CFG_EBADLABEL = -4, /* label has a value that was too long */
	CFG_EDROPPED = -5,  /* label was dropped while parsing */
	CFG_ETOOLONG = -6,  /* file name or extra words too long */
	CFG_EQUOTE = -7,    /* the file name's double quote is not closed */
	CFG_EPASSWD = -8,   /* a password did not fit: typed lines refused */
};

/* Warnings: the config still parsed; the directive on `line` was ignored
 * or only partly honoured. Positive, so never mistaken for an error. */
enum cfg_warning_code {
	CFG_W_UNKNOWN = 1,     /* not a SYSLINUX directive */
	CFG_W_IGNORED,	       /* SYSLINUX directive bzboot does not do */
	CFG_W_MENU,	       /* too many menus or entries: rest unlisted */
	CFG_W_UI,	       /* UI module other than menu.c32/vesamenu.c32 */
	CFG_W_TOO_LONG,	       /* value does not fit; not truncated */
	CFG_W_TOO_MANY_LABELS, /* label beyond CFG_MAX_LABELS dropped */
	CFG_W_DUP_LABEL,       /* same name again: the first one wins */
	CFG_W_BAD_VALUE,       /* number or name unreadable; ignored */
	CFG_W_NOT_IN_LABEL,    /* KERNEL/INITRD... before any LABEL */
	CFG_W_TYPE,	       /* COM32/CONFIG/... cannot be booted */
	CFG_W_SYSAPPEND,       /* IPAPPEND/SYSAPPEND strings not added */
	CFG_W_INCLUDE,	       /* INCLUDE not read (no reader/missing/deep) */
	CFG_W_QUOTE,	       /* KERNEL/INITRD file: quote left open */
	CFG_W_NUL,	       /* line holds a NUL byte; ignored (last code) */
};

/* How the label's file is booted; KERNEL picks it from the extension
 * (SYSLINUX's table, case-sensitive) when resolved. */
enum cfg_kernel_type {
	CFG_KT_KERNEL = 0, /* KERNEL: by extension, Linux if none */
	CFG_KT_LINUX,	   /* LINUX, or KERNEL with no known extension */
	CFG_KT_BOOT,	   /* BOOT, .bs, .bin: boot sector */
	CFG_KT_BSS,	   /* BSS, .bss: boot sector, keep the BPB */
	CFG_KT_PXE,	   /* PXE, .0 */
	CFG_KT_FDIMAGE,	   /* FDIMAGE, .img */
	CFG_KT_COMBOOT,	   /* COMBOOT */
	CFG_KT_COM32,	   /* COM32, .c32 */
	CFG_KT_CONFIG,	   /* CONFIG: another config file */
	CFG_KT_LOCALBOOT,  /* LOCALBOOT: kernel holds the type number */
	/* Resolved only: menu.c32 / vesamenu.c32 named by KERNEL, COM32 or a
	 * typed line: show the menu of the config file(s) named by the
	 * words after it (kernel_args, then append), or of this config. */
	CFG_KT_MENU,
};

struct cfg_label {
	char name[CFG_NAME_MAX];
	/* LINUX / KERNEL file: the first word, its double quotes removed
	 * (a quoted stretch keeps its blanks, see docs/config.md) */
	char kernel[CFG_PATH_MAX];
	char kernel_args[CFG_PATH_MAX]; /* words after it on that line */
	/* INITRD argument ("a,b" allowed) as it goes after "initrd=": as
	 * written, but a quoted list loses its quotes and, if a name holds
	 * a blank, is put whole in one pair ("/a b/x.img,/y.img"). */
	char initrd[CFG_PATH_MAX];
	/* The APPEND in force: the label's own, else the global one as it
	 * stood when the label ended (SYSLINUX's rule); "" for APPEND -. */
	char append[CFG_APPEND_MAX];
	bool has_append;	   /* the label had its own APPEND */
	bool bad;		   /* a value too long/missing: unbootable */
	bool menu_default;	   /* MENU DEFAULT */
	bool menu_hide;		   /* MENU HIDE */
	uint8_t menu_level;	   /* MENU BEGIN nesting, 0 = top menu */
	uint16_t entry;		   /* its menu entry, CFG_ENTRY_NONE if none */
	uint16_t passwd;	   /* MENU PASSWD (menu pool), 0 = none */
	enum cfg_kernel_type type; /* as written (KERNEL, LINUX, ...) */
	uint32_t sysappend;	   /* IPAPPEND/SYSAPPEND bits (unused) */
	unsigned line;		   /* config line where LABEL stood */
	unsigned file;		   /* 0 = main file, n = n-th INCLUDE */
};

struct cfg_warning {
	unsigned line;
	int code;      /* enum cfg_warning_code */
	unsigned file; /* 0 = main file, n = n-th INCLUDE */
};

struct cfg {
	struct cfg_label labels[CFG_MAX_LABELS];
	unsigned nlabels;
	char default_label[CFG_APPEND_MAX]; /* DEFAULT as written */
	char global_append[CFG_APPEND_MAX]; /* APPEND before any LABEL */
	bool global_append_bad;		    /* it was too long */
	char ontimeout[CFG_APPEND_MAX];	    /* ONTIMEOUT, "" if none */
	char onerror[CFG_APPEND_MAX];	    /* ONERROR, "" if none */
	char ui[CFG_PATH_MAX];		    /* UI line (not run) */
	bool has_ui;
	bool ui_menu; /* UI names menu.c32 or vesamenu.c32 */
	/* The config drives a menu (UI menu.c32/vesamenu.c32, or DEFAULT
	 * naming one or a label that boots one): see cfg_menu_start(). */
	bool menu_active;
	/* Config file(s) that menu is to show instead of this one ("" =
	 * this one): UI / DEFAULT / the label's words after the module. */
	char menu_config[CFG_PATH_MAX];
	struct cfg_menu_model menu;
	unsigned timeout_ds; /* TIMEOUT in 1/10 s; 0 = none */
	unsigned totaltimeout_ds;
	bool prompt;	     /* PROMPT 1 */
	bool allow_implicit; /* IMPLICIT, default 1 */
	bool allow_options;  /* ALLOWOPTIONS, default 1 */
	bool noescape;	     /* NOESCAPE 1 */
	bool nocomplete;     /* NOCOMPLETE 1 */
	bool nohalt;	     /* NOHALT 1 */
	bool console;	     /* CONSOLE, default 1 (video on) */
	/* SERIAL port [baud [flow]]: port 0-3 = BIOS COM1-4, else an I/O
	 * address; baud defaults to 9600; below 75 turns serial off. */
	bool has_serial;
	unsigned serial_port;
	uint32_t serial_baud;
	uint16_t serial_flow;
	uint32_t sysappend; /* global IPAPPEND/SYSAPPEND bits */
	struct cfg_warning warnings[CFG_MAX_WARNINGS];
	unsigned nwarnings;
	unsigned warnings_lost;	   /* warnings past CFG_MAX_WARNINGS */
	unsigned labels_dropped;   /* LABELs not stored (limit, bad name) */
	uint32_t dropped_names[8]; /* Bloom filter of their names */
};

/* Reads INCLUDE / MENU INCLUDE files for cfg_parse_with. load() returns 0
 * and the file's bytes (which must stay valid until release(), or until
 * cfg_parse_with returns when release is NULL), or nonzero when it cannot
 * be read (SYSLINUX skips such files; we also record CFG_W_INCLUDE). Files
 * are numbered 1, 2, ... in the order load() succeeds; warnings and labels
 * carry that number. */
struct cfg_include_ops {
	int (*load)(void *ctx, const char *path, const char **text,
		    size_t *len);
	void (*release)(void *ctx, const char *text, size_t len);
	void *ctx;
};

/* 0 or negative CFG_E*; never reads past len; text need not be
 * NUL-terminated. Problems in the text are warnings, never errors. */
int cfg_parse(struct cfg *c, const char *text, size_t len);
/* The same, following INCLUDE through `inc` (NULL: warn and skip). */
int cfg_parse_with(struct cfg *c, const char *text, size_t len,
		   const struct cfg_include_ops *inc);

/* The command line to boot when the user types nothing: DEFAULT, or when
 * the config drives a menu (UI, or DEFAULT naming a .c32 module) the
 * label the menu would start on. "" when there is none. */
const char *cfg_default_line(const struct cfg *c);

const char *cfg_strerror(int err);
const char *cfg_warning_str(int code);

/* What to boot, resolved the SYSLINUX way from a typed command line or the
 * DEFAULT: first word = label name (then the label's kernel/initrd/append)
 * or, if no label matches, a kernel file name (which, as on KERNEL lines,
 * may hold double-quoted blanks; the quotes are removed); the remaining
 * words are extra kernel arguments appended after the label's APPEND. A
 * kernel file name gets no APPEND and no initrd (SYSLINUX 6 gives it
 * neither, not even the global APPEND). SYSLINUX's kernel command line is
 * then "BOOT_IMAGE=<kernel> <kernel_args> <append> initrd=<initrd>
 * <extra>": hand the fields to kcmd_build_parts().
 * Errors: CFG_EEMPTY (blank line: boot the default), CFG_EBADLABEL,
 * CFG_EDROPPED, CFG_EIMPLICIT, CFG_ETOOLONG, CFG_EQUOTE, CFG_EINVAL. */
struct cfg_boot {
	char kernel[CFG_PATH_MAX];
	char kernel_args[CFG_PATH_MAX]; /* words after KERNEL's file name */
	char initrd[CFG_PATH_MAX];
	/* label APPEND (or global APPEND when the label has none) */
	char append[CFG_APPEND_MAX];
	/* what the user typed after the label/kernel name */
	char extra[CFG_APPEND_MAX];
	const struct cfg_label *label; /* NULL: first word was a kernel path */
	enum cfg_kernel_type type;     /* never CFG_KT_KERNEL: resolved */
	bool extra_dropped;	       /* ALLOWOPTIONS 0 discarded the extra */
	/* Passwords, exactly as the config wrote them (plain, or $1$,
	 * $4$, $5$, $6$ hashes); they point into the cfg. passwd: the
	 * label's MENU PASSWD, NULL if none. master_passwd: MENU MASTER
	 * PASSWD, NULL if none; typed: the line came from the keyboard (or
	 * an edited entry). Before booting, ask when passwd is set, or when
	 * typed and master_passwd is set (cfg_boot_needs_passwd); accept
	 * passwd or master_passwd, as menu.c32's ask_passwd() does. */
	const char *passwd;
	const char *master_passwd;
	bool typed;
};
/* For what the user typed: with ALLOWOPTIONS 0 the extra words are
 * dropped (extra_dropped tells), as doc/syslinux.txt says. */
int cfg_resolve(const struct cfg *c, const char *line, struct cfg_boot *out);
/* For a line the config itself wrote (cfg_default_line(), ONTIMEOUT,
 * ONERROR): its words are kept whatever ALLOWOPTIONS says. */
int cfg_resolve_config(const struct cfg *c, const char *line,
		       struct cfg_boot *out);
/* For a menu entry: that very label (two labels may share a first word:
 * "LABEL live (to RAM)" after "LABEL live"), as the config wrote it. */
int cfg_resolve_label(const struct cfg *c, const struct cfg_label *l,
		      struct cfg_boot *out);
/* Whether out may only boot after a password (see cfg_boot.passwd). */
bool cfg_boot_needs_passwd(const struct cfg_boot *b);
/* CONFIG file [dir]: the file to parse next (b->kernel, relative to the
 * current directory) and the new working directory: the first word
 * after it (its kernel_args, else its append), "" = keep the current
 * one (ldlinux's execute.c). CFG_ETOOLONG if dir does not fit. */
int cfg_config_dir(const struct cfg_boot *b, char *dir, size_t size);

#endif
