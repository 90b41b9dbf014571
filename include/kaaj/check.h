/*
 * Checks a job-type plugin may use on the values it validates: web
 * addresses (scheme, host, no user name, no private address), hosts
 * within a domain, app-store pages, and text; and the refusals that go
 * with them. Pure inline functions: a plugin still needs nothing but
 * <kaaj/jobtype.h>, which includes this.
 */
#ifndef KAAJ_CHECK_H
#define KAAJ_CHECK_H

#ifndef KAAJ_JOBTYPE_H
#error "include <kaaj/jobtype.h>, which includes this header"
#endif

#include <stddef.h>
#include <string.h>

/* What kaaj_url_check() found wrong with an address. */
enum kaaj_url_verdict {
	KAAJ_URL_OK = 0,
	KAAJ_URL_BAD_CHAR,	/* spaces, control characters, backslashes */
	KAAJ_URL_BAD_SCHEME,	/* not http:// or https:// */
	KAAJ_URL_USERINFO,	/* user:password@ before the host */
	KAAJ_URL_BAD_PORT,	/* not 1..65535 */
	KAAJ_URL_BAD_HOST,	/* not the name of a public site */
	KAAJ_URL_PRIVATE_HOST	/* this machine or a private network */
};

/* A parsed address: the host and what follows it, inside the string. */
struct kaaj_url {
	const char *host;
	size_t host_len;
	const char *path;	/* from the first '/', '?' or '#', or "" */
};

static inline char
kaaj_lower_(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Non-zero when the len bytes at s equal the lower-case word w, any case. */
static inline int
kaaj_equals_word_(const char *s, size_t len, const char *w)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (w[i] == '\0' || kaaj_lower_(s[i]) != w[i])
			return 0;
	return w[len] == '\0';
}

/*
 * Parse a dotted quad of four decimal parts 0..255 without leading zeros
 * into a[]. Returns 0, or -1 when host is anything else.
 */
static inline int
kaaj_parse_ipv4_(const char *host, size_t len, unsigned int a[4])
{
	size_t i = 0, part, digits;

	for (part = 0; part < 4; part++) {
		if (part > 0) {
			if (i >= len || host[i] != '.')
				return -1;
			i++;
		}
		a[part] = 0;
		for (digits = 0; i < len && host[i] >= '0' && host[i] <= '9';
		    i++, digits++) {
			if (digits > 0 && a[part] == 0)
				return -1;	/* leading zero */
			a[part] = a[part] * 10 + (unsigned int)(host[i] - '0');
			if (a[part] > 255)
				return -1;
		}
		if (digits == 0)
			return -1;
	}
	return i == len ? 0 : -1;
}

/* Non-zero for this machine, private networks and link-local addresses. */
static inline int
kaaj_ipv4_private_(const unsigned int a[4])
{
	return a[0] == 0 || a[0] == 10 || a[0] == 127 ||
	    (a[0] == 169 && a[1] == 254) ||
	    (a[0] == 172 && a[1] >= 16 && a[1] <= 31) ||
	    (a[0] == 192 && a[1] == 168);
}

/*
 * Non-zero when the last dot-separated label of host looks like a number:
 * browsers then read the whole host as an IPv4 address, in forms such as
 * "127.1" or "0x7f.0.0.1" that a name check would let through.
 */
static inline int
kaaj_ends_in_number_(const char *host, size_t len)
{
	size_t start, i;

	for (start = len; start > 0 && host[start - 1] != '.'; start--)
		continue;
	if (len - start >= 2 && host[start] == '0' &&
	    kaaj_lower_(host[start + 1]) == 'x')
		return 1;
	for (i = start; i < len; i++)
		if (host[i] < '0' || host[i] > '9')
			return 0;
	return 1;
}

/* Non-zero when the port text is a number from 1 to 65535. */
static inline int
kaaj_port_valid_(const char *s, size_t len)
{
	unsigned long port = 0;
	size_t i;

	if (len == 0 || len > 5)
		return 0;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		port = port * 10 + (unsigned long)(s[i] - '0');
	}
	return port >= 1 && port <= 65535;
}

/*
 * Check a host: dot-separated labels of ASCII letters, digits, '-' and
 * '_', at least two labels, and not this machine or a private network.
 */
static inline enum kaaj_url_verdict
kaaj_host_check_(const char *host, size_t len)
{
	unsigned int a[4];
	size_t i, label = 0, dots = 0;
	char c;

	if (kaaj_equals_word_(host, len, "localhost") ||
	    (len > 10 && kaaj_equals_word_(host + len - 10, 10, ".localhost")))
		return KAAJ_URL_PRIVATE_HOST;
	for (i = 0; i < len; i++) {
		c = host[i];
		if (c == '.') {
			if (label == 0)
				return KAAJ_URL_BAD_HOST; /* empty label */
			label = 0;
			dots++;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return KAAJ_URL_BAD_HOST;
		label++;
	}
	if (label == 0 || dots == 0)
		return KAAJ_URL_BAD_HOST;
	if (kaaj_ends_in_number_(host, len)) {
		if (kaaj_parse_ipv4_(host, len, a) == -1)
			return KAAJ_URL_BAD_HOST;
		if (kaaj_ipv4_private_(a))
			return KAAJ_URL_PRIVATE_HOST;
	}
	return KAAJ_URL_OK;
}

/*
 * Check an absolute http or https address of a public web site and, when
 * it is fine, fill *u (may be NULL) with where its host and path are.
 */
static inline enum kaaj_url_verdict
kaaj_url_check(const char *url, struct kaaj_url *u)
{
	const char *auth, *p, *colon;
	size_t authlen, hostlen;
	enum kaaj_url_verdict v;

	if (url == NULL)
		url = "";
	for (p = url; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f || *p == '\\')
			return KAAJ_URL_BAD_CHAR;
	if ((p = strstr(url, "://")) == NULL ||
	    !(kaaj_equals_word_(url, (size_t)(p - url), "http") ||
	    kaaj_equals_word_(url, (size_t)(p - url), "https")))
		return KAAJ_URL_BAD_SCHEME;
	auth = p + 3;
	authlen = strcspn(auth, "/?#");
	if (memchr(auth, '@', authlen) != NULL)
		return KAAJ_URL_USERINFO;
	hostlen = authlen;
	/* An IPv6 literal "[...]" holds colons; the host check refuses it. */
	colon = auth[0] == '[' ? NULL :
	    (const char *)memchr(auth, ':', authlen);
	if (colon != NULL) {
		if (!kaaj_port_valid_(colon + 1,
		    authlen - (size_t)(colon + 1 - auth)))
			return KAAJ_URL_BAD_PORT;
		hostlen = (size_t)(colon - auth);
	}
	if ((v = kaaj_host_check_(auth, hostlen)) != KAAJ_URL_OK)
		return v;
	if (u != NULL) {
		u->host = auth;
		u->host_len = hostlen;
		u->path = auth + authlen;
	}
	return KAAJ_URL_OK;
}

/*
 * Non-zero when the host of u is domain or one of its subdomains, any
 * case: "m.facebook.com" is within "facebook.com", "notfacebook.com" is
 * not.
 */
static inline int
kaaj_host_within(const struct kaaj_url *u, const char *domain)
{
	size_t d = strlen(domain);

	if (u->host_len == d)
		return kaaj_equals_word_(u->host, d, domain);
	return u->host_len > d && u->host[u->host_len - d - 1] == '.' &&
	    kaaj_equals_word_(u->host + u->host_len - d, d, domain);
}

/* Fill err with field, code and message; return KAAJ_INVALID. */
static inline int
kaaj_refuse(struct kaaj_error *err, const char *field, const char *code,
    const char *message)
{
	err->field = field;
	err->code = code;
	err->message = message;
	return KAAJ_INVALID;
}

/*
 * Refuse field for what kaaj_url_check() found, with the usual codes and
 * messages; bad_host is the message for KAAJ_URL_BAD_HOST (NULL: one that
 * names example.com). Returns KAAJ_OK when verdict is KAAJ_URL_OK.
 */
static inline int
kaaj_refuse_url(struct kaaj_error *err, const char *field,
    enum kaaj_url_verdict verdict, const char *bad_host)
{
	switch (verdict) {
	case KAAJ_URL_OK:
		return KAAJ_OK;
	case KAAJ_URL_BAD_CHAR:
		return kaaj_refuse(err, field, "bad_char", "The address must "
		    "not contain spaces, control characters or backslashes.");
	case KAAJ_URL_BAD_SCHEME:
		return kaaj_refuse(err, field, "bad_scheme", "The address must "
		    "start with http:// or https://.");
	case KAAJ_URL_USERINFO:
		return kaaj_refuse(err, field, "has_userinfo", "The address "
		    "must not contain a user name or password before the site "
		    "name.");
	case KAAJ_URL_BAD_PORT:
		return kaaj_refuse(err, field, "bad_port", "The port must be a "
		    "number from 1 to 65535.");
	case KAAJ_URL_PRIVATE_HOST:
		return kaaj_refuse(err, field, "private_host", "The address "
		    "must not point at this computer or a private network.");
	default:
		return kaaj_refuse(err, field, "bad_host", bad_host != NULL ?
		    bad_host : "The address must name a web site, such as "
		    "example.com.");
	}
}

/* What kaaj_check_text() holds a text to. */
struct kaaj_text_rule {
	const char *field;
	int required;		/* empty is refused ("missing") */
	int multiline;		/* line breaks and tabs allowed */
	size_t min_chars;	/* UTF-8 characters, when not empty */
	size_t max_len;		/* bytes */
	const char *too_short;	/* English messages */
	const char *too_long;
};

/*
 * Check value (NULL counts as empty) against rule r: no control
 * characters (C0 but line breaks and tabs where r->multiline allows them,
 * DEL, C1), not only blanks, at least min_chars characters and at most
 * max_len bytes. An empty value is fine unless r->required.
 */
static inline int
kaaj_check_text(const struct kaaj_text_rule *r, const char *value,
    struct kaaj_error *err)
{
	const unsigned char *s = (const unsigned char *)value;
	size_t chars = 0, blanks = 0, len;

	if (s == NULL)
		s = (const unsigned char *)"";
	for (len = 0; s[len] != '\0'; len++) {
		if ((s[len] < ' ' && !(r->multiline && (s[len] == '\n' ||
		    s[len] == '\r' || s[len] == '\t'))) || s[len] == 0x7f ||
		    (s[len] == 0xc2 && s[len + 1] >= 0x80 &&
		    s[len + 1] <= 0x9f))
			return kaaj_refuse(err, r->field, "bad_char",
			    "The text must not contain control characters.");
		if (s[len] <= ' ')	/* a space, line break or tab */
			blanks++;
		if ((s[len] & 0xc0) != 0x80)	/* not a UTF-8 continuation */
			chars++;
	}
	if (len == 0)
		return r->required ? kaaj_refuse(err, r->field, "missing",
		    "This field is required.") : KAAJ_OK;
	if (blanks == len)
		return kaaj_refuse(err, r->field, "blank", "The text must not "
		    "be only blanks.");
	if (chars < r->min_chars)
		return kaaj_refuse(err, r->field, "too_short", r->too_short);
	if (len > r->max_len)
		return kaaj_refuse(err, r->field, "too_long", r->too_long);
	return KAAJ_OK;
}

/* Non-zero when the query of path has a parameter "id" with a value. */
static inline int
kaaj_query_has_id_(const char *path)
{
	const char *p = path + strcspn(path, "?#");
	size_t n;

	if (*p != '?')
		return 0;
	for (p++; *p != '\0' && *p != '#'; p += n + (p[n] == '&')) {
		n = strcspn(p, "&#");
		if (n > 3 && strncmp(p, "id=", 3) == 0)
			return 1;
	}
	return 0;
}

/*
 * Non-zero when u (on play.google.com: check that with kaaj_host_within)
 * is an app's page: path /store/apps/details with an id= parameter.
 */
static inline int
kaaj_play_app_page(const struct kaaj_url *u)
{
	static const char details[] = "/store/apps/details";
	size_t n = strcspn(u->path, "?#");

	return n == sizeof(details) - 1 && strncmp(u->path, details, n) == 0 &&
	    kaaj_query_has_id_(u->path);
}

/*
 * Non-zero when u (on apps.apple.com) is an app's page: "/app/" in its
 * path, not in its query.
 */
static inline int
kaaj_appstore_app_page(const struct kaaj_url *u)
{
	const char *app = strstr(u->path, "/app/");

	return app != NULL && app + 5 <= u->path + strcspn(u->path, "?#");
}

#endif /* KAAJ_CHECK_H */
