# SPDX-License-Identifier: BSD-2-Clause
# cmdline/: pure C, built for stage2 and for the host tests.
CMDLINE_SRCS += cmdline/text.c cmdline/config_parse.c cmdline/config_label.c \
	cmdline/config_settings.c cmdline/config_resolve.c cmdline/prompt.c \
	cmdline/kcmdline.c cmdline/keys.c
CMDLINE_SRCS += cmdline/display.c cmdline/config_help.c
CMDLINE_SRCS += cmdline/cmds.c
CMDLINE_SRCS += cmdline/hash.c cmdline/md5.c cmdline/sha1.c cmdline/sha2.c \
	cmdline/crypt.c cmdline/passwd.c
CMDLINE_SRCS += cmdline/config_switch.c
CMDLINE_SRCS += cmdline/prompt_vt.c
CMDLINE_SRCS += cmdline/chain_args.c
CMDLINE_SRCS += cmdline/c32_branch.c
# The menu model: built for the host and the menu module; stage2's core
# does not call it (--gc-sections drops it there).
CMDLINE_SRCS += cmdline/config_menu.c cmdline/config_menu_model.c \
	cmdline/config_text.c
# The menu's screen and keys (menu_ui*.c): linked into the menu module
# (stage2/modules.mk), the unit tests and the fuzzers; not into stage2's
# core, which is full.
MENU_UI_SRCS := cmdline/menu_ui.c cmdline/menu_ui_draw.c \
	cmdline/menu_ui_lines.c cmdline/menu_ui_cmd.c cmdline/menu_ui_edit.c
CMDLINE_SRCS += cmdline/chain_loader.c
CMDLINE_SRCS += cmdline/progress.c
