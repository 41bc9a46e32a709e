// SPDX-License-Identifier: BSD-2-Clause
// bzboot: the host tool. Finds the command in a table and runs it; the
// commands live in their own files (install.c, restore.c, inspect.c).
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tools/bzboot.h"
#include "tools/check.h"
#include "tools/copy.h"
#include "tools/inspect.h"
#include "tools/install.h"
#include "tools/restore.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *help;
};

/* install, restore and copy write a disk; inspect only reads a kernel
 * file, check a disk or a config and the files it names. */
static const struct command commands[] = {
    {"install", cmd_install, cmd_install_help},
    {"restore", cmd_restore, cmd_restore_help},
    {"copy", cmd_copy, cmd_copy_help},
    {"inspect", cmd_inspect, cmd_inspect_help},
    {"check", cmd_check, cmd_check_help},
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *out)
{
	fputs("usage: bzboot COMMAND [OPTION]... ARG...\n"
	      "       bzboot --help | --version\n"
	      "\n"
	      "Commands:\n",
	      out);
	for (size_t i = 0; i < N_COMMANDS; i++)
		fputs(commands[i].help, out);
	fputs("\n"
	      "Exit status: 0 done, 1 refused or failed (the message says "
	      "why;\n"
	      "check: an entry would fail), 2 bad command line (check: or "
	      "input\n"
	      "it cannot read).\n"
	      "Documentation: docs/install.md, docs/inspect.md, "
	      "docs/check.md\n",
	      out);
}

static void vmessage(const char *fmt, va_list ap)
{
	fputs("bzboot: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void bz_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
}

int bz_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
	usage(stderr);
	return BZ_EXIT_USAGE;
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static int is_help(const char *arg)
{
	return !strcmp(arg, "--help") || !strcmp(arg, "-h");
}

int main(int argc, char **argv)
{
	const struct command *cmd;

	if (argc < 2)
		return bz_usage_error("no command given");
	if (is_help(argv[1])) {
		usage(stdout);
		return BZ_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("bzboot %s\n", BZ_VERSION);
		return BZ_EXIT_OK;
	}
	cmd = find_command(argv[1]);
	if (!cmd)
		return bz_usage_error("unknown %s '%s'",
				      argv[1][0] == '-' ? "option" : "command",
				      argv[1]);
	if (argc == 3 && is_help(argv[2])) {
		usage(stdout);
		return BZ_EXIT_OK;
	}
	return cmd->run(argc - 1, argv + 1);
}
