// SPDX-License-Identifier: BSD-2-Clause
/* syslinux.cfg / extlinux.conf parsing and resolution of a typed command
 * line (or DEFAULT) to the kernel, initrd and options to boot, the way
 * SYSLINUX does. The language is described in docs/config.md. */
#ifndef BZ_CMDLINE_CONFIG_H
#define BZ_CMDLINE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CFG_MAX_LABELS	  64
#define CFG_NAME_MAX	  64   /* label names incl. NUL */
#define CFG_PATH_MAX	  256  /* file paths incl. NUL */
#define CFG_APPEND_MAX	  2048 /* APPEND text incl. NUL */
#define CFG_MAX_WARNINGS  16
#define CFG_INCLUDE_DEPTH 16   /* SYSLINUX's INCLUDE nesting limit */
#define CFG_FKEYS	  12   /* F1..F12 help files */
#define CFG_MSG_POOL	  2048 /* SAY texts and DISPLAY names */
#define CFG_PASSWD_POOL	  1024 /* MENU PASSWD / MASTER PASSWD strings */
/* A password reference (cfg_passwd): 0 = none, else its offset in the
 * pool + 1; CFG_PASSWD_LOST when the pool was full: a password that no
 * typed text matches, so the entry stays locked rather than open. */
#define CFG_PASSWD_LOST 0xFFFFu

enum cfg_error {
	CFG_OK = 0,
	CFG_EINVAL = -1,    /* NULL argument */
	CFG_EEMPTY = -2,    /* command line (or DEFAULT) is blank */
	CFG_EIMPLICIT = -3, /* no such label, and IMPLICIT 0 */
	CFG_EBADLABEL = -4, /* label has a value that was too long */
	CFG_EDROPPED = -5,  /* label was dropped while parsing */
	CFG_ETOOLONG = -6,  /* file name or extra words too long */
	CFG_EQUOTE = -7,    /* the file name's double quote is not closed */
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
	bool has_append;    /* the label had its own APPEND */
	bool bad;	    /* a value too long/missing: unbootable */
	bool menu_default;  /* MENU DEFAULT */
	bool menu_hide;	    /* MENU HIDE */
	uint8_t menu_level; /* MENU BEGIN nesting, 0 = top menu */
	/* MENU PASSWD on the label, and on the innermost submenu around it
	 * that has one (menu.c32 asks for it on entering the submenu):
	 * references for cfg_passwd(), 0 = none. See cfg_boot_locked. */
	uint16_t passwd;
	uint16_t menu_passwd;
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
	bool ui_menu; /* UI names menu.c32 or vesamenu.c32 (any path) */
	/* The full menu model (cmdline/config_menu.h), NULL unless the menu
	 * module built it by parsing the config again with its hooks
	 * (cfg_include_ops.hooks); it lives in stage2's heap. */
	struct cfg_menu_model *menu;
	unsigned timeout_ds; /* TIMEOUT in 1/10 s; 0 = none */
	unsigned totaltimeout_ds;
	bool prompt;		/* PROMPT 1 */
	bool allow_implicit;	/* IMPLICIT, default 1 */
	bool allow_options;	/* ALLOWOPTIONS, default 1 */
	bool noescape;		/* NOESCAPE 1 */
	bool nocomplete;	/* NOCOMPLETE 1 */
	uint16_t master_passwd; /* MENU MASTER PASSWD (cfg_passwd), 0 = none */
	bool nohalt;		/* NOHALT 1 */
	bool console;		/* CONSOLE, default 1 (video on) */
	bool no_native;		/* NATIVE 0: disk reads through INT 13h only */
	/* SERIAL port [baud [flow]]: port 0-3 = BIOS COM1-4, else an I/O
	 * address; baud defaults to 9600; below 75 turns serial off. */
	bool has_serial;
	unsigned serial_port;
	uint32_t serial_baud;
	uint16_t serial_flow;
	uint32_t sysappend; /* global IPAPPEND/SYSAPPEND bits */
	/* SAY lines and DISPLAY files in file order (read them with
	 * cfg_message_next); SYSLINUX shows each as it parses it. */
	char messages[CFG_MSG_POOL];
	unsigned messages_len;
	char fkey[CFG_FKEYS][CFG_PATH_MAX]; /* F1..F12 files, "" = none */
	char passwd_pool[CFG_PASSWD_POOL];  /* NUL-terminated passwords */
	unsigned passwd_len;
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
struct cfg_menu_hooks;
struct cfg_include_ops {
	int (*load)(void *ctx, const char *path, const char **text,
		    size_t *len);
	void (*release)(void *ctx, const char *text, size_t len);
	void *ctx;
	/* The menu model's (cfg_parse_menu): called at the MENU, TEXT and
	 * LABEL lines and around submenus; NULL in the core's own parse.
	 * What the core keeps is the same either way. */
	const struct cfg_menu_hooks *hooks;
};

/* 0 or negative CFG_E*; never reads past len; text need not be
 * NUL-terminated. Problems in the text are warnings, never errors. */
int cfg_parse(struct cfg *c, const char *text, size_t len);
/* The same, following INCLUDE through `inc` (NULL: warn and skip). */
int cfg_parse_with(struct cfg *c, const char *text, size_t len,
		   const struct cfg_include_ops *inc);

/* Whether the config drives a menu: UI names menu.c32 or vesamenu.c32
 * (any directory), or DEFAULT names one, or names a label whose KERNEL
 * or COM32 is one. The menu itself is the menu module's. */
bool cfg_wants_menu(const struct cfg *c);
/* Whether the n bytes at p name menu.c32 or vesamenu.c32, any path. */
bool cfg_is_menu_module(const char *p, size_t n);

/* The command line to boot when the user types nothing: DEFAULT, or when
 * the config drives a menu (UI, or DEFAULT naming a .c32 module) the
 * label the menu would start on. "" when there is none. */
const char *cfg_default_line(const struct cfg *c);

/* The SAY and DISPLAY lines in file order: start with *pos = 0; each call
 * returns the next text (SAY's message or DISPLAY's file name) and sets
 * *is_display, or NULL after the last. */
const char *cfg_message_next(const struct cfg *c, unsigned *pos,
			     bool *is_display);

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
};
/* For what the user typed: with ALLOWOPTIONS 0 the extra words are
 * dropped (extra_dropped tells), as doc/syslinux.txt says. */
int cfg_resolve(const struct cfg *c, const char *line, struct cfg_boot *out);
/* For a line the config itself wrote (cfg_default_line(), ONTIMEOUT,
 * ONERROR): its words are kept whatever ALLOWOPTIONS says. */
int cfg_resolve_config(const struct cfg *c, const char *line,
		       struct cfg_boot *out);
/* For a menu entry: label c->labels[index] itself, as the config wrote
 * it, even when an earlier label shares its first word ("LABEL live
 * (to RAM)" after "LABEL live") or its name holds blanks. */
int cfg_resolve_label(const struct cfg *c, unsigned index,
		      struct cfg_boot *out);

/* The password a reference names (label->passwd, label->menu_passwd,
 * c->master_passwd): NULL for 0; "$!$", which no password matches, for
 * CFG_PASSWD_LOST or a reference outside the pool. */
const char *cfg_passwd(const struct cfg *c, uint16_t ref);

/* Why a resolved line may not boot without a password: the UI asks for
 * it (stage2/passwd_ask.c) and never boots the line unasked. */
enum cfg_lock {
	CFG_UNLOCKED = 0,
	/* the label, or a submenu around it, has MENU PASSWD: that password
	 * (each of the two, when both are set) or the master password */
	CFG_LOCKED_PASSWD,
	/* MENU MASTER PASSWD guards what menu.c32 guards with it: editing
	 * and the free command line. Only a label name as written (no words
	 * after it, not a file) stays open. Only the master password. */
	CFG_LOCKED_MASTER,
};
/* typed: the line came from the keyboard (cfg_resolve), not the config. */
enum cfg_lock cfg_boot_locked(const struct cfg *c, const struct cfg_boot *b,
			      bool typed);

/* The menu model's types and accessors (c->menu), for its users. */
#include "cmdline/config_menu.h"

#endif
