/*
 * Accept-Language matched against the site's languages.
 */
#include <string.h>

#include "base/lang.h"

/* One range of the header: its first subtag and its weight. */
struct range {
	const char *tag;	/* first subtag, or "*" */
	size_t len;
	int q;			/* 0 to 1000 */
	int ok;			/* well formed */
};

static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static const char *
skip_ows(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/*
 * The weight after "q=" at p (up to end) in thousandths into *q; the end
 * of what was read, or NULL when it is no qvalue.
 */
static const char *
read_q(const char *p, const char *end, int *q)
{
	int i, frac = 0, one;

	if (p == end || (*p != '0' && *p != '1'))
		return NULL;
	one = *p++ == '1';
	if (p < end && *p == '.') {
		for (p++, i = 0; i < 3 && p < end && is_digit(*p); i++, p++)
			frac = frac * 10 + (*p - '0');
		for (; i < 3; i++)
			frac *= 10;
		if (p < end && is_digit(*p))
			return NULL;	/* more than three decimals */
	}
	if (one && frac != 0)
		return NULL;
	*q = one ? 1000 : frac;
	return p;
}

/*
 * Read the range starting at p (up to end) into *r; return where the next
 * one starts (after its comma), or end.
 */
static const char *
next_range(const char *p, const char *end, struct range *r)
{
	const char *comma = memchr(p, ',', (size_t)(end - p));
	const char *stop = comma != NULL ? comma : end;
	size_t n;

	r->ok = 0;
	r->q = 1000;
	p = skip_ows(p, stop);
	r->tag = p;
	if (p < stop && *p == '*')
		p++;
	else
		while (p < stop && is_alpha(*p))
			p++;
	r->len = (size_t)(p - r->tag);
	if (r->len == 0 || r->len > 8)
		goto out;
	/* Further subtags: "-" and 1 to 8 letters or digits each. */
	while (p < stop && *p == '-' && r->tag[0] != '*') {
		for (n = 0, p++; p < stop && (is_alpha(*p) || is_digit(*p));
		    p++)
			n++;
		if (n == 0 || n > 8)
			goto out;
	}
	p = skip_ows(p, stop);
	if (p < stop && *p == ';') {
		p = skip_ows(p + 1, stop);
		if (stop - p < 2 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=')
			goto out;
		if ((p = read_q(p + 2, stop, &r->q)) == NULL)
			goto out;
		p = skip_ows(p, stop);
	}
	r->ok = p == stop;
out:
	return comma != NULL ? comma + 1 : end;
}

/* Non-zero when the range r names the language name. */
static int
names_lang(const struct range *r, const char *name)
{
	size_t i;

	if (strlen(name) != r->len)
		return 0;
	for (i = 0; i < r->len; i++)
		if ((r->tag[i] | 0x20) != name[i])
			return 0;
	return 1;
}

int
lang_accept_best(const char *header, const char *const *names, size_t n)
{
	const char *end, *p;
	struct range r;
	int best = -1, best_q = 0, best_pos = 0, q, pos, star_q, star_pos, k;
	size_t i;

	if (header == NULL)
		return -1;
	end = header + strnlen(header, LANG_HEADER_MAX);
	for (i = 0; i < n; i++) {
		/* Name i's weight: its first range, else the "*" range. */
		q = star_q = -1;
		pos = star_pos = 0;
		for (p = header, k = 0; p < end && q < 0; k++) {
			p = next_range(p, end, &r);
			if (!r.ok)
				continue;
			if (r.tag[0] == '*') {
				if (star_q < 0) {
					star_q = r.q;
					star_pos = k;
				}
			} else if (names_lang(&r, names[i])) {
				q = r.q;
				pos = k;
			}
		}
		if (q < 0) {
			q = star_q;
			pos = star_pos;
		}
		if (q > best_q || (q == best_q && q > 0 && pos < best_pos)) {
			best = (int)i;
			best_q = q;
			best_pos = pos;
		}
	}
	return best;
}
