// SPDX-License-Identifier: BSD-2-Clause
// bzboot check: what one resolved line does, in the order stage2's ui.c
// tries it (try_boot): a Linux kernel, a config switch, chain.c32 and
// LOCALBOOT, the .c32 modules bzboot runs itself, else the refusal. The
// decisions are cmdline/'s, the same functions stage2 calls.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline/c32_branch.h"
#include "cmdline/chain_args.h"
#include "cmdline/config_switch.h"
#include "protocol/boot_msg.h"
#include "tools/check.h"

#define BRANCH_MAX 8 /* ui.c's try_branch: 8 in a row is a loop */

/* The words after the module's name, as SYSLINUX joins them. */
static void module_args(const struct cfg_boot *b, char *buf, size_t size)
{
	snprintf(buf, size, "%s %s %s", b->kernel_args, b->append, b->extra);
}

/* CONFIG, config.c32, menu.c32 FILE (cfgfile_switch): read from the old
 * directory, then the new one is where its names start. */
static enum check_status config_switch(struct check_run *r,
				       const struct cfg_boot *b, char *out,
				       size_t size)
{
	static char file[CFG_PATH_MAX], dir[CFG_PATH_MAX];
	char cwd[CHECK_PATH_MAX], full[CHECK_PATH_MAX], from[CFG_NAME_MAX + 16];
	const char *path;
	uint64_t fsize;
	uint8_t byte;

	cfg_switch_target(b, file, dir);
	if (!cfg_join_dir(r->env.cwd, dir, cwd, sizeof(cwd))) {
		check_add(out, size, "CONFIG %s %s: directory name too long",
			  file, dir);
		return CHECK_FAIL;
	}
	if (check_read(&r->env, file, &byte, 0, &fsize, 0, out, size))
		return CHECK_FAIL;
	path = cfg_path_in(r->env.cwd, file, full, sizeof(full));
	if (fsize > CHECK_CFG_FILE_MAX) {
		check_add(out, size, "%s is %llu bytes; the limit is %u", path,
			  (unsigned long long)fsize, CHECK_CFG_FILE_MAX);
		return CHECK_FAIL;
	}
	snprintf(from, sizeof(from), "%.*s", CFG_NAME_MAX - 1,
		 b->label ? b->label->name : file);
	if (!check_queue(r, path, cwd, from, out, size))
		return CHECK_FAIL;
	if (b->type == CFG_KT_COM32 &&
	    cfg_is_menu_module(b->kernel, strlen(b->kernel)))
		check_add(out, size, "menu.c32 shows the menu of %s", path);
	else
		check_add(out, size, "switches to config %s, directory %s",
			  path, *cwd ? cwd : "/");
	return CHECK_OTHER;
}

static const char *disk_name(const struct chain_args *a, char *buf, size_t size)
{
	switch (a->disk) {
	case CHAIN_DISK_DRIVE:
		snprintf(buf, size, "BIOS drive 0x%02x", a->drive);
		break;
	case CHAIN_DISK_MBR:
		snprintf(buf, size, "the disk with MBR signature 0x%08x",
			 a->mbr_sig);
		break;
	case CHAIN_DISK_FS:
		return "the partition of bzboot's config";
	default:
		return "the boot disk";
	}
	return buf;
}

/* LOCALBOOT type, chain.c32 words and the file they name (the chain
 * module's checks). */
static enum check_status chain(const struct check_env *e,
			       const struct cfg_boot *b, char *out, size_t size)
{
	char args[3 * CFG_APPEND_MAX], word[CHAIN_WORD_MAX], name[48];
	struct chain_args a;
	int16_t type;
	int err;

	if (b->type == CFG_KT_LOCALBOOT) {
		if (!chain_localboot_type(b->kernel, &type)) {
			check_add(out, size,
				  "LOCALBOOT %s: the type is not a number "
				  "(0x80: the first hard disk, -1: the BIOS's "
				  "next boot device)",
				  b->kernel);
			return CHECK_FAIL;
		}
		if (type == -1)
			check_add(out, size,
				  "LOCALBOOT %s: the BIOS's next "
				  "boot device (INT 18h)",
				  b->kernel);
		else
			check_add(out, size,
				  "LOCALBOOT %s: the boot sector of BIOS drive "
				  "0x%02x",
				  b->kernel, type & 0xFF);
		return CHECK_OTHER;
	}
	module_args(b, args, sizeof(args));
	err = chain_parse(args, &a, word);
	if (err) {
		check_add(out, size, "chain.c32: %s: %s", word,
			  chain_strerror(err));
		return CHECK_FAIL;
	}
	check_add(out, size, "chain.c32: ");
	if (a.ld.file[0]) { /* chain_file_boot(): the file, not the sector */
		if (check_chain_file(e, &a, out, size) == CHECK_FAIL)
			return CHECK_FAIL;
		check_add(out, size, "boots file %s, from ", a.ld.file);
	} else
		check_add(out, size, "boots ");
	if (a.disk == CHAIN_DISK_FS)
		check_add(out, size, "%s", disk_name(&a, name, sizeof(name)));
	else if (a.part)
		check_add(out, size, "partition %u of %s", a.part,
			  disk_name(&a, name, sizeof(name)));
	else
		check_add(out, size, "%s%s", a.ld.file[0] ? "" : "the MBR of ",
			  disk_name(&a, name, sizeof(name)));
	return CHECK_OTHER;
}

static enum check_status c32(struct check_run *r, const struct cfg *cfg,
			     const struct cfg_boot *b, char *out, size_t size,
			     unsigned depth);

/* Whether the module chooses a command to run next. */
static bool c32_branches(const char *kernel)
{
	enum c32_id id = c32_module_id(kernel);

	return id == C32_IFCPU64 || id == C32_IFCPU || id == C32_WHICHSYS;
}

/* A label that branches again: followed as stage2's try_branch() follows
 * it, only to find a loop (its choices are on its own line). */
static enum check_status follow(struct check_run *r, const struct cfg *cfg,
				const struct cfg_boot *b, char *out,
				size_t size, unsigned depth)
{
	char *scratch = calloc(1, CHECK_LINE_MAX);
	bool outer = r->loop;

	if (!scratch)
		return CHECK_OTHER;
	r->loop = false;
	c32(r, cfg, b, scratch, CHECK_LINE_MAX, depth + 1);
	free(scratch);
	if (r->loop)
		check_add(out, size, ": %u branches in a row (a loop?)",
			  BRANCH_MAX);
	outer = outer || r->loop;
	r->loop = outer;
	return outer ? CHECK_FAIL : CHECK_OTHER;
}

/* A command ifcpu64.c32 and its kin choose: a label (checked as its own
 * entry), else what the line does ("" = the DEFAULT, as SYSLINUX runs
 * an empty command). */
static enum check_status branch(struct check_run *r, const struct cfg *cfg,
				const char *line, char *out, size_t size,
				unsigned depth)
{
	struct cfg_boot *b;
	enum check_status st;
	int err;

	if (!*line && !*(line = cfg_default_line(cfg))) {
		check_add(out, size,
			  "the command chosen is empty and there "
			  "is no DEFAULT");
		return CHECK_FAIL;
	}
	if (depth >= BRANCH_MAX || (depth && r->loop)) {
		check_add(out, size, "%s: %u branches in a row (a loop?)", line,
			  BRANCH_MAX);
		r->loop = true;
		return CHECK_FAIL;
	}
	b = malloc(sizeof(*b));
	if (!b) {
		check_add(out, size, "out of memory");
		return CHECK_FAIL;
	}
	err = cfg_resolve_config(cfg, line, b);
	if (!err && b->label && !*b->extra) {
		check_add(out, size, "label %s", b->label->name);
		st = CHECK_OTHER; /* the label's own line says whether */
		if (b->type == CFG_KT_COM32 && c32_branches(b->kernel))
			st = follow(r, cfg, b, out, size, depth);
	} else {
		check_add(out, size, "\"%s\" (", line);
		st = check_entry(r, cfg, b, err, out, size, depth + 1);
		check_add(out, size, ")");
	}
	free(b);
	return st;
}

/* The choices ifcpu64.c32, ifcpu.c32 and whichsys.c32 make on every
 * kind of CPU; reboot.c32 and poweroff.c32. */
static enum check_status choose(struct check_run *r, const struct cfg *cfg,
				const struct cfg_boot *b, int argc,
				const char **argv, char *out, size_t size,
				unsigned depth)
{
	static const struct {
		unsigned cpu;
		const char *name;
	} cpus[] = {{C32_CPU_LM | C32_CPU_PAE, "64-bit"},
		    {C32_CPU_PAE, "PAE"},
		    {0, "32-bit"}};
	const char *why;
	char next[2][CFG_APPEND_MAX];
	enum check_status st = CHECK_OTHER, s;
	struct c32_ifcpu ic;

	switch (c32_module_id(b->kernel)) {
	case C32_IFCPU64:
		check_add(out, size, "ifcpu64.c32:");
		for (unsigned i = 0; i < 3; i++) {
			c32_ifcpu64(argc, argv, cpus[i].cpu, next[0],
				    sizeof(next[0]));
			check_add(out, size, "%s %s: ", i ? ";" : "",
				  cpus[i].name);
			s = branch(r, cfg, next[0], out, size, depth);
			st = s == CHECK_FAIL ? s : st;
		}
		return st;
	case C32_IFCPU:
		why = c32_ifcpu(argc, argv, ~0u, &ic, next[0], sizeof(next[0]));
		if (!why)
			why = c32_ifcpu(argc, argv, 0, &ic, next[1],
					sizeof(next[1]));
		if (why) {
			check_add(out, size, "ifcpu.c32: %s%s%s",
				  ic.bad ? ic.bad : "", ic.bad ? ": " : "",
				  why);
			return CHECK_FAIL;
		}
		if (ic.dry_run) {
			check_add(out, size,
				  "ifcpu.c32 dry-run: boots nothing");
			return CHECK_OTHER;
		}
		check_add(out, size, "ifcpu.c32: the CPU has it: ");
		st = branch(r, cfg, next[0], out, size, depth);
		check_add(out, size, "; lacks it: ");
		s = branch(r, cfg, next[1], out, size, depth);
		return s == CHECK_FAIL ? s : st;
	case C32_WHICHSYS:
		if (!c32_whichsys(argc, argv, next[0], sizeof(next[0]))) {
			check_add(out, size,
				  "whichsys.c32: no -sys- command (bzboot "
				  "takes the -sys- one, as SYSLINUX on a FAT "
				  "disk does)");
			return CHECK_FAIL;
		}
		check_add(out, size, "whichsys.c32 -sys-: ");
		return branch(r, cfg, next[0], out, size, depth);
	case C32_REBOOT:
		check_add(out, size, "reboot.c32: reboots (%s)",
			  c32_reboot_warm(argc, argv) ? "warm" : "cold");
		return CHECK_OTHER;
	default:
		check_add(out, size, "poweroff.c32: powers the machine off");
		return CHECK_OTHER;
	}
}

/* The module's arguments (in a buffer of this call's: branches
 * recurse), then its choices. */
static enum check_status c32(struct check_run *r, const struct cfg *cfg,
			     const struct cfg_boot *b, char *out, size_t size,
			     unsigned depth)
{
	char *buf = malloc(3 * CFG_APPEND_MAX);
	const char *argv[C32_MAX_ARGS + 1];
	enum check_status st = CHECK_FAIL;
	int argc = buf ? c32_args(b, buf, 3 * CFG_APPEND_MAX, argv) : -1;

	if (argc < 0)
		check_add(out, size, "%s: more than %d words or too long",
			  b->kernel, C32_MAX_ARGS);
	else
		st = choose(r, cfg, b, argc, argv, out, size, depth);
	free(buf);
	return st;
}

enum check_status check_entry(struct check_run *r, const struct cfg *cfg,
			      const struct cfg_boot *b, int err, char *out,
			      size_t size, unsigned depth)
{
	static char file[CFG_PATH_MAX], dir[CFG_PATH_MAX];

	if (!depth)
		r->loop = false; /* a new entry */
	if (err) {
		check_add(out, size, "%s", cfg_strerror(err));
		return CHECK_FAIL;
	}
	if (!b->kernel[0]) {
		check_add(out, size, BZ_MSG_NO_KERNEL,
			  b->label ? b->label->name : b->kernel);
		return CHECK_FAIL;
	}
	if (cfg_boot_locked(cfg, b, false) != CFG_UNLOCKED) {
		if (check_module(r, "passwd", out, size))
			return CHECK_FAIL; /* nothing can ask for it */
		check_add(out, size, "password asked, then ");
	}
	if (b->type == CFG_KT_LINUX)
		return check_linux(&r->env, b, out, size);
	if (cfg_switch_target(b, file, dir))
		return config_switch(r, b, out, size);
	/* chain_call() and c32_call(): the module first */
	if (b->type == CFG_KT_COM32 && cfg_module_named(b->kernel, "mboot.c32"))
		return check_module(r, "mboot", out, size)
			   ? CHECK_FAIL
			   : check_mboot(&r->env, b, out, size);
	if (b->type == CFG_KT_BOOT || b->type == CFG_KT_BSS)
		return check_module(r, "chain", out, size)
			   ? CHECK_FAIL
			   : check_boot_sector(&r->env, b, out, size);
	if (b->type == CFG_KT_LOCALBOOT ||
	    (b->type == CFG_KT_COM32 &&
	     cfg_module_named(b->kernel, "chain.c32")))
		return check_module(r, "chain", out, size)
			   ? CHECK_FAIL
			   : chain(&r->env, b, out, size);
	if (b->type == CFG_KT_COM32 && c32_module_id(b->kernel) != C32_NONE)
		return check_module(r, "c32", out, size)
			   ? CHECK_FAIL
			   : c32(r, cfg, b, out, size, depth);
	/* DEFAULT or UI naming it: the menu runs (ui.c's start_menu) */
	if (b->type == CFG_KT_COM32 &&
	    cfg_is_menu_module(b->kernel, strlen(b->kernel)) &&
	    cfg_wants_menu(cfg)) {
		check_add(out, size, "%s: the menu of this config", b->kernel);
		return CHECK_OTHER;
	}
	check_add(out, size, BZ_MSG_LINUX_ONLY, b->kernel,
		  b->type == CFG_KT_COM32 ? "COM32 module" : "non-Linux");
	return CHECK_FAIL;
}
