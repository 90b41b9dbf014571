/*
 * Building an outgoing message: the address and subject checks, the
 * headers (RFC 2047 encoded words where the text is not plain ASCII) and
 * the body, as sendmail -t reads them on its standard input. Sending it is
 * in mail_send.c.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sodium.h>

#include "base/buf.h"
#include "base/config.h"
#include "accounts/mail.h"
#include "accounts/mail_int.h"

#define ADDRESS_MIN 3
#define ADDRESS_MAX 254
#define LOCAL_PART_MAX 64	/* RFC 5321 */
#define SUBJECT_MAX 200

/*
 * Bytes of text per RFC 2047 encoded word: 39 bytes are 52 base64
 * characters, a word of 64, so that "Subject: " and the first word stay
 * within the 76 characters RFC 2047 allows a line holding encoded words.
 */
#define WORD_BYTES 39

/* Whether the n bytes at p are non-empty runs joined by single dots. */
static int
dots_ok(const char *p, size_t n)
{
	size_t i;

	if (n == 0 || p[0] == '.' || p[n - 1] == '.')
		return 0;
	for (i = 1; i < n; i++)
		if (p[i] == '.' && p[i - 1] == '.')
			return 0;
	return 1;
}

/*
 * Why the len bytes at s are not one plain address local@domain, or NULL.
 * Stricter than RFC 5322 on purpose: ASCII only, no quoted local part, no
 * domain literal, no comment, nothing that could start a second address.
 */
static const char *
address_problem(const char *s, size_t len)
{
	const char *at = NULL;
	size_t i, local, domain;
	unsigned char c;

	if (len < ADDRESS_MIN || len > ADDRESS_MAX)
		return "must be 3 to 254 bytes long";
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c <= ' ' || c >= 0x7f)
			return "must hold no space, control or non-ASCII character";
		if (strchr("<>,;:\"()[]\\", c) != NULL)
			return "must be one plain address, without any of <>,;:\"()[]\\";
		if (c == '@') {
			if (at != NULL)
				return "must hold exactly one @";
			at = s + i;
		}
	}
	if (at == NULL)
		return "must hold exactly one @";
	local = (size_t)(at - s);
	domain = len - local - 1;
	if (local > LOCAL_PART_MAX || !dots_ok(s, local))
		return "must have 1 to 64 characters before the @, without "
		    "leading, trailing or double dots";
	if (!dots_ok(at + 1, domain))
		return "must have a domain after the @, without leading, "
		    "trailing or double dots";
	if (memchr(at + 1, '.', domain) == NULL &&
	    !(domain == 9 && strncasecmp(at + 1, "localhost", 9) == 0))
		return "must have a dot in its domain (or be @localhost)";
	return NULL;
}

/* Why subject is unfit for a Subject: header, or NULL. */
static const char *
subject_problem(const char *s)
{
	size_t i, len = strlen(s);
	unsigned char c;

	if (len > SUBJECT_MAX)
		return "subject is longer than 200 bytes";
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c < ' ' || c == 0x7f)
			return "subject holds a control character";
		/* U+0080 to U+009F, the C1 controls, in UTF-8. */
		if (c == 0xc2 && i + 1 < len &&
		    (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f)
			return "subject holds a control character";
	}
	return NULL;
}

/* Whether the n bytes at s are all ASCII. */
static int
is_ascii(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

/*
 * Append the len bytes of UTF-8 text at s as RFC 2047 "B" encoded words,
 * folded onto continuation lines ("\n ") between words. A word holds whole
 * characters only, as RFC 2047 requires. Returns 0 or -1.
 */
static int
put_encoded_words(struct buf *out, const char *s, size_t len)
{
	char b64[sodium_base64_ENCODED_LEN(WORD_BYTES,
	    sodium_base64_VARIANT_ORIGINAL)];
	const char *sep = "";
	size_t n, back;

	while (len > 0) {
		n = len > WORD_BYTES ? WORD_BYTES : len;
		/* Back off to the start of a character, 3 bytes at most. */
		for (back = 0; back < 3 && n < len &&
		    ((unsigned char)s[n] & 0xc0) == 0x80; back++)
			n--;
		sodium_bin2base64(b64, sizeof(b64), (const unsigned char *)s, n,
		    sodium_base64_VARIANT_ORIGINAL);
		if (buf_printf(out, "%s=?UTF-8?B?%s?=", sep, b64) == -1)
			return -1;
		sep = "\n ";
		s += n;
		len -= n;
	}
	return 0;
}

/*
 * Append the From: header for mail.from, an address or "Name <address>";
 * a name that is not ASCII (quoted or not) is sent as encoded words.
 * Returns 0, or -1 with err set (also when out of memory).
 */
static int
put_from(struct buf *out, const char *from, char *err, size_t errlen)
{
	const char *lt, *addr, *name, *end;
	size_t len = strlen(from), alen, i;

	for (i = 0; i < len; i++)
		if ((unsigned char)from[i] < ' ' || from[i] == 0x7f)
			goto bad;
	if ((lt = strrchr(from, '<')) == NULL) {
		addr = from;
		alen = len;
	} else {
		if (from[len - 1] != '>')
			goto bad;
		addr = lt + 1;
		alen = (size_t)(from + len - 1 - addr);
	}
	if (address_problem(addr, alen) != NULL)
		goto bad;
	if (is_ascii(from, len)) {
		if (buf_printf(out, "From: %s\n", from) == -1)
			goto nomem;
		return 0;
	}
	name = from;
	end = lt;
	while (name < end && *name == ' ')
		name++;
	while (end > name && end[-1] == ' ')
		end--;
	if (end - name >= 2 && *name == '"' && end[-1] == '"') {
		name++;
		end--;
	}
	if (buf_puts(out, "From: ") == -1 ||
	    put_encoded_words(out, name, (size_t)(end - name)) == -1 ||
	    buf_printf(out, " %s\n", lt) == -1)
		goto nomem;
	return 0;
bad:
	snprintf(err, errlen,
	    "mail.from must be an address or \"Name <address>\"");
	return -1;
nomem:
	snprintf(err, errlen, "out of memory");
	return -1;
}

/*
 * The host name of url (http[s]://[user@]host[:port][/path]) for
 * Message-IDs into host: letters, digits, dots and dashes, else
 * "localhost".
 */
static void
message_id_host(const char *url, char *host, size_t size)
{
	const char *p;
	size_t n, i;

	p = url != NULL ? strstr(url, "://") : NULL;
	if (p != NULL) {
		p += 3;
		n = strcspn(p, "/?#");
		for (i = n; i > 0; i--)
			if (p[i - 1] == '@') {
				p += i;
				break;
			}
		n = strcspn(p, ":/?#");
		for (i = 0; i < n; i++)
			if (strchr("abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-", p[i]) == NULL)
				break;
		if (n > 0 && i == n && n < size) {
			snprintf(host, size, "%.*s", (int)n, p);
			return;
		}
	}
	snprintf(host, size, "localhost");
}

/* Append an RFC 5322 Date: header for now, in UTC. Returns 0 or -1. */
static int
put_date(struct buf *out, time_t now)
{
	/* Not strftime's %a and %b, which follow the locale. */
	static const char days[7][4] = {
		"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
	};
	static const char months[12][4] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
	};
	struct tm tm;

	if (gmtime_r(&now, &tm) == NULL)
		return -1;
	return buf_printf(out, "Date: %s, %02d %s %d %02d:%02d:%02d +0000\n",
	    days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

int
mail_compose(const struct kaaj_config *cfg, const char *to, const char *subject,
    const char *body, struct buf *out, char *err, size_t errlen)
{
	unsigned char id[16];
	char hex[sizeof(id) * 2 + 1], host[256];
	const char *why;
	size_t start = out->len, body_len;

	if ((why = address_problem(to, strlen(to))) != NULL) {
		snprintf(err, errlen, "the recipient address %s", why);
		return -1;
	}
	if ((why = subject_problem(subject)) != NULL) {
		snprintf(err, errlen, "%s", why);
		return -1;
	}
	if (put_from(out, cfg->mail_from, err, errlen) == -1)
		goto fail;
	if (buf_printf(out, "To: %s\n", to) == -1)
		goto nomem;
	/* Plain ASCII stays plain, unless it could pass for an encoded word. */
	if (is_ascii(subject, strlen(subject)) &&
	    strstr(subject, "=?") == NULL) {
		if (buf_printf(out, "Subject: %s\n", subject) == -1)
			goto nomem;
	} else if (buf_puts(out, "Subject: ") == -1 ||
	    put_encoded_words(out, subject, strlen(subject)) == -1 ||
	    buf_puts(out, "\n") == -1)
		goto nomem;
	if (put_date(out, time(NULL)) == -1)
		goto nomem;
	randombytes_buf(id, sizeof(id));
	sodium_bin2hex(hex, sizeof(hex), id, sizeof(id));
	message_id_host(cfg->base_url, host, sizeof(host));
	if (buf_printf(out, "Message-ID: <%s@%s>\n", hex, host) == -1 ||
	    buf_puts(out, "MIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=utf-8\n"
	    "Content-Transfer-Encoding: 8bit\n\n") == -1)
		goto nomem;
	/*
	 * The body goes as it is: lines that start with "." need no escaping,
	 * because mail.sendmail passes -i (or -oi), with which a lone "." does
	 * not end the message. Only a missing last line end is added.
	 */
	body_len = strlen(body);
	if (buf_append(out, body, body_len) == -1 ||
	    (body_len > 0 && body[body_len - 1] != '\n' &&
	    buf_puts(out, "\n") == -1))
		goto nomem;
	return 0;
nomem:
	snprintf(err, errlen, "out of memory");
fail:
	out->len = start;
	if (out->data != NULL)
		out->data[start] = '\0';
	return -1;
}

/*
 * Appends to out; on -1 out keeps what it held before. Also -1 when
 * cfg->mail_from is not an address or "Name <address>".
 */
int
mail_build(const struct kaaj_config *cfg, const char *to,
    const char *subject, const char *body, struct buf *out)
{
	char err[160];

	return mail_compose(cfg, to, subject, body, out, err, sizeof(err));
}
