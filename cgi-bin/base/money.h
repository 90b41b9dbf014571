/*
 * Money amounts: int64 micro-units of the site currency, never floats.
 */
#ifndef KAAJ_MONEY_H
#define KAAJ_MONEY_H

#include <stddef.h>
#include <stdint.h>

#define MONEY_MICRO 1000000LL

/* Largest amount accepted from text: 1e12 currency units. */
#define MONEY_MAX (1000000000000LL * MONEY_MICRO)

enum money_parse_err {
	MONEY_OK = 0,
	MONEY_EMPTY,		/* nothing given */
	MONEY_SYNTAX,		/* not a plain decimal number */
	MONEY_NEGATIVE,		/* starts with a minus sign */
	MONEY_PRECISION,	/* more than six decimals */
	MONEY_RANGE		/* larger than MONEY_MAX */
};

/*
 * Parse a decimal amount such as "12", "0.005" or "1.250000" into
 * micro-units. Only digits and one optional point; no sign, no exponent,
 * no spaces, no thousands separators. Returns MONEY_OK and sets *out, or
 * the reason it refused.
 */
enum money_parse_err money_parse(const char *s, int64_t *out);

/*
 * Write amount as a decimal with at least two and at most six decimals
 * ("0.005", "12.00", "-3.50") into out, which holds outlen bytes (32 is
 * always enough). Returns out.
 */
char *money_format(int64_t amount, char *out, size_t outlen);

#endif
