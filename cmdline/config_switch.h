// SPDX-License-Identifier: BSD-2-Clause
/* Switching to another config file: a CONFIG label (`CONFIG file` with
 * the new working directory as its first argument, usually its APPEND)
 * and config.c32 (`config.c32 file [dir]`), the way SYSLINUX 6's ldlinux
 * (execute.c, readconfig.c) and com32/modules/config.c do it. Pure. */
#ifndef BZ_CMDLINE_CONFIG_SWITCH_H
#define BZ_CMDLINE_CONFIG_SWITCH_H

#include <stdbool.h>
#include <stddef.h>

#include "cmdline/config.h"

/* path's base name is `name` (lower case): any directory, case ignored
 * (FAT), as SYSLINUX's own modules are found by the name alone. */
bool cfg_module_named(const char *path, const char *name);
/* cfg_module_named(path, "config.c32") */
bool cfg_is_config_module(const char *path);

/* Whether b switches to another config: type CONFIG, a COM32 module
 * named config.c32, or menu.c32 / vesamenu.c32 given a file (menu.c32
 * then shows that file's menu instead of this config's: menumain.c
 * parse_configs(argv + 1); it does not change directory, and only the
 * first file is read here). Then file (CFG_PATH_MAX bytes) is the config
 * to read ("" when config.c32 got no argument) and dir (CFG_PATH_MAX
 * bytes) the directory to change to, as written ("" = stay: ldlinux
 * changes only when one is given). The arguments are the words after the
 * file name: the KERNEL line's, the APPEND, then what was typed, as
 * SYSLINUX joins them into one command line. */
bool cfg_switch_target(const struct cfg_boot *b, char *file, char *dir);

/* The working directory after moving from cwd ("" for the root, else
 * "/a/b", no trailing '/') to dir (absolute, or relative to cwd), in the
 * same form in out (size bytes): "." and ".." are resolved by name (".."
 * of the root is the root). False when it does not fit. */
bool cfg_join_dir(const char *cwd, const char *dir, char *out, size_t size);

/* The i-th place (from 0) stage2 looks for its config, in its order, or
 * NULL past the last: bzboot's own names first, then SYSLINUX's. Shared
 * with `bzboot check`, which must find the config stage2 finds. */
const char *cfg_search_path(unsigned i);

/* The name a file `path` of the config has when the working directory is
 * cwd (as cfg_join_dir makes it): path itself when it starts with '/' or
 * cwd is the root, else cwd/path in buf (size bytes). NULL when that does
 * not fit. Nothing is resolved: FAT's "." and ".." entries do that. */
const char *cfg_path_in(const char *cwd, const char *path, char *buf,
			size_t size);

#endif
