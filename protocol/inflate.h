// SPDX-License-Identifier: BSD-2-Clause
/* gzip (RFC 1952) around deflate (RFC 1951), decoded into a buffer the
 * caller gives: what mboot.c32 needs to load a gzip-compressed Multiboot
 * kernel such as Xen's xen.gz (SYSLINUX's mboot.c32 and GRUB decompress
 * every file they load). Small rather than fast: Huffman codes are decoded
 * a bit at a time from canonical code counts, as RFC 1951 defines them. */
#ifndef BZ_PROTOCOL_INFLATE_H
#define BZ_PROTOCOL_INFLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
	INFLATE_OK = 0,
	INFLATE_EFORMAT = -1, /* not gzip, or a header this decoder lacks */
	INFLATE_ETRUNC = -2,  /* the data ends before the last block */
	INFLATE_ESPACE = -3,  /* more output than the buffer holds */
	INFLATE_EDATA = -4,   /* an invalid block, code or distance */
	INFLATE_ECHECK = -5,  /* the CRC-32 or length in the trailer differs */
};

/* One canonical Huffman code: how many codes of each length, and the
 * symbols in code order. */
struct inflate_huff {
	uint16_t count[16];
	uint16_t symbol[288];
};

/* The decoder's tables, about 1.3 KiB: the caller provides them (a boot
 * loader's stack is small). */
struct inflate_work {
	struct inflate_huff lit, dist;
	uint8_t lens[288 + 32];
};

/* Whether data starts with the gzip magic and deflate's method byte. */
bool gzip_is(const uint8_t *in, size_t len);

/* The uncompressed size the trailer gives (mod 2^32); 0 if too short. */
uint32_t gzip_isize(const uint8_t *in, size_t len);

/* Decodes the gzip member in[0..len) into out (cap bytes); *outlen is
 * its size. Checks the trailer's CRC-32 and size. */
int gzip_inflate(struct inflate_work *w, const uint8_t *in, size_t len,
		 uint8_t *out, size_t cap, size_t *outlen);

/* "not a gzip file", "truncated"... for an INFLATE_E* code. */
const char *inflate_strerror(int err);

#endif
