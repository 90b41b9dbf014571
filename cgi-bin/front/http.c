/*
 * Reading a request from the web server and writing the answer, the same
 * way under FastCGI (fcgiapp streams), plain CGI (stdin and stdout) and in
 * memory (a test's request body and answer buffer).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <fcgiapp.h>

#include "base/text.h"
#include "front/http.h"

/* Longest path accepted, in bytes. */
#define PATH_MAX_LEN 2048

const char *
http_getenv(const struct http_io *io, const char *name)
{
	return FCGX_GetParam(name, io->envp);
}

/* Non-zero when s is set and not empty. */
static int
present(const char *s)
{
	return s != NULL && *s != '\0';
}

/* Choose the routing path from what nginx or Apache sent. */
static char *
pick_path(const struct http_io *io)
{
	const char *pi, *du, *ru, *sn;
	size_t len, snlen;

	pi = http_getenv(io, "PATH_INFO");
	if (present(pi))
		return strdup(pi);
	du = http_getenv(io, "DOCUMENT_URI");
	if (present(du))
		return strdup(du);
	ru = http_getenv(io, "REQUEST_URI");
	if (!present(ru))
		return strdup("/");
	len = strcspn(ru, "?#");
	sn = http_getenv(io, "SCRIPT_NAME");
	snlen = present(sn) ? strlen(sn) : 0;
	/* Mounted under a prefix: /prefix/jobs/1 with SCRIPT_NAME=/prefix. */
	if (snlen > 0 && snlen <= len && strncmp(ru, sn, snlen) == 0 &&
	    (ru[snlen] == '/' || snlen == len)) {
		ru += snlen;
		len -= snlen;
	}
	if (len == 0)
		return strdup("/");
	return strndup(ru, len);
}

int
http_read_head(const struct http_io *io, struct request *req,
    const char **why)
{
	const char *v;
	size_t i;

	req->method = http_getenv(io, "REQUEST_METHOD");
	if (!present(req->method)) {
		*why = "no request method";
		return 400;
	}
	if ((req->path = pick_path(io)) == NULL) {
		*why = "out of memory";
		return 500;
	}
	if (req->path[0] != '/' || strlen(req->path) > PATH_MAX_LEN) {
		*why = "bad path";
		return 400;
	}
	for (i = 0; req->path[i] != '\0'; i++) {
		if ((unsigned char)req->path[i] < 0x21 ||
		    req->path[i] == 0x7f) {
			*why = "bad character in path";
			return 400;
		}
	}
	req->query_string = http_getenv(io, "QUERY_STRING");
	if (req->query_string == NULL)
		req->query_string = "";
	req->content_type = http_getenv(io, "CONTENT_TYPE");
	req->remote_addr = http_getenv(io, "REMOTE_ADDR");
	req->user_agent = http_getenv(io, "HTTP_USER_AGENT");
	v = http_getenv(io, "HTTPS");
	req->https = present(v) && strcasecmp(v, "off") != 0;
	v = http_getenv(io, "CONTENT_LENGTH");
	req->content_length = 0;
	req->has_body = 0;
	if (present(v)) {
		if (strspn(v, "0123456789") != strlen(v) || strlen(v) > 15) {
			*why = "bad Content-Length";
			return 400;
		}
		req->content_length = (size_t)strtoull(v, NULL, 10);
		req->has_body = 1;
	}
	return 0;
}

/* Read exactly len bytes of body into p; returns bytes read. */
static size_t
read_body(const struct http_io *io, char *p, size_t len)
{
	size_t got = 0;
	int n;

	if (io->answer != NULL) {
		got = len < io->body_len ? len : io->body_len;
		if (got > 0)
			memcpy(p, io->body, got);
		return got;
	}
	if (io->in == NULL)
		return fread(p, 1, len, stdin);
	while (got < len) {
		n = FCGX_GetStr(p + got, (int)(len - got > 65536 ? 65536 :
		    len - got), io->in);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	return got;
}

/* Non-zero when the Content-Type's media type is type (case-insensitive). */
static int
media_type_is(const char *ct, const char *type)
{
	size_t n = strlen(type);

	if (ct == NULL || strncasecmp(ct, type, n) != 0)
		return 0;
	return ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ';
}

int
http_read_bytes(const struct http_io *io, struct request *req,
    size_t max_body, char **body, const char **why)
{
	*body = NULL;
	if (!req->has_body || req->content_length == 0)
		return 0;
	if (req->content_length > max_body) {
		*why = "the request body is larger than this site accepts";
		return 413;
	}
	if ((*body = malloc(req->content_length + 1)) == NULL) {
		*why = "out of memory";
		return 500;
	}
	if (read_body(io, *body, req->content_length) != req->content_length) {
		*why = "the body is shorter than its Content-Length";
		free(*body);
		*body = NULL;
		return 400;
	}
	(*body)[req->content_length] = '\0';
	return 0;
}

int
http_media_type_is(const struct request *req, const char *type)
{
	return media_type_is(req->content_type, type);
}

int
http_read_body(const struct http_io *io, struct request *req,
    const struct param_limits *lim, size_t max_body, const char **why)
{
	enum parse_result pr = PARSE_OK;
	char *body;
	int status;

	if (!req->has_body || req->content_length == 0)
		return 0;
	if (req->content_length <= max_body &&
	    !media_type_is(req->content_type,
	    "application/x-www-form-urlencoded") &&
	    !media_type_is(req->content_type, "multipart/form-data")) {
		*why = "unsupported Content-Type";
		return 415;
	}
	if ((status = http_read_bytes(io, req, max_body, &body, why)) != 0)
		return status;
	if (media_type_is(req->content_type, "multipart/form-data"))
		pr = parse_multipart(body, req->content_length,
		    req->content_type, lim, &req->form, &req->files, why);
	else
		pr = parse_urlencoded(body, req->content_length, lim,
		    &req->form, why);
	free(body);
	return pr != PARSE_OK ? (int)pr : 0;
}

void
http_request_free(struct request *req)
{
	free(req->path);
	param_list_free(&req->query);
	param_list_free(&req->form);
	param_list_free(&req->cookies);
	upload_list_free(&req->files);
	memset(req, 0, sizeof(*req));
}

void
response_init(struct response *res)
{
	res->status = 200;
	buf_init(&res->headers);
	buf_init(&res->body);
	res->content_type = "text/html; charset=utf-8";
	res->stream = NULL;
	res->stream_arg = NULL;
}

void
response_free(struct response *res)
{
	buf_free(&res->headers);
	buf_free(&res->body);
}

int
response_header(struct response *res, const char *name, const char *value)
{
	if (strpbrk(name, "\r\n:") != NULL || strpbrk(value, "\r\n") != NULL)
		return -1;
	return buf_printf(&res->headers, "%s: %s\r\n", name, value);
}

const char *
http_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 302: return "Found";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 413: return "Payload Too Large";
	case 409: return "Conflict";
	case 410: return "Gone";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "Error";
	}
}

/* Headers sent with every answer. */
static const char standard_headers[] =
    "Content-Security-Policy: default-src 'self'; img-src 'self' data:; "
    "style-src 'self'; script-src 'self'; object-src 'none'; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'self'\r\n"
    "X-Frame-Options: DENY\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "Referrer-Policy: same-origin\r\n"
    "Cache-Control: no-cache, private\r\n";

int
http_put(const struct http_io *io, const char *p, size_t len)
{
	if (len == 0)
		return 0;
	if (io->answer != NULL)
		return buf_append(io->answer, p, len);
	if (io->out == NULL)
		return fwrite(p, 1, len, stdout) == len ? 0 : -1;
	return FCGX_PutStr(p, (int)len, io->out) == (int)len ? 0 : -1;
}

int
http_send(const struct http_io *io, const struct response *res,
    int head_only)
{
	char status[TEXT_INT_LEN], length[TEXT_INT_LEN];
	const char *parts[] = { "Status: ", text_of_int(res->status, status),
	    " ", http_reason(res->status), "\r\nContent-Type: ",
	    res->content_type, "\r\n", res->stream != NULL ? "" :
	    "Content-Length: ", res->stream != NULL ? "" :
	    text_of_uint(res->body.len, length), res->stream != NULL ? "" :
	    "\r\n", standard_headers, NULL };
	const char **part;
	struct buf head;
	int rc = 0;

	/* Put together without printf: every answer sends these. */
	buf_init(&head);
	for (part = parts; *part != NULL && rc == 0; part++)
		rc = buf_puts(&head, *part);
	if (rc == -1 ||
	    (res->headers.len > 0 &&
	    buf_append(&head, res->headers.data, res->headers.len) == -1) ||
	    buf_puts(&head, "\r\n") == -1) {
		buf_free(&head);
		return -1;
	}
	rc = http_put(io, head.data, head.len);
	if (rc == 0 && !head_only)
		rc = res->stream != NULL ? res->stream(io, res->stream_arg) :
		    http_put(io, res->body.data, res->body.len);
	if (io->answer == NULL && io->out == NULL)
		fflush(stdout);
	buf_free(&head);
	return rc;
}
