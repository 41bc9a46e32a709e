// SPDX-License-Identifier: BSD-2-Clause
// The command line of a bzboot command: one loop and one set of usage
// messages for every command, so they read alike.
#include <string.h>

#include "tools/args.h"
#include "tools/bzboot.h"

const char *args_next(struct args *a, const char **operand)
{
	while (!a->err && ++a->i < a->argc) {
		const char *arg = a->argv[a->i];

		if (!a->options_done && !strcmp(arg, "--")) {
			a->options_done = true;
		} else if (a->options_done || arg[0] != '-' ||
			   !strcmp(arg, "-")) {
			if (*operand)
				a->err = bz_usage_error(
				    "%s: one %s only (got '%s' and '%s')",
				    a->cmd, a->operand, *operand, arg);
			else
				*operand = arg;
		} else {
			return arg;
		}
	}
	if (!a->err && !*operand)
		a->err = bz_usage_error("%s: no %s given", a->cmd, a->operand);
	return NULL;
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
