// SPDX-License-Identifier: BSD-2-Clause
/* Key decoding: INT 16h scan codes and ANSI/VT100 escape sequences (the
 * xterm, VT220 and Linux-console forms) to enum key. */
#include "cmdline/keys.h"

/* Scan codes of the extended keys (AL = 0, or 0xE0 for the grey keys). */
static const struct {
	uint8_t scan;
	uint16_t key;
} bios_keys[] = {
    {0x48, KEY_UP},	{0x50, KEY_DOWN},    {0x4B, KEY_LEFT},
    {0x4D, KEY_RIGHT},	{0x47, KEY_HOME},    {0x4F, KEY_END},
    {0x49, KEY_PGUP},	{0x51, KEY_PGDN},    {0x52, KEY_INSERT},
    {0x53, KEY_DELETE}, {0x85, KEY_F1 + 10}, {0x86, KEY_F12},
};

int keys_from_bios(uint16_t ax)
{
	uint8_t al = ax & 0xFF, ah = ax >> 8;
	unsigned i;

	if (al && !(al == 0xE0 && ah))
		return al == 0x7F ? KEY_BACKSPACE : al;
	if (ah >= 0x3B && ah <= 0x44) /* F1-F10 */
		return KEY_F1 + (ah - 0x3B);
	for (i = 0; i < sizeof(bios_keys) / sizeof(bios_keys[0]); i++)
		if (bios_keys[i].scan == ah)
			return bios_keys[i].key;
	return KEY_NONE;
}

enum {
	ST_IDLE,
	ST_ESC,	    /* ESC */
	ST_CSI,	    /* ESC [ and digits or ';' */
	ST_SS3,	    /* ESC O */
	ST_LINUX_F, /* ESC [ [ (the Linux console's F1-F5) */
	ST_SKIP,    /* too long: parameters swallowed up to the final byte */
	ST_CTRL_F,  /* Ctrl-F: a digit or A-C next is an F-key */
};

/* Longer than any sequence named here: the rest is garbage. */
#define SEQ_MAX 12

void keys_ansi_init(struct keys_ansi *k)
{
	k->state = ST_IDLE;
	k->len = 0;
	k->param = 0;
}

/* The final letter of ESC [ x and ESC O x. */
static int letter_key(uint8_t c)
{
	switch (c) {
	case 'A':
		return KEY_UP;
	case 'B':
		return KEY_DOWN;
	case 'C':
		return KEY_RIGHT;
	case 'D':
		return KEY_LEFT;
	case 'H':
		return KEY_HOME;
	case 'F':
		return KEY_END;
	case 'P': /* ESC O P..S: VT100 PF1-PF4, xterm's F1-F4 */
	case 'Q':
	case 'R':
	case 'S':
		return KEY_F1 + (c - 'P');
	}
	return KEY_NONE;
}

/* ESC [ n ~ (VT220): n names the key. */
static int tilde_key(unsigned n)
{
	static const uint16_t fkeys[] = {
	    /* 11-24, with the gaps at 16 and 22 */
	    KEY_F1,	KEY_F1 + 1, KEY_F1 + 2,	 KEY_F1 + 3, KEY_F1 + 4,
	    KEY_NONE,	KEY_F1 + 5, KEY_F1 + 6,	 KEY_F1 + 7, KEY_F1 + 8,
	    KEY_F1 + 9, KEY_NONE,   KEY_F1 + 10, KEY_F12,
	};

	switch (n) {
	case 1:
	case 7:
		return KEY_HOME;
	case 2:
		return KEY_INSERT;
	case 3:
		return KEY_DELETE;
	case 4:
	case 8:
		return KEY_END;
	case 5:
		return KEY_PGUP;
	case 6:
		return KEY_PGDN;
	}
	return n >= 11 && n <= 24 ? fkeys[n - 11] : KEY_NONE;
}

static int done(struct keys_ansi *k, int key)
{
	keys_ansi_init(k);
	return key;
}

/* Ctrl-F 1-9 is F1-F9, 0 or A F10, B F11, C F12 (SYSLINUX's
 * doc/syslinux.txt, for terminals without function keys); 0 otherwise. */
static int ctrl_f_key(uint8_t c)
{
	if (c >= '1' && c <= '9')
		return KEY_F1 + (c - '1');
	if (c == '0')
		return KEY_F1 + 9;
	c |= 0x20; /* letters: either case */
	return c >= 'a' && c <= 'c' ? KEY_F1 + 9 + (c - 'a') : 0;
}

int keys_ansi_feed(struct keys_ansi *k, uint8_t c)
{
	int key;

	/* After Ctrl-F (which was passed on as itself: the prompt's Right)
	 * anything but an F-key's digit or letter is a key of its own. */
	if (k->state == ST_CTRL_F) {
		keys_ansi_init(k);
		key = ctrl_f_key(c);
		if (key)
			return key;
	}
	if (k->state != ST_IDLE && k->state != ST_SKIP && ++k->len > SEQ_MAX)
		k->state = ST_SKIP;
	switch (k->state) {
	case ST_SKIP:
		return (c >= '0' && c <= '9') || c == ';' ? KEY_NONE
							  : done(k, KEY_NONE);
	case ST_IDLE:
		if (c == 0x1B) {
			k->state = ST_ESC;
			k->len = 1;
			return KEY_NONE;
		}
		if (c == 0x7F)
			return KEY_BACKSPACE;
		if (c == KEY_CTRL('f'))
			k->state = ST_CTRL_F;
		return c == '\n' ? KEY_ENTER : c;
	case ST_ESC:
		if (c == '[')
			k->state = ST_CSI;
		else if (c == 'O')
			k->state = ST_SS3;
		else if (c == 0x1B) /* Esc, and a new sequence starts */
			return k->len = 1, KEY_ESC;
		else /* Alt-key or a key typed fast after Esc: dropped */
			return done(k, KEY_NONE);
		return KEY_NONE;
	case ST_SS3:
		return done(k, letter_key(c));
	case ST_LINUX_F:
		return done(k, c >= 'A' && c <= 'E' ? KEY_F1 + (c - 'A')
						    : KEY_NONE);
	}
	/* ST_CSI: the first parameter counts; modifiers (";5") are not. */
	if (c == '[' && k->len == 3) {
		k->state = ST_LINUX_F;
		return KEY_NONE;
	}
	if (c >= '0' && c <= '9') {
		if (k->param < 1000) /* not past ';', not overflowing */
			k->param = k->param * 10 + (c - '0');
		return KEY_NONE;
	}
	if (c == ';') {
		k->param |= 0x8000; /* later digits belong to a modifier */
		return KEY_NONE;
	}
	if (c == '~')
		return done(k, tilde_key(k->param & 0x7FFF));
	return done(k, c >= 0x40 && c <= 0x7E ? letter_key(c) : KEY_NONE);
}

bool keys_ansi_pending(const struct keys_ansi *k)
{
	/* Ctrl-F waits for a key typed by hand: no timeout */
	return k->state != ST_IDLE && k->state != ST_CTRL_F;
}

int keys_ansi_timeout(struct keys_ansi *k)
{
	if (!keys_ansi_pending(k)) /* Ctrl-F's wait is not cut short */
		return KEY_NONE;
	return done(k, k->state == ST_ESC ? KEY_ESC : KEY_NONE);
}
