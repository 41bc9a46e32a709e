// SPDX-License-Identifier: BSD-2-Clause
// The real kernel the unit tests parse: the file $BZ_TEST_KERNEL names.
#ifndef BZ_TESTS_KERNEL_FILE_H
#define BZ_TESTS_KERNEL_FILE_H

#include <stddef.h>
#include <stdint.h>

struct kernel_file {
	uint8_t *data; // the whole file, malloc'ed
	size_t size;
};

// Reads the whole kernel into kf, or ends the current cmocka test: it
// skips when $BZ_TEST_KERNEL is unset (a developer without the kernel),
// and fails with a message when $BZ_REQUIRE_KERNEL is set (make check
// always has the kernel: a skip there would hide a test that never ran)
// or when the named file cannot be read.
void kernel_file_read(struct kernel_file *kf);

void kernel_file_free(struct kernel_file *kf);

#endif
