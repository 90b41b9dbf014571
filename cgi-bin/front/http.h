/*
 * One HTTP exchange: reading what the web server passed (FastCGI or plain
 * CGI, or a request held in memory by a test), and writing the answer.
 */
#ifndef KAAJ_HTTP_H
#define KAAJ_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include <fcgiapp.h>

#include "base/buf.h"
#include "front/params.h"

/*
 * Where a request comes from and its answer goes to, in one of three
 * modes: in memory when answer is set, else FastCGI when in and out are
 * set, else plain CGI (stdin and stdout). Fields a mode does not use are
 * NULL (or 0).
 */
struct http_io {
	FCGX_Stream *in, *out;	/* FastCGI streams */
	char **envp;		/* FastCGI parameters, environ, or a test's */
	const char *body;	/* in memory: the request body, */
	size_t body_len;	/* body_len bytes (not NUL-terminated) */
	struct buf *answer;	/* in memory: gets the answer as sent */
};

struct request {
	char rid[17];		/* request id for the logs, 16 hex digits */
	const char *method;	/* "GET", "HEAD", "POST", ... */
	char *path;		/* the decoded-free path, e.g. "/jobs/12" */
	const char *query_string;
	const char *content_type;
	const char *remote_addr;
	const char *user_agent;
	int https;		/* came over TLS */
	size_t content_length;
	int has_body;

	struct param_list query;
	struct param_list form;
	struct param_list cookies;
	struct upload_list files;
};

struct http_io;

/*
 * A body too large to hold (a results file): after the head, http_send
 * calls stream(io, arg), which writes the body a part at a time with
 * http_put and returns 0, or -1 when it had to stop early (the answer is
 * then cut short; its status is sent already).
 */
typedef int (*http_stream_fn)(const struct http_io *io, void *arg);

/* A header line to send, name and value owned by the response. */
struct response {
	int status;
	struct buf headers;	/* "Name: value\r\n" lines */
	struct buf body;
	const char *content_type;	/* default text/html; charset=utf-8 */
	http_stream_fn stream;	/* NULL: the body is body */
	void *stream_arg;
};

/*
 * Fill the non-body parts of req from io's environment: method, path
 * (PATH_INFO, else DOCUMENT_URI, else REQUEST_URI without its query and
 * its SCRIPT_NAME prefix), headers of interest.
 * Strings point into io's environment except path, which req owns.
 * Returns 0, or an HTTP status (400) with *why set.
 */
int http_read_head(const struct http_io *io, struct request *req,
    const char **why);

/*
 * Read the body (CONTENT_LENGTH bytes) and parse it into req->form and
 * req->files by its content type. Returns 0, or an HTTP status (400, 413,
 * 415, 500) with *why set.
 */
int http_read_body(const struct http_io *io, struct request *req,
    const struct param_limits *lim, size_t max_body, const char **why);

/*
 * Read the body (CONTENT_LENGTH bytes, at most max_body) as it is into
 * *body, NUL-terminated, which the caller frees (NULL when there is no
 * body). Returns 0, or an HTTP status (400, 413, 500) with *why set.
 */
int http_read_bytes(const struct http_io *io, struct request *req,
    size_t max_body, char **body, const char **why);

/* Non-zero when the request's Content-Type is of media type type. */
int http_media_type_is(const struct request *req, const char *type);

/* A CGI/FastCGI parameter, or NULL. */
const char *http_getenv(const struct http_io *io, const char *name);

/* Release what req owns; leaves it ready for http_read_head again. */
void http_request_free(struct request *req);

void response_init(struct response *res);
void response_free(struct response *res);

/* Add a header line; the value must not hold CR or LF (checked). */
int response_header(struct response *res, const char *name,
    const char *value);

/*
 * Send status, the standard headers (security headers included), the
 * added headers and, unless head_only, the body (res->stream's, without
 * a Content-Length, when set). Returns 0 or -1 when the client went away
 * or a stream stopped early.
 */
int http_send(const struct http_io *io, const struct response *res,
    int head_only);

/* Write len bytes of a streamed body to the client. 0, or -1 if gone. */
int http_put(const struct http_io *io, const char *p, size_t len);

/* The reason phrase for a status code ("Not Found"). */
const char *http_reason(int status);

#endif
