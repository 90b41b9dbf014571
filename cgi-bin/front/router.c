/*
 * The dispatcher: serves one request through the route table (routes.c).
 * It reads the input, finds the route, checks its flags (login, admin,
 * CSRF) before the handler runs, renders the page or the error page for
 * the status, sends the answer and logs one line. Also the ctx_ helpers
 * handlers answer with.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "storage/db.h"
#include "accounts/audit.h"
#include "base/lang.h"
#include "base/log.h"
#include "base/plugin_text.h"
#include "accounts/notify.h"
#include "front/api.h"
#include "front/router.h"
#include "pages/pages.h"
#include "front/routes.h"

int
ctx_too_many(struct ctx *c, int seconds)
{
	c->retry_after = seconds > 0 ? seconds : 1;
	c->error_detail = "too_many";
	return 429;
}

int
ctx_db_error(struct ctx *c)
{
	c->error_detail = "db";
	return 503;
}

const char *
ctx_ip(const struct ctx *c)
{
	return c->req->remote_addr != NULL && c->req->remote_addr[0] != '\0' ?
	    c->req->remote_addr : "-";
}

int
ctx_redirect(struct ctx *c, int status, const char *path)
{
	char loc[1024];

	snprintf(loc, sizeof(loc), "%s%s", c->app->base_path, path);
	response_header(c->res, "Location", loc);
	c->template = NULL;
	return status;
}

/* Put what every page shows (site, user, paths) into the page data. */
/*
 * The zone the request's times show in: the user's choice, else their
 * country's usual zone, else the site's.
 */
static const char *
page_zone(const struct ctx *c)
{
	const char *zone;

	if (c->session.user_id == 0)
		return c->app->cfg.time_zone;
	if (c->session.time_zone[0] != '\0')
		return c->session.time_zone;
	zone = tz_of_country(&c->app->zones, c->session.country);
	return zone != NULL ? zone : c->app->cfg.time_zone;
}

static void
fill_common(struct ctx *c)
{
	const struct kaaj_config *cfg = &c->app->cfg;
	const char *notice, *zone;
	char key[64];

	if (c->filled)
		return;
	c->filled = 1;
	render_set(c->hdf, "Site.Name", cfg->site_name);
	render_set(c->hdf, "Site.Base", c->app->base_path);
	render_set(c->hdf, "Site.Currency", cfg->currency);
	if (cfg->referral_ppm > 0)	/* the menu's link to /referrals */
		render_set(c->hdf, "Site.Referrals", "1");
	render_set(c->hdf, "Page.Path", c->req->path != NULL ? c->req->path :
	    "");
	/* For the language switch, which comes back to this very page. */
	if (c->req->query_string != NULL && c->req->query_string[0] != '\0')
		render_set(c->hdf, "Page.Query", c->req->query_string);
	if (c->session.user_id != 0) {
		render_setf(c->hdf, "User.Id", "%lld",
		    (long long)c->session.user_id);
		render_set(c->hdf, "User.Name", c->session.username);
		render_setf(c->hdf, "User.IsAdmin", "%d", c->session.is_admin);
	}
	render_set(c->hdf, "Page.Csrf", c->csrf);
	zone = page_zone(c);
	tz_use(zone);
	render_set(c->hdf, "Page.TimeZone", zone);
	/* A notice named in the query after a redirect ("?notice=saved"). */
	notice = param_get(&c->req->query, "notice");
	if (notice != NULL && notice[0] != '\0' && strlen(notice) <= 32 &&
	    strspn(notice, "abcdefghijklmnopqrstuvwxyz_") == strlen(notice)) {
		snprintf(key, sizeof(key), "Notice.%s", notice);
		render_set(c->hdf, "Page.Notice", render_lang(c->hdf, key));
	}
}

/*
 * Parse the query string and the cookies and load the session. Returns 0
 * or an error status with *why set.
 */
static int
read_input(struct ctx *c, const struct http_io *io,
    const struct param_limits *lim, const char **why)
{
	const char *cookie, *tok;
	enum parse_result pr;

	pr = parse_urlencoded(c->req->query_string,
	    strlen(c->req->query_string), lim, &c->req->query, why);
	if (pr != PARSE_OK)
		return (int)pr;
	cookie = http_getenv(io, "HTTP_COOKIE");
	if (cookie != NULL) {
		pr = parse_cookies(cookie, lim, &c->req->cookies, why);
		if (pr != PARSE_OK)
			return (int)pr;
	}
	tok = param_get(&c->req->cookies, SESSION_COOKIE);
	if (tok == NULL)
		return 0;
	if (!session_token_valid(tok)) {
		/* Forget the damaged cookie so the next request works. */
		response_header(c->res, "Set-Cookie", SESSION_COOKIE
		    "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
		*why = "bad_session_cookie";
		return 400;
	}
	if (session_load(c->app->db, &c->app->cfg, tok, &c->session) == -1) {
		*why = "db";	/* Lang.Error.Detail.db, as ctx_db_error() */
		return 503;
	}
	return 0;
}

/*
 * Work out the CSRF token forms must carry: from the session, or before
 * login from the kaaj_csrf cookie, set here when missing or damaged.
 */
static void
set_csrf(struct ctx *c)
{
	char fresh[SESSION_TOKEN_LEN + 1], cookie[200];
	const char *basis;

	if (c->session.user_id != 0) {
		memcpy(c->csrf, c->session.csrf, sizeof(c->csrf));
		return;
	}
	basis = param_get(&c->req->cookies, CSRF_COOKIE);
	if (basis == NULL || !session_token_valid(basis)) {
		session_random_token(fresh);
		snprintf(cookie, sizeof(cookie), CSRF_COOKIE "=%s; Path=/;"
		    " HttpOnly; SameSite=Lax%s", fresh,
		    c->req->https ? "; Secure" : "");
		response_header(c->res, "Set-Cookie", cookie);
		basis = fresh;
	}
	session_csrf(&c->app->cfg, basis, c->csrf);
}

void
router_choose_lang(struct ctx *c, const struct http_io *io)
{
	const struct render_env *env = &c->app->render;
	const char *cookie;
	int i = -1;

	if (c->session.user_id != 0)
		i = render_lang_find(env, c->session.language);
	if (i < 0 && (cookie = param_get(&c->req->cookies, LANG_COOKIE)) !=
	    NULL)
		i = render_lang_find(env, cookie);
	if (i < 0)
		i = lang_accept_best(http_getenv(io, "HTTP_ACCEPT_LANGUAGE"),
		    (const char *const *)env->lang_names, env->nlangs);
	if (i > 0)
		render_set(c->hdf, "Page.Lang", env->lang_names[i]);
}

/*
 * The language of the error page for a path or method no route serves:
 * the kaaj_lang cookie's, else Accept-Language's. The session is not
 * looked up (no query for a mistyped address). parse_cookies fails only
 * when out of memory, and then the cookies read so far serve.
 */
static void
lang_without_route(struct ctx *c, const struct http_io *io,
    const struct param_limits *lim)
{
	const char *cookie, *why;

	if ((cookie = http_getenv(io, "HTTP_COOKIE")) != NULL)
		(void)parse_cookies(cookie, lim, &c->req->cookies, &why);
	router_choose_lang(c, io);
}

/* Check the route's flags; 0 when the handler may run. */
static int
check_flags(struct ctx *c, const struct route *r, const char **why)
{
	if ((r->flags & (NEED_LOGIN | NEED_ADMIN)) && c->session.user_id == 0) {
		/* A page asked for by a visitor: log in, then come back. */
		if (strcmp(r->method, "GET") == 0 && c->req->path[0] == '/' &&
		    strlen(c->req->path) < 200) {
			char to[256];

			snprintf(to, sizeof(to), "/login?next=%s",
			    c->req->path);
			return ctx_redirect(c, 303, to);
		}
		*why = "login";
		return 403;
	}
	if ((r->flags & NEED_ADMIN) && !c->session.is_admin) {
		*why = "admin";
		return 403;
	}
	if ((r->flags & NEED_CSRF) &&
	    !session_csrf_ok(c->csrf, param_get(&c->req->form, "csrf"))) {
		*why = "csrf";
		return 403;
	}
	return 0;
}

/*
 * The header's count of unread notifications into *n. A GET changes no
 * notifications (the one page that marks them read sets User.Unread
 * itself), so the count read with the session stands; after a POST,
 * which may have told the viewer something, it is asked again. 0, or -1
 * on a database error.
 */
static int
unread_count(struct ctx *c, int64_t *n)
{
	if (c->req->method != NULL && (strcmp(c->req->method, "GET") == 0 ||
	    strcmp(c->req->method, "HEAD") == 0)) {
		*n = c->session.unread;
		return 0;
	}
	return notify_unread_count(c->app->db, c->session.user_id, n) ==
	    DB_OK ? 0 : -1;
}

/*
 * Render template into c->res with the header's count of unread
 * notifications, unless the handler set it. Returns 0, or -1 with the
 * reason in err.
 */
static int
render_template(struct ctx *c, const char *template, char *err,
    size_t errlen)
{
	int64_t unread;

	if (c->session.user_id != 0 &&
	    hdf_get_obj(c->hdf, "User.Unread") == NULL &&
	    unread_count(c, &unread) == 0)
		render_setf(c->hdf, "User.Unread", "%lld", (long long)unread);
	return render_page(&c->app->render, c->hdf, template, &c->res->body,
	    err, errlen);
}

/*
 * Render the error page for status into c->res. detail is a key under
 * Lang.Error.Detail, shown in the user's language; any other detail (the
 * parsers' technical reasons, in English) goes to the log only, and the
 * page says what its status's text says.
 */
static void
render_error(struct ctx *c, int status, const char *detail)
{
	char key[64], err[512];
	const char *text;

	c->res->status = status;
	buf_reset(&c->res->body);
	fill_common(c);
	render_setf(c->hdf, "Error.Status", "%d", status);
	snprintf(key, sizeof(key), "Error.%d.Title", status);
	text = render_lang(c->hdf, key);
	if (*text == '\0')
		text = render_lang(c->hdf, status >= 500 ? "Error.500.Title" :
		    "Error.400.Title");
	render_set(c->hdf, "Error.Title", text);
	snprintf(key, sizeof(key), "Error.%d.Text", status);
	render_set(c->hdf, "Error.Text", render_lang(c->hdf, key));
	if (status == 429) {
		snprintf(key, sizeof(key), "%d", c->retry_after);
		response_header(c->res, "Retry-After", key);
		render_setf(c->hdf, "Error.WaitMinutes", "%d",
		    (c->retry_after + 59) / 60);
	}
	if (detail != NULL) {
		snprintf(key, sizeof(key), "Error.Detail.%s", detail);
		text = render_lang(c->hdf, key);
		if (*text != '\0')
			render_set(c->hdf, "Error.Detail", text);
		else if (status < 500)	/* 5xx reasons are logged by the caller */
			log_info(c->req->rid, "%d: %s", status, detail);
	}
	if (render_template(c, "error.cs", err, sizeof(err)) == -1) {
		log_err(c->req->rid, "render error.cs: %s", err);
		buf_reset(&c->res->body);
		c->res->content_type = "text/plain; charset=utf-8";
		buf_printf(&c->res->body, "%d %s\n", status,
		    http_reason(status));
	}
}

/*
 * Under nginx the path still holds the site's base path (/kaaj/jobs/1 for
 * base_url http://host/kaaj); take it off in place.
 */
static void
strip_base_path(char *path, const char *base)
{
	size_t n = strlen(base);

	if (n == 0 || strncmp(path, base, n) != 0)
		return;
	if (path[n] == '\0')
		strcpy(path, "/");
	else if (path[n] == '/')
		memmove(path, path + n, strlen(path + n) + 1);
}

/*
 * Run the route's handler; for an admin, named on the db handle as the
 * actor of whatever the audit log records (accounts/audit.h) until the
 * handler returns. No query: the session already has the name.
 */
static int
run_handler(struct ctx *c, const struct route *r)
{
	struct audit_actor actor;
	int status;

	if (!c->session.is_admin)
		return r->handler(c);
	actor.user_id = c->session.user_id;
	actor.via = "web";
	actor.address = c->req->remote_addr != NULL ? c->req->remote_addr :
	    "";
	snprintf(actor.name, sizeof(actor.name), "%s", c->session.username);
	db_set_actor(c->app->db, &actor);
	status = r->handler(c);
	db_set_actor(c->app->db, NULL);
	return status;
}

/* Route, check and run the handler; returns the status to answer with. */
static int
run(struct ctx *c, const struct http_io *io, const char **why)
{
	const struct kaaj_config *cfg = &c->app->cfg;
	struct param_limits lim = { cfg->max_fields, cfg->max_field_length,
	    cfg->max_files, cfg->max_cookies };
	const struct route *r;
	char allow[64], err[512];
	int status;

	if ((status = http_read_head(io, c->req, why)) != 0)
		return status;
	strip_base_path(c->req->path, c->app->base_path);
	r = route_find(c->req->method, c->req->path, &c->path_id, &status,
	    allow, sizeof(allow));
	if (r == NULL) {
		if (status == 405)
			response_header(c->res, "Allow", allow);
		lang_without_route(c, io, &lim);
		if (api_path(c->req->path)) {
			api_problem(c, status, NULL, NULL);
			return status;
		}
		*why = NULL;
		return status;
	}
	if (r->flags & API)
		return api_run(c, io, r);
	/* Only POST carries a form; any other body is not read at all. */
	if (strcmp(r->method, "POST") == 0 && (status = http_read_body(io,
	    c->req, &lim, cfg->max_body, why)) != 0)
		return status;
	if ((status = read_input(c, io, &lim, why)) != 0)
		return status;
	set_csrf(c);
	router_choose_lang(c, io);
	fill_common(c);
	if ((status = check_flags(c, r, why)) != 0)
		return status;
	*why = NULL;
	status = run_handler(c, r);
	if (status >= 400 && c->template == NULL) {
		*why = c->error_detail;
		return status;
	}
	if (c->template != NULL) {
		if (render_template(c, c->template, err, sizeof(err)) == -1) {
			log_err(c->req->rid, "render %s: %s", c->template, err);
			buf_reset(&c->res->body);
			*why = NULL;
			return 500;
		}
		c->rendered = 1;
	}
	return status;
}

/* Milliseconds since start. */
static double
elapsed_ms(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) * 1e3 +
	    (double)(now.tv_nsec - start->tv_nsec) / 1e6;
}

/*
 * Copy s for the log into out: at most outlen - 1 bytes, each control
 * byte or space as '?', so a request cannot forge log lines. "-" for NULL.
 */
static const char *
log_safe(const char *s, char *out, size_t outlen)
{
	size_t i;

	if (s == NULL)
		return "-";
	for (i = 0; s[i] != '\0' && i + 1 < outlen; i++)
		out[i] = (unsigned char)s[i] <= 0x20 || s[i] == 0x7f ? '?' : s[i];
	out[i] = '\0';
	return out;
}

/*
 * A request id for the log: a random start once per process, then a
 * different-looking id for each request without asking the kernel again
 * (splitmix64 over a counter). Process-wide state, never request data.
 */
static void
request_id(char out[17])
{
	static uint64_t next;
	static int seeded;
	unsigned char rnd[8];
	uint64_t z;
	int i;

	if (!seeded) {
		randombytes_buf(&next, sizeof(next));
		seeded = 1;
	}
	z = (next += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	z ^= z >> 31;
	for (i = 0; i < 8; i++)
		rnd[i] = (unsigned char)(z >> (8 * i));
	sodium_bin2hex(out, 17, rnd, sizeof(rnd));
}

void
app_plugins_changed(struct app *app)
{
	if (plugin_texts_build(&app->plugins, &app->render) == -1)
		log_err("-", "out of memory: job types keep their English texts");
	page_board_share(app);
}

void
dispatch(struct app *app, const struct http_io *io)
{
	char method[16], path[256];
	struct request req;
	struct response res;
	struct timespec start;
	const char *why = NULL;
	struct ctx c;
	int status;

	clock_gettime(CLOCK_MONOTONIC, &start);
	memset(&req, 0, sizeof(req));
	memset(&c, 0, sizeof(c));
	request_id(req.rid);
	response_init(&res);
	c.app = app;
	c.req = &req;
	c.res = &res;
	c.hdf = render_page_new(&app->render, app->cfg.default_language);
	if (c.hdf == NULL) {
		status = 500;
		res.content_type = "text/plain; charset=utf-8";
		buf_puts(&res.body, "500 out of memory\n");
	} else {
		status = run(&c, io, &why);
		if (status >= 400 && !c.rendered) {
			if (status >= 500 && why != NULL)
				log_err(req.rid, "%s", why);
			render_error(&c, status, why);
		}
		hdf_destroy(&c.hdf);
	}
	res.status = status;
	http_send(io, &res, req.method != NULL &&
	    strcmp(req.method, "HEAD") == 0);
	log_info(req.rid, "%s %s %d %.2fms", log_safe(req.method, method,
	    sizeof(method)), log_safe(req.path, path, sizeof(path)), status,
	    elapsed_ms(&start));
	response_free(&res);
	http_request_free(&req);
	sodium_memzero(&c.session, sizeof(c.session));
}
