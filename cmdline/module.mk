# SPDX-License-Identifier: BSD-2-Clause
# cmdline/: pure C, built for stage2 and for the host tests.
CMDLINE_SRCS += cmdline/config.c cmdline/prompt.c cmdline/kcmdline.c
