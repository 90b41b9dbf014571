/*
 * Fuzzing target: the whole dispatcher, dispatch() (front/router.c),
 * with a request held in memory, as tests/unit/test_router.c calls it:
 * head, route, body, query, cookies, flags, the page handler, the
 * template and the answer. The site's database does not exist (its
 * socket is a path that is not there): a page that needs it answers 503,
 * and what is fuzzed is everything before.
 *
 * The input is a request as a client sends it:
 *
 *	METHOD TARGET HTTP/1.1		(the line may end in CRLF or LF)
 *	Name: value			(header lines)
 *					(an empty line)
 *	body
 *
 * made into the environment a web server would pass: REQUEST_METHOD;
 * REQUEST_URI, the target; QUERY_STRING, what follows its '?';
 * CONTENT_TYPE and CONTENT_LENGTH from those headers (CONTENT_LENGTH is
 * the body's length when the request has a body and no such header);
 * HTTP_NAME for every other header. A header whose name is capitals and
 * '_' only (PATH_INFO, DOCUMENT_URI, SCRIPT_NAME, HTTPS) is passed as
 * that variable, as a server would set it.
 *
 * Checks: the answer is a status the site uses (500 means something
 * broke), with the security headers, a Content-Length that is the
 * body's, header lines without control characters, and a redirect only
 * to a path of this site.
 */
#define _GNU_SOURCE	/* memfd_create, memmem */
#include <sys/mman.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "storage/db.h"
#include "front/router.h"
#include "fuzz.h"

#define ENV_MAX	64	/* variables of one request */

static const char config_text[] =
    "site = {\n"
    "  base_url = \"http://127.0.0.1:8080\";\n"
    "  secret_key = \"4f1c2e9a7b3d5f60112233445566778899aabbccddeeff00"
    "123456789abcdef0\";\n"
    "};\n"
    "paths = {\n"
    "  templates = \"" SRCDIR "/templates\";\n"
    "  plugins = \"" FUZZ_PLUGIN_DIR "\";\n"
    "  uploads = \"/nonexistent/uploads\";\n"
    "  sql = \"/nonexistent/sql\";\n"
    "};\n"
    "database = { socket = \"/nonexistent/kaaj-fuzz.sock\"; };\n"
    "limits = { max_body = 65536; max_fields = 64; max_cookies = 16; };\n"
    "accounts = { argon2_ops = 1; argon2_mem_kib = 8; };\n";

static struct app app;
static FILE *quiet;	/* where kaaj's log lines go while serving */

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[64], err[1024];
	NEOERR *nerr;
	int fd;

	(void)argc;
	(void)argv;
	if (sodium_init() < 0)
		fuzz_fail("sodium_init failed");
	nerr = nerr_init();
	nerr_ignore(&nerr);
	if ((fd = memfd_create("kaaj.conf", 0)) == -1 ||
	    write(fd, config_text, sizeof(config_text) - 1) !=
	    (ssize_t)sizeof(config_text) - 1)
		fuzz_fail("cannot write the config: %m");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (config_load(path, &app.cfg, err, sizeof(err)) == -1 ||
	    render_env_init(&app.render, app.cfg.template_dir,
	    app.cfg.default_language, err, sizeof(err)) == -1)
		fuzz_fail("%s", err);
	close(fd);
	if (plugin_load_dir(app.cfg.plugin_dir, &app.plugins) <= 0)
		fuzz_fail("no plugin loaded from %s", app.cfg.plugin_dir);
	app_plugins_changed(&app);
	if ((app.db = db_new(&app.cfg)) == NULL)
		fuzz_fail("db_new failed");
	if ((quiet = fopen("/dev/null", "w")) == NULL)
		fuzz_fail("/dev/null: %m");
	return 0;
}

/* A request's environment: "NAME=value" strings it owns. */
struct env {
	char *vars[ENV_MAX + 1];	/* ends with NULL */
	size_t n;
	int has_length;
};

/* Add NAME=value, value being len bytes at v; past ENV_MAX, nothing. */
static void
env_add(struct env *e, const char *name, const char *v, size_t len)
{
	if (e->n == ENV_MAX)
		return;
	if (asprintf(&e->vars[e->n], "%s=%.*s", name, (int)len, v) == -1)
		fuzz_fail("out of memory");
	e->vars[++e->n] = NULL;
}

/* Add the header line [p, end): a CGI variable, or HTTP_NAME. */
static void
env_header(struct env *e, const char *p, const char *end)
{
	const char *colon, *v;
	char name[128];
	size_t n, i;

	if ((colon = memchr(p, ':', (size_t)(end - p))) == NULL ||
	    colon == p || (size_t)(colon - p) > 100)
		return;
	n = (size_t)(colon - p);
	for (v = colon + 1; v < end && (*v == ' ' || *v == '\t'); v++)
		continue;
	if (strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_") >= n) {
		snprintf(name, sizeof(name), "%.*s", (int)n, p);
	} else {
		memcpy(name, "HTTP_", 5);
		for (i = 0; i < n; i++)
			name[5 + i] = p[i] == '-' ? '_' :
			    p[i] >= 'a' && p[i] <= 'z' ? p[i] - 'a' + 'A' : p[i];
		name[5 + n] = '\0';
		if (strcmp(name, "HTTP_CONTENT_TYPE") == 0)
			strcpy(name, "CONTENT_TYPE");
		else if (strcmp(name, "HTTP_CONTENT_LENGTH") == 0)
			strcpy(name, "CONTENT_LENGTH");
	}
	e->has_length |= strcmp(name, "CONTENT_LENGTH") == 0;
	env_add(e, name, v, (size_t)(end - v));
}

/* The end of the line at p (its LF, or end), and where the next starts. */
static const char *
line_end(const char *p, const char *end, const char **next)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	if (nl == NULL) {
		*next = end;
		return end;
	}
	*next = nl + 1;
	return nl > p && nl[-1] == '\r' ? nl - 1 : nl;
}

/*
 * Make e from the request [p, end); *body and *body_len get the body.
 * Returns 0, or -1 when there is no request line.
 */
static int
env_make(struct env *e, const char *p, const char *end, const char **body,
    size_t *body_len)
{
	const char *eol, *next, *sp, *target, *q;

	eol = line_end(p, end, &next);
	if ((sp = memchr(p, ' ', (size_t)(eol - p))) == NULL)
		return -1;
	env_add(e, "REQUEST_METHOD", p, (size_t)(sp - p));
	target = sp + 1;
	if ((sp = memchr(target, ' ', (size_t)(eol - target))) == NULL)
		sp = eol;
	env_add(e, "REQUEST_URI", target, (size_t)(sp - target));
	if ((q = memchr(target, '?', (size_t)(sp - target))) != NULL)
		env_add(e, "QUERY_STRING", q + 1, (size_t)(sp - q - 1));
	for (p = next; p < end; p = next) {
		eol = line_end(p, end, &next);
		if (eol == p)
			break;
		env_header(e, p, eol);
	}
	*body = next;
	*body_len = (size_t)(end - next);
	if (*body_len > 0 && !e->has_length) {
		char length[32];

		snprintf(length, sizeof(length), "%zu", *body_len);
		env_add(e, "CONTENT_LENGTH", length, strlen(length));
	}
	return 0;
}

/* Non-zero when the head has a line starting with prefix. */
static int
has_line(const char *head, const char *prefix)
{
	char want[128];

	snprintf(want, sizeof(want), "\r\n%s", prefix);
	return strstr(head, want) != NULL;
}

/* Check the answer as a web server would read it. */
static void
check_answer(const struct buf *raw, int head_only)
{
	static const char *const security[] = { "Content-Security-Policy: ",
	    "X-Frame-Options: DENY", "X-Content-Type-Options: nosniff",
	    "Referrer-Policy: same-origin", "Cache-Control: no-cache" };
	static const int statuses[] = { 200, 303, 400, 403, 404, 405, 409,
	    410, 413, 415, 429, 503 };
	const char *end, *line, *eol, *loc;
	char *head, length[64];
	size_t i, body_len;
	int status = 0, known = 0;

	FUZZ_CHECK(raw->data != NULL &&
	    sscanf(raw->data, "Status: %d ", &status) == 1);
	for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		known |= status == statuses[i];
	if (!known)
		fuzz_fail("answered with status %d", status);
	FUZZ_CHECK((end = strstr(raw->data, "\r\n\r\n")) != NULL);
	head = strndup(raw->data, (size_t)(end - raw->data) + 2);
	FUZZ_CHECK(head != NULL);
	for (i = 0; i < sizeof(security) / sizeof(security[0]); i++)
		FUZZ_CHECK(has_line(head, security[i]));
	for (line = head; *line != '\0'; line = eol + 2)
		for (eol = strstr(line, "\r\n"); line < eol; line++)
			FUZZ_CHECK((unsigned char)*line >= 0x20 &&
			    *line != 0x7f);
	body_len = raw->len - (size_t)(end + 4 - raw->data);
	snprintf(length, sizeof(length), "\r\nContent-Length: %zu\r\n",
	    body_len);
	if (head_only)
		FUZZ_CHECK(body_len == 0);
	else
		FUZZ_CHECK(strstr(head, length) != NULL);
	if ((loc = strstr(head, "\r\nLocation: ")) != NULL) {
		loc += 12;
		FUZZ_CHECK(loc[0] == '/' && loc[1] != '/' && loc[1] != '\\');
	}
	free(head);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct env e = { { NULL }, 0, 0 };
	struct http_io io;
	struct buf answer;
	FILE *saved;
	size_t i;
	const char *method;

	memset(&io, 0, sizeof(io));
	if (env_make(&e, (const char *)data, (const char *)data + size,
	    &io.body, &io.body_len) == -1)
		return 0;
	buf_init(&answer);
	io.envp = e.vars;
	io.answer = &answer;
	/* Every request logs a line; not into libFuzzer's output. */
	saved = stderr;
	stderr = quiet;
	dispatch(&app, &io);
	stderr = saved;
	method = e.vars[0] + strlen("REQUEST_METHOD=");
	check_answer(&answer, strcmp(method, "HEAD") == 0);
	buf_free(&answer);
	for (i = 0; i < e.n; i++)
		free(e.vars[i]);
	return 0;
}
