# SPDX-License-Identifier: BSD-2-Clause
# cmdline/: pure C, built for stage2 and for the host tests.
CMDLINE_SRCS += cmdline/text.c cmdline/config_parse.c cmdline/config_label.c \
	cmdline/config_settings.c cmdline/config_resolve.c cmdline/config_menu.c \
	cmdline/config_menu_model.c cmdline/config_text.c cmdline/prompt.c \
	cmdline/kcmdline.c
