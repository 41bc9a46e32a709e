// SPDX-License-Identifier: BSD-2-Clause
/* Text helpers the config parser and the kernel command line share:
 * character classes, numbers, and words in a span [p, end). Pure. */
#ifndef BZ_CMDLINE_TEXT_H
#define BZ_CMDLINE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Two ideas of a blank, because the two readers differ: SYSLINUX's
 * my_isspace() takes every control byte and DEL, the kernel's isspace()
 * only blank and \t \n \v \f \r. */
bool text_is_syslinux_space(char ch);
bool text_is_kernel_space(char ch);

/* ASCII only: no locale in a boot loader. */
char text_to_lower(char ch);

/* 0-9, a-f, A-F as 0..15; every other byte is 16 or more, so
 * `text_digit_value(ch) < base` tests a digit of any base up to 16. */
unsigned text_digit_value(char ch);

enum text_num {
	TEXT_NUM_OVERFLOW = -1, /* more than max (*out is then wrapped) */
	TEXT_NUM_NONE = 0,	/* no digit at *pp */
	TEXT_NUM_OK = 1,
};

/* An unsigned number the way strtoull() reads it: base 0 is C notation
 * ("0x" + a hex digit: hex, a leading 0: octal, else decimal); base 8,
 * 10 or 16 takes digits of that base only. No sign, no blanks skipped.
 * Reads every digit in [*pp, end) and leaves *pp after the last one,
 * even past max; *out is the value modulo 2^64 (so a caller reading 32
 * bits sees it modulo 2^32, as a 32-bit atoi would). Returns enum
 * text_num. */
int text_parse_uint(const char **pp, const char *end, unsigned base,
		    uint64_t max, uint64_t *out);

/* The length of [p, end) without its double quotes. */
size_t text_unquoted_len(const char *p, const char *end);

/* Words as SYSLINUX splits a config line: at text_is_syslinux_space(). */
const char *text_skip_space(const char *p, const char *end);
const char *text_word_end(const char *p, const char *end);
const char *text_trim_end(const char *p, const char *end);
/* Like text_word_end(), but a double quote, anywhere in the word, starts
 * or ends a stretch whose blanks belong to the word. NULL if a quote is
 * left open. */
const char *text_qword_end(const char *p, const char *end);

/* [p, end) is kw, ignoring case; kw is lower case. */
bool text_word_is(const char *p, const char *end, const char *kw);
/* The n bytes at p end with suffix (case-sensitive). */
bool text_ends_with(const char *p, size_t n, const char *suffix);

/* Copies [p, end) as a string; false (nothing written) if it does not
 * fit, so a value is never cut short. */
bool text_copy_span(char *dst, size_t size, const char *p, const char *end);
/* text_copy_span() leaving out the double quotes. */
bool text_copy_unquoted(char *dst, size_t size, const char *p, const char *end);

#endif
