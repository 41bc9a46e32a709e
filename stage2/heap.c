// SPDX-License-Identifier: BSD-2-Clause
#include <string.h>
#include "heap.h"
#include "memmap.h"

static uintptr_t heap_top = MEM_HEAP;

void *heap_alloc(size_t size)
{
	uintptr_t p = (heap_top + 15) & ~(uintptr_t)15;

	if (size > MEM_HEAP_END - p)
		return NULL;
	heap_top = p + size;
	return memset((void *)p, 0, size);
}

uintptr_t heap_mark(void)
{
	return heap_top;
}

void heap_release(uintptr_t mark)
{
	heap_top = mark;
}
