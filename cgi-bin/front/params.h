/*
 * Parsing of request input: query strings, urlencoded and multipart bodies,
 * and cookies. These functions are pure (no I/O) so they can be tested and
 * fuzzed on their own; http.c feeds them what the server sent.
 */
#ifndef KAAJ_PARAMS_H
#define KAAJ_PARAMS_H

#include <stddef.h>

/* One named value. name and value are NUL-terminated copies. */
struct param {
	char *name;
	char *value;
	size_t value_len;	/* value may hold NUL bytes in theory */
};

/* One uploaded file from a multipart body. */
struct upload {
	char *field;		/* form field name */
	char *filename;		/* as the browser sent it; never a path to use */
	char *content_type;	/* as the browser sent it; never trusted */
	char *data;
	size_t len;
};

/* A list of parameters, in the order received. */
struct param_list {
	struct param *items;
	size_t n, cap;
};

struct upload_list {
	struct upload *items;
	size_t n, cap;
};

/* Limits applied while parsing; taken from the config. */
struct param_limits {
	size_t max_fields;	/* items in one list, across calls */
	size_t max_field_length;	/* bytes of one decoded value */
	size_t max_files;
	size_t max_cookies;
};

enum parse_result {
	PARSE_OK = 0,
	PARSE_BAD = 400,	/* malformed: answer 400 */
	PARSE_TOO_BIG = 413,	/* over a limit: answer 413 */
	PARSE_NOMEM = 500
};

/*
 * Parse application/x-www-form-urlencoded text (also a query string) of
 * len bytes and append each pair to out. '+' is a space; %XX must be two
 * hex digits; a pair without '=' has an empty value; empty pairs ("a=1&&b=2")
 * are skipped. Names must be non-empty. On error, *why is set to a short
 * English reason (a static string) and out may hold some pairs.
 */
enum parse_result parse_urlencoded(const char *s, size_t len,
    const struct param_limits *lim, struct param_list *out, const char **why);

/*
 * Parse a multipart/form-data body. content_type is the full header value,
 * from which the boundary is taken. Fields without a filename go to form,
 * fields with one (even empty) go to files, unless the filename is empty
 * and the part is empty, which is an untouched file input and is skipped.
 */
enum parse_result parse_multipart(const char *body, size_t len,
    const char *content_type, const struct param_limits *lim,
    struct param_list *form, struct upload_list *files, const char **why);

/* Why a JSON body was refused: what parse_json_object sets. */
struct param_json_error {
	const char *code;	/* json (malformed), json_object (not an
				 * object), json_type (a member that is an
				 * object, or an array of those), json_real (a
				 * number with a fraction: send it as a
				 * string), json_text (bad text), json_too_big,
				 * server */
	char field[64];		/* the member at fault, or "" */
	char detail[200];	/* for json: where and what, in English */
};

/*
 * Parse a JSON body (RFC 8259) of len bytes that must be one object and
 * append each member to out as a form field would come: a string as it
 * is, a whole number in decimal, true as "1" and false as "0"; an array
 * of those as one pair per element, in order; null as nothing. Duplicate
 * names, nested objects and numbers with a fraction are refused. Values
 * are checked as form values are (UTF-8, no control characters but tabs
 * and line ends) and lim's field count and length hold.
 */
enum parse_result parse_json_object(const char *body, size_t len,
    const struct param_limits *lim, struct param_list *out,
    struct param_json_error *err);

/*
 * Parse a Cookie header ("a=1; b=2"). Names must be RFC 6265 tokens and
 * values cookie-octets, optionally in double quotes. A pair outside that
 * grammar is skipped, and cookies past lim->max_cookies are ignored: other
 * programs on the same host may set such cookies, and the browser sends
 * them all. Fails only when out of memory.
 */
enum parse_result parse_cookies(const char *header,
    const struct param_limits *lim, struct param_list *out, const char **why);

/* The first value named name, or NULL. */
const char *param_get(const struct param_list *l, const char *name);

/* The first upload for field, or NULL. */
const struct upload *upload_get(const struct upload_list *l, const char *field);

/* Free everything in a list and leave it empty (reusable). */
void param_list_free(struct param_list *l);

/* Append a copy of name = value to l. PARSE_OK, or PARSE_NOMEM. */
enum parse_result param_add(struct param_list *l, const char *name,
    const char *value);

/*
 * Move into into each pair of from whose name into does not hold yet (a
 * name from has several times comes over with all its values); from is
 * left empty. PARSE_OK, or PARSE_NOMEM (what was not moved is freed).
 */
enum parse_result param_list_merge(struct param_list *into,
    struct param_list *from);
void upload_list_free(struct upload_list *l);

#endif
