// SPDX-License-Identifier: BSD-2-Clause
// The names of the setup header's flag bits (protocol/linux_flags.c), for
// whatever prints a header: `bzboot inspect`, and stage2's prompt commands
// if they ever show it. Not in the core: --gc-sections drops it there.
#ifndef BZ_PROTOCOL_LINUX_FLAGS_H
#define BZ_PROTOCOL_LINUX_FLAGS_H

// The name of bit (0-7) of loadflags (0x211) as boot.rst and the kernel's
// bootparam.h give it; NULL for a bit they do not define.
const char *linux_loadflag_name(unsigned bit);
// The same for bit (0-15) of xloadflags (0x236, 2.12+).
const char *linux_xloadflag_name(unsigned bit);

#endif
