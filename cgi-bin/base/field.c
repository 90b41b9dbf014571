/*
 * The generic check of a declared job-type field.
 */
#include <string.h>

#include "base/field.h"
#include "base/text.h"

/* The length rule of text, textarea and url fields. */
static int
too_long(const struct kaaj_field *fd, const char *v)
{
	return fd->max_len > 0 && strlen(v) > fd->max_len;
}

/* The fault of a URL field for what kaaj_url_check() said. */
static enum field_fault
url_fault(enum kaaj_url_verdict verdict)
{
	switch (verdict) {
	case KAAJ_URL_OK:
		return FIELD_OK;
	case KAAJ_URL_BAD_CHAR:
		return FIELD_URL_CHARS;
	case KAAJ_URL_BAD_SCHEME:
		return FIELD_URL_SCHEME;
	case KAAJ_URL_USERINFO:
		return FIELD_URL_USERINFO;
	case KAAJ_URL_BAD_PORT:
		return FIELD_URL_PORT;
	case KAAJ_URL_PRIVATE_HOST:
		return FIELD_URL_PRIVATE;
	default:
		return FIELD_URL_HOST;
	}
}

enum field_fault
field_check(const struct kaaj_field *fd, const char *v)
{
	const struct kaaj_choice *ch;
	int64_t n;

	if (fd->type == KAAJ_FIELD_SCREENSHOT)
		return FIELD_OK;
	if (*v == '\0')
		return fd->required ? FIELD_MISSING : FIELD_OK;
	switch (fd->type) {
	case KAAJ_FIELD_TEXT:
	case KAAJ_FIELD_TEXTAREA:
		if (too_long(fd, v))
			return FIELD_TOO_LONG;
		return text_has_control(v, fd->type == KAAJ_FIELD_TEXTAREA) ?
		    FIELD_CONTROL : FIELD_OK;
	case KAAJ_FIELD_URL:
		if (too_long(fd, v))
			return FIELD_TOO_LONG;
		return url_fault(kaaj_url_check(v, NULL));
	case KAAJ_FIELD_INT:
		if (text_int(v, &n) == -1)
			return FIELD_NOT_INT;
		return n < fd->min || n > fd->max ? FIELD_RANGE : FIELD_OK;
	case KAAJ_FIELD_CHOICE:
		for (ch = fd->choices; ch != NULL && ch->value != NULL; ch++)
			if (strcmp(ch->value, v) == 0)
				return FIELD_OK;
		return FIELD_NOT_CHOICE;
	default:
		return FIELD_OK;
	}
}

const char *
field_fault_code(enum field_fault fault)
{
	switch (fault) {
	case FIELD_OK:
		return NULL;
	case FIELD_MISSING:
		return "field_required";
	case FIELD_TOO_LONG:
		return "field_long";
	case FIELD_CONTROL:
		return "field_control";
	case FIELD_URL_CHARS:
		return "field_url_chars";
	case FIELD_URL_SCHEME:
		return "field_url";
	case FIELD_URL_USERINFO:
		return "field_url_userinfo";
	case FIELD_URL_PORT:
		return "field_url_port";
	case FIELD_URL_HOST:
		return "field_url_host";
	case FIELD_URL_PRIVATE:
		return "field_url_private";
	case FIELD_NOT_INT:
	case FIELD_RANGE:
		return "field_int_range";
	case FIELD_NOT_CHOICE:
		return "field_choice";
	}
	return "field_required";
}

const char *
field_shown_if_split(const char *shown_if, size_t *name_len)
{
	const char *eq;

	if (shown_if == NULL || (eq = strchr(shown_if, '=')) == NULL ||
	    eq == shown_if || eq[1] == '\0')
		return NULL;
	*name_len = (size_t)(eq - shown_if);
	return eq + 1;
}

int
field_value_listed(const char *list, const char *value)
{
	size_t n = strlen(value), k;

	if (n == 0)
		return 0;
	for (;;) {
		k = strcspn(list, "|");
		if (k == n && strncmp(list, value, n) == 0)
			return 1;
		if (list[k] == '\0')
			return 0;
		list += k + 1;
	}
}

int
field_applies(const struct kaaj_field *fd, const struct kaaj_values *campaign)
{
	const char *list;
	size_t len, i;

	if (fd->shown_if == NULL)
		return 1;
	if ((list = field_shown_if_split(fd->shown_if, &len)) == NULL)
		return 0;
	for (i = 0; i < campaign->n; i++)
		if (strncmp(campaign->names[i], fd->shown_if, len) == 0 &&
		    campaign->names[i][len] == '\0')
			return field_value_listed(list, campaign->values[i]);
	return 0;
}
