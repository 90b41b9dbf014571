/*
 * Checks a job-type plugin may use on the values it validates: web
 * addresses (scheme, host, no user name, no private address), hosts
 * within a domain, and one-line text. Pure inline functions: a plugin
 * still needs nothing but <kaaj/jobtype.h>, which includes this.
 */
#ifndef KAAJ_CHECK_H
#define KAAJ_CHECK_H

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
				return KAAJ_URL_BAD_HOST;	/* empty label */
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
	colon = auth[0] == '[' ? NULL : (const char *)memchr(auth, ':', authlen);
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

#endif /* KAAJ_CHECK_H */
