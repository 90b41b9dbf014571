/*
 * The dispatcher (router.c) and what handlers see: the one place that
 * checks a route's preconditions (login, admin, CSRF) before its handler
 * runs, and the one place that turns an error into an HTTP status page.
 * The route table itself is routes.c.
 */
#ifndef KAAJ_ROUTER_H
#define KAAJ_ROUTER_H

#include <stdint.h>

#include "base/config.h"
#include "base/cs.h"
#include "front/http.h"
#include "base/plugin.h"
#include "base/render.h"
#include "base/timezone.h"
#include "accounts/session.h"

struct db;

/* The language a visitor chose with the switch (page_language). */
#define LANG_COOKIE "kaaj_lang"

/* What a process holds between requests. */
struct app {
	struct kaaj_config cfg;
	struct db *db;
	struct plugin_set plugins;
	struct render_env render;
	struct tz_table zones;	/* the time zones users may choose */
	char base_path[256];	/* path part of site.base_url, "" at root */
};

/* Everything one request's handler may use; reset for each request. */
struct ctx {
	struct app *app;
	struct request *req;
	struct response *res;
	struct session session;	/* user_id 0 when not logged in */
	char csrf[CSRF_TOKEN_LEN + 1];	/* what forms must send back */
	HDF *hdf;		/* the page data */
	const char *template;	/* page to render, set by the handler */
	int64_t path_id;	/* the number in routes such as /jobs/# */
	const char *error_detail;	/* shown on an error page */
	const char *error_field;	/* an API problem's field, or NULL */
	unsigned int api_scopes;	/* an API request's key's scopes */
	const char *idempotency_key;	/* its Idempotency-Key header, or NULL */
	const char *problem_detail;	/* an API problem's detail, or NULL */
	char problem_text[200];		/* room for a detail */
	char problem_field[64];		/* room for a field */
	int retry_after;	/* seconds, with status 429 */
	int rendered;		/* the page body is written */
	int filled;		/* fill_common() put the page's basics */
};

/*
 * A handler fills c->hdf and sets c->template and returns 200, or sets a
 * redirect with ctx_redirect() and returns its status, or returns an
 * error status (4xx, 5xx) after setting c->error_detail, and the
 * dispatcher renders the error page. A handler may also return an error
 * status with a template of its own (a form shown again, a link that no
 * longer works), which is rendered with that status.
 */
typedef int (*handler_fn)(struct ctx *c);

/*
 * Serve one request from io (FastCGI, plain CGI or in memory): parse,
 * route, check, run the handler, render, send, log. Frees everything it
 * allocated.
 */
void dispatch(struct app *app, const struct http_io *io);

/*
 * Call after app->plugins was loaded or replaced (start-up, SIGHUP):
 * remakes what the pages keep per process about the job types.
 */
void app_plugins_changed(struct app *app);

/* Answer with a redirect to base_path + path (path starts with '/'). */
int ctx_redirect(struct ctx *c, int status, const char *path);

/*
 * Answer 429 with the time to wait: the dispatcher renders the page and
 * sends Retry-After.
 */
int ctx_too_many(struct ctx *c, int seconds);

/*
 * Answer 503 because the database did not answer (or failed): the
 * dispatcher renders the error page with Lang.Error.Detail.db.
 */
int ctx_db_error(struct ctx *c);

/* The client's address for rate limits ("-" when the server sent none). */
const char *ctx_ip(const struct ctx *c);

/*
 * Set the page's language (Page.Lang): a logged-in user's own, else the
 * one the switch set in the kaaj_lang cookie, else the best of
 * Accept-Language, else the site's default (which the page has already).
 * Reads only what the request and the session hold (the API has neither
 * cookies nor a session, so its answers follow Accept-Language): no
 * query, no allocation unless the language is not the default.
 */
void router_choose_lang(struct ctx *c, const struct http_io *io);

#endif
