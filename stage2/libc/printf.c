// SPDX-License-Identifier: BSD-2-Clause
/* vsnprintf with the C standard's return value (the length it would have
 * written) for the conversions stdio.h lists. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_padded(struct out *o, const char *s, size_t n, int width,
		       bool left, char pad)
{
	int fill = width > (int)n ? width - (int)n : 0;

	if (!left)
		while (fill-- > 0)
			put(o, pad);
	while (n--)
		put(o, *s++);
	if (left)
		while (fill-- > 0)
			put(o, ' ');
}

/* v /= base, returning the remainder: two 64/32-bit divl steps, so no
 * libgcc helper is needed (stage2 links none). */
static unsigned divmod(unsigned long long *v, unsigned base)
{
	uint32_t hi = *v >> 32, lo = (uint32_t)*v, qhi, qlo, rem;

	qhi = hi / base;
	rem = hi % base;
	asm("divl %4" : "=a"(qlo), "=d"(rem) : "a"(lo), "d"(rem), "rm"(base));
	*v = (unsigned long long)qhi << 32 | qlo;
	return rem;
}

/* Digits of v in base, least significant first. */
static size_t utoa(char *tmp, unsigned long long v, unsigned base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	size_t n = 0;

	do
		tmp[n++] = digits[divmod(&v, base)];
	while (v);
	return n;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = {buf, size, 0};

	for (; *fmt; fmt++) {
		bool left = false, neg = false;
		char pad = ' ', tmp[24], num[24];
		int width = 0, prec = -1, lng = 0;
		unsigned long long v;
		size_t n;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		for (fmt++; *fmt == '-' || *fmt == '0'; fmt++)
			*fmt == '-' ? (left = true) : (pad = '0');
		if (*fmt == '*') {
			/* A negative width is a '-' flag (C11 7.21.6.1). */
			width = va_arg(ap, int);
			if (width < 0) {
				left = true;
				width = -width;
			}
			fmt++;
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		if (*fmt == '.') {
			prec = 0;
			if (*++fmt == '*') {
				prec = va_arg(ap, int);
				fmt++;
			}
			for (; *fmt >= '0' && *fmt <= '9'; fmt++)
				prec = prec * 10 + (*fmt - '0');
		}
		for (; *fmt == 'l'; fmt++)
			lng++;
		if (*fmt == 'z')
			fmt++;

		switch (*fmt) {
		case 'c':
			tmp[0] = (char)va_arg(ap, int);
			put_padded(&o, tmp, 1, width, left, ' ');
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);

			if (!s)
				s = "(null)";
			n = prec >= 0 ? strnlen(s, prec) : strlen(s);
			put_padded(&o, s, n, width, left, ' ');
			break;
		}
		case 'd':
		case 'i': {
			long long sv = lng >= 2 ? va_arg(ap, long long)
				       : lng	? va_arg(ap, long)
						: va_arg(ap, int);

			neg = sv < 0;
			v = neg ? -(unsigned long long)sv
				: (unsigned long long)sv;
			goto number;
		}
		case 'p':
			v = (uintptr_t)va_arg(ap, void *);
			put(&o, '0');
			put(&o, 'x');
			goto hex;
		case 'u':
		case 'x':
		case 'X':
			v = lng >= 2 ? va_arg(ap, unsigned long long)
			    : lng    ? va_arg(ap, unsigned long)
				     : va_arg(ap, unsigned int);
		number:
		hex:
			n = utoa(num, v,
				 *fmt == 'd' || *fmt == 'i' || *fmt == 'u' ? 10
									   : 16,
				 *fmt == 'X');
			{
				size_t k = 0;

				if (neg)
					tmp[k++] = '-';
				while (n)
					tmp[k++] = num[--n];
				if (neg && pad == '0' && !left) {
					put(&o, '-');
					put_padded(&o, tmp + 1, k - 1,
						   width - 1, left, pad);
				} else {
					put_padded(&o, tmp, k, width, left,
						   left ? ' ' : pad);
				}
			}
			break;
		case '%':
			put(&o, '%');
			break;
		default:
			put(&o, '%');
			if (*fmt)
				put(&o, *fmt);
			else
				fmt--;
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
