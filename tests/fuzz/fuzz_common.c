/*
 * What the fuzzing targets share (fuzz.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

void
fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

char *
fuzz_strndup(const uint8_t *data, size_t size)
{
	char *s;

	if ((s = malloc(size + 1)) == NULL)
		fuzz_fail("out of memory");
	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

void
fuzz_check_result(enum parse_result rc, const char *why)
{
	FUZZ_CHECK(rc == PARSE_OK || rc == PARSE_BAD || rc == PARSE_TOO_BIG);
	FUZZ_CHECK(rc == PARSE_OK || (why != NULL && why[0] != '\0'));
}

void
fuzz_check_params(const struct param_list *l, size_t input_len, size_t max,
    size_t max_len)
{
	const struct param *p;
	size_t i, name_len;

	FUZZ_CHECK(l->n <= max);
	FUZZ_CHECK(l->n <= l->cap);
	for (i = 0; i < l->n; i++) {
		p = &l->items[i];
		FUZZ_CHECK(p->name != NULL && p->value != NULL);
		name_len = strlen(p->name);
		FUZZ_CHECK(name_len > 0);
		FUZZ_CHECK(name_len <= input_len && name_len <= max_len);
		FUZZ_CHECK(p->value[p->value_len] == '\0');
		FUZZ_CHECK(strlen(p->value) == p->value_len);
		FUZZ_CHECK(p->value_len <= input_len &&
		    p->value_len <= max_len);
	}
}

int
fuzz_same_params(const struct param_list *a, const struct param_list *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->items[i].name, b->items[i].name) != 0 ||
		    a->items[i].value_len != b->items[i].value_len ||
		    memcmp(a->items[i].value, b->items[i].value,
		    a->items[i].value_len) != 0)
			return 0;
	return 1;
}
