// SPDX-License-Identifier: BSD-2-Clause
// The command line of a bzboot command: options, their values, and the one
// operand (install's DISK, inspect's FILE), with one set of usage messages.
#ifndef BZ_TOOLS_ARGS_H
#define BZ_TOOLS_ARGS_H

#include <stdbool.h>

struct args {
	const char *cmd;      /* "install": every message starts with it */
	const char *operand;  /* "DISK": what the one operand is */
	const char *operand2; /* a second one (args_next2) */
	const char *value;    /* "a FILE": what an option's value is */
	int argc;	      /* argv[0] is the command's name */
	char **argv;
	int i;		   /* the argument read last */
	bool options_done; /* after "--" */
	int err;	   /* BZ_EXIT_USAGE after a message, else 0 */
};

/*
 * The next option, or NULL at the end or after an error (a->err). Operands
 * ("-", anything not starting with '-', all after "--") go to *operand on
 * the way; a second one, or none by the end, is an error.
 */
const char *args_next(struct args *a, const char **operand);

/* args_next() for a command of two operands (restore's FILE DISK). */
const char *args_next2(struct args *a, const char **op1, const char **op2);

/* The value after the option args_next() returned: 0 with *out set, or
 * a->err when there is none. */
int args_value(struct args *a, const char **out);

/* Refuse opt as unknown. Returns a->err (BZ_EXIT_USAGE). */
int args_unknown(struct args *a, const char *opt);

#endif
