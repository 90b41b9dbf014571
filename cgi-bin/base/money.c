/*
 * Money amounts in micro-units.
 */
#include <stdio.h>
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
	unsigned long long mag;
	unsigned long long units, frac;
	char fbuf[8];
	int n;

	mag = amount < 0 ? (unsigned long long)0 - (unsigned long long)amount
	    : (unsigned long long)amount;
	units = mag / MONEY_MICRO;
	frac = mag % MONEY_MICRO;
	snprintf(fbuf, sizeof(fbuf), "%06llu", frac);
	/* Drop trailing zeros but keep two decimals. */
	for (n = 6; n > 2 && fbuf[n - 1] == '0'; n--)
		continue;
	fbuf[n] = '\0';
	snprintf(out, outlen, "%s%llu.%s", amount < 0 ? "-" : "", units, fbuf);
	return out;
}
