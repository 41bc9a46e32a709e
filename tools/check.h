// SPDX-License-Identifier: BSD-2-Clause
// bzboot check: what stage2 would do with every entry of a config, on the
// host, before anyone reboots. check.c is the command (the volume, the
// config, the output), check_walk.c the configs and their entries,
// check_linux.c a Linux entry, check_src.c the files.
#ifndef BZ_TOOLS_CHECK_H
#define BZ_TOOLS_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "cmdline/config.h"
#include "protocol/linux.h"
#include "tools/check_src.h"
#include "tools/pcmap.h"

#define CHECK_PATH_MAX 512 /* stage2's VOLUME_PATH_MAX */
#define CHECK_LINE_MAX 16384

/* What an entry does. */
enum check_status {
	CHECK_OK,    /* boots a Linux kernel */
	CHECK_OTHER, /* does something else that works (chain, reboot...) */
	CHECK_FAIL,  /* stage2 would print a message and not boot it */
};

struct check_env {
	struct check_src *src;
	const char *cwd; /* the config's directory: "" = the root */
	struct mem_range map[PCMAP_N];
	uint64_t mem_mib;
};

/* out (size bytes) += the formatted text, cut at its end. */
void check_add(char *out, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* path as stage2 opens it from e->cwd (cfg_path_in), read as
 * check_src_read() reads; a failure is added to out as stage2 words it
 * ("NAME: why") and returned. */
int check_read(const struct check_env *e, const char *path, void *buf,
	       size_t max, uint64_t *size, int whole, char *out, size_t osize);

/* A Linux entry, as stage2's linux_prepare() takes it: the kernel and its
 * header, the command line (vga=, mem=), the initrds, the plan on the
 * QEMU-like PC of e->mem_mib MiB. Adds what boots or why not to out. */
enum check_status check_linux(const struct check_env *e,
			      const struct cfg_boot *b, char *out, size_t size);

/* mboot.c32 (the mboot module): the files of its words, the kernel's
 * Multiboot header. A boot-sector file (KERNEL x.bs, BOOT, BSS) and the
 * file chain.c32's words `a` name (the chain module). Each adds what it
 * would boot or why not to out. */
struct chain_args;
enum check_status check_mboot(const struct check_env *e,
			      const struct cfg_boot *b, char *out, size_t size);
enum check_status check_boot_sector(const struct check_env *e,
				    const struct cfg_boot *b, char *out,
				    size_t size);
enum check_status check_chain_file(const struct check_env *e,
				   const struct chain_args *a, char *out,
				   size_t size);

/* One run: the configs still to walk (the first, then those CONFIG,
 * config.c32 and menu.c32 FILE switch to, each once), the counts, and the
 * warnings printed after the entries. */
#define CHECK_MAX_CONFIGS  16
#define CHECK_CFG_FILE_MAX (128 * 1024) /* stage2's cfgfile.c limit */

struct check_config {
	char path[CHECK_PATH_MAX];    /* on the volume, as stage2 opens it */
	char cwd[CHECK_PATH_MAX];     /* its directory after the switch */
	char from[CFG_NAME_MAX + 16]; /* the entry that switches to it */
};

struct check_run {
	struct check_env env;
	struct check_config configs[CHECK_MAX_CONFIGS];
	unsigned nconfigs, next;
	unsigned count[3]; /* by enum check_status */
	bool loop;	   /* branches ran into stage2's limit of 8 */
	bool ident_warned; /* a module of another build was named */
	FILE *warn;	   /* the warnings, printed at the end */
};

/* Queues the config path (read from cwd) for the walk, its directory
 * becoming newcwd; a config queued before with that directory is not
 * walked again. False when the queue is full (said in out). */
bool check_queue(struct check_run *r, const char *path, const char *newcwd,
		 const char *from, char *out, size_t size);

/* Walks every config queued, the first one's text given (name, its
 * directory cwd), the others read from the volume: one line per entry on
 * stdout, the warnings into r->warn. */
void check_walk(struct check_run *r, const char *name, const char *cwd,
		const char *text, size_t len);

/* What the resolved line b (err: cfg_resolve's result) does in cfg: a
 * Linux entry, a config switch (queued), chain.c32 and LOCALBOOT,
 * ifcpu64.c32 and its kin with their branches (depth: branches so far),
 * or stage2's refusal. Adds the words to out. */
enum check_status check_entry(struct check_run *r, const struct cfg *cfg,
			      const struct cfg_boot *b, int err, char *out,
			      size_t size, unsigned depth);

/* Whether stage2 would load module NAME (stage2/module.c) from the
 * config's directory: 0, or -1 with stage2's message added to out. */
int check_module(struct check_run *r, const char *name, char *out, size_t size);

/* argv[0] is "check". Returns 0 all boot, 1 one fails, 2 usage/input. */
int cmd_check(int argc, char **argv);
extern const char cmd_check_help[];

#endif
