// SPDX-License-Identifier: BSD-2-Clause
// unpack_host ENTRY.raw OFFSET PACKED SIZE OUT: runs the unpacker of the
// built stage2 entry (the bytes of unpack_bytes, at OFFSET in ENTRY.raw)
// on the host, as a 32-bit program, over the file PACKED, and writes the
// SIZE bytes it unpacks to OUT. Exit status 0; 1 if the unpacker wrote
// past SIZE or read past PACKED, 2 on usage or I/O errors. Built by
// tests/tool/test_pack.py with gcc -m32.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define GUARD 4096 /* bytes past each buffer that must stay untouched */

/* Calls fn with ESI = in, EDI = out, EBP = end, as entry.asm's unpack
 * does; returns ESI after. cdecl: (fn, in, out, end). */
uint8_t *run_unpack(void *fn, const uint8_t *in, uint8_t *out, uint8_t *end);
__asm__(".text\n"
	".globl run_unpack\n"
	"run_unpack:\n"
	"	push %ebp\n"
	"	push %ebx\n"
	"	push %esi\n"
	"	push %edi\n"
	"	mov 20(%esp), %eax\n"
	"	mov 24(%esp), %esi\n"
	"	mov 28(%esp), %edi\n"
	"	mov 32(%esp), %ebp\n"
	"	cld\n"
	"	call *%eax\n"
	"	mov %esi, %eax\n"
	"	pop %edi\n"
	"	pop %esi\n"
	"	pop %ebx\n"
	"	pop %ebp\n"
	"	ret\n");

static uint8_t *slurp(const char *path, size_t extra, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET))
		return NULL;
	buf = malloc((size_t)n + extra + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
		return NULL;
	fclose(f);
	*len = (size_t)n;
	return buf;
}

int main(int argc, char **argv)
{
	size_t elen, plen, size;
	uint8_t *entry, *packed, *out, *code, *end_in;
	FILE *f;

	if (argc != 6) {
		fprintf(stderr,
			"usage: unpack_host ENTRY OFFSET PACKED SIZE OUT\n");
		return 2;
	}
	entry = slurp(argv[1], 0, &elen);
	packed = slurp(argv[3], GUARD, &plen);
	size = strtoul(argv[4], NULL, 0);
	out = malloc(size + GUARD);
	code = mmap(NULL, elen + 1, PROT_READ | PROT_WRITE | PROT_EXEC,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!entry || !packed || !out || code == MAP_FAILED) {
		fprintf(stderr, "unpack_host: cannot read or allocate\n");
		return 2;
	}
	memcpy(code, entry, elen);
	memset(packed + plen, 0, GUARD); /* reading them shows in ESI */
	memset(out, 0xA5, size + GUARD);
	end_in = run_unpack(code + strtoul(argv[2], NULL, 0), packed, out,
			    out + size);
	if (end_in != packed + plen) {
		fprintf(stderr, "unpack_host: read %td of %zu bytes\n",
			end_in - packed, plen);
		return 1;
	}
	for (size_t i = size; i < size + GUARD; i++)
		if (out[i] != 0xA5) {
			fprintf(stderr, "unpack_host: wrote past %zu\n", size);
			return 1;
		}
	f = fopen(argv[5], "wb");
	if (!f || fwrite(out, 1, size, f) != size || fclose(f)) {
		fprintf(stderr, "unpack_host: cannot write %s\n", argv[5]);
		return 2;
	}
	return 0;
}
