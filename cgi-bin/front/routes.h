/*
 * The route table's entries and its lookup (routes.c). The dispatcher
 * (router.c) is the only user of the lookup.
 */
#ifndef KAAJ_ROUTES_H
#define KAAJ_ROUTES_H

#include <stddef.h>
#include <stdint.h>

#include "front/router.h"

/* Route preconditions, checked by the dispatcher in this order. */
enum route_flags {
	NEED_LOGIN = 1 << 0,
	NEED_ADMIN = 1 << 1,	/* implies NEED_LOGIN */
	NEED_CSRF = 1 << 2,	/* form field "csrf" must match the session */
	/* The two sets most POST routes carry. */
	USER_FORM = NEED_LOGIN | NEED_CSRF,	/* a logged-in user's form */
	ADMIN_FORM = NEED_ADMIN | NEED_CSRF,	/* an admin's form */
	/*
	 * The JSON API (front/api.c): an API key instead of a session and
	 * CSRF, answers and errors in JSON; with the scope the key needs.
	 */
	API = 1 << 3,
	API_READ = API | 1 << 4,
	API_POST = API | 1 << 5,
	API_RATE = API | 1 << 6,
	API_PAY = API | 1 << 7,
	/* An API route that needs no key (the API's own description). */
	API_NO_KEY = 1 << 8,
	API_PUBLIC = API | API_NO_KEY
};

/* The enum api_scope bits an API route's flags ask for. */
#define ROUTE_API_SCOPES(flags) (((flags) >> 4) & 0xfu)

/* One line of the route table. */
struct route {
	const char *method;	/* "GET" (HEAD is served too) or "POST" */
	const char *pattern;	/* exact path; a trailing "#" matches an id */
	handler_fn handler;
	unsigned int flags;	/* enum route_flags */
};

/*
 * The whole table, in order, with its length in *n: for tests that try
 * every route (tests/tools/route_list), so a new route is covered
 * without anyone remembering to.
 */
const struct route *route_table(size_t *n);

/*
 * Find the route for method and path; a path that ends in an id (a
 * positive decimal of at most 18 digits, no leading zero) puts it in *id.
 * Returns the table's entry, or NULL with *status 404 (no such path) or
 * 405 (the path is known, the method is not: allow gets the methods it
 * takes, "GET, HEAD, POST" or a part of it, cut to allowlen).
 */
const struct route *route_find(const char *method, const char *path,
    int64_t *id, int *status, char *allow, size_t allowlen);

#endif
