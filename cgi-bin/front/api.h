/*
 * The JSON API's side of the dispatcher (docs/api.md). A route with the
 * flag API is served here instead of as a page: the caller is the key in
 * "Authorization: Bearer kaaj_...", not a session (no cookies, no CSRF);
 * the key must have the route's scope and stay under the per-key rate
 * limit (api.requests_per_minute); every use is logged with the key's
 * name. Errors are RFC 9457 problem details: application/problem+json
 * with a stable "code", the "field" when one is wrong, and a "title" and
 * "detail" from Lang.Api.
 */
#ifndef KAAJ_API_H
#define KAAJ_API_H

#include "front/router.h"
#include "front/routes.h"

/* Non-zero when path is under /api/ (its 404s and 405s are JSON too). */
int api_path(const char *path);

/*
 * Serve the API route r: check the key, its scope and its rate, run the
 * handler (which writes its JSON into c->res and returns the status, or
 * returns an error status with c->error_detail a Lang.Api.Problem code
 * and c->error_field the field). Writes the problem for an error and
 * marks the answer written (c->rendered). Returns the status.
 */
int api_run(struct ctx *c, const struct http_io *io, const struct route *r);

/*
 * Write the problem for status: code names Lang.Api.Problem.CODE (its
 * title), field the request's field at fault (or NULL).
 */
void api_problem(struct ctx *c, int status, const char *code,
    const char *field);

/* Start a JSON answer: status 200, application/json. */
void api_json(struct ctx *c);

#endif
