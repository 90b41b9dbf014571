/*
 * Fuzzing target: the amounts of base/money.c. The input is the text
 * given to money_parse. Checks: an accepted text is digits with at most
 * one point, and its amount lies in [0, MONEY_MAX]; written with
 * money_format and parsed again it is the same amount; money_format cut
 * to any shorter buffer writes a NUL-terminated prefix of the whole
 * text. The input's first 8 bytes, as an int64, go through
 * money_format and money_parse too (a negative amount is refused as
 * negative, a larger one as out of range).
 */
#include <stdlib.h>
#include <string.h>

#include "base/money.h"
#include "fuzz.h"

/* money_format of amount, whole and cut to every shorter buffer. */
static void
check_format(int64_t amount)
{
	char whole[32], cut[32];
	size_t len, outlen;
	int64_t back = -1;
	enum money_parse_err rc;

	money_format(amount, whole, sizeof(whole));
	len = strlen(whole);
	FUZZ_CHECK(len >= 4 && len < sizeof(whole));
	for (outlen = 1; outlen <= len; outlen++) {
		memset(cut, 'x', sizeof(cut));
		money_format(amount, cut, outlen);
		FUZZ_CHECK(cut[outlen - 1] == '\0');
		FUZZ_CHECK(memcmp(cut, whole, outlen - 1) == 0);
		FUZZ_CHECK(cut[outlen] == 'x');
	}
	rc = money_parse(whole, &back);
	if (amount < 0)
		FUZZ_CHECK(rc == MONEY_NEGATIVE);
	else if (amount > MONEY_MAX)
		FUZZ_CHECK(rc == MONEY_RANGE);
	else if (rc != MONEY_OK || back != amount)
		fuzz_fail("%lld written as \"%s\" reads back as %lld (%d)",
		    (long long)amount, whole, (long long)back, (int)rc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum money_parse_err rc;
	int64_t amount = -1;
	size_t digits;
	char *text;

	text = fuzz_strndup(data, size);
	rc = money_parse(text, &amount);
	FUZZ_CHECK(rc >= MONEY_OK && rc <= MONEY_RANGE);
	if (rc == MONEY_OK) {
		digits = strspn(text, "0123456789");
		FUZZ_CHECK(text[digits] == '\0' || (text[digits] == '.' &&
		    strspn(text + digits + 1, "0123456789") ==
		    strlen(text + digits + 1)));
		FUZZ_CHECK(amount >= 0 && amount <= MONEY_MAX);
		check_format(amount);
	}
	if (size >= sizeof(amount)) {
		memcpy(&amount, data, sizeof(amount));
		check_format(amount);
	}
	free(text);
	return 0;
}
