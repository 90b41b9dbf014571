/*
 * The core's generic check of one value of a field a job type declares
 * (struct kaaj_field in <kaaj/jobtype.h>): the one check the new-campaign
 * form, the proof form and the job-type case tests all use, so that a
 * plugin's validator only ever sees values that passed it.
 */
#ifndef KAAJ_FIELD_H
#define KAAJ_FIELD_H

#include "kaaj/jobtype.h"

/* What is wrong with a value, in the order the checks run. */
enum field_fault {
	FIELD_OK = 0,
	FIELD_MISSING,		/* empty, and the field is required */
	FIELD_TOO_LONG,		/* over max_len bytes */
	FIELD_CONTROL,		/* a control character (text and textarea) */
	FIELD_URL_CHARS,	/* spaces, control characters, backslashes */
	FIELD_URL_SCHEME,	/* not starting with http:// or https:// */
	FIELD_URL_USERINFO,	/* user:password@ before the host */
	FIELD_URL_PORT,		/* a port not in 1..65535 */
	FIELD_URL_HOST,		/* not the name of a web site */
	FIELD_URL_PRIVATE,	/* this machine or a private network */
	FIELD_NOT_INT,		/* not a whole number of at most 18 digits */
	FIELD_RANGE,		/* a whole number outside [min, max] */
	FIELD_NOT_CHOICE	/* not one of the choices' values */
};

/*
 * Check v (never NULL; "" when nothing was sent) against fd: required,
 * then by type: text and textarea by length and control characters
 * (textarea allows tabs and line breaks), url by length and
 * kaaj_url_check(), int as a whole number in [min, max], choice as one
 * of the values. An empty optional value and a screenshot field (checked
 * as an upload elsewhere) pass.
 */
enum field_fault field_check(const struct kaaj_field *fd, const char *v);

/*
 * The Lang.Form.Error key of fault: "field_required", "field_long",
 * "field_control", "field_url" (the scheme), "field_url_chars",
 * "field_url_userinfo", "field_url_port", "field_url_host",
 * "field_url_private" (the texts of kaaj_refuse_url, so a value reads
 * the same whoever refuses it), "field_int_range" (not a number and out
 * of range say the same, with {min} and {max}), "field_choice"; NULL for
 * FIELD_OK.
 */
const char *field_fault_code(enum field_fault fault);

/*
 * The parts of a shown_if text "FIELD=VALUE|VALUE...": returns the list
 * of values after the '=' and sets *name_len to FIELD's length, or
 * returns NULL when shown_if has no '=' or nothing on one side of it.
 */
const char *field_shown_if_split(const char *shown_if, size_t *name_len);

/*
 * Non-zero when value (not empty) is one of the '|'-separated values of
 * list, as field_shown_if_split returns it.
 */
int field_value_listed(const char *list, const char *value);

/*
 * Non-zero when fd applies to a campaign whose values are campaign: fd
 * has no shown_if, or the field it names has one of the values listed.
 * A field the values lack, or that is empty, matches no value.
 */
int field_applies(const struct kaaj_field *fd,
    const struct kaaj_values *campaign);

#endif
