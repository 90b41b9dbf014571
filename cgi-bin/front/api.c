/*
 * The JSON API's side of the dispatcher (api.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/api_keys.h"
#include "accounts/ratelimit.h"
#include "base/json.h"
#include "base/log.h"
#include "front/api.h"
#include "front/form.h"
#include "front/params.h"
#include "storage/db.h"

#define BEARER "Bearer "

int
api_path(const char *path)
{
	return path != NULL && strncmp(path, "/api/", 5) == 0;
}

void
api_json(struct ctx *c)
{
	buf_reset(&c->res->body);
	c->res->content_type = "application/json";
	c->rendered = 1;
}

/*
 * Append ,"errors":[{"field","code","message"}...] for each field the
 * form checks marked wrong (Form.Errors, Form.ErrorCodes).
 */
static void
form_problems(struct ctx *c, struct buf *b)
{
	HDF *e = hdf_get_obj(c->hdf, "Form.Errors");
	char key[128];
	int first = 1;

	buf_puts(b, ",\"errors\":[");
	for (e = e != NULL ? hdf_obj_child(e) : NULL; e != NULL;
	    e = hdf_obj_next(e)) {
		snprintf(key, sizeof(key), "Form.ErrorCodes.%s",
		    hdf_obj_name(e));
		buf_puts(b, first ? "{" : ",{");
		first = 0;
		json_member(b, "field", hdf_obj_name(e));
		buf_puts(b, ",");
		json_member(b, "code", hdf_get_value(c->hdf, key, "invalid"));
		buf_puts(b, ",");
		json_member(b, "message", hdf_obj_value(e));
		buf_puts(b, "}");
	}
	buf_puts(b, "]");
}

/* The first field the form checks marked wrong, or NULL. */
static const char *
first_form_field(struct ctx *c)
{
	HDF *e = hdf_get_obj(c->hdf, "Form.Errors");

	e = e != NULL ? hdf_obj_child(e) : NULL;
	return e != NULL ? hdf_obj_name(e) : NULL;
}

void
api_problem(struct ctx *c, int status, const char *code, const char *field)
{
	char key[96];
	struct buf *b = &c->res->body;
	int form = status == 422 && form_errors(c) > 0;

	buf_reset(b);
	c->res->content_type = "application/problem+json";
	c->rendered = 1;
	if (form && code == NULL)
		code = "invalid";
	if (form && field == NULL)
		field = first_form_field(c);
	if (code == NULL)
		code = status == 404 ? "not_found" : status == 405 ?
		    "method" : status == 413 ? "too_big" : status == 415 ?
		    "media_type" : status >= 500 ? "server" : "bad_request";
	snprintf(key, sizeof(key), "Api.Problem.%s", code);
	buf_puts(b, "{");
	json_member(b, "type", "about:blank");
	buf_puts(b, ",");
	json_member(b, "title", render_lang(c->hdf, key)[0] != '\0' ?
	    render_lang(c->hdf, key) : render_lang(c->hdf,
	    "Api.Problem.bad_request"));
	buf_puts(b, ",");
	json_member_int(b, "status", status);
	buf_puts(b, ",");
	json_member(b, "code", code);
	if (field != NULL) {
		buf_puts(b, ",");
		json_member(b, "field", field);
	}
	if (c->problem_detail != NULL) {
		buf_puts(b, ",");
		json_member(b, "detail", c->problem_detail);
	}
	if (status == 429) {
		buf_puts(b, ",");
		json_member_int(b, "retry_after", c->retry_after);
	}
	if (form)
		form_problems(c, b);
	buf_puts(b, "}\n");
}

/*
 * The key of the request into *key. Returns 0, or the status to answer
 * with and *code the problem.
 */
static int
authenticate(struct ctx *c, const struct http_io *io, struct api_key *key,
    const char **code)
{
	const char *auth = http_getenv(io, "HTTP_AUTHORIZATION");
	int rc;

	if (auth == NULL || auth[0] == '\0') {
		*code = "no_key";
		return 401;
	}
	if (strncmp(auth, BEARER, strlen(BEARER)) != 0) {
		*code = "bad_key";
		return 401;
	}
	if ((rc = api_key_check(c->app->db, auth + strlen(BEARER), key)) ==
	    -1) {
		*code = "db";
		return 503;
	}
	if (rc == 0) {
		*code = "bad_key";
		return 401;
	}
	return 0;
}

/*
 * Count the request against the key's minute: 0, or the status (429
 * with c->retry_after, 503) and *code. Notes when the key was last used,
 * at most once a minute.
 */
static int
take_rate(struct ctx *c, const struct api_key *key, const char **code)
{
	char bucket[48];
	int wait;

	snprintf(bucket, sizeof(bucket), "api:%lld", (long long)key->id);
	wait = ratelimit_take(c->app->db, bucket, c->app->cfg.api_per_minute,
	    1);
	if (wait == -1 || db_exec(c->app->db, NULL, NULL, "UPDATE api_keys"
	    " SET last_used_at = UTC_TIMESTAMP() WHERE id = ?"
	    " AND (last_used_at IS NULL"
	    "  OR last_used_at < UTC_TIMESTAMP() - INTERVAL 1 MINUTE)", "i",
	    key->id) != DB_OK) {
		*code = "db";
		return 503;
	}
	if (wait > 0) {
		c->retry_after = wait;
		*code = "too_many";
		return 429;
	}
	return 0;
}

/*
 * The request's input: the query, and a POST's body, which must be JSON
 * (an object; parse_json_object) when there is one, into c->req->form as
 * a form would come. 0, or the status with *code (and c->error_field,
 * c->problem_detail) set.
 */
static int
read_input(struct ctx *c, const struct http_io *io, const char **code)
{
	const struct kaaj_config *cfg = &c->app->cfg;
	struct param_limits lim = { cfg->max_fields, cfg->max_field_length,
	    cfg->max_files, cfg->max_cookies };
	struct param_json_error je;
	enum parse_result pr;
	const char *why = NULL;
	char *body;
	int status;

	pr = parse_urlencoded(c->req->query_string,
	    strlen(c->req->query_string), &lim, &c->req->query, &why);
	if (pr != PARSE_OK) {
		*code = pr == PARSE_TOO_BIG ? "too_big" : "query";
		c->problem_detail = why;
		return (int)pr;
	}
	if (strcmp(c->req->method, "POST") != 0 || !c->req->has_body ||
	    c->req->content_length == 0)
		return 0;
	if (c->req->content_length <= cfg->max_body &&
	    !http_media_type_is(c->req, "application/json")) {
		*code = "media_type";
		return 415;
	}
	if ((status = http_read_bytes(io, c->req, cfg->max_body, &body,
	    &why)) != 0) {
		*code = status == 413 ? "too_big" : "bad_request";
		c->problem_detail = why;
		return status;
	}
	pr = parse_json_object(body, c->req->content_length, &lim,
	    &c->req->form, &je);
	free(body);
	if (pr == PARSE_OK)
		return 0;
	*code = je.code;
	snprintf(c->problem_text, sizeof(c->problem_text), "%s", je.detail);
	if (je.detail[0] != '\0')
		c->problem_detail = c->problem_text;
	snprintf(c->problem_field, sizeof(c->problem_field), "%s", je.field);
	if (je.field[0] != '\0')
		c->error_field = c->problem_field;
	return pr == PARSE_NOMEM ? 500 : (int)pr;
}

int
api_run(struct ctx *c, const struct http_io *io, const struct route *r)
{
	unsigned int need = ROUTE_API_SCOPES(r->flags);
	const char *code = NULL;
	struct api_key key;
	char rate[16];
	int status;

	router_choose_lang(c, io);
	memset(&key, 0, sizeof(key));
	if (r->flags & API_NO_KEY)
		status = 0;
	else if ((status = authenticate(c, io, &key, &code)) == 0) {
		log_info(c->req->rid, "api key %lld \"%s\" of %s",
		    (long long)key.id, key.name, key.username);
		if ((key.scopes & need) != need)
			status = 403, code = "scope";
		else
			status = take_rate(c, &key, &code);
	}
	if (status == 401)
		response_header(c->res, "WWW-Authenticate",
		    "Bearer realm=\"kaaj\"");
	if (status == 429) {
		snprintf(rate, sizeof(rate), "%d", c->retry_after);
		response_header(c->res, "Retry-After", rate);
	}
	if (status == 0)
		status = read_input(c, io, &code);
	if (status != 0) {
		api_problem(c, status, code, c->error_field);
		return status;
	}
	c->idempotency_key = http_getenv(io, "HTTP_IDEMPOTENCY_KEY");
	c->session.user_id = key.user_id;
	snprintf(c->session.username, sizeof(c->session.username), "%s",
	    key.username);
	c->api_scopes = key.scopes;
	status = r->handler(c);
	if (status >= 400)
		api_problem(c, status, c->error_detail, c->error_field);
	return status;
}
