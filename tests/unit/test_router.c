/*
 * The dispatcher without a server: requests held in memory (an
 * environment as FastCGI passes it, and a body) go through dispatch(), and
 * the answer is checked as the web server would get it: status, headers,
 * body.
 *
 * No case here reaches the database: the app's handle points at a socket
 * that does not exist, and every answer checks that no statement was
 * tried (db_error() stays empty). What needs a logged-in session (an
 * admin's page opened by a user who is not one, a right CSRF token) needs
 * the database, and is in the integration suite.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "storage/db.h"
#include "front/router.h"
#include "front/routes.h"

#define KEY "4f1c2e9a7b3d5f60112233445566778899aabbccddeeff00123456789abcdef0"

static const char config_text[] =
    "site = {\n"
    "  name = \"kaaj test\";\n"
    "  base_url = \"http://127.0.0.1:8080\";\n"
    "  secret_key = \"" KEY "\";\n"
    "};\n"
    "paths = {\n"
    "  templates = \"" SRCDIR "/templates\";\n"
    "  plugins = \"/nonexistent/plugins\";\n"
    "  uploads = \"/nonexistent/uploads\";\n"
    "  sql = \"/nonexistent/sql\";\n"
    "};\n"
    "database = { socket = \"/nonexistent/kaaj-test.sock\"; };\n"
    "limits = { max_body = 4096; };\n";

static struct app app;
static HDF *lang;	/* the English strings, to find them in answers */

/* The answer to one request, as the web server would read it. */
struct answer {
	struct buf raw;		/* everything dispatch() wrote */
	int status;
	char *head;		/* the header lines, each ending in "\r\n" */
	const char *body;	/* points into raw */
	size_t body_len;
};

/* Build the app once, for every case. */
static void
setup(void)
{
	char path[] = "/tmp/kaaj-router-XXXXXX", err[1024];
	NEOERR *nerr;
	FILE *f;
	int fd;

	ck_assert_int_ge(sodium_init(), 0);
	nerr = nerr_init();
	nerr_ignore(&nerr);
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	fputs(config_text, f);
	fclose(f);
	memset(&app, 0, sizeof(app));
	ck_assert_msg(config_load(path, &app.cfg, err, sizeof(err)) == 0,
	    "%s", err);
	unlink(path);
	ck_assert_msg(render_env_init(&app.render, app.cfg.template_dir,
	    app.cfg.default_language, err, sizeof(err)) == 0, "%s", err);
	app.db = db_new(&app.cfg);
	ck_assert_ptr_nonnull(app.db);
	lang = render_page_new(&app.render, "en");
	ck_assert_ptr_nonnull(lang);
}

/* Before each case: the site at the root of its host. */
static void
at_root(void)
{
	app.base_path[0] = '\0';
}

static void
teardown(void)
{
	hdf_destroy(&lang);
	db_free(app.db);
	render_env_free(&app.render);
	config_free(&app.cfg);
}

/* Non-zero when a's head has the line "name: value" (value exact). */
static int
has_header(const struct answer *a, const char *line)
{
	char want[1024];

	snprintf(want, sizeof(want), "\r\n%s\r\n", line);
	return strstr(a->head, want) != NULL;
}

/* Non-zero when a's head has a header line starting with prefix. */
static int
has_header_prefix(const struct answer *a, const char *prefix)
{
	char want[1024];

	snprintf(want, sizeof(want), "\r\n%s", prefix);
	return strstr(a->head, want) != NULL;
}

/* Split a->raw into status, head and body, and check what every answer has. */
static void
parse_answer(struct answer *a, int head_only)
{
	static const char *const security[] = {
		"Content-Security-Policy: default-src 'self';",
		"X-Frame-Options: DENY",
		"X-Content-Type-Options: nosniff",
		"Referrer-Policy: same-origin",
		"Cache-Control: no-cache, private",
	};
	const char *end;
	char line[64];
	size_t i, head_len;

	ck_assert_ptr_nonnull(a->raw.data);
	ck_assert_int_eq(sscanf(a->raw.data, "Status: %d ", &a->status), 1);
	end = strstr(a->raw.data, "\r\n\r\n");
	ck_assert_ptr_nonnull(end);
	head_len = (size_t)(end - a->raw.data) + 2;
	a->head = strndup(a->raw.data, head_len);
	ck_assert_ptr_nonnull(a->head);
	a->body = end + 4;
	a->body_len = a->raw.len - (size_t)(a->body - a->raw.data);
	for (i = 0; i < sizeof(security) / sizeof(security[0]); i++)
		ck_assert_msg(has_header_prefix(a, security[i]),
		    "answer %d lacks \"%s\":\n%s", a->status, security[i],
		    a->head);
	if (!head_only) {
		snprintf(line, sizeof(line), "Content-Length: %zu",
		    a->body_len);
		ck_assert_msg(has_header(a, line), "%s in\n%s", line, a->head);
	}
	ck_assert_msg(db_error(app.db)[0] == '\0',
	    "the request reached the database: %s", db_error(app.db));
}

/*
 * Serve one request: body (NULL for none) and the environment, "NAME=value"
 * strings ending with NULL. A body gets a CONTENT_LENGTH of its length
 * unless env has one.
 */
static void
serve_env(struct answer *a, const char *body, const char *const *env)
{
	char *envp[32], length[64];
	struct http_io io;
	const char *method = "";
	size_t n;
	int has_length = 0;

	for (n = 0; env[n] != NULL; n++) {
		ck_assert_uint_lt(n, sizeof(envp) / sizeof(envp[0]) - 2);
		envp[n] = (char *)env[n];
		has_length |= strncmp(env[n], "CONTENT_LENGTH=", 15) == 0;
		if (strncmp(env[n], "REQUEST_METHOD=", 15) == 0)
			method = env[n] + 15;
	}
	if (body != NULL && !has_length) {
		snprintf(length, sizeof(length), "CONTENT_LENGTH=%zu",
		    strlen(body));
		envp[n++] = length;
	}
	envp[n] = NULL;
	memset(a, 0, sizeof(*a));
	memset(&io, 0, sizeof(io));
	io.envp = envp;
	io.body = body;
	io.body_len = body != NULL ? strlen(body) : 0;
	io.answer = &a->raw;
	dispatch(&app, &io);
	parse_answer(a, strcmp(method, "HEAD") == 0);
}

/* serve_env() with the environment strings as arguments. */
#define SERVE(a, body, ...) \
	serve_env((a), (body), (const char *const []){ __VA_ARGS__, NULL })

static void
answer_free(struct answer *a)
{
	free(a->head);
	buf_free(&a->raw);
}

/* Non-zero when a's body holds text. */
static int
body_has(const struct answer *a, const char *text)
{
	return a->body_len > 0 && strstr(a->body, text) != NULL;
}

/*
 * Check that a is the error page for status: the title for the status in
 * the heading, and the text of Lang.Error.Detail.<detail> unless NULL.
 */
static void
expect_error_page(const struct answer *a, int status, const char *detail)
{
	char key[64], heading[256];

	ck_assert_int_eq(a->status, status);
	ck_assert(has_header(a, "Content-Type: text/html; charset=utf-8"));
	snprintf(key, sizeof(key), "Error.%d.Title", status);
	ck_assert_str_ne(render_lang(lang, key), "");
	snprintf(heading, sizeof(heading), "<h1>%s</h1>",
	    render_lang(lang, key));
	ck_assert_msg(body_has(a, heading), "no %s in\n%.*s", heading,
	    (int)a->body_len, a->body);
	if (detail != NULL) {
		snprintf(key, sizeof(key), "Error.Detail.%s", detail);
		ck_assert_str_ne(render_lang(lang, key), "");
		ck_assert_msg(body_has(a, render_lang(lang, key)),
		    "no detail %s in\n%.*s", detail, (int)a->body_len, a->body);
	}
}

/* Check that a is a 303 to location. */
static void
expect_redirect(const struct answer *a, const char *location)
{
	char line[512];

	ck_assert_int_eq(a->status, 303);
	snprintf(line, sizeof(line), "Location: %s", location);
	ck_assert_msg(has_header(a, line), "no %s in\n%s", line, a->head);
}

#define GET "REQUEST_METHOD=GET"
#define POST "REQUEST_METHOD=POST"
#define FORM "CONTENT_TYPE=application/x-www-form-urlencoded"

/* Requests answered with the error page. */
static const struct {
	const char *env[6];	/* "NAME=value" strings; the rest NULL */
	const char *body;	/* NULL: none */
	int status;
	const char *detail;	/* the page shows Lang.Error.Detail.<detail> */
} error_cases[] = {
	/* No such page; the path comes from DOCUMENT_URI too (nginx). */
	{ { GET, "PATH_INFO=/no/such/page" }, NULL, 404, NULL },
	{ { GET, "DOCUMENT_URI=/nope" }, NULL, 404, NULL },
	/* Over limits.max_body: 413 before the body is read (read, this
	 * one would be short of its length: 400). */
	{ { POST, "PATH_INFO=/login", FORM, "CONTENT_LENGTH=4097" },
	    "csrf=x", 413, NULL },
	/* Bodies in a form this site does not read. */
	{ { POST, "PATH_INFO=/login", "CONTENT_TYPE=text/plain" }, "csrf=x",
	    415, NULL },
	{ { POST, "PATH_INFO=/login" }, "csrf=x", 415, NULL },
	/* Input the router cannot read: 400, before any flag is checked. */
	{ { POST, "PATH_INFO=/login", FORM }, "csrf=%zz", 400, NULL },
	{ { POST, "PATH_INFO=/login", FORM, "CONTENT_LENGTH=60" }, "csrf=x",
	    400, NULL },
	{ { POST, "PATH_INFO=/login", FORM, "CONTENT_LENGTH=6x" }, "csrf=x",
	    400, NULL },
	{ { POST, "PATH_INFO=/login", "CONTENT_TYPE=multipart/form-data" },
	    "csrf=x", 400, NULL },
	{ { GET, "PATH_INFO=/settings", "QUERY_STRING=a=%zz" }, NULL, 400,
	    NULL },
	{ { "PATH_INFO=/" }, NULL, 400, NULL },
	{ { GET, "PATH_INFO=/terms",
	    "HTTP_COOKIE=theme=dark; kaaj_session=not-a-token" }, NULL, 400,
	    "bad_session_cookie" },
	/* A visitor posting a logged-in user's form: login before CSRF. */
	{ { POST, "PATH_INFO=/logout", FORM }, "x=1", 403, "login" },
	{ { POST, "PATH_INFO=/admin/deposits/confirm" }, NULL, 403,
	    "login" },
	/* A form without its csrf field, urlencoded or multipart. */
	{ { POST, "PATH_INFO=/login", FORM }, "login=amy", 403, "csrf" },
	{ { POST, "PATH_INFO=/register",
	    "CONTENT_TYPE=multipart/form-data; boundary=b" },
	    "--b\r\nContent-Disposition: form-data; name=\"login\"\r\n\r\n"
	    "amy\r\n--b--\r\n", 403, "csrf" },
};

START_TEST(test_error_page)
{
	struct answer a;

	serve_env(&a, error_cases[_i].body, error_cases[_i].env);
	expect_error_page(&a, error_cases[_i].status, error_cases[_i].detail);
	answer_free(&a);
}
END_TEST

/* Paths that end in an id: what matches the route, what is 404 or 400. */
static const struct {
	const char *path;
	int status;
} id_paths[] = {
	{ "/receipts/12", 303 },		/* matched: log in first */
	{ "/receipts/123456789012345678", 303 },	/* 18 digits */
	{ "/receipts/1234567890123456789", 404 },	/* 19 digits */
	{ "/receipts/0", 404 },
	{ "/receipts/012", 404 },
	{ "/receipts/12x", 404 },
	{ "/receipts/-1", 404 },
	{ "/receipts/", 404 },
	{ "/receipts/1/", 404 },
	{ "receipts/12", 400 },			/* not a path */
	{ "/receipts/1 2", 400 },		/* a space */
	{ "/receipts/1\t", 400 },		/* a control byte */
};

START_TEST(test_id_paths)
{
	char path[128], next[128];
	struct answer a;

	snprintf(path, sizeof(path), "PATH_INFO=%s", id_paths[_i].path);
	SERVE(&a, NULL, GET, path);
	if (id_paths[_i].status == 303) {
		snprintf(next, sizeof(next), "/login?next=%s",
		    id_paths[_i].path);
		expect_redirect(&a, next);
	} else
		expect_error_page(&a, id_paths[_i].status, NULL);
	answer_free(&a);
}
END_TEST

/* An id in the middle of a route's path (route_find). */
static const struct {
	const char *method, *path;
	int status;		/* 0: found */
	int64_t id;
	const char *pattern;	/* of the route found */
} mid_ids[] = {
	{ "GET", "/api/v1/campaigns/12/submissions", 0, 12,
	    "/api/v1/campaigns/#/submissions" },
	{ "POST", "/api/v1/campaigns/5/pause", 0, 5,
	    "/api/v1/campaigns/#/pause" },
	{ "GET", "/api/v1/campaigns/7", 0, 7, "/api/v1/campaigns/#" },
	{ "POST", "/api/v1/submissions/rate", 0, 0,
	    "/api/v1/submissions/rate" },
	{ "POST", "/api/v1/submissions/9/rate", 0, 9,
	    "/api/v1/submissions/#/rate" },
	{ "GET", "/api/v1/campaigns/5/pause", 405, 0, NULL },
	{ "GET", "/api/v1/campaigns/012/submissions", 404, 0, NULL },
	{ "GET", "/api/v1/campaigns/0/submissions", 404, 0, NULL },
	{ "GET", "/api/v1/campaigns//submissions", 404, 0, NULL },
	{ "GET", "/api/v1/campaigns/12/submissionsx", 404, 0, NULL },
	{ "GET", "/api/v1/campaigns/12/", 404, 0, NULL },
	{ "GET", "/api/v1/campaigns/1234567890123456789/submissions", 404,
	    0, NULL },
	{ "GET", "/api/v1/campaigns/123456789012345678/submissions", 0,
	    123456789012345678LL, "/api/v1/campaigns/#/submissions" },
};

START_TEST(test_mid_ids)
{
	char allow[64];
	int64_t id = 0;
	int status = 0;
	const struct route *r;

	r = route_find(mid_ids[_i].method, mid_ids[_i].path, &id, &status,
	    allow, sizeof(allow));
	if (mid_ids[_i].status == 0) {
		ck_assert_msg(r != NULL, "%s not found", mid_ids[_i].path);
		ck_assert_str_eq(r->pattern, mid_ids[_i].pattern);
		ck_assert_int_eq(id, mid_ids[_i].id);
	} else {
		ck_assert_msg(r == NULL, "%s found", mid_ids[_i].path);
		ck_assert_int_eq(status, mid_ids[_i].status);
	}
}
END_TEST

/* A method the path does not take: 405 and the methods it does take. */
static const struct {
	const char *method, *path, *allow;
} wrong_methods[] = {
	{ "GET", "/logout", "POST" },
	{ "HEAD", "/logout", "POST" },
	{ "POST", "/terms", "GET, HEAD" },
	{ "POST", "/jobs/7", "GET, HEAD" },
	{ "PUT", "/login", "GET, HEAD, POST" },
	{ "DELETE", "/", "GET, HEAD" },
};

START_TEST(test_wrong_method)
{
	char method[64], path[128], allow[128];
	struct answer a;

	snprintf(method, sizeof(method), "REQUEST_METHOD=%s",
	    wrong_methods[_i].method);
	snprintf(path, sizeof(path), "PATH_INFO=%s", wrong_methods[_i].path);
	snprintf(allow, sizeof(allow), "Allow: %s", wrong_methods[_i].allow);
	SERVE(&a, NULL, method, path);
	if (strcmp(wrong_methods[_i].method, "HEAD") == 0) {
		ck_assert_int_eq(a.status, 405);
		ck_assert_uint_eq(a.body_len, 0);
	} else
		expect_error_page(&a, 405, NULL);
	ck_assert_msg(has_header(&a, allow), "no %s in\n%s", allow, a.head);
	answer_free(&a);
}
END_TEST

/* HEAD is served wherever GET is: the same answer without its body. */
START_TEST(test_head_like_get)
{
	struct answer get, head;
	char line[64];

	SERVE(&get, NULL, GET, "PATH_INFO=/terms");
	SERVE(&head, NULL, "REQUEST_METHOD=HEAD", "PATH_INFO=/terms");
	ck_assert_int_eq(get.status, 200);
	ck_assert_int_eq(head.status, 200);
	ck_assert_uint_gt(get.body_len, 0);
	ck_assert_uint_eq(head.body_len, 0);
	snprintf(line, sizeof(line), "Content-Length: %zu", get.body_len);
	ck_assert_msg(has_header(&head, line), "no %s in\n%s", line,
	    head.head);
	answer_free(&get);
	answer_free(&head);
	/* A logged-in page sends a visitor to log in, for HEAD as for GET. */
	SERVE(&head, NULL, "REQUEST_METHOD=HEAD", "PATH_INFO=/settings");
	expect_redirect(&head, "/login?next=/settings");
	answer_free(&head);
}
END_TEST

/* A damaged session cookie is cleared; other programs' are skipped. */
START_TEST(test_cookies)
{
	struct answer a;

	SERVE(&a, NULL, GET, "PATH_INFO=/terms",
	    "HTTP_COOKIE=kaaj_session=0123456789ABCDEF0123456789ABCDEF");
	expect_error_page(&a, 400, "bad_session_cookie");
	ck_assert_msg(has_header(&a, "Set-Cookie: kaaj_session=; Path=/; "
	    "Max-Age=0; HttpOnly; SameSite=Lax"), "%s", a.head);
	answer_free(&a);
	SERVE(&a, NULL, GET, "PATH_INFO=/terms",
	    "HTTP_COOKIE=a b=1; =2; \"c\"; d=\"open; e=\x01");
	ck_assert_int_eq(a.status, 200);
	answer_free(&a);
}
END_TEST

/* A visitor on a page that needs login: log in first, then come back. */
START_TEST(test_login_first)
{
	struct answer a;

	SERVE(&a, NULL, GET, "PATH_INFO=/settings");
	expect_redirect(&a, "/login?next=/settings");
	answer_free(&a);
	/* An admin's page: login comes before the admin check. */
	SERVE(&a, NULL, GET, "PATH_INFO=/admin/deposits");
	expect_redirect(&a, "/login?next=/admin/deposits");
	answer_free(&a);
	/* The site's base path is taken off, and put back in redirects. */
	snprintf(app.base_path, sizeof(app.base_path), "/kaaj");
	SERVE(&a, NULL, GET, "PATH_INFO=/kaaj/settings");
	expect_redirect(&a, "/kaaj/login?next=/settings");
	answer_free(&a);
}
END_TEST

/* A csrf field made for another visitor's cookie: 403 csrf. */
START_TEST(test_csrf_of_another)
{
	char mine[SESSION_TOKEN_LEN + 1], other[SESSION_TOKEN_LEN + 1];
	char cookie[128], body[128], token[CSRF_TOKEN_LEN + 1];
	struct answer a;

	/* The login page gives a visitor the cookie the token comes from. */
	SERVE(&a, NULL, GET, "PATH_INFO=/login");
	ck_assert_int_eq(a.status, 200);
	ck_assert(has_header_prefix(&a, "Set-Cookie: " CSRF_COOKIE "="));
	answer_free(&a);
	session_random_token(mine);
	session_random_token(other);
	session_csrf(&app.cfg, other, token);
	snprintf(cookie, sizeof(cookie), "HTTP_COOKIE=" CSRF_COOKIE "=%s",
	    mine);
	snprintf(body, sizeof(body), "login=amy&csrf=%s", token);
	SERVE(&a, body, POST, "PATH_INFO=/login", FORM, cookie);
	expect_error_page(&a, 403, "csrf");
	answer_free(&a);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("router");
	TCase *tc = tcase_create("dispatch");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_add_checked_fixture(tc, at_root, NULL);
	tcase_add_loop_test(tc, test_error_page, 0,
	    (int)(sizeof(error_cases) / sizeof(error_cases[0])));
	tcase_add_loop_test(tc, test_mid_ids, 0,
	    (int)(sizeof(mid_ids) / sizeof(mid_ids[0])));
	tcase_add_loop_test(tc, test_id_paths, 0,
	    (int)(sizeof(id_paths) / sizeof(id_paths[0])));
	tcase_add_loop_test(tc, test_wrong_method, 0,
	    (int)(sizeof(wrong_methods) / sizeof(wrong_methods[0])));
	tcase_add_test(tc, test_head_like_get);
	tcase_add_test(tc, test_cookies);
	tcase_add_test(tc, test_login_first);
	tcase_add_test(tc, test_csrf_of_another);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	/* A fork per case costs more than the cases; CK_FORK=yes forks. */
	if (getenv("CK_FORK") == NULL)
		srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
