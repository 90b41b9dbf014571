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
	FIELD_URL_SCHEME,	/* an address not starting http(s):// */
	FIELD_URL_SYNTAX,	/* spaces, user:password@, a bad port */
	FIELD_URL_HOST,		/* not the name of a public site */
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
 * "field_control", "field_url" (scheme), "field_url_bad", "field_url_host",
 * "field_int_range" (not a number and out
 * of range say the same, with {min} and {max}), "field_choice"; NULL for
 * FIELD_OK.
 */
const char *field_fault_code(enum field_fault fault);

#endif
