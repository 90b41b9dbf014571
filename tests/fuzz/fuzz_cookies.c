/*
 * Fuzzing target: parse_cookies (front/params.c), the parser of the
 * Cookie header. The input is the header's value. Checks: it fails only
 * when out of memory; every cookie it kept has a token for a name and
 * cookie-octets for a value, within the input; at most max_cookies are
 * kept; and the kept cookies written again as "name=value; ..." parse to
 * the same cookies.
 */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "fuzz.h"

static const struct param_limits lim = { 32, 256, 4, 16 };

/* RFC 6265: a cookie-name is a token, a cookie-value cookie-octets. */
static void
check_grammar(const struct param *p)
{
	const unsigned char *s;

	for (s = (const unsigned char *)p->name; *s != '\0'; s++)
		FUZZ_CHECK(*s > 0x20 && *s < 0x7f &&
		    strchr("()<>@,;:\\\"/[]?={}", *s) == NULL);
	for (s = (const unsigned char *)p->value; *s != '\0'; s++)
		FUZZ_CHECK(*s > 0x20 && *s < 0x7f && *s != '"' && *s != ',' &&
		    *s != ';' && *s != '\\');
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct param_list cookies = { NULL, 0, 0 }, again = { NULL, 0, 0 };
	const char *why = NULL;
	struct buf header;
	char *text;
	size_t i;

	text = fuzz_strndup(data, size);
	FUZZ_CHECK(parse_cookies(text, &lim, &cookies, &why) == PARSE_OK);
	fuzz_check_params(&cookies, size, lim.max_cookies, size);
	buf_init(&header);
	for (i = 0; i < cookies.n; i++) {
		check_grammar(&cookies.items[i]);
		FUZZ_CHECK(buf_printf(&header, "%s%s=%s", i > 0 ? "; " : "",
		    cookies.items[i].name, cookies.items[i].value) == 0);
	}
	FUZZ_CHECK(parse_cookies(header.data != NULL ? header.data : "",
	    &lim, &again, &why) == PARSE_OK);
	FUZZ_CHECK(fuzz_same_params(&cookies, &again));
	buf_free(&header);
	param_list_free(&again);
	param_list_free(&cookies);
	free(text);
	return 0;
}
