// SPDX-License-Identifier: BSD-2-Clause
/* Helpers the test_config_*.c programs share: parse a config into
 * cfg_parsed, look at its labels and warnings, resolve a line into
 * cfg_resolved. They fail the running cmocka test on a mismatch. */
#ifndef BZ_TESTS_SUPPORT_CFG_TEST_H
#define BZ_TESTS_SUPPORT_CFG_TEST_H

#include <stddef.h>

#include "cmdline/config.h"

/* ~200 KiB: not on the stack. */
extern struct cfg cfg_parsed;
extern struct cfg_boot cfg_resolved;

/* What a user writes on a Debian USB stick: five labels, SERIAL, PROMPT,
 * TIMEOUT, a global APPEND (the line numbers are in its source). */
extern const char cfg_test_debian[];

/* The model cfg_test_parse_both builds (~40 KiB: not on the stack). */
extern struct cfg_menu_model cfg_test_model;

/* Parses text into c with the menu model (cfg_parse_menu into
 * cfg_test_model) and without it, and fails the test unless the core's
 * part (labels, settings, passwords, all but c->menu and the warnings)
 * is byte for byte the same both ways; the model must never change
 * what the core boots or guards. Returns the parse's result. */
int cfg_test_parse_both(struct cfg *c, const char *text, size_t len,
			const struct cfg_include_ops *inc);
void cfg_test_assert_same_core(const struct cfg *core, const struct cfg *m);

/* Parses text into cfg_parsed (the core alone, its warnings; then
 * cfg_parsed.menu is the model cfg_test_parse_both built of the same
 * text) from a heap copy of exactly len bytes with
 * no NUL after it, so ASan catches any read past len. */
void cfg_test_parse_len(const char *text, size_t len);
void cfg_test_parse(const char *text);

/* The first label of that name in cfg_parsed, as the loader looks it up;
 * NULL if none. cfg_test_label() fails the test instead. */
const struct cfg_label *cfg_test_find(const char *name);
const struct cfg_label *cfg_test_label(const char *name);

/* cfg_parsed's warning i is code on that line. */
void cfg_test_assert_warning(unsigned i, unsigned line, int code);

/* cfg_resolve() of line succeeds, into cfg_resolved. */
void cfg_test_resolve_ok(const char *line);

/* A malloc'ed string of n times ch; the caller frees it. */
char *cfg_test_repeat(char ch, size_t n);

#endif
