// SPDX-License-Identifier: BSD-2-Clause
// What the bzboot commands share: exit codes, messages, the built-in images.
#ifndef BZ_TOOLS_BZBOOT_H
#define BZ_TOOLS_BZBOOT_H

#include <stdint.h>

enum bz_exit {
	BZ_EXIT_OK = 0,
	BZ_EXIT_FAIL = 1,  /* refused or failed; a message says why */
	BZ_EXIT_USAGE = 2, /* bad command line; usage on stderr */
};

/* "bzboot: <message>\n" on stderr. */
void bz_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* bz_error(), then the usage on stderr; returns BZ_EXIT_USAGE. */
int bz_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The images built into the tool by tools/embed.S. */
extern const uint8_t bz_stage1_start[], bz_stage1_end[];
extern const uint8_t bz_pbr_start[], bz_pbr_end[];
extern const uint8_t bz_stage2_start[], bz_stage2_end[];
/* The built-in stage2's identity, which its modules carry (bzmod.h). */
extern const uint32_t bz_stage2_ident;

#endif
