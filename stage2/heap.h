/* SPDX-License-Identifier: BSD-2-Clause */
/* A bump allocator over MEM_HEAP..MEM_HEAP_END. Nothing is freed one by
 * one: a boot attempt takes a mark and releases back to it on failure. */
#ifndef BZ_STAGE2_HEAP_H
#define BZ_STAGE2_HEAP_H

#include <stddef.h>
#include <stdint.h>

void *heap_alloc(size_t size); /* 16-byte aligned, zeroed; NULL if full */
uintptr_t heap_mark(void);
void heap_release(uintptr_t mark);

#endif
