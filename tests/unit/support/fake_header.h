// SPDX-License-Identifier: BSD-2-Clause
// Synthetic kernel headers for the protocol/ unit tests.
#ifndef BZ_TESTS_FAKE_HEADER_H
#define BZ_TESTS_FAKE_HEADER_H

#include <stddef.h>
#include <stdint.h>

#include "protocol/linux.h"

#define FAKE_FILL 0xCC // stands for setup code between/after header fields

// End of the header a kernel of version v carries (first byte after its
// last field), as the jump at 0x200 skips it.
uint16_t fake_header_end(uint16_t v);

// Writes a header of version v into b (len bytes, FAKE_FILL elsewhere),
// setting only the fields v defines, like a real kernel of that version
// would.  syssize matches pm_size; the newer fields get recognisable values.
void fake_header_build(uint8_t *b, size_t len, uint16_t v, uint8_t sects,
		       uint8_t loadflags, uint32_t pm_size);

// Builds the first 1024 bytes of such a kernel in b (at least 1024 bytes)
// and parses them as a file of its setup plus pm_size bytes.
int fake_header_parse(uint8_t *b, uint16_t v, uint8_t sects, uint8_t lf,
		      uint32_t pm_size, struct linux_kernel *k);

#endif
