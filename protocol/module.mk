# SPDX-License-Identifier: BSD-2-Clause
# protocol/: pure C, built for stage2 and for the host tests.
PROTOCOL_SRCS += protocol/header.c protocol/layout.c protocol/image.c \
	protocol/inflate.c protocol/multiboot.c \
	protocol/bzmod.c protocol/acpi.c protocol/e820.c \
	protocol/linux_draw.c protocol/linux_flags.c protocol/linux_vmap.c
