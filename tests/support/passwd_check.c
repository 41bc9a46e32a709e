// SPDX-License-Identifier: BSD-2-Clause
/* Host CLI over cmdline/passwd.c for tests/tool/test_passwd.py, which
 * feeds it hashes fresh from mkpasswd and openssl passwd.
 *   passwd_check STORED TYPED   exit 0 if TYPED matches, 1 if not
 *   passwd_check --form STORED  print passwd_form()'s number */
#include <stdio.h>
#include <string.h>

#include "cmdline/passwd.h"

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--form")) {
		printf("%d\n", (int)passwd_form(argv[2]));
		return 0;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: %s STORED TYPED | --form STORED\n",
			argv[0]);
		return 2;
	}
	return passwd_check(argv[1], argv[2]) ? 0 : 1;
}
