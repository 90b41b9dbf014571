/*
 * The "signup" job type: the worker creates an account on a web site and
 * proves it with the user name or email used, and optionally a screenshot.
 *
 * Pure: the validators read only their arguments and the tables below.
 */
#include <string.h>

#include "kaaj/jobtype.h"

#define URL_MAX		500
#define USERNAME_MIN	2	/* characters */
#define USERNAME_MAX	100	/* bytes, as the field's max_len */
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const struct kaaj_choice action_choices[] = {
	{ "register", "Register an account" },
	{ "register_and_verify_email",
	    "Register and confirm the e-mail address" },
	{ NULL, NULL }
};

static const struct kaaj_field campaign_fields[] = {
	{
		.name = "signup_url",
		.type = KAAJ_FIELD_URL,
		.label = "Sign-up page URL",
		.help = "The http or https page where the account is created.",
		.required = 1,
		.max_len = URL_MAX,
	},
	{
		.name = "action",
		.type = KAAJ_FIELD_CHOICE,
		.label = "What the worker must do",
		.help = "Only register, or register and confirm the email "
		    "address the site sends.",
		.required = 1,
		.choices = action_choices,
	},
};

static const struct kaaj_field proof_fields[] = {
	{
		.name = "username",
		.type = KAAJ_FIELD_TEXT,
		.label = "Username or email you signed up with",
		.required = 1,
		.max_len = USERNAME_MAX,
	},
	{
		.name = "screenshot",
		.type = KAAJ_FIELD_SCREENSHOT,
		.label = "Screenshot after signing up",
		.help = "Optional: the page the site shows once you are in.",
	},
};

static int
refuse(struct kaaj_error *err, const char *field, const char *code,
    const char *message)
{
	err->field = field;
	err->code = code;
	err->message = message;
	return KAAJ_INVALID;
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Non-zero when the len bytes at s equal the lower-case word w, any case. */
static int
equals_word(const char *s, size_t len, const char *w)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (w[i] == '\0' || lower(s[i]) != w[i])
			return 0;
	return w[len] == '\0';
}

/*
 * Parse a dotted quad of four decimal parts 0..255 without leading zeros
 * into a[]. Returns 0, or -1 when host is anything else.
 */
static int
parse_ipv4(const char *host, size_t len, unsigned int a[4])
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
static int
ipv4_is_private(const unsigned int a[4])
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
static int
ends_in_number(const char *host, size_t len)
{
	size_t start, i;

	for (start = len; start > 0 && host[start - 1] != '.'; start--)
		continue;
	if (len - start >= 2 && host[start] == '0' &&
	    lower(host[start + 1]) == 'x')
		return 1;
	for (i = start; i < len; i++)
		if (host[i] < '0' || host[i] > '9')
			return 0;
	return 1;
}

enum host_verdict {
	HOST_OK,
	HOST_BAD,	/* not a name of a public site */
	HOST_PRIVATE	/* this machine or a private network */
};

/*
 * Check the host of a URL: dot-separated labels of ASCII letters, digits,
 * '-' and '_', at least two labels, and not this machine or a private
 * network.
 */
static enum host_verdict
check_host(const char *host, size_t len)
{
	unsigned int a[4];
	size_t i, label = 0, dots = 0;
	char c;

	if (equals_word(host, len, "localhost") ||
	    (len > 10 && equals_word(host + len - 10, 10, ".localhost")))
		return HOST_PRIVATE;
	for (i = 0; i < len; i++) {
		c = host[i];
		if (c == '.') {
			if (label == 0)
				return HOST_BAD;	/* empty label */
			label = 0;
			dots++;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return HOST_BAD;
		label++;
	}
	if (label == 0 || dots == 0)
		return HOST_BAD;
	if (ends_in_number(host, len)) {
		if (parse_ipv4(host, len, a) == -1)
			return HOST_BAD;
		if (ipv4_is_private(a))
			return HOST_PRIVATE;
	}
	return HOST_OK;
}

/* Non-zero when the port text is a number from 1 to 65535. */
static int
port_is_valid(const char *s, size_t len)
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

static int
validate_campaign(const struct kaaj_values *campaign, struct kaaj_error *err)
{
	static const char field[] = "signup_url";
	const char *url, *auth, *p, *colon;
	size_t authlen;

	if ((url = kaaj_value(campaign, field)) == NULL)
		url = "";
	for (p = url; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f || *p == '\\')
			return refuse(err, field, "bad_char", "The address "
			    "must not contain spaces, control characters or "
			    "backslashes.");

	if ((p = strstr(url, "://")) == NULL ||
	    !(equals_word(url, (size_t)(p - url), "http") ||
	    equals_word(url, (size_t)(p - url), "https")))
		return refuse(err, field, "bad_scheme", "The address must "
		    "start with http:// or https://.");
	auth = p + 3;
	authlen = strcspn(auth, "/?#");
	if (memchr(auth, '@', authlen) != NULL)
		return refuse(err, field, "has_userinfo", "The address must "
		    "not contain a user name or password before the site "
		    "name.");
	/* An IPv6 literal "[...]" holds colons; check_host refuses it. */
	colon = auth[0] == '[' ? NULL : memchr(auth, ':', authlen);
	if (colon != NULL) {
		if (!port_is_valid(colon + 1,
		    authlen - (size_t)(colon + 1 - auth)))
			return refuse(err, field, "bad_port", "The port must "
			    "be a number from 1 to 65535.");
		authlen = (size_t)(colon - auth);
	}
	switch (check_host(auth, authlen)) {
	case HOST_OK:
		break;
	case HOST_PRIVATE:
		return refuse(err, field, "private_host", "The address must "
		    "not point at this computer or a private network.");
	case HOST_BAD:
		return refuse(err, field, "bad_host", "The address must name "
		    "a web site, such as example.com.");
	}
	return KAAJ_OK;
}

static int
validate_proof(const struct kaaj_values *campaign,
    const struct kaaj_values *proof, struct kaaj_error *err)
{
	static const char field[] = "username";
	const unsigned char *s;
	size_t chars = 0, spaces = 0, len;

	(void)campaign;
	if ((s = (const unsigned char *)kaaj_value(proof, field)) == NULL)
		s = (const unsigned char *)"";
	for (len = 0; s[len] != '\0'; len++) {
		/* C0 controls, DEL, and C1 controls (U+0080..U+009F). */
		if (s[len] < ' ' || s[len] == 0x7f ||
		    (s[len] == 0xc2 && s[len + 1] >= 0x80 &&
		    s[len + 1] <= 0x9f))
			return refuse(err, field, "bad_char", "The username "
			    "must not contain control characters.");
		if (s[len] == ' ')
			spaces++;
		if ((s[len] & 0xc0) != 0x80)	/* not a UTF-8 continuation */
			chars++;
	}
	if (len > 0 && spaces == len)
		return refuse(err, field, "blank", "The username must not be "
		    "only spaces.");
	if (chars < USERNAME_MIN)
		return refuse(err, field, "too_short", "The username must be "
		    "at least 2 characters long.");
	if (len > USERNAME_MAX)
		return refuse(err, field, "too_long", "The username must be "
		    "at most 100 characters long.");
	return KAAJ_OK;
}

/* The plugin's one exported symbol, read by the core's loader. */
const struct kaaj_jobtype kaaj_jobtype = {
	.abi_version = KAAJ_JOBTYPE_ABI,
	.name = "signup",
	.category = "signup",
	.label = "Sign up on a website",
	.description = "Create an account on a web site and report the "
	    "user name or email used.",
	.min_pay = 2 * KAAJ_MICRO / 100,	/* 0.02 */
	.campaign_fields = campaign_fields,
	.n_campaign_fields = NELEM(campaign_fields),
	.proof_fields = proof_fields,
	.n_proof_fields = NELEM(proof_fields),
	.validate_campaign = validate_campaign,
	.validate_proof = validate_proof,
};
