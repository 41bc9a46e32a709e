// SPDX-License-Identifier: BSD-2-Clause
// bzboot check: finds the boot volume and the config as stage2 does
// (fs/'s partition choice, cmdline/'s search order), or takes a config
// and a directory tree, then walks it (check_walk.c) and sums up.
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmdline/config_switch.h"
#include "fs/part.h"
#include "protocol/le.h"
#include "stage1/format.h"
#include "tools/args.h"
#include "tools/bzboot.h"
#include "tools/check.h"
#include "tools/disk.h"
#include "tools/file.h"
#include "tools/pbr.h"

const char cmd_check_help[] =
    "  check [--mem MIB] [--partition N] IMAGE\n"
    "  check --root DIR [--mem MIB] CONFIG\n"
    "      Say what bzboot would do with every entry of the config on\n"
    "      IMAGE (a disk image or device; found as stage2 finds it), or\n"
    "      of the file CONFIG with DIR as the volume's root: the kernel,\n"
    "      command line and initrds each boots, or why it would fail;\n"
    "      then the config's warnings. Reads only. Exit status 0 when\n"
    "      every entry would boot, 1 when one would fail, 2 when the\n"
    "      input cannot be read. See docs/check.md.\n"
    "      --mem MIB       RAM in MiB of the PC planned for (default 512)\n"
    "      --partition N   check partition N (default: the one the\n"
    "                      stage2 installed on IMAGE names, else\n"
    "                      stage2's own choice)\n"
    "      --root DIR      CONFIG's files are under DIR\n";

struct check_opts {
	const char *path, *root;
	uint64_t mem_mib;
	unsigned partition;
};

static int parse_args(int argc, char **argv, struct check_opts *o)
{
	struct args a = {.cmd = "check",
			 .operand = "IMAGE or CONFIG",
			 .value = "a value",
			 .argc = argc,
			 .argv = argv};
	const char *opt, *val;
	char *end;

	o->mem_mib = PCMAP_MEM_DEFAULT;
	while ((opt = args_next(&a, &o->path))) {
		if (!strcmp(opt, "--root")) {
			args_value(&a, &o->root);
		} else if (!strcmp(opt, "--mem")) {
			if (!args_value(&a, &val) &&
			    pcmap_parse_mib(val, &o->mem_mib))
				return bz_usage_error("check: --mem '%s': give "
						      "the RAM in MiB, 2 to %u",
						      val, PCMAP_MEM_MAX);
		} else if (!strcmp(opt, "--partition")) {
			if (!args_value(&a, &val)) {
				errno = 0;
				o->partition = (unsigned)strtoul(val, &end, 10);
				if (*val < '1' || *val > '9' || *end || errno)
					return bz_usage_error(
					    "check: --partition '%s' is not a "
					    "partition number (1, 2, ...)",
					    val);
			}
		} else {
			return args_unknown(&a, opt);
		}
	}
	if (!a.err && o->root && o->partition)
		return bz_usage_error("check: --partition is for an IMAGE, "
				      "not a CONFIG under --root");
	return a.err;
}

/* The totals and the warnings; the exit status. */
static int finish(struct check_run *r, char **warn, size_t *wlen)
{
	fclose(r->warn); /* sets *warn and *wlen */
	printf("\n%u entries: %u boot Linux, %u do something else, %u would "
	       "fail\n",
	       r->count[0] + r->count[1] + r->count[2], r->count[CHECK_OK],
	       r->count[CHECK_OTHER], r->count[CHECK_FAIL]);
	if (*wlen)
		printf("\nwarnings bzboot prints at boot:\n%s", *warn);
	free(*warn);
	return r->count[CHECK_FAIL] ? BZ_EXIT_FAIL : BZ_EXIT_OK;
}

static int start(struct check_run *r, const struct check_opts *o,
		 struct check_src *src, char **warn, size_t *wlen)
{
	r->env.src = src;
	r->env.mem_mib = o->mem_mib;
	pcmap_qemu(o->mem_mib, r->env.map);
	r->warn = open_memstream(warn, wlen);
	if (!r->warn) {
		bz_error("check: out of memory");
		return -1;
	}
	return 0;
}

/* The config stage2 finds (cfgfile.c's find_and_parse): the first name of
 * cmdline/'s search order the volume has. */
static int image_config(struct check_run *r, char **warn, size_t *wlen)
{
	char *text = malloc(CHECK_CFG_FILE_MAX);
	const char *path;
	uint64_t size;
	int err = 1;

	for (unsigned i = 0; text && (path = cfg_search_path(i)); i++) {
		err = check_src_read(r->env.src, path, text, CHECK_CFG_FILE_MAX,
				     &size, 1);
		if (err == FAT_ENOENT || err == FAT_ENOTDIR)
			continue;
		if (err) {
			fprintf(r->warn, "  %s: %s\n", path,
				check_src_strerror(r->env.src, err));
			continue;
		}
		if (size > CHECK_CFG_FILE_MAX) {
			printf("%s is %llu bytes; the limit is %u: stage2 "
			       "would boot without a config.\n",
			       path, (unsigned long long)size,
			       CHECK_CFG_FILE_MAX);
			r->count[CHECK_FAIL]++;
			break;
		}
		char cwd[CHECK_PATH_MAX];

		snprintf(cwd, sizeof(cwd), "%.*s",
			 (int)(strrchr(path, '/') - path), path);
		check_walk(r, path, cwd, text, (size_t)size);
		break;
	}
	if (err) {
		printf("no config file (looked for /bzboot.cfg, "
		       "/boot/bzboot/bzboot.cfg and SYSLINUX's places): stage2 "
		       "would show boot: with nothing to boot.\n");
		r->count[CHECK_FAIL]++;
	}
	free(text);
	return finish(r, warn, wlen);
}

/* The partition the stage2 installed on d was set up for (its header's
 * field, which stage2 hands to part_find()): bzboot's MBR names stage2's
 * LBA; 0 when there is no bzboot there or it chooses itself. */
static unsigned installed_partition(struct disk *d, uint64_t *s2_lba)
{
	uint8_t sec[DISK_SECTOR];
	uint32_t part;

	if (disk_read(d, 0, sec, 1))
		return 0;
	*s2_lba = le64_get(sec + BZ_MBR_S2_LBA);
	if (!*s2_lba || *s2_lba >= d->size / DISK_SECTOR ||
	    disk_read(d, *s2_lba, sec, 1) ||
	    le32_get(sec + offsetof(struct bz_stage2_header, magic)) !=
		BZ_S2_MAGIC)
		return 0;
	part = le32_get(sec + offsetof(struct bz_stage2_header, partition));
	return part == BZ_S2_PART_VOLUME ? 0 : part;
}

/* The volume stage2 would mount (volume.c's volume_open, copy.c's rule
 * for a disk that is one FAT volume). */
static int image(const struct check_opts *o)
{
	struct check_run r = {0};
	struct check_src src = {0};
	struct fat_volume *fat = malloc(sizeof(*fat));
	uint8_t sector[DISK_SECTOR];
	struct part_entry e = {0};
	struct disk d;
	char *warn = NULL;
	size_t wlen = 0;
	uint64_t s2_lba = 0;
	unsigned n = o->partition;
	int err = 0, ret = BZ_EXIT_USAGE;

	if (!fat || disk_open(&d, o->path, true)) {
		free(fat);
		return BZ_EXIT_USAGE;
	}
	src.dev = disk_blockdev(&d);
	if (!n && pbr_is_fat(&d, 0)) {
		e.sectors = d.size / DISK_SECTOR; /* the disk is the volume */
	} else {
		if (!n && (n = installed_partition(&d, &s2_lba)))
			printf("%s: bzboot's stage2 at LBA %llu boots "
			       "partition %u\n",
			       o->path, (unsigned long long)s2_lba, n);
		err = part_find(&src.dev, d.size / DISK_SECTOR, n, sector, &e);
	}
	if (err) {
		char list[128] = "";

		if (err == PART_ENOPART)
			part_list_indices(&src.dev, d.size / DISK_SECTOR,
					  sector, list, sizeof(list));
		bz_error("%s: partition table: %s%s%s", o->path,
			 part_strerror(err), *list ? "; it has" : "", list);
		goto out;
	}
	err = fat_mount(fat, &src.dev, e.start_lba, e.sectors);
	if (err) {
		bz_error("%s: partition %u (LBA %llu): %s. Check it with "
			 "fsck.fat.",
			 o->path, e.index, (unsigned long long)e.start_lba,
			 fat_volume_strerror(fat, err));
		goto out;
	}
	src.fat = fat;
	if (!start(&r, o, &src, &warn, &wlen)) {
		if (e.index)
			printf("%s: partition %u (%s, LBA %llu), FAT%d\n\n",
			       o->path, e.index, e.gpt ? "GPT" : "MBR",
			       (unsigned long long)e.start_lba, fat_type(fat));
		else
			printf("%s: one FAT%d volume, no partition table\n\n",
			       o->path, fat_type(fat));
		ret = image_config(&r, &warn, &wlen);
	}
out:
	disk_close(&d);
	free(fat);
	return ret;
}

/* CONFIG's name on the volume DIR stands for: under DIR, its path from
 * there; elsewhere, its own name in the root. */
static void name_in_root(const char *root, const char *config, char *name,
			 char *cwd)
{
	char rr[PATH_MAX], rc[PATH_MAX];
	size_t n;

	if (realpath(root, rr) && realpath(config, rc) &&
	    !strncmp(rc, rr, n = strlen(rr)) && rc[n] == '/') {
		snprintf(name, CHECK_PATH_MAX, "%s", rc + n);
	} else {
		const char *base = strrchr(config, '/');

		snprintf(name, CHECK_PATH_MAX, "/%s", base ? base + 1 : config);
	}
	snprintf(cwd, CHECK_PATH_MAX, "%.*s", (int)(strrchr(name, '/') - name),
		 name);
}

static int tree(const struct check_opts *o)
{
	struct check_run r = {0};
	struct check_src src = {.root = o->root};
	char name[CHECK_PATH_MAX], cwd[CHECK_PATH_MAX], *warn = NULL;
	size_t wlen = 0, len;
	struct stat st;
	uint8_t *text;
	int err;

	if (stat(o->root, &st) || !S_ISDIR(st.st_mode)) {
		bz_error("check: --root %s: not a directory", o->root);
		return BZ_EXIT_USAGE;
	}
	err = file_read(o->path, CHECK_CFG_FILE_MAX, 0, &text, &len);
	if (err) {
		bz_error("cannot read %s: %s", o->path,
			 err == -EFBIG ? "over stage2's 128 KiB for a config"
				       : strerror(-err));
		return BZ_EXIT_USAGE;
	}
	if (start(&r, o, &src, &warn, &wlen)) {
		free(text);
		return BZ_EXIT_USAGE;
	}
	name_in_root(o->root, o->path, name, cwd);
	printf("%s as %s under %s\n\n", o->path, name, o->root);
	check_walk(&r, name, cwd, (const char *)text, len);
	free(text);
	return finish(&r, &warn, &wlen);
}

int cmd_check(int argc, char **argv)
{
	struct check_opts o = {0};
	int err = parse_args(argc, argv, &o);

	if (err)
		return err;
	return o.root ? tree(&o) : image(&o);
}
