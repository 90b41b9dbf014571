/*
 * Fuzzing target: parse_json_object (front/params_json.c), the API's
 * JSON bodies. Checks: the result is one of the parser's; a refusal has
 * a code; what it kept is within the limits and the input; and a body it
 * accepted, written again as an object of strings (a name's values as a
 * list), parses to the same pairs.
 */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/json.h"
#include "fuzz.h"

/* Small, so that the fuzzer reaches "too many" and "too long" too. */
static const struct param_limits lim = { 32, 256, 4, 16 };

/* Write the pairs of l (a name's values next to each other) as JSON. */
static void
write_again(const struct param_list *l, struct buf *b)
{
	size_t i, j;

	FUZZ_CHECK(buf_puts(b, "{") == 0);
	for (i = 0; i < l->n; i = j) {
		for (j = i + 1; j < l->n &&
		    strcmp(l->items[j].name, l->items[i].name) == 0; j++)
			;
		if (i > 0)
			FUZZ_CHECK(buf_puts(b, ",") == 0);
		FUZZ_CHECK(json_name(b, l->items[i].name) == 0);
		FUZZ_CHECK(buf_puts(b, "[") == 0);
		for (size_t k = i; k < j; k++) {
			if (k > i)
				FUZZ_CHECK(buf_puts(b, ",") == 0);
			FUZZ_CHECK(json_string(b, l->items[k].value) == 0);
		}
		FUZZ_CHECK(buf_puts(b, "]") == 0);
	}
	FUZZ_CHECK(buf_puts(b, "}") == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct param_list form = { NULL, 0, 0 }, again = { NULL, 0, 0 };
	struct param_json_error err;
	enum parse_result rc;
	struct buf text;

	rc = parse_json_object((const char *)data, size, &lim, &form, &err);
	fuzz_check_result(rc, rc == PARSE_OK ? NULL : err.code);
	if (rc != PARSE_OK)
		FUZZ_CHECK(err.code != NULL && err.code[0] != '\0');
	fuzz_check_params(&form, size, lim.max_fields, lim.max_field_length);
	if (rc == PARSE_OK) {
		buf_init(&text);
		write_again(&form, &text);
		if (parse_json_object(text.data, text.len, &lim, &again,
		    &err) != PARSE_OK)
			fuzz_fail("written again, \"%s\" is refused: %s %s",
			    text.data, err.code, err.detail);
		FUZZ_CHECK(fuzz_same_params(&form, &again));
		param_list_free(&again);
		buf_free(&text);
	}
	param_list_free(&form);
	return 0;
}
