/*
 * Money amounts in micro-units.
 */
#include <string.h>

#include "base/money.h"
#include "base/text.h"

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
	char text[32], units[TEXT_INT_LEN], frac_text[8];
	unsigned long long mag, frac;
	size_t n, u;
	int places = 6, i;

	if (outlen == 0)
		return out;
	mag = amount < 0 ? (unsigned long long)0 - (unsigned long long)amount
	    : (unsigned long long)amount;
	text_of_uint(mag / MONEY_MICRO, units);
	frac = mag % MONEY_MICRO;
	/* Six decimals less the trailing zeros, but two at least. */
	for (; places > 2 && frac % 10 == 0; places--)
		frac /= 10;
	frac_text[places] = '\0';
	for (i = places - 1; i >= 0; i--, frac /= 10)
		frac_text[i] = (char)('0' + frac % 10);
	/* "-" units "." decimals, cut to outlen as snprintf would. */
	n = 0;
	if (amount < 0)
		text[n++] = '-';
	u = strlen(units);
	memcpy(text + n, units, u);
	n += u;
	text[n++] = '.';
	memcpy(text + n, frac_text, (size_t)places + 1);
	n += (size_t)places + 1;
	if (n > outlen) {
		n = outlen;
		text[n - 1] = '\0';
	}
	memcpy(out, text, n);
	return out;
}
