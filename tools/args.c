// SPDX-License-Identifier: BSD-2-Clause
// The command line of a bzboot command: one loop and one set of usage
// messages for every command, so they read alike.
#include <string.h>

#include "tools/args.h"
#include "tools/bzboot.h"

/* An operand: into the first free slot; one too many is an error. */
static void take(struct args *a, const char *arg, const char **op1,
		 const char **op2)
{
	if (!*op1)
		*op1 = arg;
	else if (op2 && !*op2)
		*op2 = arg;
	else if (op2)
		a->err = bz_usage_error("%s: takes %s %s only (got '%s' too)",
					a->cmd, a->operand, a->operand2, arg);
	else
		a->err = bz_usage_error("%s: one %s only (got '%s' and '%s')",
					a->cmd, a->operand, *op1, arg);
}

const char *args_next2(struct args *a, const char **op1, const char **op2)
{
	while (!a->err && ++a->i < a->argc) {
		const char *arg = a->argv[a->i];

		if (!a->options_done && !strcmp(arg, "--"))
			a->options_done = true;
		else if (a->options_done || arg[0] != '-' || !strcmp(arg, "-"))
			take(a, arg, op1, op2);
		else
			return arg;
	}
	if (!a->err && !*op1)
		a->err = bz_usage_error("%s: no %s given", a->cmd, a->operand);
	else if (!a->err && op2 && !*op2)
		a->err = bz_usage_error("%s: no %s given", a->cmd, a->operand2);
	return NULL;
}

const char *args_next(struct args *a, const char **operand)
{
	return args_next2(a, operand, NULL);
}

int args_value(struct args *a, const char **out)
{
	if (a->i + 1 >= a->argc)
		return a->err = bz_usage_error("%s: %s needs %s", a->cmd,
					       a->argv[a->i], a->value);
	*out = a->argv[++a->i];
	return 0;
}

int args_unknown(struct args *a, const char *opt)
{
	return a->err = bz_usage_error("%s: unknown option '%s'", a->cmd, opt);
}
