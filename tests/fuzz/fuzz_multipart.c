/*
 * Fuzzing target: parse_multipart (front/multipart.c), the parser of
 * multipart/form-data bodies. The input is the Content-Type value, a
 * line feed, and the body. Checks: the result is one of the parser's;
 * the fields and files it kept are within the limits; each field's
 * value and each file's data are NUL-terminated copies of bytes of the
 * body; an untouched file input (no file name, no data) is not kept.
 */
#define _GNU_SOURCE	/* memmem */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static const struct param_limits lim = { 32, 256, 4, 16 };

/* Check one kept file against the body of len bytes it came from. */
static void
check_upload(const struct upload *u, const char *body, size_t len)
{
	FUZZ_CHECK(u->field != NULL && u->field[0] != '\0');
	FUZZ_CHECK(strlen(u->field) <= lim.max_field_length);
	FUZZ_CHECK(u->filename != NULL && u->content_type != NULL);
	FUZZ_CHECK(u->data != NULL && u->data[u->len] == '\0');
	FUZZ_CHECK(u->len <= len);
	FUZZ_CHECK(u->len == 0 || memmem(body, len, u->data, u->len) != NULL);
	FUZZ_CHECK(u->filename[0] != '\0' || u->len > 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct param_list form = { NULL, 0, 0 };
	struct upload_list files = { NULL, 0, 0 };
	const uint8_t *nl;
	const char *body, *why = NULL;
	enum parse_result rc;
	char *ctype;
	size_t i, len;

	if ((nl = memchr(data, '\n', size)) == NULL)
		return 0;
	ctype = fuzz_strndup(data, (size_t)(nl - data));
	body = (const char *)nl + 1;
	len = size - (size_t)(nl + 1 - data);
	rc = parse_multipart(body, len, ctype, &lim, &form, &files, &why);
	fuzz_check_result(rc, why);
	fuzz_check_params(&form, len, lim.max_fields, lim.max_field_length);
	for (i = 0; i < form.n; i++)
		FUZZ_CHECK(form.items[i].value_len == 0 || memmem(body, len,
		    form.items[i].value, form.items[i].value_len) != NULL);
	FUZZ_CHECK(files.n <= lim.max_files && files.n <= files.cap);
	for (i = 0; i < files.n; i++)
		check_upload(&files.items[i], body, len);
	param_list_free(&form);
	upload_list_free(&files);
	free(ctype);
	return 0;
}
