// SPDX-License-Identifier: BSD-2-Clause
/* libFuzzer target for cmdline/: the input is a syslinux.cfg (INCLUDE
 * reads parts of it again) and, byte by byte, the keys typed at boot:.
 * Parse, resolve the lines stage2 would boot, build their kernel command
 * lines and read vga=/mem=/initrd= back; drive the line editor and check
 * that what it echoes always matches its buffer. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline/config.h"
#include "cmdline/config_menu.h"
#include "cmdline/kcmdline.h"
#include "cmdline/prompt.h"

#define INCLUDE_LOADS_MAX 8
#define LINE_MAX	  4096

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_config: %s\n", what);
	abort();
}

static void check_str(const char *s, size_t size)
{
	if (strnlen(s, size) == size)
		fail("string not NUL-terminated in its array");
}

#define CHECK_STR(a) check_str((a), sizeof(a))

/* --- INCLUDE: any name but "missing*" reads the input from an offset
 * picked by the name, into an exact-size copy ---------------------------- */

struct includes {
	const uint8_t *data;
	size_t size;
	unsigned loads, live;
};

static int inc_load(void *ctx, const char *path, const char **text, size_t *len)
{
	struct includes *in = ctx;
	size_t off = 0;
	char *copy;

	check_str(path, CFG_PATH_MAX);
	if (strncmp(path, "missing", 7) == 0 || in->loads >= INCLUDE_LOADS_MAX)
		return -1;
	for (const char *p = path; *p; p++)
		off = off * 31 + (unsigned char)*p;
	off %= in->size + 1;
	*len = in->size - off;
	copy = malloc(*len + 1);
	if (!copy)
		fail("out of memory");
	memcpy(copy, in->data + off, *len);
	*text = copy;
	in->loads++;
	in->live++;
	return 0;
}

static void inc_release(void *ctx, const char *text, size_t len)
{
	struct includes *in = ctx;

	(void)len;
	if (in->live == 0)
		fail("INCLUDE text released twice");
	in->live--;
	free((void *)text);
}

/* --- the parsed config --------------------------------------------------- */

/* Typing a label's name finds the first label of that name, or says
 * that one is bad. */
static void find_label(const struct cfg *c, const struct cfg_label *l)
{
	static struct cfg_boot b;
	const struct cfg_label *first = c->labels;
	int err = cfg_resolve_config(c, l->name, &b);

	while (strcmp(first->name, l->name))
		first++;
	if (err == CFG_EBADLABEL ? !first->bad : err || b.label != first)
		fail("a label's name does not resolve to its first label");
}

/* SAY/DISPLAY records stay in the pool; the F-key names are strings. */
static void check_messages(const struct cfg *c)
{
	unsigned pos = 0, last = 0, i;
	const char *t;
	bool disp;

	if (c->messages_len > sizeof(c->messages))
		fail("messages past their pool");
	while ((t = cfg_message_next(c, &pos, &disp))) {
		if (pos <= last || pos > c->messages_len ||
		    t + strlen(t) >= c->messages + c->messages_len)
			fail("a message runs past the pool");
		last = pos;
	}
	for (i = 0; i < CFG_FKEYS; i++)
		CHECK_STR(c->fkey[i]);
}

static void check_cfg(const struct cfg *c)
{
	const struct cfg_label *l;
	unsigned i;

	if (c->nlabels > CFG_MAX_LABELS || c->nwarnings > CFG_MAX_WARNINGS)
		fail("counts past their arrays");
	CHECK_STR(c->default_label);
	CHECK_STR(c->global_append);
	CHECK_STR(c->ontimeout);
	CHECK_STR(c->onerror);
	CHECK_STR(c->ui);
	check_messages(c);
	for (i = 0; i < c->nwarnings; i++)
		if (c->warnings[i].code < CFG_W_UNKNOWN ||
		    c->warnings[i].code > CFG_W_NUL ||
		    !cfg_warning_str(c->warnings[i].code))
			fail("warning code out of range");
	for (i = 0; i < c->nlabels; i++) {
		l = &c->labels[i];
		CHECK_STR(l->name);
		CHECK_STR(l->kernel);
		CHECK_STR(l->kernel_args);
		CHECK_STR(l->initrd);
		CHECK_STR(l->append);
		if (!l->name[0] || l->type > CFG_KT_LOCALBOOT)
			fail("label without a name or with a bad type");
		find_label(c, l);
	}
}

/* --- the menu model: every index and string inside its arrays --------- */

static void check_str16(const struct cfg *c, uint16_t s)
{
	const struct cfg_menu_model *mm = c->menu;

	if (s && (s >= mm->pool_used ||
		  !memchr(mm->pool + s, '\0', mm->pool_used - s)))
		fail("menu string outside the pool");
}

static void check_entry(const struct cfg *c, unsigned i)
{
	const struct cfg_menu_model *mm = c->menu;
	const struct cfg_menu_entry *e = &mm->entries[i];
	char buf[80];

	check_str16(c, e->display);
	check_str16(c, e->passwd);
	check_str16(c, e->help);
	check_str16(c, e->target);
	if (e->menu >= mm->nmenus || e->action > CFG_MA_SEPARATOR)
		fail("entry in no menu or with a bad action");
	if ((e->action == CFG_MA_SUBMENU || e->action == CFG_MA_GOTO ||
	     e->action == CFG_MA_EXIT) &&
	    e->submenu >= mm->nmenus)
		fail("entry opens no menu");
	if (e->action == CFG_MA_BOOT && e->label >= c->nlabels)
		fail("boot entry without its label");
	if (e->action == CFG_MA_BOOT && mm->label_entry[e->label] != i)
		fail("label and entry disagree");
	for (unsigned j = 0; j < i; j++)
		if (e->hotkey && mm->entries[j].hotkey &&
		    mm->entries[j].menu == e->menu &&
		    (mm->entries[j].hotkey | 0x20) == (e->hotkey | 0x20))
			fail("two entries of a menu share a hotkey");
	cfg_menu_display(c, e, buf, sizeof(buf));
	CHECK_STR(buf);
}

static void check_menu(const struct cfg *c)
{
	const struct cfg_menu_model *mm = c->menu;
	unsigned m, e;

	if (mm->nmenus < 1 || mm->nmenus > CFG_MAX_MENUS ||
	    mm->nentries > CFG_MAX_ENTRIES || mm->pool_used > CFG_POOL_SIZE ||
	    mm->nhiddenkeys > CFG_MAX_HIDDENKEYS)
		fail("menu counts past their arrays");
	for (m = 0; m < mm->nmenus; m++) {
		const struct cfg_menu *me = &mm->menus[m];

		check_str16(c, me->tag);
		check_str16(c, me->title);
		check_str16(c, me->master_passwd);
		for (unsigned i = 0; i < CFG_MSG_COUNT; i++)
			if (!cfg_menu_msg(c, m, i))
				fail("no message");
		for (unsigned i = 0; i < CFG_MC_COUNT; i++)
			if (!cfg_menu_color(c, m, i))
				fail("no colour");
		/* Parents come first, so the tree has no cycle. */
		if (m && (me->parent >= m || me->parent_entry >= mm->nentries ||
			  mm->entries[me->parent_entry].submenu != m))
			fail("submenu not hung under its parent");
		if (me->defentry != CFG_ENTRY_NONE &&
		    me->defentry >= mm->nentries)
			fail("default entry out of range");
	}
	for (e = 0; e < mm->nentries; e++)
		check_entry(c, e);
	for (e = 0; e < c->nlabels; e++)
		if (mm->label_entry[e] != CFG_ENTRY_NONE &&
		    mm->label_entry[e] >= mm->nentries)
			fail("label's entry out of range");
	if (cfg_menu_start(c, &m, &e) &&
	    (m >= mm->nmenus || (e != CFG_ENTRY_NONE && e >= mm->nentries)))
		fail("menu starts outside the model");
	if (mm->active != cfg_wants_menu(c))
		fail("the model and the core disagree on whether a menu runs");
	/* A model always has a start (a file menu.c32 was given is shown
	 * without driving a menu itself): the first check above bounds it. */
	if (!cfg_menu_start(c, &m, &e))
		fail("a model without a start");
	CHECK_STR(mm->config);
}

/* The core's part of the config is the same with the menu model's hooks
 * as without: the model never changes what boots or what a password
 * guards. Its warnings may differ (its own limits). */
static void check_same_core(const struct cfg *core, const struct cfg *m)
{
	static struct cfg x;

	x = *m;
	x.menu = core->menu;
	memcpy(x.warnings, core->warnings, sizeof(x.warnings));
	x.nwarnings = core->nwarnings;
	x.warnings_lost = core->warnings_lost;
	if (memcmp(&x, core, sizeof(x)))
		fail("the menu model changed the core's config");
}

/* --- resolving and the kernel command line ------------------------------- */

static char cmdline[LINE_MAX];
static char val[LINE_MAX];

static void check_kcmd(const char *line)
{
	const char *cur;
	uint16_t mode;
	uint64_t bytes;
	int n;

	n = kcmd_get_option(line, "vga", val, sizeof(val));
	if (n >= 0 && (size_t)n != strlen(val))
		fail("kcmd_get_option length is not the value's");
	if (n >= 0)
		kcmd_parse_vga(val, &mode);
	n = kcmd_get_option(line, "mem", val, 8);
	if (n >= 0) {
		n = kcmd_parse_mem(val, &bytes);
		if (n == 0 && bytes == 0)
			fail("mem= parsed to 0");
	}
	n = kcmd_get_option_first(line, "initrd", val, sizeof(val));
	cur = val;
	while (n >= 0 || n == KCMD_ETOOLONG) {
		char item[16];
		const char *before = cur;

		n = kcmd_list_next(&cur, item, sizeof(item));
		if (n >= 0 && ((size_t)n != strlen(item) || !n))
			fail("kcmd_list_next gave a bad item");
		if (n != KCMD_ENOTFOUND && cur == before)
			fail("kcmd_list_next does not advance");
	}
}

static void build(const struct cfg_boot *b)
{
	static const size_t limits[] = {255, 2047, 64, 0};
	struct kcmd_parts parts = {
	    .image = b->kernel,
	    .kernel_args = b->kernel_args,
	    .append = b->append,
	    .initrd = b->initrd,
	    .extra = b->extra,
	};
	size_t i;
	int n;

	for (i = 0; i < sizeof(limits) / sizeof(limits[0]); i++) {
		n = kcmd_build_parts(cmdline, sizeof(cmdline), limits[i],
				     &parts);
		if (n < 0 && (n != KCMD_ETOOLONG || cmdline[0]))
			fail("kcmd_build_parts failed but left text");
		if (n >= 0 &&
		    ((size_t)n != strlen(cmdline) || (size_t)n > limits[i]))
			fail("kcmd_build_parts length wrong or over max");
		if (n > 0 && (cmdline[0] == ' ' || cmdline[n - 1] == ' '))
			fail("kcmd_build_parts left outer blanks");
		if (n >= 0)
			check_kcmd(cmdline);
	}
}

static void resolve(const struct cfg *c, const char *line, bool typed)
{
	static struct cfg_boot b;
	int err;

	err =
	    typed ? cfg_resolve(c, line, &b) : cfg_resolve_config(c, line, &b);
	if (!cfg_strerror(err))
		fail("no message for an error");
	if (err)
		return;
	CHECK_STR(b.kernel);
	CHECK_STR(b.kernel_args);
	CHECK_STR(b.initrd);
	CHECK_STR(b.append);
	CHECK_STR(b.extra);
	if (b.type == CFG_KT_KERNEL || b.type > CFG_KT_LOCALBOOT)
		fail("resolved type not resolved");
	if (b.label &&
	    (b.label < c->labels || b.label >= c->labels + c->nlabels))
		fail("resolved label not in the config");
	if (!b.kernel[0])
		fail("resolved to no kernel");
	build(&b);
}

/* --- the line editor ----------------------------------------------------- */

/* Applies an echo to a model of the screen line: characters overwrite at
 * the cursor, '\b' moves it left. */
static void screen_apply(char *screen, size_t *len, size_t *cur,
			 const char *echo)
{
	for (; *echo; echo++) {
		if (*echo == '\b') {
			if (*cur == 0)
				fail("echo moves before the line start");
			(*cur)--;
		} else if (*echo >= 0x20 && *echo <= 0x7E) {
			if (*cur >= 2 * PROMPT_LINE_MAX)
				fail("echo shows more than a line holds");
			screen[(*cur)++] = *echo;
			if (*cur > *len)
				*len = *cur;
		} else if (strcmp(echo, "\r\n")) {
			fail("echo holds a byte that is no edit");
		} else {
			return;
		}
	}
}

/* The screen shows the line, blanks after it, the cursor in place. */
static bool screen_matches(const char *screen, size_t slen, size_t cur,
			   const struct prompt_line *l)
{
	size_t i;

	if (slen < l->len || cur != l->pos || memcmp(screen, l->buf, l->len))
		return false;
	for (i = l->len; i < slen; i++)
		if (screen[i] != ' ')
			return false;
	return true;
}

static void type_keys(const struct cfg *c, const uint8_t *data, size_t size)
{
	/* -1: echo NULL. The small sizes make edits not fit. */
	static const int sizes[] = {PROMPT_ECHO_MAX, 4, 2, 1, 0, 3, -1, 7};
	static struct prompt_line l;
	static char screen[2 * PROMPT_LINE_MAX];
	static char *echo_mem;
	size_t slen = 0, cur = 0, i;
	char *echo;
	int sz, r;

	if (!echo_mem && !(echo_mem = malloc(PROMPT_ECHO_MAX)))
		fail("out of memory");
	prompt_init(&l);
	for (i = 0; i < size; i++) {
		sz = sizes[i % (sizeof(sizes) / sizeof(sizes[0]))];
		/* The echo buffer ends where the allocation ends. */
		echo = sz < 0 ? NULL : echo_mem + PROMPT_ECHO_MAX - sz;
		r = prompt_feed(&l, data[i], echo, sz < 0 ? 0 : (size_t)sz);
		if (l.len >= PROMPT_LINE_MAX || strlen(l.buf) != l.len ||
		    l.pos > l.len)
			fail("line length, cursor and buffer disagree");
		if (echo && sz > 0) {
			check_str(echo, (size_t)sz);
			screen_apply(screen, &slen, &cur, echo);
		} else {
			memcpy(screen, l.buf, l.len);
			slen = l.len;
			cur = l.pos;
		}
		if (r == PROMPT_DONE) {
			resolve(c, l.buf, true);
			prompt_start(&l);
			slen = cur = 0;
		} else if (r == PROMPT_CANCEL) {
			if (l.len)
				fail("ESC left text in the line");
			slen = cur = 0;
		} else if (r != PROMPT_MORE) {
			fail("prompt_feed result out of range");
		} else if (!screen_matches(screen, slen, cur, &l)) {
			fail("screen and line buffer disagree");
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cfg c, cm; /* ~200 KiB each: not on the stack */
	static struct cfg_menu_model model;
	static char line[LINE_MAX];
	struct includes in = {data, size, 0, 0};
	struct cfg_include_ops ops = {inc_load, inc_release, &in, NULL};
	size_t n;
	unsigned i;

	if (cfg_parse_with(&c, (const char *)data, size, &ops) != CFG_OK)
		fail("cfg_parse_with failed on text");
	if (in.live)
		fail("INCLUDE text not released");
	check_cfg(&c);
	in.loads = 0;
	if (cfg_parse_menu(&cm, &model, (const char *)data, size, &ops) !=
		CFG_OK ||
	    cm.menu != &model)
		fail("cfg_parse_menu failed on text");
	if (in.live)
		fail("INCLUDE text not released");
	check_menu(&cm);
	check_same_core(&c, &cm);

	resolve(&c, cfg_default_line(&c), false);
	resolve(&c, c.ontimeout, false);
	resolve(&c, c.onerror, false);
	for (i = 0; i < c.nlabels; i++) {
		resolve(&c, c.labels[i].name, true);
		snprintf(line, sizeof(line), "  %s  vga=ask mem=1G initrd=x,y ",
			 c.labels[i].name);
		resolve(&c, line, true);
	}
	/* The first line of the input, typed. */
	for (n = 0; n < size && n < sizeof(line) - 1 && data[n] != '\n' &&
		    data[n] != '\0';
	     n++)
		line[n] = (char)data[n];
	line[n] = '\0';
	resolve(&c, line, true);

	type_keys(&c, data, size);
	return 0;
}
