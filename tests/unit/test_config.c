// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for cmdline/config.c: syslinux.cfg parsing, label lookup,
 * default selection and command-line resolution. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cmdline/config.h"
#include "cmdline/kcmdline.h"

static struct cfg cfg; /* ~200 KiB: not on the stack */
static struct cfg_boot boot;

/* Parses from a heap copy of exactly len bytes with no NUL after it, so
 * ASan catches any read past len. */
static void parse_len(const char *text, size_t len)
{
	char *copy = malloc(len ? len : 1);

	assert_non_null(copy);
	memcpy(copy, text, len);
	assert_int_equal(cfg_parse(&cfg, copy, len), 0);
	free(copy);
}

static void parse(const char *text)
{
	parse_len(text, strlen(text));
}

/* The first label of that name, as the loader looks it up. */
static const struct cfg_label *find(const char *name)
{
	for (unsigned i = 0; i < cfg.nlabels; i++)
		if (strcmp(cfg.labels[i].name, name) == 0)
			return &cfg.labels[i];
	return NULL;
}

static const struct cfg_label *label(const char *name)
{
	const struct cfg_label *l = find(name);

	assert_non_null(l);
	return l;
}

static void assert_warning(unsigned i, unsigned line, int code)
{
	assert_true(i < cfg.nwarnings);
	assert_int_equal(cfg.warnings[i].line, line);
	assert_int_equal(cfg.warnings[i].code, code);
}

static void resolve_ok(const char *line)
{
	assert_int_equal(cfg_resolve(&cfg, line, &boot), CFG_OK);
}

/* What a user writes on a Debian USB stick. */
// clang-format off
static const char debian_cfg[] =
	"# syslinux.cfg for a Debian USB stick\n"		/* 1 */
	"SERIAL 0 115200\n"					/* 2 */
	"DEFAULT debian\n"					/* 3 */
	"PROMPT 1\n"						/* 4 */
	"TIMEOUT 50\n"						/* 5 */
	"TOTALTIMEOUT 9000\n"					/* 6 */
	"SAY Booting Debian...\n"				/* 7 */
	"APPEND console=tty0 console=ttyS0,115200n8\n"		/* 8 */
	"\n"							/* 9 */
	"LABEL debian\n"					/* 10 */
	"    KERNEL /vmlinuz\n"					/* 11 */
	"    INITRD /initrd.img\n"				/* 12 */
	"    APPEND root=/dev/sda2 ro quiet\n"			/* 13 */
	"\n"							/* 14 */
	"LABEL debian-old\n"					/* 15 */
	"    LINUX /vmlinuz.old\n"				/* 16 */
	"    INITRD /initrd.img.old,/extra.cpio\n"		/* 17 */
	"\n"							/* 18 */
	"LABEL rescue\n"					/* 19 */
	"    LINUX /vmlinuz\n"					/* 20 */
	"    APPEND -\n"					/* 21 */
	"\n"							/* 22 */
	"LABEL hdt\n"						/* 23 */
	"    COM32 hdt.c32\n"					/* 24 */
	"LABEL hd\n"						/* 25 */
	"    LOCALBOOT 0x80\n";					/* 26 */
// clang-format on

static void test_debian_syslinux_cfg(void **state)
{
	const struct cfg_label *l;

	(void)state;
	parse(debian_cfg);
	assert_int_equal(cfg.nlabels, 5);
	assert_string_equal(cfg.default_label, "debian");
	assert_string_equal(cfg_default_line(&cfg), "debian");
	assert_true(cfg.prompt);
	assert_int_equal(cfg.timeout_ds, 50);
	assert_int_equal(cfg.totaltimeout_ds, 9000);
	assert_true(cfg.has_serial);
	assert_int_equal(cfg.serial_port, 0);
	assert_int_equal(cfg.serial_baud, 115200);
	assert_string_equal(cfg.global_append,
			    "console=tty0 console=ttyS0,115200n8");

	l = label("debian");
	assert_string_equal(l->kernel, "/vmlinuz");
	assert_string_equal(l->initrd, "/initrd.img");
	assert_string_equal(l->append, "root=/dev/sda2 ro quiet");
	assert_true(l->has_append);
	assert_int_equal(l->type, CFG_KT_KERNEL);
	assert_int_equal(l->line, 10);

	l = label("debian-old");
	assert_string_equal(l->kernel, "/vmlinuz.old");
	assert_string_equal(l->initrd, "/initrd.img.old,/extra.cpio");
	assert_false(l->has_append);
	assert_string_equal(l->append, "console=tty0 console=ttyS0,115200n8");
	assert_int_equal(l->type, CFG_KT_LINUX);

	l = label("rescue");
	assert_true(l->has_append);
	assert_string_equal(l->append, "");
	assert_string_equal(l->initrd, "");

	l = label("hdt");
	assert_int_equal(l->type, CFG_KT_COM32);
	l = label("hd");
	assert_int_equal(l->type, CFG_KT_LOCALBOOT);
	assert_string_equal(l->kernel, "0x80");

	assert_int_equal(cfg.nwarnings, 2);
	assert_warning(0, 7, CFG_W_IGNORED); /* SAY */
	assert_warning(1, 24, CFG_W_TYPE);   /* COM32 */

	assert_int_equal(
	    cfg_resolve_config(&cfg, cfg_default_line(&cfg), &boot), 0);
	assert_string_equal(boot.kernel, "/vmlinuz");
	assert_string_equal(boot.initrd, "/initrd.img");
	assert_string_equal(boot.append, "root=/dev/sda2 ro quiet");
	assert_string_equal(boot.extra, "");
	assert_int_equal(boot.type, CFG_KT_LINUX);
	assert_ptr_equal(boot.label, label("debian"));
}

/* Debian's extlinux-update output: MENU lines, TEXT HELP, a UI module. */
// clang-format off
static const char extlinux_conf[] =
	"## /boot/extlinux/extlinux.conf\n"			/* 1 */
	"##\n"							/* 2 */
	"## IMPORTANT WARNING\n"				/* 3 */
	"\n"							/* 4 */
	"ui menu.c32\n"						/* 5 */
	"default l0\n"						/* 6 */
	"prompt 1\n"						/* 7 */
	"timeout 50\n"						/* 8 */
	"menu title Debian GNU/Linux\n"				/* 9 */
	"\n"							/* 10 */
	"label l0\n"						/* 11 */
	"\tmenu label Debian GNU/Linux, kernel 6.1.0-18-amd64\n"/* 12 */
	"\tlinux /boot/vmlinuz-6.1.0-18-amd64\n"		/* 13 */
	"\tappend initrd=/boot/initrd.img-6.1.0-18-amd64 "
	"root=UUID=4f0c1a2b-7d1e-4d55-9a3e-2b8f6c0d9e11 ro quiet\n"/* 14 */
	"\n"							/* 15 */
	"label l0r\n"						/* 16 */
	"\tmenu label Debian GNU/Linux, kernel 6.1.0-18-amd64 "
	"(rescue mode)\n"					/* 17 */
	"\tlinux /boot/vmlinuz-6.1.0-18-amd64\n"		/* 18 */
	"\tappend initrd=/boot/initrd.img-6.1.0-18-amd64 "
	"root=UUID=4f0c1a2b-7d1e-4d55-9a3e-2b8f6c0d9e11 ro single\n"/* 19 */
	"\ttext help\n"						/* 20 */
	"   This option boots the system into rescue mode.\n"	/* 21 */
	"   label bogus\n"					/* 22 */
	"\tendtext\n"						/* 23 */
	"\tmenu hide\n"						/* 24 */
	"label old\n"						/* 25 */
	"\tmenu label Older kernel\n"				/* 26 */
	"\tmenu default\n"					/* 27 */
	"\tlinux /boot/vmlinuz-old\n";				/* 28 */
// clang-format on

static void test_extlinux_menu(void **state)
{
	const struct cfg_label *l;

	(void)state;
	parse(extlinux_conf);
	assert_int_equal(cfg.nlabels, 3);
	assert_null(find("bogus")); /* inside TEXT */
	assert_true(cfg.has_ui);
	assert_string_equal(cfg.ui, "menu.c32");
	assert_int_equal(cfg.nwarnings, 2);
	assert_warning(0, 5, CFG_W_UI);
	assert_warning(1, 9, CFG_W_MENU); /* once, at the first */

	l = label("l0");
	assert_string_equal(l->kernel, "/boot/vmlinuz-6.1.0-18-amd64");
	assert_string_equal(
	    l->append,
	    "initrd=/boot/initrd.img-6.1.0-18-amd64 "
	    "root=UUID=4f0c1a2b-7d1e-4d55-9a3e-2b8f6c0d9e11 ro quiet");
	assert_false(l->menu_default);
	assert_true(label("l0r")->menu_hide);
	assert_true(label("old")->menu_default);

	/* With UI the menu starts on the DEFAULT label. */
	assert_string_equal(cfg_default_line(&cfg), "l0");
	resolve_ok("l0r");
	assert_string_equal(
	    boot.append,
	    "initrd=/boot/initrd.img-6.1.0-18-amd64 "
	    "root=UUID=4f0c1a2b-7d1e-4d55-9a3e-2b8f6c0d9e11 ro single");
}

static void test_menu_default_selection(void **state)
{
	(void)state;
	/* SYSLINUX 3/4 style: DEFAULT runs the menu module, which starts on
	 * the MENU DEFAULT label. */
	parse("DEFAULT vesamenu.c32\n"
	      "LABEL a\n KERNEL /a\n"
	      "LABEL b\n MENU DEFAULT\n KERNEL /b\n");
	assert_string_equal(cfg_default_line(&cfg), "b");

	/* No MENU DEFAULT: the first entry that is not hidden. */
	parse("UI menu.c32\n"
	      "LABEL a\n MENU HIDE\n"
	      "MENU BEGIN sub\n LABEL s\n MENU END\n"
	      "LABEL c\n");
	assert_string_equal(cfg_default_line(&cfg), "c");
	assert_int_equal(label("s")->menu_level, 1);

	/* A DEFAULT naming a label is used as typed, extra words too. */
	parse("DEFAULT a single\nLABEL a\n");
	assert_string_equal(cfg_default_line(&cfg), "a single");
	/* Without UI a DEFAULT that is not a module is a kernel name. */
	parse("DEFAULT /vmlinuz root=/dev/sda1\n");
	assert_string_equal(cfg_default_line(&cfg), "/vmlinuz root=/dev/sda1");
	/* Nothing at all. */
	parse("");
	assert_string_equal(cfg_default_line(&cfg), "");
	parse("UI menu.c32\n");
	assert_string_equal(cfg_default_line(&cfg), "");
}

static void test_every_directive(void **state)
{
	const struct cfg_label *l;

	(void)state;
	// clang-format off
	parse("  default  linux quiet  \n"			/* 1 */
	      "UI vesamenu.c32\n"				/* 2 */
	      "Prompt 1\n"					/* 3 */
	      "TIMEOUT 30\n"					/* 4 */
	      "TOTALTIMEOUT 600\n"				/* 5 */
	      "ONTIMEOUT linux single\n"			/* 6 */
	      "ONERROR rescue\n"				/* 7 */
	      "IMPLICIT 0\n"					/* 8 */
	      "ALLOWOPTIONS 0\n"				/* 9 */
	      "NOESCAPE 1\n"					/* 10 */
	      "NOCOMPLETE 1\n"					/* 11 */
	      "NOHALT 1\n"					/* 12 */
	      "CONSOLE 0\n"					/* 13 */
	      "SERIAL 0x3f8 57600 0x303\n"			/* 14 */
	      "SAY hello\n"					/* 15 */
	      "DISPLAY boot.msg\n"				/* 16 */
	      "F1 help.txt\n"					/* 17 */
	      "F10 f10.txt\n"					/* 18 */
	      "FONT lat1-16.psf\n"				/* 19 */
	      "KBDMAP fr.ktl\n"					/* 20 */
	      "PATH /boot/syslinux\n"				/* 21 */
	      "IPAPPEND 0\n"					/* 22 */
	      "SYSAPPEND 2\n"					/* 23 */
	      "INCLUDE other.cfg\n"				/* 24 */
	      "MENU TITLE Boot\n"				/* 25 */
	      "LABEL linux\n"					/* 26 */
	      " KERNEL vmlinuz\n"				/* 27 */
	      " INITRD initrd.gz\n"				/* 28 */
	      " APPEND root=/dev/sda1\n"			/* 29 */
	      " IPAPPEND 1\n"					/* 30 */
	      "LABEL cfg\n CONFIG other.cfg /boot\n"		/* 31, 32 */
	      "LABEL boot\n BOOT sector.bin\n"			/* 33, 34 */
	      "LABEL bss\n BSS dos.bss\n"			/* 35, 36 */
	      "LABEL pxe\n PXE pxelinux.0\n"			/* 37, 38 */
	      "LABEL fd\n FDIMAGE floppy.img\n"			/* 39, 40 */
	      "LABEL cb\n COMBOOT tool.com\n"			/* 41, 42 */
	      "LABEL local\n LOCALBOOT -1\n"			/* 43, 44 */
	      "LABEL bin\n KERNEL mbr.bin\n"			/* 45, 46 */
	      "NOSUCH thing\n");				/* 47 */
	// clang-format on
	assert_string_equal(cfg.default_label, "linux quiet");
	assert_true(cfg.has_ui);
	assert_string_equal(cfg.ui, "vesamenu.c32");
	assert_true(cfg.prompt);
	assert_int_equal(cfg.timeout_ds, 30);
	assert_int_equal(cfg.totaltimeout_ds, 600);
	assert_string_equal(cfg.ontimeout, "linux single");
	assert_string_equal(cfg.onerror, "rescue");
	assert_false(cfg.allow_implicit);
	assert_false(cfg.allow_options);
	assert_true(cfg.noescape);
	assert_true(cfg.nocomplete);
	assert_true(cfg.nohalt);
	assert_false(cfg.console);
	assert_true(cfg.has_serial);
	assert_int_equal(cfg.serial_port, 0x3f8);
	assert_int_equal(cfg.serial_baud, 57600);
	assert_int_equal(cfg.serial_flow, 0x303);
	assert_int_equal(cfg.sysappend, 2);

	l = label("linux");
	assert_string_equal(l->kernel, "vmlinuz");
	assert_string_equal(l->initrd, "initrd.gz");
	assert_string_equal(l->append, "root=/dev/sda1");
	assert_int_equal(l->sysappend, 1);
	assert_int_equal(label("cfg")->type, CFG_KT_CONFIG);
	assert_string_equal(label("cfg")->kernel, "other.cfg");
	assert_string_equal(label("cfg")->kernel_args, "/boot");
	assert_int_equal(label("boot")->type, CFG_KT_BOOT);
	assert_int_equal(label("bss")->type, CFG_KT_BSS);
	assert_int_equal(label("pxe")->type, CFG_KT_PXE);
	assert_int_equal(label("fd")->type, CFG_KT_FDIMAGE);
	assert_int_equal(label("cb")->type, CFG_KT_COMBOOT);
	assert_int_equal(label("local")->type, CFG_KT_LOCALBOOT);
	assert_string_equal(label("local")->kernel, "-1");
	assert_int_equal(label("bin")->type, CFG_KT_KERNEL);

	assert_int_equal(cfg.nwarnings, 16);
	assert_int_equal(cfg.warnings_lost, 1); /* NOSUCH, line 47 */
	assert_warning(0, 2, CFG_W_UI);
	assert_warning(1, 15, CFG_W_IGNORED);	/* SAY */
	assert_warning(2, 16, CFG_W_IGNORED);	/* DISPLAY */
	assert_warning(3, 17, CFG_W_IGNORED);	/* F1 */
	assert_warning(4, 18, CFG_W_IGNORED);	/* F10 */
	assert_warning(5, 19, CFG_W_IGNORED);	/* FONT */
	assert_warning(6, 20, CFG_W_IGNORED);	/* KBDMAP */
	assert_warning(7, 21, CFG_W_IGNORED);	/* PATH */
	assert_warning(8, 23, CFG_W_SYSAPPEND); /* IPAPPEND 0 is silent */
	assert_warning(9, 24, CFG_W_INCLUDE);	/* no reader */
	assert_warning(10, 25, CFG_W_MENU);
	assert_warning(11, 30, CFG_W_SYSAPPEND);
	assert_warning(12, 32, CFG_W_TYPE); /* CONFIG */
	assert_warning(13, 38, CFG_W_TYPE); /* PXE */
	assert_warning(14, 40, CFG_W_TYPE); /* FDIMAGE */
	assert_warning(15, 42, CFG_W_TYPE); /* COMBOOT */
}

static void test_keywords_case_and_whole_word(void **state)
{
	(void)state;
	parse("lAbEl x\n"
	      "\t KeRnEl /k\n"
	      "APPENDX foo\n" /* not APPEND */
	      "append\tfoo=1\t \n");
	assert_string_equal(label("x")->kernel, "/k");
	assert_string_equal(label("x")->append, "foo=1");
	assert_int_equal(cfg.nwarnings, 1);
	assert_warning(0, 3, CFG_W_UNKNOWN);
}

static void test_global_vs_label_append(void **state)
{
	(void)state;
	parse("APPEND g=1\n"
	      "LABEL own\n APPEND o=1\n"
	      "LABEL inherit\n"
	      "LABEL none\n APPEND -\n"
	      "LABEL dash-space\n APPEND -  \n");
	assert_string_equal(label("own")->append, "o=1");
	assert_string_equal(label("inherit")->append, "g=1");
	assert_false(label("inherit")->has_append);
	assert_string_equal(label("none")->append, "");
	assert_true(label("none")->has_append);
	assert_string_equal(label("dash-space")->append, "");

	resolve_ok("inherit");
	assert_string_equal(boot.append, "g=1");
	resolve_ok("none");
	assert_string_equal(boot.append, "");

	/* A global "APPEND -" is empty too. */
	parse("APPEND -\nLABEL a\n");
	assert_string_equal(label("a")->append, "");

	/* SYSLINUX ends a label at MENU BEGIN/END; an APPEND after that is
	 * global again and is what later labels without APPEND take. */
	parse("APPEND first\n"
	      "LABEL a\n"
	      "MENU BEGIN\n"
	      "APPEND second\n"
	      "LABEL b\n"
	      "MENU END\n");
	assert_string_equal(label("a")->append, "first");
	assert_string_equal(label("b")->append, "second");
	assert_string_equal(cfg.global_append, "second");
}

static void test_unknown_directive_line(void **state)
{
	(void)state;
	parse("# comment\n"
	      "   # indented comment\n"
	      "FROBNICATE 1\n"
	      "\n"
	      "LABEL a\n"
	      "  WHATEVER\n");
	assert_int_equal(cfg.nwarnings, 2);
	assert_warning(0, 3, CFG_W_UNKNOWN);
	assert_warning(1, 6, CFG_W_UNKNOWN);
	assert_int_equal(cfg.warnings[0].file, 0);
	assert_string_equal(cfg_warning_str(CFG_W_UNKNOWN),
			    "unknown directive ignored");
}

static void test_crlf_and_lone_cr(void **state)
{
	(void)state;
	parse("DEFAULT a\r\n"
	      "LABEL a\r\n"
	      "  KERNEL /vmlinuz\r\n"
	      "  APPEND root=/dev/sda1\r\n"
	      "BOGUS\r\n");
	assert_string_equal(cfg.default_label, "a");
	assert_string_equal(label("a")->kernel, "/vmlinuz");
	assert_string_equal(label("a")->append, "root=/dev/sda1");
	assert_int_equal(cfg.nwarnings, 1);
	assert_warning(0, 5, CFG_W_UNKNOWN); /* CR LF counts once */

	parse("LABEL a\rKERNEL /k\r\rBOGUS\r");
	assert_string_equal(label("a")->kernel, "/k");
	assert_warning(0, 4, CFG_W_UNKNOWN);
}

static void test_no_trailing_newline(void **state)
{
	(void)state;
	parse("LABEL a\nKERNEL /k\nAPPEND quiet");
	assert_string_equal(label("a")->append, "quiet");
	parse("DEFAULT x");
	assert_string_equal(cfg.default_label, "x");
	/* len cuts the text short of its NUL: only "LABEL ab" is seen. */
	parse_len("LABEL abc", 8);
	assert_non_null(find("ab"));
	assert_null(find("abc"));
}

static void test_empty_file(void **state)
{
	(void)state;
	parse("");
	assert_int_equal(cfg.nlabels, 0);
	assert_int_equal(cfg.nwarnings, 0);
	assert_string_equal(cfg.default_label, "");
	assert_true(cfg.allow_implicit);
	assert_true(cfg.allow_options);
	assert_true(cfg.console);
	assert_false(cfg.prompt);
	assert_false(cfg.has_serial);
	assert_int_equal(cfg.timeout_ds, 0);
	assert_int_equal(cfg_parse(&cfg, NULL, 0), CFG_OK);
	assert_int_equal(cfg_parse(&cfg, NULL, 1), CFG_EINVAL);
	assert_int_equal(cfg_parse(NULL, "", 0), CFG_EINVAL);
	parse("\n\n   \n\t\n# only comments\n");
	assert_int_equal(cfg.nlabels, 0);
	assert_int_equal(cfg.nwarnings, 0);
	assert_int_equal(cfg_resolve(&cfg, cfg_default_line(&cfg), &boot),
			 CFG_EEMPTY);
}

static char *repeat(char ch, size_t n)
{
	char *s = malloc(n + 1);

	assert_non_null(s);
	memset(s, ch, n);
	s[n] = '\0';
	return s;
}

static void test_over_long_values(void **state)
{
	char *fit = repeat('a', CFG_APPEND_MAX - 1);
	char *big = repeat('b', CFG_APPEND_MAX);
	char *path = repeat('p', CFG_PATH_MAX - 1);
	char *name = repeat('n', CFG_NAME_MAX);
	char *huge = repeat('x', 100000);
	char *text = malloc(200000);

	(void)state;
	assert_non_null(text);
	// clang-format off
	snprintf(text, 200000,
		 "LABEL ok\n APPEND %s\n KERNEL /%s\n"		/* 1-3 */
		 "LABEL long\n APPEND %s\n"			/* 4, 5 */
		 "LABEL longk\n KERNEL /%s\n"			/* 6, 7 */
		 "LABEL %s\n APPEND x\n"			/* 8, 9 */
		 "DEFAULT ok\nDEFAULT %s\n"			/* 10, 11 */
		 "%s\n",					/* 12 */
		 fit, path + 1, big, path, name, big, huge);
	// clang-format on
	parse(text);
	assert_int_equal(strlen(label("ok")->append), CFG_APPEND_MAX - 1);
	assert_int_equal(strlen(label("ok")->kernel), CFG_PATH_MAX - 1);
	assert_false(label("ok")->bad);
	assert_true(label("long")->bad);
	assert_true(label("longk")->bad);
	assert_null(find(name));
	assert_string_equal(cfg.default_label, "ok"); /* 11 ignored */
	assert_string_equal(cfg.global_append, "");   /* line 9 dropped */
	assert_int_equal(cfg.nwarnings, 5);
	assert_warning(0, 5, CFG_W_TOO_LONG);
	assert_warning(1, 7, CFG_W_TOO_LONG);
	assert_warning(2, 8, CFG_W_TOO_LONG);
	assert_warning(3, 11, CFG_W_TOO_LONG);
	assert_warning(4, 12, CFG_W_UNKNOWN);

	assert_int_equal(cfg_resolve(&cfg, "long", &boot), CFG_EBADLABEL);
	assert_int_equal(cfg_resolve(&cfg, name, &boot), CFG_EDROPPED);
	resolve_ok("ok");

	/* A global APPEND that does not fit spoils the labels taking it. */
	snprintf(text, 200000, "APPEND %s\nLABEL a\nLABEL b\nAPPEND x\n", big);
	parse(text);
	assert_true(cfg.global_append_bad);
	assert_true(label("a")->bad);
	assert_false(label("b")->bad);
	assert_int_equal(cfg_resolve(&cfg, "a", &boot), CFG_EBADLABEL);
	resolve_ok("b");
	resolve_ok("/vmlinuz"); /* takes no APPEND: unaffected */

	free(fit);
	free(big);
	free(path);
	free(name);
	free(huge);
	free(text);
}

static void test_label_limit(void **state)
{
	char *text = malloc(70 * 64);
	size_t off = 0;
	unsigned i;

	(void)state;
	assert_non_null(text);
	off += (size_t)sprintf(text + off, "APPEND g\n");
	for (i = 0; i < 70; i++)
		off += (size_t)sprintf(text + off,
				       "LABEL l%u\n KERNEL /k%u\n APPEND a%u\n",
				       i, i, i);
	parse_len(text, off);
	free(text);

	assert_int_equal(cfg.nlabels, CFG_MAX_LABELS);
	assert_int_equal(cfg.labels_dropped, 6);
	assert_string_equal(label("l63")->kernel, "/k63");
	assert_null(find("l64"));
	/* One warning, at the 65th LABEL (line 1 + 64 * 3 + 1). */
	assert_int_equal(cfg.nwarnings, 1);
	assert_warning(0, 194, CFG_W_TOO_MANY_LABELS);
	/* The dropped labels' APPEND did not become global. */
	assert_string_equal(cfg.global_append, "g");
	/* A dropped label is never booted as a file of that name. */
	assert_int_equal(cfg_resolve(&cfg, "l64", &boot), CFG_EDROPPED);
	assert_int_equal(cfg_resolve(&cfg, "l69 quiet", &boot), CFG_EDROPPED);
	resolve_ok("/vmlinuz");
	assert_null(boot.label);
	resolve_ok("l63");
	assert_string_equal(boot.append, "a63");
}

static void test_resolve_label_and_extra(void **state)
{
	(void)state;
	parse(debian_cfg);
	resolve_ok("  debian   single  init=/bin/sh  ");
	assert_string_equal(boot.kernel, "/vmlinuz");
	assert_string_equal(boot.initrd, "/initrd.img");
	assert_string_equal(boot.append, "root=/dev/sda2 ro quiet");
	assert_string_equal(boot.extra, "single  init=/bin/sh");
	assert_false(boot.extra_dropped);
	assert_ptr_equal(boot.label, label("debian"));

	/* Labels match exactly, case-sensitively, whole first word. */
	resolve_ok("Debian");
	assert_null(boot.label);
	assert_string_equal(boot.kernel, "Debian");
	resolve_ok("debia");
	assert_null(boot.label);

	resolve_ok("hdt");
	assert_int_equal(boot.type, CFG_KT_COM32);
	resolve_ok("hd");
	assert_int_equal(boot.type, CFG_KT_LOCALBOOT);

	/* A label without KERNEL boots the file named like it; words after
	 * the file on the KERNEL line come before APPEND. */
	parse("LABEL memtest86+.bin\nLABEL k\n KERNEL /vmlinuz quiet splash\n");
	resolve_ok("memtest86+.bin");
	assert_string_equal(boot.kernel, "memtest86+.bin");
	assert_int_equal(boot.type, CFG_KT_BOOT);
	resolve_ok("k");
	assert_string_equal(boot.kernel, "/vmlinuz");
	assert_string_equal(boot.kernel_args, "quiet splash");
	assert_int_equal(boot.type, CFG_KT_LINUX);
}

static void test_resolve_kernel_path(void **state)
{
	(void)state;
	parse(debian_cfg);
	resolve_ok("/boot/vmlinuz-6.1 root=/dev/sdb1 ro");
	assert_null(boot.label);
	assert_string_equal(boot.kernel, "/boot/vmlinuz-6.1");
	assert_string_equal(boot.initrd, "");
	/* No APPEND for a kernel typed by name, not even the global one:
	 * SYSLINUX 6.04 boots it with just the typed words. */
	assert_string_equal(boot.append, "");
	assert_string_equal(boot.extra, "root=/dev/sdb1 ro");
	assert_int_equal(boot.type, CFG_KT_LINUX);

	/* DEFAULT naming no label: a file name plus arguments. */
	parse("DEFAULT /vmlinuz root=/dev/sda1 quiet\nLABEL other\n");
	assert_int_equal(
	    cfg_resolve_config(&cfg, cfg_default_line(&cfg), &boot), 0);
	assert_null(boot.label);
	assert_string_equal(boot.kernel, "/vmlinuz");
	assert_string_equal(boot.extra, "root=/dev/sda1 quiet");

	resolve_ok("menu.c32");
	assert_int_equal(boot.type, CFG_KT_COM32);
	assert_int_equal(cfg_resolve(&cfg, "   ", &boot), CFG_EEMPTY);
	assert_int_equal(cfg_resolve(&cfg, NULL, &boot), CFG_EINVAL);
}

static void test_resolve_implicit_and_options(void **state)
{
	(void)state;
	parse("IMPLICIT 0\nALLOWOPTIONS 0\nLABEL a\n KERNEL /a\n APPEND x=1\n");
	assert_int_equal(cfg_resolve(&cfg, "/vmlinuz", &boot), CFG_EIMPLICIT);
	resolve_ok("a init=/bin/sh");
	assert_string_equal(boot.append, "x=1");
	assert_string_equal(boot.extra, "");
	assert_true(boot.extra_dropped);
	resolve_ok("a");
	assert_false(boot.extra_dropped);
	/* Words the config wrote itself (DEFAULT, ONTIMEOUT) are kept. */
	assert_int_equal(cfg_resolve_config(&cfg, "a single", &boot), 0);
	assert_string_equal(boot.extra, "single");
	assert_false(boot.extra_dropped);
	assert_int_equal(cfg_resolve_config(&cfg, "/vmlinuz", &boot),
			 CFG_EIMPLICIT);
	assert_string_equal(cfg_strerror(CFG_EIMPLICIT),
			    "no such label (IMPLICIT 0 forbids file names)");
}

static void test_misc_warnings(void **state)
{
	(void)state;
	// clang-format off
	parse("INITRD /early.img\n"		/* 1: outside a label */
	      "KERNEL /early\n"			/* 2 */
	      "TIMEOUT soon\n"			/* 3 */
	      "LABEL a\n KERNEL /first\n"	/* 4, 5 */
	      "LABEL a\n KERNEL /second\n"	/* 6, 7 */
	      "LABEL\n"				/* 8 */
	      " APPEND orphan\n"		/* 9: belongs to line 8 */
	      "TIMEOUT 20 # two seconds\n"	/* 10 */
	      "PROMPT yes\n");			/* 11 */
	// clang-format on
	assert_int_equal(cfg.nwarnings, 6);
	assert_warning(0, 1, CFG_W_NOT_IN_LABEL);
	assert_warning(1, 2, CFG_W_NOT_IN_LABEL);
	assert_warning(2, 3, CFG_W_BAD_VALUE);
	assert_warning(3, 6, CFG_W_DUP_LABEL);
	assert_warning(4, 8, CFG_W_BAD_VALUE);
	assert_warning(5, 11, CFG_W_BAD_VALUE);
	assert_string_equal(label("a")->kernel, "/first"); /* first wins */
	assert_int_equal(cfg.nlabels, 2);
	assert_string_equal(cfg.global_append, "");
	assert_int_equal(cfg.timeout_ds, 20);
	assert_false(cfg.prompt);
}

static void test_serial_forms(void **state)
{
	(void)state;
	parse("SERIAL 1\n");
	assert_true(cfg.has_serial);
	assert_int_equal(cfg.serial_port, 1);
	assert_int_equal(cfg.serial_baud, 9600);
	assert_int_equal(cfg.serial_flow, 0);
	parse("SERIAL 0 115200\nSERIAL 0 50\n");
	assert_false(cfg.has_serial); /* < 75 baud: off */
	assert_warning(0, 2, CFG_W_BAD_VALUE);
	parse("SERIAL 0x2f8 230400\n");
	assert_false(cfg.has_serial);
	parse("SERIAL 0x10000\n");
	assert_false(cfg.has_serial);
}

static void test_nul_byte_line(void **state)
{
	static const char text[] = "LABEL a\nAPPEND x\0y\nKERNEL /k\n";

	(void)state;
	parse_len(text, sizeof(text) - 1);
	assert_string_equal(label("a")->kernel, "/k");
	assert_false(label("a")->has_append);
	assert_int_equal(cfg.nwarnings, 1);
	assert_warning(0, 2, CFG_W_NUL);
}

/* INCLUDE through a reader over a small in-memory file table. */
struct memfile {
	const char *name, *text;
};

static const struct memfile files[] = {
    {"menu.cfg", "menu hshift 7\ninclude txt.cfg\nBOGUS\n"},
    {"txt.cfg", "default install\nlabel install\n\tmenu label ^Install\n"
		"\tkernel /install.amd/vmlinuz\n"
		"\tappend vga=788 initrd=/install.amd/initrd.gz --- quiet\n"},
    {"loop.cfg", "include loop.cfg\n"},
};

static int releases;

static int mem_load(void *ctx, const char *path, const char **text, size_t *len)
{
	(void)ctx;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		if (strcmp(files[i].name, path) == 0) {
			*text = files[i].text;
			*len = strlen(files[i].text);
			return 0;
		}
	}
	return -1;
}

static void mem_release(void *ctx, const char *text, size_t len)
{
	(void)ctx;
	(void)text;
	(void)len;
	releases++;
}

static const struct cfg_include_ops mem_ops = {
    .load = mem_load,
    .release = mem_release,
};

static void test_include(void **state)
{
	/* Debian installer's isolinux.cfg. */
	static const char isolinux[] =
	    "# D-I config version 2.0\n"
	    "# search path for the c32 support libraries\n"
	    "path \n"
	    "include menu.cfg\n"
	    "default vesamenu.c32\n"
	    "prompt 0\n"
	    "timeout 0\n"
	    "include missing.cfg\n";

	(void)state;
	releases = 0;
	assert_int_equal(
	    cfg_parse_with(&cfg, isolinux, strlen(isolinux), &mem_ops), 0);
	assert_int_equal(releases, 2);
	assert_int_equal(cfg.nlabels, 1);
	assert_string_equal(label("install")->kernel, "/install.amd/vmlinuz");
	assert_int_equal(label("install")->file, 2);
	assert_int_equal(label("install")->line, 2);
	/* The later DEFAULT in the main file names the menu module. */
	assert_string_equal(cfg.default_label, "vesamenu.c32");
	assert_string_equal(cfg_default_line(&cfg), "install");
	assert_int_equal(cfg.nwarnings, 4);
	assert_warning(0, 3, CFG_W_IGNORED); /* path */
	assert_warning(1, 1, CFG_W_MENU);
	assert_int_equal(cfg.warnings[1].file, 1);
	assert_warning(2, 3, CFG_W_UNKNOWN);
	assert_int_equal(cfg.warnings[2].file, 1);
	assert_warning(3, 8, CFG_W_INCLUDE);
	assert_int_equal(cfg.warnings[3].file, 0);

	/* Endless self-inclusion stops at the nesting limit. */
	releases = 0;
	assert_int_equal(
	    cfg_parse_with(&cfg, "include loop.cfg\n", 17, &mem_ops), 0);
	assert_int_equal(releases, CFG_INCLUDE_DEPTH);
	assert_int_equal(cfg.nwarnings, 1);
	assert_warning(0, 1, CFG_W_INCLUDE);
	assert_int_equal(cfg.warnings[0].file, CFG_INCLUDE_DEPTH);
}

/* bzboot's extension: double quotes keep the blanks of a file name. */
// clang-format off
static const char quoted_cfg[] =
	"LABEL deb\n"					/* 1 */
	"  LINUX \"/boot/Debian Kernels/vmlinuz-6.1.0-amd64\" quiet\n" /* 2 */
	"  INITRD \"/boot/Debian Kernels/initrd.img\",/extra.img\n" /* 3 */
	"  APPEND root=/dev/sda1\n"			/* 4 */
	"LABEL mixed\n"					/* 5 */
	"  KERNEL /boot/\"Debian Kernels\"/memtest.bin\n" /* 6 */
	"  INITRD /a.img,\"/b c.img\"  rd.debug\n"	/* 7 */
	"LABEL plain\n"					/* 8 */
	"  KERNEL \"/vmlinuz\"\n"			/* 9 */
	"  INITRD \"/initrd.img\",\"/extra.img\"\n"	/* 10 */
	"LABEL old\n"					/* 11 */
	"  KERNEL /vmlinuz\n"				/* 12 */
	"  INITRD /a.img quiet\n";			/* 13 */
// clang-format on

static void test_quoted_file_names(void **state)
{
	const struct cfg_label *l;

	(void)state;
	parse(quoted_cfg);
	assert_int_equal(cfg.nwarnings, 0);
	l = label("deb");
	assert_false(l->bad);
	assert_string_equal(l->kernel,
			    "/boot/Debian Kernels/vmlinuz-6.1.0-amd64");
	assert_string_equal(l->kernel_args, "quiet");
	assert_int_equal(l->type, CFG_KT_LINUX);
	/* One pair of quotes round the list: one word for the kernel. */
	assert_string_equal(l->initrd,
			    "\"/boot/Debian Kernels/initrd.img,/extra.img\"");

	/* A quote may start or end anywhere in the word; words after the
	 * INITRD list stay words, as in SYSLINUX. */
	l = label("mixed");
	assert_string_equal(l->kernel, "/boot/Debian Kernels/memtest.bin");
	assert_string_equal(l->kernel_args, "");
	assert_int_equal(cfg_resolve(&cfg, "mixed", &boot), CFG_OK);
	assert_int_equal(boot.type, CFG_KT_BOOT); /* by its extension */
	assert_string_equal(l->initrd, "\"/a.img,/b c.img\"  rd.debug");

	/* Quoted names without blanks come out as if never quoted. */
	l = label("plain");
	assert_string_equal(l->kernel, "/vmlinuz");
	assert_string_equal(l->initrd, "/initrd.img,/extra.img");

	/* No quote: the INITRD value is kept as written, blanks and all. */
	assert_string_equal(label("old")->initrd, "/a.img quiet");
}

static void test_quoted_unterminated(void **state)
{
	(void)state;
	// clang-format off
	parse("LABEL a\n"				/* 1 */
	      "  KERNEL \"/boot/Debian Kernels/vmlinuz quiet\n" /* 2 */
	      "LABEL b\n"				/* 3 */
	      "  KERNEL /vmlinuz\n"			/* 4 */
	      "  INITRD /x.img,\"/y z.img\n"		/* 5 */
	      "LABEL c\n"				/* 6 */
	      "  KERNEL \"\"\n"				/* 7 */
	      "LABEL d\n"				/* 8 */
	      "  KERNEL \"/k\"\"\n");			/* 9 */
	// clang-format on
	assert_int_equal(cfg.nwarnings, 4);
	assert_warning(0, 2, CFG_W_QUOTE);
	assert_warning(1, 5, CFG_W_QUOTE);
	assert_warning(2, 7, CFG_W_BAD_VALUE); /* an empty name */
	assert_warning(3, 9, CFG_W_QUOTE);
	assert_string_equal(cfg_warning_str(CFG_W_QUOTE),
			    "unterminated double quote, ignored");
	/* Such a label is never booted with half a name. */
	assert_int_equal(cfg_resolve(&cfg, "a", &boot), CFG_EBADLABEL);
	assert_int_equal(cfg_resolve(&cfg, "b", &boot), CFG_EBADLABEL);
	assert_int_equal(cfg_resolve(&cfg, "c", &boot), CFG_EBADLABEL);
	assert_int_equal(cfg_resolve(&cfg, "d", &boot), CFG_EBADLABEL);
}

static void test_quoted_typed_line(void **state)
{
	(void)state;
	parse(debian_cfg);
	resolve_ok("  \"/boot/Debian Kernels/vmlinuz\"  root=/dev/sda1 ro ");
	assert_null(boot.label);
	assert_string_equal(boot.kernel, "/boot/Debian Kernels/vmlinuz");
	assert_string_equal(boot.extra, "root=/dev/sda1 ro");
	assert_string_equal(boot.initrd, "");
	assert_int_equal(boot.type, CFG_KT_LINUX);
	/* The words after it are the kernel's, quotes and all. */
	resolve_ok("/vmlinuz initrd=\"/a b/i.img\"");
	assert_string_equal(boot.kernel, "/vmlinuz");
	assert_string_equal(boot.extra, "initrd=\"/a b/i.img\"");
	/* A label is still matched as written, before any unquoting. */
	resolve_ok("debian \"x y\"");
	assert_ptr_equal(boot.label, label("debian"));
	assert_string_equal(boot.extra, "\"x y\"");

	assert_int_equal(
	    cfg_resolve(&cfg, "\"/boot/Debian Kernels/vmlinuz", &boot),
	    CFG_EQUOTE);
	assert_int_equal(cfg_resolve(&cfg, "/a\"b c", &boot), CFG_EQUOTE);
	assert_string_equal(cfg_strerror(CFG_EQUOTE),
			    "unterminated double quote");
	assert_int_equal(cfg_resolve(&cfg, "\"\" quiet", &boot), CFG_EEMPTY);

	/* DEFAULT is typed by the config: the same rules. */
	parse("DEFAULT \"/boot/My Kernels/vmlinuz\" root=/dev/sda1\n");
	assert_string_equal(cfg_default_line(&cfg),
			    "\"/boot/My Kernels/vmlinuz\" root=/dev/sda1");
	assert_int_equal(
	    cfg_resolve_config(&cfg, cfg_default_line(&cfg), &boot), 0);
	assert_string_equal(boot.kernel, "/boot/My Kernels/vmlinuz");
	assert_string_equal(boot.extra, "root=/dev/sda1");
}

static void test_quoted_too_long(void **state)
{
	char *name = repeat('p', CFG_PATH_MAX);
	char text[2 * CFG_PATH_MAX];

	(void)state;
	/* The quotes take no room in the name: 255 characters fit. */
	name[0] = '/';
	name[CFG_PATH_MAX - 1] = '\0';
	snprintf(text, sizeof(text), "LABEL a\nKERNEL \"%s\"\n", name);
	parse(text);
	assert_false(label("a")->bad);
	assert_int_equal(strlen(label("a")->kernel), CFG_PATH_MAX - 1);
	snprintf(text, sizeof(text), "\"%s\" quiet", name);
	resolve_ok(text);
	assert_int_equal(strlen(boot.kernel), CFG_PATH_MAX - 1);
	snprintf(text, sizeof(text), "\"%sp\" quiet", name);
	assert_int_equal(cfg_resolve(&cfg, text, &boot), CFG_ETOOLONG);

	/* An INITRD list with a blank needs room for its two quotes. */
	name[1] = ' ';
	name[CFG_PATH_MAX - 3] = '\0';
	snprintf(text, sizeof(text), "LABEL a\nINITRD \"%s\"\n", name);
	parse(text);
	assert_false(label("a")->bad);
	assert_int_equal(strlen(label("a")->initrd), CFG_PATH_MAX - 1);
	snprintf(text, sizeof(text), "LABEL a\nINITRD \"%sp\"\n", name);
	parse(text);
	assert_true(label("a")->bad);
	assert_warning(0, 2, CFG_W_TOO_LONG);
	free(name);
}

/* Config to kernel command line and back to the files loaded, the way
 * stage2's boot_linux() goes. */
static void boot_cmdline(const char *line, char *out, size_t size)
{
	struct kcmd_parts p;

	resolve_ok(line);
	p = (struct kcmd_parts){boot.kernel, boot.kernel_args, boot.append,
				boot.initrd, boot.extra};
	assert_true(kcmd_build_parts(out, size, 2047, &p) > 0);
}

static void test_quoted_to_kernel_cmdline(void **state)
{
	char out[CFG_APPEND_MAX], list[CFG_APPEND_MAX], item[CFG_PATH_MAX];
	const char *cur = list;

	(void)state;
	parse(quoted_cfg);
	boot_cmdline("deb single", out, sizeof(out));
	assert_string_equal(
	    out, "BOOT_IMAGE=\"/boot/Debian Kernels/vmlinuz-6.1.0-amd64\" "
		 "quiet root=/dev/sda1 "
		 "initrd=\"/boot/Debian Kernels/initrd.img,/extra.img\" "
		 "single");
	assert_true(kcmd_get_option_first(out, "initrd", list, sizeof(list)) >
		    0);
	assert_int_equal(kcmd_list_next(&cur, item, sizeof(item)), 31);
	assert_string_equal(item, "/boot/Debian Kernels/initrd.img");
	assert_int_equal(kcmd_list_next(&cur, item, sizeof(item)), 10);
	assert_string_equal(item, "/extra.img");
	assert_int_equal(kcmd_list_next(&cur, item, sizeof(item)),
			 KCMD_ENOTFOUND);

	/* Typed with its initrd: the kernel gets it as the user wrote it. */
	boot_cmdline("\"/boot/Debian Kernels/vmlinuz\" "
		     "initrd=\"/boot/Debian Kernels/initrd.img\"",
		     out, sizeof(out));
	assert_string_equal(out, "BOOT_IMAGE=\"/boot/Debian Kernels/vmlinuz\" "
				 "initrd=\"/boot/Debian Kernels/initrd.img\"");

	/* Quoted names without blanks: the line SYSLINUX would build. */
	boot_cmdline("plain", out, sizeof(out));
	assert_string_equal(
	    out, "BOOT_IMAGE=/vmlinuz initrd=/initrd.img,/extra.img");
	boot_cmdline("old", out, sizeof(out));
	assert_string_equal(out, "BOOT_IMAGE=/vmlinuz initrd=/a.img quiet");
}

static void test_strings(void **state)
{
	(void)state;
	for (int e = CFG_OK; e >= CFG_EQUOTE; e--)
		assert_string_not_equal(cfg_strerror(e), "unknown error");
	assert_string_equal(cfg_strerror(-99), "unknown error");
	for (int w = CFG_W_UNKNOWN; w <= CFG_W_NUL; w++)
		assert_string_not_equal(cfg_warning_str(w), "unknown warning");
	assert_string_equal(cfg_warning_str(0), "unknown warning");
	assert_string_equal(cfg_strerror(CFG_EBADLABEL),
			    "label has a bad or too long value");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_debian_syslinux_cfg),
	    cmocka_unit_test(test_extlinux_menu),
	    cmocka_unit_test(test_menu_default_selection),
	    cmocka_unit_test(test_every_directive),
	    cmocka_unit_test(test_keywords_case_and_whole_word),
	    cmocka_unit_test(test_global_vs_label_append),
	    cmocka_unit_test(test_unknown_directive_line),
	    cmocka_unit_test(test_crlf_and_lone_cr),
	    cmocka_unit_test(test_no_trailing_newline),
	    cmocka_unit_test(test_empty_file),
	    cmocka_unit_test(test_over_long_values),
	    cmocka_unit_test(test_label_limit),
	    cmocka_unit_test(test_resolve_label_and_extra),
	    cmocka_unit_test(test_resolve_kernel_path),
	    cmocka_unit_test(test_resolve_implicit_and_options),
	    cmocka_unit_test(test_misc_warnings),
	    cmocka_unit_test(test_serial_forms),
	    cmocka_unit_test(test_nul_byte_line),
	    cmocka_unit_test(test_include),
	    cmocka_unit_test(test_quoted_file_names),
	    cmocka_unit_test(test_quoted_unterminated),
	    cmocka_unit_test(test_quoted_typed_line),
	    cmocka_unit_test(test_quoted_too_long),
	    cmocka_unit_test(test_quoted_to_kernel_cmdline),
	    cmocka_unit_test(test_strings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
