// SPDX-License-Identifier: BSD-2-Clause
/* CONFIG and config.c32: which config to switch to and where the working
 * directory goes (cmdline/config_switch.h). */
#include <string.h>

#include "cmdline/config_switch.h"
#include "cmdline/text.h"

bool cfg_module_named(const char *path, const char *name)
{
	const char *end = path + strlen(path), *base = end;

	while (base > path && base[-1] != '/')
		base--;
	return text_word_is(base, end, name);
}

bool cfg_is_config_module(const char *path)
{
	return cfg_module_named(path, "config.c32");
}

/* The n-th word (from 0) of the arguments in b, into dst; "" if there
 * are fewer words or it does not fit. */
static void arg_word(const struct cfg_boot *b, unsigned n, char *dst)
{
	const char *const src[] = {b->kernel_args, b->append, b->extra};

	*dst = '\0';
	for (size_t i = 0; i < sizeof(src) / sizeof(src[0]); i++) {
		const char *p = src[i], *end = p + strlen(p), *we;

		while ((p = text_skip_space(p, end)) < end) {
			we = text_word_end(p, end);
			if (n-- == 0) {
				text_copy_span(dst, CFG_PATH_MAX, p, we);
				return;
			}
			p = we;
		}
	}
}

bool cfg_switch_target(const struct cfg_boot *b, char *file, char *dir)
{
	unsigned dir_word = 0;

	/* CONFIG file dir: ldlinux takes the first argument as the
	 * directory. config.c32 file dir: its argv[1] and argv[2]. */
	if (b->type == CFG_KT_COM32 && cfg_is_config_module(b->kernel)) {
		arg_word(b, 0, file);
		dir_word = 1;
	} else if (b->type == CFG_KT_CONFIG) {
		memcpy(file, b->kernel, strlen(b->kernel) + 1);
	} else if (b->type == CFG_KT_COM32 &&
		   cfg_is_menu_module(b->kernel, strlen(b->kernel))) {
		arg_word(b, 0, file);
		*dir = '\0'; /* menu.c32 stays in the directory */
		return *file != '\0';
	} else {
		return false;
	}
	arg_word(b, dir_word, dir);
	return true;
}

bool cfg_join_dir(const char *cwd, const char *dir, char *out, size_t size)
{
	size_t n = *dir == '/' ? 0 : strlen(cwd), len;
	const char *name;

	if (n >= size)
		return false;
	memcpy(out, cwd, n);
	for (;;) {
		out[n] = '\0';
		while (*dir == '/')
			dir++;
		if (!*dir)
			return true;
		for (name = dir; *dir && *dir != '/'; dir++)
			;
		len = (size_t)(dir - name);
		if (len == 2 && name[0] == '.' && name[1] == '.') {
			while (n > 0 && out[--n] != '/')
				;
		} else if (len != 1 || *name != '.') {
			if (n + 1 + len >= size)
				return false;
			out[n++] = '/';
			memcpy(out + n, name, len);
			n += len;
		}
	}
}

/* bzboot's own names first, then SYSLINUX's search: its directories in
 * its order, extlinux.conf before syslinux.cfg in each. /boot/extlinux is
 * where Debian's extlinux installs itself (SYSLINUX looks in its install
 * directory first). */
static const char *const search_paths[] = {
    "/bzboot.cfg",
    "/boot/bzboot/bzboot.cfg",
    "/boot/extlinux/extlinux.conf",
    "/boot/syslinux/extlinux.conf",
    "/boot/syslinux/syslinux.cfg",
    "/syslinux/extlinux.conf",
    "/syslinux/syslinux.cfg",
    "/extlinux.conf",
    "/syslinux.cfg",
};

const char *cfg_search_path(unsigned i)
{
	return i < sizeof(search_paths) / sizeof(search_paths[0])
		   ? search_paths[i]
		   : NULL;
}

const char *cfg_path_in(const char *cwd, const char *path, char *buf,
			size_t size)
{
	size_t dl = strlen(cwd), pl = strlen(path);

	if (path[0] == '/' || !dl)
		return path;
	if (dl + 1 + pl >= size)
		return NULL;
	memcpy(buf, cwd, dl);
	buf[dl] = '/';
	memcpy(buf + dl + 1, path, pl + 1);
	return buf;
}
