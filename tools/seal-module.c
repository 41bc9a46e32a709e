// SPDX-License-Identifier: BSD-2-Clause
// seal-module STAGE2.raw START END MODULE.raw OUT.bzm: pad the module's raw
// image to whole words, store its size, the identity of the stage2 it was
// linked against (protocol/bzmod.h: bzmod_ident over bytes START..END of
// STAGE2.raw, the objcopy image that starts at stage2's link address; the
// Makefile takes START and END from stage2.elf's _ident_start/_ident_end)
// and its checksum, then check the result as stage2 will.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/bzmod.h"
#include "tools/file.h"

#define PROG	"seal-module"
#define RAW_MAX (1u << 20)

static int read_raw(const char *path, uint8_t **buf, size_t *len)
{
	int err = file_read(path, RAW_MAX, 4, buf, len);

	if (err)
		fprintf(stderr, PROG ": cannot read %s: %s\n", path,
			err == -EFBIG ? "larger than 1 MiB" : strerror(-err));
	return err;
}

static int parse_off(const char *s, unsigned long *v)
{
	char *end;

	*v = strtoul(s, &end, 0);
	if (!*s || *end) {
		fprintf(stderr, PROG ": %s: not a number\n", s);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	uint8_t *s2, *mod;
	size_t s2len, modlen;
	unsigned long start, end;
	uint32_t ident;
	int err;

	if (argc != 6 && argc != 4) {
		fprintf(stderr,
			"usage: " PROG
			" STAGE2.raw START END MODULE.raw OUT.bzm\n"
			"       " PROG " STAGE2.raw START END   (print the "
			"identity: the installer embeds it)\n");
		return 2;
	}
	if (parse_off(argv[2], &start) || parse_off(argv[3], &end) ||
	    read_raw(argv[1], &s2, &s2len) ||
	    (argc == 6 && read_raw(argv[4], &mod, &modlen)))
		return 1;
	if (start > end || end > s2len || (end - start) % 4) {
		fprintf(stderr,
			PROG ": %s: identity range %#lx-%#lx is not whole "
			     "words inside the %zu-byte image: check the "
			     "_ident_start/_ident_end symbols of stage2.ld.S\n",
			argv[1], start, end, s2len);
		return 1;
	}
	ident = bzmod_ident(s2 + start, end - start);
	if (argc == 4) {
		printf("0x%08x\n", (unsigned)ident);
		free(s2);
		return 0;
	}
	modlen = (modlen + 3) & ~(size_t)3; /* file_read left zeros there */
	err = bzmod_seal(mod, modlen, ident);
	if (!err)
		err = bzmod_check(mod, modlen, ident);
	if (err) {
		fprintf(stderr,
			PROG ": %s: %s: is it the objcopy -O binary output of "
			     "a module linked with stage2/module.ld?\n",
			argv[4], bzmod_strerror(err));
		return 1;
	}
	err = file_write(argv[5], mod, modlen);
	if (err) {
		fprintf(stderr, PROG ": cannot write %s: %s\n", argv[5],
			strerror(-err));
		return 1;
	}
	printf("module %s: %zu bytes (stage2 identity %08x)\n",
	       ((const struct bzmod_header *)mod)->name, modlen,
	       (unsigned)ident);
	free(s2);
	free(mod);
	return 0;
}
