/*
 * Form handling shared by the pages: forms declared once as tables of
 * fields (in the manner of kcgi's key tables) and checked in one place,
 * keeping what the user typed for the page shown again, and saying which
 * field is wrong. Messages come from Lang.Form.Error.CODE.
 */
#ifndef KAAJ_FORM_H
#define KAAJ_FORM_H

#include <stddef.h>
#include <stdint.h>

#include "front/router.h"

/* What a posted field holds; form_read checks each by its kind. */
enum form_kind {
	FORM_LINE,	/* one line of text: no control characters */
	FORM_LINES,	/* text whose lines may hold tabs */
	FORM_ASCII,	/* printable ASCII only (references, codes) */
	FORM_SECRET,	/* a password: never kept, checked by its page */
	FORM_COUNT,	/* a whole number in [min, max] */
	FORM_MONEY,	/* an amount (money_parse) of at least min */
	FORM_ID,	/* a hidden positive id: a bad one is answered 400 */
	FORM_KEY,	/* a one-time form key (session_token_valid) */
	FORM_FLAG	/* a check box: 1 when sent as "1" */
};

/*
 * One field of a form. Its error keys are Lang.Form.Error.CODE_SUFFIX
 * with CODE the field's code (its name when NULL) and SUFFIX: missing
 * (empty but required), short and long (characters below min or above
 * max, when set, for the text kinds), range (COUNT), bad (KEY, and ASCII
 * with other characters); control
 * characters are field_control and amounts use the amount_* keys (below
 * min: amount_zero). check, when set, runs on a text value (empty too,
 * when not required) that passed all that and returns a Lang.Form.Error
 * key, or NULL.
 */
struct form_field {
	const char *name;
	enum form_kind kind;
	int required;
	int64_t min, max;
	const char *code;
	const char *(*check)(const char *value);
};

/* A field's value after form_read. */
struct form_value {
	const char *text;	/* trimmed; "" when not sent */
	int64_t num;		/* COUNT, MONEY, ID and FLAG */
	int ok;			/* passed every check */
};

#define FORM_N(fields) (sizeof(fields) / sizeof((fields)[0]))

/* A required hidden id field named name. */
#define FORM_ID_FIELD(name) { (name), FORM_ID, 1, 0, 0, NULL, NULL }

/* A password field named name, checked by its page. */
#define FORM_SECRET_FIELD(name) { (name), FORM_SECRET, 0, 0, 0, NULL, NULL }

/*
 * Read the n fields of a posted form into values[0..n), keep what the
 * user typed (Form.NAME) for the page shown again (never SECRET, ID or
 * KEY fields), and mark each wrong field (form_errors() counts them).
 * Returns 0, or 400 when an ID field is not a positive id (a hidden field
 * no person typed) with c->error_detail its code, or "bad_id".
 */
int form_read(struct ctx *c, const struct form_field *fields, size_t n,
    struct form_value *values);

/* The posted value of name with spaces trimmed at both ends, or "". */
const char *form_get(struct ctx *c, const char *name);

/*
 * The posted value of name as form_get gives it, with Bengali digits
 * written as ASCII ones in place (text_ascii_digits), for a number a
 * person typed. Call form_keep first: the page shown again keeps what
 * was typed.
 */
const char *form_get_number(struct ctx *c, const char *name);

/*
 * Keep the posted value of name for the page shown again: Form.NAME.
 * Never call it for passwords.
 */
void form_keep(struct ctx *c, const char *name);

/* Set Form.NAME to value (for forms filled from the database). */
void form_set(struct ctx *c, const char *name, const char *value);

/*
 * Say field is wrong: Form.Errors.FIELD gets Lang.Form.Error.CODE (or code
 * itself when the language has no such text) and Form.HasErrors is set.
 * Returns the number of errors so far, for "if (form_errors(c))".
 */
int form_error(struct ctx *c, const char *field, const char *code);

/*
 * form_error with the message's "{min}" and "{max}" replaced by min and
 * max and "{amount}" by min and the site's currency (NULL: left as they
 * are), when this is the field's first error.
 */
int form_error_args(struct ctx *c, const char *field, const char *code,
    const char *min, const char *max);

/* form_error with "{amount}" the money amount and the site's currency. */
int form_error_amount(struct ctx *c, const char *field, const char *code,
    int64_t amount);

/*
 * Mark field wrong with text as it is (a job type's own message), unless
 * it has an error already. Returns the number of errors so far.
 */
int form_error_text(struct ctx *c, const char *field, const char *text);

/*
 * Note code as the stable name of field's first problem
 * (Form.ErrorCodes.FIELD, which the API answers with); form_error does
 * it itself.
 */
void form_error_code(struct ctx *c, const char *field, const char *code);

/* How many fields were marked wrong. */
int form_errors(struct ctx *c);

/* Show Lang.Notice.KEY at the top of the page. */
void form_notice(struct ctx *c, const char *key);

#endif
