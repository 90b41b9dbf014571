/*
 * Money amounts in micro-units.
 */
#include <string.h>

#include "base/money.h"

enum money_parse_err
money_parse(const char *s, int64_t *out)
{
	int64_t units = 0, frac = 0;
	int ndec = 0, seen_digit = 0;
	const char *p = s;

	if (s == NULL || *s == '\0')
		return MONEY_EMPTY;
	if (*p == '-')
		return MONEY_NEGATIVE;
	for (; *p >= '0' && *p <= '9'; p++) {
		seen_digit = 1;
		if (units > MONEY_MAX / MONEY_MICRO)
			return MONEY_RANGE;
		units = units * 10 + (*p - '0');
	}
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++) {
			seen_digit = 1;
			if (++ndec > 6) {
				/* Trailing zeros beyond six places change nothing. */
				if (*p != '0')
					return MONEY_PRECISION;
				continue;
			}
			frac = frac * 10 + (*p - '0');
		}
	}
	if (*p != '\0' || !seen_digit)
		return MONEY_SYNTAX;
	for (; ndec < 6; ndec++)
		frac *= 10;
	if (units > MONEY_MAX / MONEY_MICRO ||
	    units * MONEY_MICRO > MONEY_MAX - frac)
		return MONEY_RANGE;
	*out = units * MONEY_MICRO + frac;
	return MONEY_OK;
}

char *
money_format(int64_t amount, char *out, size_t outlen)
{
	char text[32], *p = text + sizeof(text);
	unsigned long long mag, units, frac;
	int places = 6, i;
	size_t n;

	if (outlen == 0)
		return out;
	mag = amount < 0 ? (unsigned long long)0 - (unsigned long long)amount
	    : (unsigned long long)amount;
	units = mag / MONEY_MICRO;
	frac = mag % MONEY_MICRO;
	/* Six decimals less the trailing zeros, but two at least. */
	for (; places > 2 && frac % 10 == 0; places--)
		frac /= 10;
	/* Written backwards from the end of text, as snprintf would. */
	*--p = '\0';
	for (i = 0; i < places; i++, frac /= 10)
		*--p = (char)('0' + frac % 10);
	*--p = '.';
	do {
		*--p = (char)('0' + units % 10);
		units /= 10;
	} while (units > 0);
	if (amount < 0)
		*--p = '-';
	n = (size_t)(text + sizeof(text) - p);
	if (n > outlen) {
		n = outlen;
		p[n - 1] = '\0';
	}
	memcpy(out, p, n);
	return out;
}
