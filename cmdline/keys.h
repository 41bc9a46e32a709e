// SPDX-License-Identifier: BSD-2-Clause
/* One key model for the prompt and the menu: what INT 16h returns and
 * what a serial terminal sends (ANSI/VT100 escape sequences) both become
 * the same key codes. Pure: stage2 reads the bytes, this names them. */
#ifndef BZ_CMDLINE_KEYS_H
#define BZ_CMDLINE_KEYS_H

#include <stdbool.h>
#include <stdint.h>

/* 0x01-0x7F are ASCII as typed: printable characters, Ctrl-A..Ctrl-Z
 * (0x01-0x1A), and the named ones below; extended keys start at 0x100. */
enum key {
	KEY_NONE = 0, /* nothing (yet): a sequence is incomplete */
	KEY_CTRL_A = 0x01,
	KEY_CTRL_E = 0x05,
	KEY_BACKSPACE = 0x08, /* Ctrl-H; serial DEL (0x7F) decodes to it */
	KEY_TAB = 0x09,
	KEY_ENTER = 0x0D, /* '\n' decodes to it too */
	KEY_CTRL_U = 0x15,
	KEY_CTRL_W = 0x17,
	KEY_ESC = 0x1B,
	KEY_UP = 0x100,
	KEY_DOWN,
	KEY_LEFT,
	KEY_RIGHT,
	KEY_HOME,
	KEY_END,
	KEY_PGUP,
	KEY_PGDN,
	KEY_INSERT,
	KEY_DELETE,
	KEY_F1, /* KEY_F1 + n - 1 is Fn, up to KEY_F12 */
	KEY_F12 = KEY_F1 + 11,
};

#define KEY_CTRL(letter) ((letter)&0x1F)

/* An INT 16h AH=00h result (AH scan code, AL character) as a key:
 * AL = 0 or 0xE0 is an extended key named by its scan code; KEY_NONE for
 * one that has no name here. */
int keys_from_bios(uint16_t ax);

/* The serial decoder: bytes in, keys out, sequences split across reads
 * as they come. Zero-initialised (or keys_ansi_init) before use. */
struct keys_ansi {
	uint8_t state;
	uint8_t len;	/* bytes of the sequence so far (garbage guard) */
	uint16_t param; /* the first numeric parameter of ESC [ n ~ */
};

void keys_ansi_init(struct keys_ansi *k);
/* Feeds one byte; returns the key it completes, or KEY_NONE while a
 * sequence is incomplete or after one that names no key (dropped
 * whole, so no stray '[' reaches the line). Ctrl-F is returned as
 * itself; a digit right after it is that F-key (0 = F10), A-C are
 * F10-F12 (SYSLINUX's convention for terminals without F-keys). */
int keys_ansi_feed(struct keys_ansi *k, uint8_t byte);
/* A sequence has started and waits for more bytes. */
bool keys_ansi_pending(const struct keys_ansi *k);
/* No byte came for a while (the caller's short timeout): a lone ESC is
 * the Esc key; the start of a longer sequence is dropped. (Ctrl-F's
 * wait for a digit is not pending: it has no timeout.) */
int keys_ansi_timeout(struct keys_ansi *k);

#endif
