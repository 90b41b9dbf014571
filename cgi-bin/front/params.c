/*
 * Parsing of request input into owned copies, under limits: urlencoded
 * text, multipart/form-data bodies and Cookie headers. Nothing here trusts
 * its input: every read stays inside the bytes given, and every scan is
 * linear in them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "front/params.h"
#include "front/params_int.h"

enum parse_result
param_fail(const char **why, enum parse_result rc, const char *reason)
{
	if (why != NULL)
		*why = reason;
	return rc;
}

/* RFC 7230 tchar, which is also RFC 6265's cookie-name character. */
int
param_is_tchar(unsigned char c)
{
	if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	    (c >= 'a' && c <= 'z'))
		return 1;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

/* RFC 6265 cookie-octet. */
static int
is_cookie_octet(unsigned char c)
{
	return c == 0x21 || (c >= 0x23 && c <= 0x2b) ||
	    (c >= 0x2d && c <= 0x3a) || (c >= 0x3c && c <= 0x5b) ||
	    (c >= 0x5d && c <= 0x7e);
}

static int
hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Whether the n bytes at p are lit, ignoring ASCII case. */
int
param_ascii_ieq(const char *p, size_t n, const char *lit)
{
	size_t i;
	unsigned char a, b;

	if (strlen(lit) != n)
		return 0;
	for (i = 0; i < n; i++) {
		a = (unsigned char)p[i];
		b = (unsigned char)lit[i];
		if (a >= 'A' && a <= 'Z')
			a += 'a' - 'A';
		if (b >= 'A' && b <= 'Z')
			b += 'a' - 'A';
		if (a != b)
			return 0;
	}
	return 1;
}

const char *
param_skip_ows(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

size_t
param_token_span(const char *p, const char *end)
{
	const char *q;

	for (q = p; q < end && param_is_tchar((unsigned char)*q); q++)
		continue;
	return (size_t)(q - p);
}

/*
 * Decode the UTF-8 sequence at s[*i], of len bytes in all, into *cp and
 * move *i past it. Returns -1 for a truncated or ill-formed sequence, an
 * overlong form, a surrogate or anything above U+10FFFF.
 */
static int
utf8_next(const unsigned char *s, size_t len, size_t *i, uint32_t *cp)
{
	static const uint32_t least[4] = { 0, 0x80, 0x800, 0x10000 };
	uint32_t c;
	size_t k, n;

	c = s[*i];
	if (c < 0x80) {
		*cp = c;
		(*i)++;
		return 0;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 1;
		c &= 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 2;
		c &= 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 3;
		c &= 0x07;
	} else
		return -1;
	if (len - *i <= n)
		return -1;
	for (k = 1; k <= n; k++) {
		if ((s[*i + k] & 0xc0) != 0x80)
			return -1;
		c = c << 6 | (s[*i + k] & 0x3f);
	}
	if (c < least[n] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return -1;
	*cp = c;
	*i += n + 1;
	return 0;
}

/*
 * Why len bytes of text are unfit as a name (is_value 0) or a value, or
 * NULL when they are fine: UTF-8, no NUL, no C0 or C1 control, except
 * that a value may hold tabs and line ends.
 */
const char *
param_text_problem(const char *s, size_t len, int is_value)
{
	uint32_t cp;
	size_t i;

	i = 0;
	while (i < len) {
		if (utf8_next((const unsigned char *)s, len, &i, &cp) == -1)
			return "not valid UTF-8";
		if (cp == 0)
			return "contains a NUL byte";
		if ((cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) &&
		    (!is_value || (cp != '\t' && cp != '\r' && cp != '\n')))
			return "contains a control character";
	}
	return NULL;
}

/*
 * Make room for one more element in an array of n of cap elements of
 * size bytes. Returns the array, moved or not, or NULL when out of memory
 * (items is then unchanged).
 */
void *
param_grow(void *items, size_t *cap, size_t n, size_t size)
{
	size_t ncap;
	void *p;

	if (n < *cap)
		return items;
	ncap = *cap > 0 ? *cap * 2 : 8;
	if (ncap < *cap || ncap > SIZE_MAX / size)
		return NULL;
	if ((p = realloc(items, ncap * size)) == NULL)
		return NULL;
	*cap = ncap;
	return p;
}

/* A NUL-terminated copy of n bytes, or NULL. */
char *
param_copy_bytes(const char *s, size_t n)
{
	char *p;

	if ((p = malloc(n + 1)) == NULL)
		return NULL;
	if (n > 0)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Append a pair to l, which then owns name and value; frees them if not. */
enum parse_result
param_push(struct param_list *l, char *name, char *value, size_t value_len,
    const char **why)
{
	struct param *items, *p;

	items = param_grow(l->items, &l->cap, l->n, sizeof(*l->items));
	if (items == NULL) {
		free(name);
		free(value);
		return param_fail(why, PARSE_NOMEM, "out of memory");
	}
	l->items = items;
	p = &l->items[l->n++];
	p->name = name;
	p->value = value;
	p->value_len = value_len;
	return PARSE_OK;
}

/*
 * Percent-decode n bytes at s into a new string in *out, of *outlen
 * bytes, and check it as a name or a value.
 */
static enum parse_result
url_decode(const char *s, size_t n, int is_value,
    const struct param_limits *lim, char **out, size_t *outlen,
    const char **why)
{
	const char *bad;
	char *d;
	size_t i, j;
	int hi, lo;

	if ((d = malloc(n + 1)) == NULL)
		return param_fail(why, PARSE_NOMEM, "out of memory");
	for (i = j = 0; i < n; i++) {
		if (s[i] == '+')
			d[j++] = ' ';
		else if (s[i] != '%')
			d[j++] = s[i];
		else {
			if (n - i < 3 ||
			    (hi = hex_value((unsigned char)s[i + 1])) < 0 ||
			    (lo = hex_value((unsigned char)s[i + 2])) < 0) {
				free(d);
				return param_fail(why, PARSE_BAD,
				    "bad percent escape");
			}
			d[j++] = (char)(hi << 4 | lo);
			i += 2;
		}
	}
	d[j] = '\0';
	if (j > lim->max_field_length) {
		free(d);
		return param_fail(why, PARSE_TOO_BIG, "field too long");
	}
	if ((bad = param_text_problem(d, j, is_value)) != NULL) {
		free(d);
		return param_fail(why, PARSE_BAD, bad);
	}
	*out = d;
	*outlen = j;
	return PARSE_OK;
}

enum parse_result
parse_urlencoded(const char *s, size_t len, const struct param_limits *lim,
    struct param_list *out, const char **why)
{
	const char *p, *end, *amp, *eq, *v;
	enum parse_result rc;
	char *name, *value;
	size_t name_len, value_len;

	if (len == 0)
		return PARSE_OK;
	end = s + len;
	for (p = s; p < end; p = amp + 1) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		if (amp == p)
			continue;
		if (out->n >= lim->max_fields)
			return param_fail(why, PARSE_TOO_BIG, "too many fields");
		if ((eq = memchr(p, '=', (size_t)(amp - p))) == NULL)
			eq = amp;
		if (eq == p)
			return param_fail(why, PARSE_BAD, "field without a name");
		rc = url_decode(p, (size_t)(eq - p), 0, lim, &name, &name_len,
		    why);
		if (rc != PARSE_OK)
			return rc;
		v = eq < amp ? eq + 1 : amp;
		rc = url_decode(v, (size_t)(amp - v), 1, lim, &value,
		    &value_len, why);
		if (rc != PARSE_OK) {
			free(name);
			return rc;
		}
		if ((rc = param_push(out, name, value, value_len, why)) !=
		    PARSE_OK)
			return rc;
		if (amp == end)
			break;
	}
	return PARSE_OK;
}


enum parse_result
parse_cookies(const char *header, const struct param_limits *lim,
    struct param_list *out, const char **why)
{
	const char *p, *name, *value;
	char *n, *v;
	size_t name_len, value_len;
	int quoted, bad;

	if (header == NULL)
		return PARSE_OK;
	p = header;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == ';')
			p++;
		/* Cookies past the limit are ignored, not refused. */
		if (*p == '\0' || out->n >= lim->max_cookies)
			return PARSE_OK;
		for (name = p; param_is_tchar((unsigned char)*p); p++)
			continue;
		name_len = (size_t)(p - name);
		bad = name_len == 0 || *p != '=';
		if (!bad) {
			quoted = *++p == '"';
			if (quoted)
				p++;
			for (value = p; is_cookie_octet((unsigned char)*p); p++)
				continue;
			value_len = (size_t)(p - value);
			/* An unclosed quote: stay on the byte that ended it. */
			if (quoted && *p != '"')
				bad = 1;
			else if (quoted)
				p++;
			while (!bad && (*p == ' ' || *p == '\t'))
				p++;
			if (*p != '\0' && *p != ';')
				bad = 1;
		}
		if (bad) {
			/*
			 * Another program on this host may set cookies outside
			 * the grammar; skip the pair rather than lock users out.
			 */
			p += strcspn(p, ";");
			continue;
		}
		n = param_copy_bytes(name, name_len);
		v = param_copy_bytes(value, value_len);
		if (n == NULL || v == NULL) {
			free(n);
			free(v);
			return param_fail(why, PARSE_NOMEM, "out of memory");
		}
		if (param_push(out, n, v, value_len, why) != PARSE_OK)
			return PARSE_NOMEM;
	}
}

const char *
param_get(const struct param_list *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->items[i].name, name) == 0)
			return l->items[i].value;
	return NULL;
}

const struct upload *
upload_get(const struct upload_list *l, const char *field)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->items[i].field, field) == 0)
			return &l->items[i];
	return NULL;
}

void
param_list_free(struct param_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->items[i].name);
		free(l->items[i].value);
	}
	free(l->items);
	l->items = NULL;
	l->n = l->cap = 0;
}

void
upload_list_free(struct upload_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->items[i].field);
		free(l->items[i].filename);
		free(l->items[i].content_type);
		free(l->items[i].data);
	}
	free(l->items);
	l->items = NULL;
	l->n = l->cap = 0;
}

/* Non-zero when one of the first n items of l is named name. */
static int
named_in(const struct param_list *l, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(l->items[i].name, name) == 0)
			return 1;
	return 0;
}

enum parse_result
param_list_merge(struct param_list *into, struct param_list *from)
{
	enum parse_result pr = PARSE_OK;
	size_t had = into->n, i;
	const char *why;

	for (i = 0; i < from->n; i++) {
		if (pr != PARSE_OK || named_in(into, had,
		    from->items[i].name)) {
			free(from->items[i].name);
			free(from->items[i].value);
		} else
			pr = param_push(into, from->items[i].name,
			    from->items[i].value, from->items[i].value_len,
			    &why);
		from->items[i].name = from->items[i].value = NULL;
	}
	from->n = 0;
	return pr;
}

enum parse_result
param_add(struct param_list *l, const char *name, const char *value)
{
	const char *why;
	char *n, *v;

	if ((n = param_copy_bytes(name, strlen(name))) == NULL ||
	    (v = param_copy_bytes(value, strlen(value))) == NULL) {
		free(n);
		return PARSE_NOMEM;
	}
	return param_push(l, n, v, strlen(value), &why);
}
