/*
 * route_list: print kaaj's route table, one route a line, for the tests
 * that try every route (tests/integration/t_65_attacks.sh):
 *
 *	METHOD PATTERN FLAG,FLAG,...
 *
 * with the flags login, admin, csrf, api and public (an API route that
 * needs no key), or "-" for none. A "#" in a pattern takes an id.
 */
#include <stdio.h>

#include "front/routes.h"

int
main(void)
{
	const struct route *r;
	size_t i, n;

	r = route_table(&n);
	for (i = 0; i < n; i++)
		printf("%s %s %s%s%s%s%s%s\n", r[i].method, r[i].pattern,
		    r[i].flags == 0 ? "-" : "",
		    r[i].flags & NEED_LOGIN ? "login," : "",
		    r[i].flags & NEED_ADMIN ? "admin," : "",
		    r[i].flags & NEED_CSRF ? "csrf," : "",
		    r[i].flags & API ? "api," : "",
		    r[i].flags & API_NO_KEY ? "public," : "");
	return ferror(stdout) ? 1 : 0;
}
