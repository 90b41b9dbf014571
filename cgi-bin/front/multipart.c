/*
 * Parsing multipart/form-data bodies (RFC 7578, delimiters as in RFC 2046)
 * into text fields and uploaded files. Every read stays inside the bytes
 * given, and every scan is linear in them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "front/params.h"
#include "front/params_int.h"

/* Bytes of headers, line ends and blank line included, in one part. */
#define PART_HEADERS_MAX	8192

/* RFC 2046: a boundary has 1 to 70 characters. */
#define BOUNDARY_MAX		70

/* What the headers of one multipart part said. */
struct part_head {
	struct buf name;
	struct buf filename;
	struct buf ctype;
	int has_disposition;
	int has_name;
	int has_filename;
	int has_ctype;
};

/* RFC 2046 bchars: what a multipart boundary is made of. */
static int
is_bchar(unsigned char c)
{
	if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	    (c >= 'a' && c <= 'z'))
		return 1;
	return c != '\0' && strchr("'()+_,-./:=? ", c) != NULL;
}

/*
 * Read the next ";name=value" parameter of a header value from [*pp, end):
 * its name is left in *name and *name_len and its value, unquoted, in v.
 * In a quoted value only \" and \\ are escapes; other backslashes are kept,
 * as browsers send Windows paths unescaped. Returns 1 when a parameter was
 * read, 0 at the end, -1 when malformed and -2 when out of memory.
 */
static int
hparam_next(const char **pp, const char *end, const char **name,
    size_t *name_len, struct buf *v)
{
	const char *p, *q;

	p = param_skip_ows(*pp, end);
	if (p == end)
		return 0;
	if (*p != ';')
		return -1;
	p = param_skip_ows(p + 1, end);
	if (p == end)
		return 0;
	*name = p;
	*name_len = param_token_span(p, end);
	p += *name_len;
	if (*name_len == 0 || p == end || *p != '=')
		return -1;
	p++;
	buf_reset(v);
	if (p < end && *p == '"') {
		for (p++; p < end && *p != '"'; p++) {
			if (*p == '\\' && end - p > 1 &&
			    (p[1] == '"' || p[1] == '\\'))
				p++;
			if (buf_append(v, p, 1) == -1)
				return -2;
		}
		if (p == end)
			return -1;
		p++;
	} else {
		for (q = p; q < end && *q != ';' && *q != ' ' && *q != '\t' &&
		    *q != '"'; q++)
			continue;
		if (q == p)
			return -1;
		if (buf_append(v, p, (size_t)(q - p)) == -1)
			return -2;
		p = q;
	}
	*pp = p;
	return 1;
}

/* Whether n bytes at s make an RFC 2046 boundary. */
static int
boundary_valid(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > BOUNDARY_MAX || s[n - 1] == ' ')
		return 0;
	for (i = 0; i < n; i++)
		if (!is_bchar((unsigned char)s[i]))
			return 0;
	return 1;
}

/*
 * Take the boundary from a multipart/form-data Content-Type value and
 * write the delimiter "\r\n--boundary" to delim, which holds
 * BOUNDARY_MAX + 4 bytes; its length goes to *delim_len.
 */
static enum parse_result
multipart_delimiter(const char *ct, char *delim, size_t *delim_len,
    const char **why)
{
	const char *p, *end, *name, *reason;
	struct buf v;
	size_t n;
	int r;

	if (ct == NULL)
		return param_fail(why, PARSE_BAD, "no Content-Type");
	end = ct + strlen(ct);
	p = param_skip_ows(ct, end);
	for (n = 0; p + n < end && (param_is_tchar((unsigned char)p[n]) ||
	    p[n] == '/'); n++)
		continue;
	if (!param_ascii_ieq(p, n, "multipart/form-data"))
		return param_fail(why, PARSE_BAD, "not multipart/form-data");
	p += n;
	buf_init(&v);
	reason = NULL;
	*delim_len = 0;
	while ((r = hparam_next(&p, end, &name, &n, &v)) == 1) {
		if (!param_ascii_ieq(name, n, "boundary"))
			continue;
		if (*delim_len > 0)
			reason = "two boundary parameters";
		else if (!boundary_valid(v.data, v.len))
			reason = "bad multipart boundary";
		if (reason != NULL)
			break;
		memcpy(delim, "\r\n--", 4);
		memcpy(delim + 4, v.data, v.len);
		*delim_len = 4 + v.len;
	}
	buf_free(&v);
	if (reason != NULL)
		return param_fail(why, PARSE_BAD, reason);
	if (r == -2)
		return param_fail(why, PARSE_NOMEM, "out of memory");
	if (r == -1)
		return param_fail(why, PARSE_BAD, "malformed Content-Type");
	if (*delim_len == 0)
		return param_fail(why, PARSE_BAD, "no multipart boundary");
	return PARSE_OK;
}

/*
 * Find the delimiter d, of dlen bytes, in [p, end). Only a '\r' can start
 * it and dlen is at most BOUNDARY_MAX + 4, so this is linear in the body.
 */
static const char *
find_delimiter(const char *p, const char *end, const char *d, size_t dlen)
{
	while ((size_t)(end - p) >= dlen) {
		p = memchr(p, '\r', (size_t)(end - p) - dlen + 1);
		if (p == NULL)
			return NULL;
		if (memcmp(p, d, dlen) == 0)
			return p;
		p++;
	}
	return NULL;
}

/*
 * Look at what follows a delimiter at *pp: "--" closes the body (*closing
 * set); optional blanks and a CRLF start a part (*pp moved past the CRLF).
 */
static enum parse_result
delimiter_end(const char **pp, const char *end, int *closing,
    const char **why)
{
	const char *p;

	p = *pp;
	*closing = end - p >= 2 && p[0] == '-' && p[1] == '-';
	if (*closing)
		return PARSE_OK;
	p = param_skip_ows(p, end);
	if (end - p >= 2 && p[0] == '\r' && p[1] == '\n') {
		*pp = p + 2;
		return PARSE_OK;
	}
	if (p == end || (end - p == 1 && (*p == '\r' || *p == '-')))
		return param_fail(why, PARSE_BAD,
		    "multipart body ends before its closing boundary");
	if (*p == '\n')
		return param_fail(why, PARSE_BAD,
		    "multipart lines must end with CRLF");
	return param_fail(why, PARSE_BAD,
	    "multipart boundary followed by other characters");
}

/* Read Content-Disposition: form-data; name="..."; filename="..." */
static enum parse_result
part_disposition(const char *p, const char *end, struct part_head *ph,
    const char **why)
{
	const char *name;
	struct buf v, *to;
	size_t n;
	int r, *seen;

	if (ph->has_disposition)
		return param_fail(why, PARSE_BAD, "two Content-Disposition headers");
	ph->has_disposition = 1;
	n = param_token_span(p, end);
	if (!param_ascii_ieq(p, n, "form-data"))
		return param_fail(why, PARSE_BAD, "part is not form-data");
	p += n;
	buf_init(&v);
	while ((r = hparam_next(&p, end, &name, &n, &v)) == 1) {
		if (param_ascii_ieq(name, n, "name")) {
			to = &ph->name;
			seen = &ph->has_name;
		} else if (param_ascii_ieq(name, n, "filename")) {
			to = &ph->filename;
			seen = &ph->has_filename;
		} else
			continue;	/* filename* among others */
		if (*seen) {
			buf_free(&v);
			return param_fail(why, PARSE_BAD,
			    "repeated Content-Disposition parameter");
		}
		*seen = 1;
		*to = v;
		buf_init(&v);
	}
	buf_free(&v);
	if (r == -2)
		return param_fail(why, PARSE_NOMEM, "out of memory");
	if (r == -1)
		return param_fail(why, PARSE_BAD, "malformed Content-Disposition");
	return PARSE_OK;
}

/* Read one header line of a part, [p, end) without its CRLF. */
static enum parse_result
part_header(const char *p, const char *end, struct part_head *ph,
    const char **why)
{
	const char *q, *v;
	size_t n;

	for (q = p; q < end; q++)
		if (((unsigned char)*q < 0x20 && *q != '\t') || *q == 0x7f)
			return param_fail(why, PARSE_BAD,
			    "control character in a part header");
	n = param_token_span(p, end);
	if (n == 0 || p + n == end || p[n] != ':')
		return param_fail(why, PARSE_BAD, "malformed part header");
	v = param_skip_ows(p + n + 1, end);
	while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (param_ascii_ieq(p, n, "Content-Disposition"))
		return part_disposition(v, end, ph, why);
	if (!param_ascii_ieq(p, n, "Content-Type"))
		return PARSE_OK;
	if (ph->has_ctype)
		return param_fail(why, PARSE_BAD, "two Content-Type headers");
	ph->has_ctype = 1;
	if (buf_append(&ph->ctype, v, (size_t)(end - v)) == -1)
		return param_fail(why, PARSE_NOMEM, "out of memory");
	return PARSE_OK;
}

/*
 * Read the headers of a part, starting at *pp, up to and past the blank
 * line that ends them.
 */
static enum parse_result
part_headers(const char **pp, const char *end, const char *delim,
    size_t delim_len, struct part_head *ph, const char **why)
{
	const char *p, *nl;
	enum parse_result rc;
	size_t budget, avail, scan;

	p = *pp;
	budget = PART_HEADERS_MAX;
	for (;;) {
		avail = (size_t)(end - p);
		scan = avail < budget ? avail : budget;
		if ((nl = memchr(p, '\n', scan)) == NULL)
			return param_fail(why, PARSE_BAD, avail >= budget ?
			    "part headers too large" :
			    "multipart body ends before its closing boundary");
		if (nl == p || nl[-1] != '\r')
			return param_fail(why, PARSE_BAD,
			    "multipart lines must end with CRLF");
		budget -= (size_t)(nl + 1 - p);
		if (nl - 1 == p)
			break;
		if ((size_t)(nl - 1 - p) >= delim_len - 2 &&
		    memcmp(p, delim + 2, delim_len - 2) == 0)
			return param_fail(why, PARSE_BAD,
			    "part has no blank line after its headers");
		if ((rc = part_header(p, nl - 1, ph, why)) != PARSE_OK)
			return rc;
		p = nl + 1;
	}
	*pp = nl + 1;
	return PARSE_OK;
}

/* Add a file part; the part head gives up its strings to files. */
static enum parse_result
part_store_file(struct part_head *ph, const char *data, size_t n,
    const struct param_limits *lim, struct upload_list *files,
    const char **why)
{
	struct upload *items, *u;
	const char *bad;

	if (ph->filename.len == 0 && n == 0)
		return PARSE_OK;	/* a file input left untouched */
	if (files->n >= lim->max_files)
		return param_fail(why, PARSE_TOO_BIG, "too many files");
	if ((bad = param_text_problem(ph->filename.data, ph->filename.len, 0)) !=
	    NULL ||
	    (bad = param_text_problem(ph->ctype.data, ph->ctype.len, 0)) != NULL)
		return param_fail(why, PARSE_BAD, bad);
	items = param_grow(files->items, &files->cap, files->n,
	    sizeof(*files->items));
	if (items == NULL)
		return param_fail(why, PARSE_NOMEM, "out of memory");
	files->items = items;
	u = &files->items[files->n];
	u->field = buf_take(&ph->name);
	u->filename = buf_take(&ph->filename);
	u->content_type = buf_take(&ph->ctype);
	u->data = param_copy_bytes(data, n);
	u->len = n;
	if (u->field == NULL || u->filename == NULL ||
	    u->content_type == NULL || u->data == NULL) {
		free(u->field);
		free(u->filename);
		free(u->content_type);
		free(u->data);
		return param_fail(why, PARSE_NOMEM, "out of memory");
	}
	files->n++;
	return PARSE_OK;
}

/* Add a part whose headers were read and whose body is n bytes at data. */
static enum parse_result
part_store(struct part_head *ph, const char *data, size_t n,
    const struct param_limits *lim, struct param_list *form,
    struct upload_list *files, const char **why)
{
	const char *bad;
	char *name, *value;

	if (!ph->has_disposition)
		return param_fail(why, PARSE_BAD, "part has no Content-Disposition");
	if (!ph->has_name || ph->name.len == 0)
		return param_fail(why, PARSE_BAD, "part has no name");
	if (ph->name.len > lim->max_field_length)
		return param_fail(why, PARSE_TOO_BIG, "field name too long");
	if ((bad = param_text_problem(ph->name.data, ph->name.len, 0)) != NULL)
		return param_fail(why, PARSE_BAD, bad);
	if (ph->has_filename)
		return part_store_file(ph, data, n, lim, files, why);
	if (form->n >= lim->max_fields)
		return param_fail(why, PARSE_TOO_BIG, "too many fields");
	if (n > lim->max_field_length)
		return param_fail(why, PARSE_TOO_BIG, "field too long");
	if ((bad = param_text_problem(data, n, 1)) != NULL)
		return param_fail(why, PARSE_BAD, bad);
	name = buf_take(&ph->name);
	value = param_copy_bytes(data, n);
	if (name == NULL || value == NULL) {
		free(name);
		free(value);
		return param_fail(why, PARSE_NOMEM, "out of memory");
	}
	return param_push(form, name, value, n, why);
}

/* Read one part from *pp, just past its delimiter line, and store it. */
static enum parse_result
multipart_part(const char **pp, const char *end, const char *delim,
    size_t delim_len, const struct param_limits *lim,
    struct param_list *form, struct upload_list *files, const char **why)
{
	struct part_head ph;
	enum parse_result rc;
	const char *data, *next;

	next = NULL;
	buf_init(&ph.name);
	buf_init(&ph.filename);
	buf_init(&ph.ctype);
	ph.has_disposition = ph.has_name = ph.has_filename = 0;
	ph.has_ctype = 0;
	data = *pp;
	rc = part_headers(&data, end, delim, delim_len, &ph, why);
	if (rc == PARSE_OK && (size_t)(end - data) >= delim_len - 2 &&
	    memcmp(data, delim + 2, delim_len - 2) == 0)
		rc = param_fail(why, PARSE_BAD,
		    "part body starts with the boundary, without a line end");
	if (rc == PARSE_OK &&
	    (next = find_delimiter(data, end, delim, delim_len)) == NULL)
		rc = param_fail(why, PARSE_BAD,
		    "multipart body ends before its closing boundary");
	if (rc == PARSE_OK)
		rc = part_store(&ph, data, (size_t)(next - data), lim, form,
		    files, why);
	if (rc == PARSE_OK)
		*pp = next + delim_len;
	buf_free(&ph.name);
	buf_free(&ph.filename);
	buf_free(&ph.ctype);
	return rc;
}

enum parse_result
parse_multipart(const char *body, size_t len, const char *content_type,
    const struct param_limits *lim, struct param_list *form,
    struct upload_list *files, const char **why)
{
	char delim[BOUNDARY_MAX + 4];
	const char *p, *end;
	enum parse_result rc;
	size_t delim_len = 0;
	int closing;

	rc = multipart_delimiter(content_type, delim, &delim_len, why);
	if (rc != PARSE_OK)
		return rc;
	if (len == 0)
		return param_fail(why, PARSE_BAD, "empty multipart body");
	end = body + len;
	/* The first delimiter may open the body, without its CRLF. */
	if (len >= delim_len - 2 && memcmp(body, delim + 2, delim_len - 2) == 0)
		p = body + delim_len - 2;
	else if ((p = find_delimiter(body, end, delim, delim_len)) != NULL)
		p += delim_len;
	else
		return param_fail(why, PARSE_BAD, "multipart body has no boundary");
	for (;;) {
		if ((rc = delimiter_end(&p, end, &closing, why)) != PARSE_OK)
			return rc;
		if (closing)
			return PARSE_OK;	/* the epilogue is ignored */
		rc = multipart_part(&p, end, delim, delim_len, lim, form,
		    files, why);
		if (rc != PARSE_OK)
			return rc;
	}
}
