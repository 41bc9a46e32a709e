// SPDX-License-Identifier: BSD-2-Clause
// The real kernel the unit tests parse: read whole from $BZ_TEST_KERNEL,
// skipped or failed (see kernel_file.h) when it is not there.
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tests/unit/support/kernel_file.h"

static bool required(void)
{
	const char *r = getenv("BZ_REQUIRE_KERNEL");

	return r && *r && strcmp(r, "0") != 0;
}

void kernel_file_read(struct kernel_file *kf)
{
	const char *path = getenv("BZ_TEST_KERNEL");
	size_t got;
	long size;
	FILE *f;

	kf->data = NULL;
	kf->size = 0;
	if (!path || !*path) {
		if (required())
			fail_msg("BZ_REQUIRE_KERNEL is set but BZ_TEST_KERNEL "
				 "names no kernel: set it to a bzImage "
				 "(make check uses build/cache/vmlinuz)");
		print_message("      no BZ_TEST_KERNEL: skipped\n");
		skip();
	}
	// Each check says why before cmocka's bare "Failure!".
	f = fopen(path, "rb");
	if (!f)
		print_error("BZ_TEST_KERNEL=%s: %s\n", path, strerror(errno));
	assert_non_null(f);
	size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
	if (size <= 0)
		print_error("BZ_TEST_KERNEL=%s: empty, or no size\n", path);
	assert_true(size > 0);
	rewind(f);
	kf->data = malloc((size_t)size);
	assert_non_null(kf->data);
	got = fread(kf->data, 1, (size_t)size, f);
	fclose(f);
	if (got != (size_t)size)
		print_error("BZ_TEST_KERNEL=%s: short read\n", path);
	assert_int_equal(got, (size_t)size);
	kf->size = got;
}

void kernel_file_free(struct kernel_file *kf)
{
	free(kf->data);
	kf->data = NULL;
	kf->size = 0;
}
