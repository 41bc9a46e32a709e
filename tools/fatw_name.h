// SPDX-License-Identifier: BSD-2-Clause
// Names for the FAT writer: 8.3 short names with their ~N tail, long-name
// entries, and matching a name against a directory entry.
#ifndef BZ_TOOLS_FATW_NAME_H
#define BZ_TOOLS_FATW_NAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* 0 if s[0..n) is a name the writer writes (printable ASCII, none of
 * "*\/:<>?\\|, not "." or "..", no trailing dot or space), else -1. */
int fatw_name_check(const char *s, size_t n);

/* The 8.3 name for s, unique among the nnames in names (the basis name,
 * with NAME~N when it lost characters or is taken). True if s needs
 * long-name entries too (it is not exactly that 8.3 name). */
bool fatw_short_name(const char *s, size_t n, const uint8_t (*names)[11],
		     size_t nnames, uint8_t out[11]);

/* Long-name entries a name of n characters needs. */
unsigned fatw_lfn_count(size_t n);

/* Entry `ord` (from 1) of s's long name; last marks the one with the end
 * of the name, which is stored first. sum: fat_short_checksum(). */
void fatw_lfn_entry(uint8_t *slot, const char *s, size_t n, unsigned ord,
		    bool last, uint8_t sum);

/* Whether s names the entry: its long name (lfn, lfn_len UTF-16 units,
 * NULL if it has none) or its 8.3 name, ASCII letters folded. */
bool fatw_name_match(const uint16_t *lfn, size_t lfn_len, const uint8_t raw[11],
		     const char *s, size_t n);

#endif
