/*
 * Bengali digits on a rendered page: the one place where amounts, counts
 * and dates are shown with ০ to ৯ when the site asks for them
 * (site.digits). Pages and their data keep ASCII digits, which templates
 * compare and links carry; only the text a person reads is changed.
 */
#include <string.h>
#include <strings.h>

#include "base/render_digits.h"

/* Elements whose content is copied as it is. */
static const char *const verbatim[] = {
	"textarea", "script", "style", "pre", "code"
};

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The Bengali digits, by value: three bytes of UTF-8 each. */
static const char bengali[10][4] = {
	"\u09e6", "\u09e7", "\u09e8", "\u09e9", "\u09ea",
	"\u09eb", "\u09ec", "\u09ed", "\u09ee", "\u09ef"
};

/*
 * The word w (n bytes of text, no space, tag or entity in it) with
 * Bengali digits when it holds no ASCII letter: append what *from (not
 * yet appended) holds up to each digit, then the digit, and move *from
 * past it. Nothing is appended for a word that keeps its digits.
 */
static int
put_word(struct buf *out, const char *w, size_t n, const char **from)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (is_letter(w[i]))
			return 0;
	for (i = 0; i < n; i++) {
		if (w[i] < '0' || w[i] > '9')
			continue;
		if (buf_append(out, *from, (size_t)(w + i - *from)) == -1 ||
		    buf_append(out, bengali[w[i] - '0'], 3) == -1)
			return -1;
		*from = w + i + 1;
	}
	return 0;
}

/*
 * The length of the element name that the tag at p (after its '<', up to
 * end) opens, when it is one of verbatim[]; else 0. Most tags are told
 * apart by their first letter, without a comparison.
 */
static size_t
verbatim_open(const char *p, const char *end)
{
	size_t i, n;
	char c = (char)(*p | 0x20);

	if (c != 't' && c != 's' && c != 'p' && c != 'c')
		return 0;
	for (i = 0; i < sizeof(verbatim) / sizeof(verbatim[0]); i++) {
		if (verbatim[i][0] != c)
			continue;
		n = strlen(verbatim[i]);
		if ((size_t)(end - p) > n && strncasecmp(p, verbatim[i], n) == 0 &&
		    (is_space(p[n]) || p[n] == '>' || p[n] == '/'))
			return n;
	}
	return 0;
}

/* Where "</NAME" (n bytes of name at name) starts in [p, end), or end. */
static const char *
find_close(const char *p, const char *end, const char *name, size_t n)
{
	for (; p + 2 + n <= end; p++)
		if (p[0] == '<' && p[1] == '/' &&
		    strncasecmp(p + 2, name, n) == 0)
			return p;
	return end;
}

int
render_native_digits(const char *html, size_t len, struct buf *out)
{
	const char *p = html, *end = html + len, *q, *gt, *from = html;
	size_t n;

	/* Runs that keep their bytes are appended whole, between digits. */
	while (p < end) {
		if (*p == '<') {
			/* A tag, kept whole; a verbatim element with it. */
			gt = memchr(p, '>', (size_t)(end - p));
			q = gt != NULL ? gt + 1 : end;
			if ((n = verbatim_open(p + 1, end)) > 0)
				q = find_close(q, end, p + 1, n);
		} else if (*p == '&') {
			/* An entity ("&#39;", "&middot;") is no word. */
			q = p + 1;
			while (q < end && q - p < 12 && *q != ';' && !is_space(*q) &&
			    *q != '<' && *q != '&')
				q++;
			if (q < end && *q == ';')
				q++;
		} else if (is_space(*p)) {
			for (q = p; q < end && is_space(*q); q++)
				continue;
		} else {
			for (q = p; q < end && !is_space(*q) && *q != '<' &&
			    *q != '&'; q++)
				continue;
			if (put_word(out, p, (size_t)(q - p), &from) == -1)
				return -1;
		}
		p = q;
	}
	return buf_append(out, from, (size_t)(end - from));
}
