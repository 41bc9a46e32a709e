// SPDX-License-Identifier: BSD-2-Clause
/* Helpers the test_config_*.c programs share (see cfg_test.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cmdline/config.h"
#include "cmdline/config_menu.h"
#include "tests/unit/support/cfg_test.h"

struct cfg cfg_parsed;
struct cfg_boot cfg_resolved;

/* What a user writes on a Debian USB stick. */
// clang-format off
const char cfg_test_debian[] =
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

struct cfg_menu_model cfg_test_model;
/* The same config parsed with the menu model's hooks; a scratch copy. */
static struct cfg with_model, scratch;

void cfg_test_assert_same_core(const struct cfg *core, const struct cfg *m)
{
	/* The model may warn about its own limits; nothing else differs. */
	scratch = *m;
	scratch.menu = core->menu;
	memcpy(scratch.warnings, core->warnings, sizeof(core->warnings));
	scratch.nwarnings = core->nwarnings;
	scratch.warnings_lost = core->warnings_lost;
	assert_memory_equal(&scratch, core, sizeof(*core));
}

int cfg_test_parse_both(struct cfg *c, const char *text, size_t len,
			const struct cfg_include_ops *inc)
{
	static struct cfg core;
	int err = cfg_parse_with(&core, text, len, inc);

	assert_int_equal(cfg_parse_menu(c, &cfg_test_model, text, len, inc),
			 err);
	assert_ptr_equal(c->menu, &cfg_test_model);
	cfg_test_assert_same_core(&core, c);
	return err;
}

void cfg_test_parse_len(const char *text, size_t len)
{
	char *copy = malloc(len ? len : 1);

	assert_non_null(copy);
	memcpy(copy, text, len);
	assert_int_equal(cfg_test_parse_both(&with_model, copy, len, NULL), 0);
	assert_int_equal(cfg_parse(&cfg_parsed, copy, len), 0);
	/* the core's warnings, and the model of the same labels */
	cfg_parsed.menu = &cfg_test_model;
	free(copy);
}

void cfg_test_parse(const char *text)
{
	cfg_test_parse_len(text, strlen(text));
}

const struct cfg_label *cfg_test_find(const char *name)
{
	for (unsigned i = 0; i < cfg_parsed.nlabels; i++)
		if (strcmp(cfg_parsed.labels[i].name, name) == 0)
			return &cfg_parsed.labels[i];
	return NULL;
}

const struct cfg_label *cfg_test_label(const char *name)
{
	const struct cfg_label *l = cfg_test_find(name);

	assert_non_null(l);
	return l;
}

void cfg_test_assert_warning(unsigned i, unsigned line, int code)
{
	assert_true(i < cfg_parsed.nwarnings);
	assert_int_equal(cfg_parsed.warnings[i].line, line);
	assert_int_equal(cfg_parsed.warnings[i].code, code);
}

void cfg_test_resolve_ok(const char *line)
{
	assert_int_equal(cfg_resolve(&cfg_parsed, line, &cfg_resolved), CFG_OK);
}

char *cfg_test_repeat(char ch, size_t n)
{
	char *s = malloc(n + 1);

	assert_non_null(s);
	memset(s, ch, n);
	s[n] = '\0';
	return s;
}