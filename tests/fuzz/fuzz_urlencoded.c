/*
 * Fuzzing target: parse_urlencoded (front/params.c), the parser of query
 * strings and urlencoded bodies. The input is the text as the server
 * passes it. Checks: the result is one of the parser's; what it kept is
 * within the limits and the input; and a form it accepted, encoded again
 * with every byte but the unreserved ones as %XX, parses to the same
 * pairs.
 */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "fuzz.h"

/* Small, so that the fuzzer reaches "too many" and "too long" too. */
static const struct param_limits lim = { 32, 256, 4, 16 };

/* Append the len bytes at s to b, each but [A-Za-z0-9._~-] as %XX. */
static void
encode(struct buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char c;
	char esc[3];
	size_t i;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("._~-", c) != NULL) {
			FUZZ_CHECK(buf_append(b, s + i, 1) == 0);
			continue;
		}
		esc[0] = '%';
		esc[1] = hex[c >> 4];
		esc[2] = hex[c & 15];
		FUZZ_CHECK(buf_append(b, esc, 3) == 0);
	}
}

/* Parse the pairs of l again from their encoded form; they must match. */
static void
check_encoded_again(const struct param_list *l)
{
	struct param_list again = { NULL, 0, 0 };
	const char *why = NULL;
	struct buf text;
	size_t i;

	buf_init(&text);
	for (i = 0; i < l->n; i++) {
		if (i > 0)
			FUZZ_CHECK(buf_puts(&text, "&") == 0);
		encode(&text, l->items[i].name, strlen(l->items[i].name));
		FUZZ_CHECK(buf_puts(&text, "=") == 0);
		encode(&text, l->items[i].value, l->items[i].value_len);
	}
	if (parse_urlencoded(text.data != NULL ? text.data : "", text.len,
	    &lim, &again, &why) != PARSE_OK)
		fuzz_fail("the encoded form \"%s\" is refused: %s",
		    text.data, why);
	FUZZ_CHECK(fuzz_same_params(l, &again));
	param_list_free(&again);
	buf_free(&text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct param_list form = { NULL, 0, 0 };
	enum parse_result rc;
	const char *why = NULL;

	rc = parse_urlencoded((const char *)data, size, &lim, &form, &why);
	fuzz_check_result(rc, why);
	fuzz_check_params(&form, size, lim.max_fields, lim.max_field_length);
	if (rc == PARSE_OK)
		check_encoded_again(&form);
	param_list_free(&form);
	return 0;
}
