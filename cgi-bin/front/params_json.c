/*
 * A JSON request body (the API's) into the list of named values the
 * forms read (params.h), so that the API checks its input with the very
 * form code the pages use. Parsing is Jansson's (docs/api.md says why).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "front/params_int.h"

/* Set err's code, field (may be NULL) and detail; returns PARSE_BAD. */
static enum parse_result
json_fail(struct param_json_error *err, const char *code, const char *field,
    const char *detail)
{
	err->code = code;
	snprintf(err->field, sizeof(err->field), "%s",
	    field != NULL ? field : "");
	snprintf(err->detail, sizeof(err->detail), "%s",
	    detail != NULL ? detail : "");
	return PARSE_BAD;
}

/* Append name = the n bytes at s, checked as a form value would be. */
static enum parse_result
add_value(struct param_list *out, const char *name, const char *s, size_t n,
    const struct param_limits *lim, struct param_json_error *err)
{
	const char *why = NULL, *bad;
	char *nm, *v;

	if (out->n >= lim->max_fields || n > lim->max_field_length ||
	    strlen(name) > lim->max_field_length) {
		json_fail(err, "json_too_big", name, NULL);
		return PARSE_TOO_BIG;
	}
	if ((bad = param_text_problem(s, n, 1)) != NULL)
		return json_fail(err, "json_text", name, bad);
	if ((nm = param_copy_bytes(name, strlen(name))) == NULL ||
	    (v = param_copy_bytes(s, n)) == NULL) {
		free(nm);
		json_fail(err, "server", NULL, "out of memory");
		return PARSE_NOMEM;
	}
	if (param_push(out, nm, v, n, &why) != PARSE_OK) {
		json_fail(err, "server", NULL, why);
		return PARSE_NOMEM;
	}
	return PARSE_OK;
}

/*
 * One scalar member value (or array element) v of name: a string as it
 * is, a whole number in decimal, true "1" and false "0"; a number with a
 * fraction, an object or an array is refused.
 */
static enum parse_result
add_scalar(struct param_list *out, const char *name, json_t *v,
    const struct param_limits *lim, struct param_json_error *err)
{
	char num[32];

	switch (json_typeof(v)) {
	case JSON_STRING:
		return add_value(out, name, json_string_value(v),
		    json_string_length(v), lim, err);
	case JSON_INTEGER:
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		return add_value(out, name, num, strlen(num), lim, err);
	case JSON_TRUE:
		return add_value(out, name, "1", 1, lim, err);
	case JSON_FALSE:
		return add_value(out, name, "0", 1, lim, err);
	case JSON_REAL:
		return json_fail(err, "json_real", name, NULL);
	default:
		return json_fail(err, "json_type", name, NULL);
	}
}

enum parse_result
parse_json_object(const char *body, size_t len,
    const struct param_limits *lim, struct param_list *out,
    struct param_json_error *err)
{
	enum parse_result pr = PARSE_OK;
	json_error_t je;
	json_t *root, *v, *e;
	const char *name, *bad;
	char detail[sizeof(err->detail)];
	size_t i;

	memset(err, 0, sizeof(*err));
	root = json_loadb(body, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
	    &je);
	if (root == NULL) {
		snprintf(detail, sizeof(detail), "line %d, column %d: %s",
		    je.line, je.column, je.text);
		return json_fail(err, "json", NULL, detail);
	}
	if (!json_is_object(root)) {
		json_decref(root);
		return json_fail(err, "json_object", NULL, NULL);
	}
	json_object_foreach(root, name, v) {
		if (name[0] == '\0' || (bad = param_text_problem(name,
		    strlen(name), 0)) != NULL) {
			pr = json_fail(err, "json_text", NULL, "a member name");
			break;
		}
		if (json_is_null(v))
			continue;
		if (!json_is_array(v)) {
			if ((pr = add_scalar(out, name, v, lim, err)) !=
			    PARSE_OK)
				break;
			continue;
		}
		json_array_foreach(v, i, e) {
			if (json_is_array(e) || json_is_object(e) ||
			    json_is_null(e)) {
				pr = json_fail(err, "json_type", name, NULL);
				break;
			}
			if ((pr = add_scalar(out, name, e, lim, err)) !=
			    PARSE_OK)
				break;
		}
		if (pr != PARSE_OK)
			break;
	}
	json_decref(root);
	return pr;
}
