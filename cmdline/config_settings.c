// SPDX-License-Identifier: BSD-2-Clause
/* The global settings of a config: DEFAULT-like strings, TIMEOUT, the
 * on/off flags, SERIAL and IPAPPEND/SYSAPPEND, read the way ldlinux's
 * readconfig.c reads them (atoi and strtoul on 32-bit values). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cmdline/config.h"
#include "cmdline/config_internal.h"
#include "cmdline/text.h"

/* A 32-bit strtoul/atoi: on overflow the value wraps as ldlinux's would.
 * Returns enum text_num. */
static int read_u32(const char **pp, const char *end, unsigned base,
		    uint32_t *out)
{
	uint64_t v;
	int r = text_parse_uint(pp, end, base, UINT32_MAX, &v);

	*out = (uint32_t)v;
	return r;
}

/* A value that does not fit leaves the old one and warns. */
void cfg_do_string(struct cfg_parser *st, char *dst, size_t size,
		   const char *arg, const char *end)
{
	if (!text_copy_span(dst, size, arg, end))
		cfg_warn(st, CFG_W_TOO_LONG);
}

void cfg_do_timeout(struct cfg_parser *st, unsigned *dst, const char *arg,
		    const char *end)
{
	uint32_t v;

	/* Like atoi: the leading digits count, anything after is ignored. */
	if (read_u32(&arg, end, 10, &v) != TEXT_NUM_OK)
		cfg_warn(st, CFG_W_BAD_VALUE);
	else
		*dst = v;
}

void cfg_do_flag(struct cfg_parser *st, enum cfg_flag f, const char *arg,
		 const char *end)
{
	struct cfg *c = st->c;
	uint32_t v;
	bool on;

	if (arg < end && (*arg == '-' || *arg == '+'))
		arg++; /* atoi: "-1" is true as well */
	if (read_u32(&arg, end, 10, &v) == TEXT_NUM_NONE) {
		cfg_warn(st, CFG_W_BAD_VALUE);
		return;
	}
	on = v != 0;
	switch (f) {
	case CFG_F_PROMPT:
		c->prompt = on;
		break;
	case CFG_F_IMPLICIT:
		c->allow_implicit = on;
		break;
	case CFG_F_ALLOWOPTIONS:
		c->allow_options = on;
		break;
	case CFG_F_NOESCAPE:
		c->noescape = on;
		break;
	case CFG_F_NOCOMPLETE:
		c->nocomplete = on;
		break;
	case CFG_F_NOHALT:
		c->nohalt = on;
		break;
	case CFG_F_CONSOLE:
		c->console = on;
		break;
	case CFG_F_NATIVE:
		c->no_native = !on;
		break;
	}
}

static bool is_alnum(char ch)
{
	return text_digit_value(ch) < 16 ||
	       (text_to_lower(ch) >= 'a' && text_to_lower(ch) <= 'z');
}

/* SERIAL port [baudrate [flowcontrol]], read the way ldlinux does. */
void cfg_do_serial(struct cfg_parser *st, const char *p, const char *end)
{
	struct cfg *c = st->c;
	uint32_t port, baud = 9600, flow = 0;

	if (read_u32(&p, end, 0, &port) == TEXT_NUM_OVERFLOW || port > 0xFFFF)
		goto bad;
	while (p < end && is_alnum(*p))
		p++;
	p = text_skip_space(p, end);
	if (p < end && is_alnum(*p)) {
		if (read_u32(&p, end, 10, &baud) != TEXT_NUM_OK)
			goto bad;
		while (p < end && is_alnum(*p))
			p++;
		p = text_skip_space(p, end);
		if (p < end && is_alnum(*p) &&
		    (read_u32(&p, end, 0, &flow) == TEXT_NUM_OVERFLOW ||
		     flow > 0xFFFF))
			goto bad;
	}
	/* Below 75 baud SYSLINUX turns the serial console off; above
	 * 115200 the UART divisor would be 0. */
	if (baud < 75 || baud > 115200)
		goto bad;
	c->has_serial = true;
	c->serial_port = port;
	c->serial_baud = baud;
	c->serial_flow = (uint16_t)flow;
	return;
bad:
	c->has_serial = false;
	cfg_warn(st, CFG_W_BAD_VALUE);
}

void cfg_do_sysappend(struct cfg_parser *st, const char *p, const char *end)
{
	uint32_t v;

	if (read_u32(&p, end, 0, &v) != TEXT_NUM_OK) {
		cfg_warn(st, CFG_W_BAD_VALUE);
		return;
	}
	if (st->cur)
		st->cur->sysappend = v;
	else if (!st->skip)
		st->c->sysappend = v;
	else
		return;
	if (v)
		cfg_warn(st, CFG_W_SYSAPPEND);
}

uint16_t cfg_do_passwd(struct cfg_parser *st, const char *arg, const char *end)
{
	struct cfg *c = st->c;
	size_t len = (size_t)(end - arg);

	/* An empty or unstorable password still locks: never open. */
	if (!len || len >= sizeof(c->passwd_pool) - c->passwd_len) {
		cfg_warn(st, len ? CFG_W_TOO_LONG : CFG_W_BAD_VALUE);
		return CFG_PASSWD_LOST;
	}
	memcpy(c->passwd_pool + c->passwd_len, arg, len);
	c->passwd_pool[c->passwd_len + len] = '\0';
	c->passwd_len += (unsigned)len + 1;
	return (uint16_t)(c->passwd_len - len);
}

const char *cfg_passwd(const struct cfg *c, uint16_t ref)
{
	if (!ref)
		return NULL;
	if (ref == CFG_PASSWD_LOST || ref > c->passwd_len)
		return "$!$";
	return c->passwd_pool + ref - 1;
}
