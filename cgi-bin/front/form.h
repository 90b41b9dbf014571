/*
 * Form handling shared by the pages: reading posted values, keeping what
 * the user typed for the page shown again, and saying which field is
 * wrong. Messages come from Lang.Form.Error.CODE.
 */
#ifndef KAAJ_FORM_H
#define KAAJ_FORM_H

#include "front/router.h"

/* The posted value of name with spaces trimmed at both ends, or "". */
const char *form_get(struct ctx *c, const char *name);

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

/* How many fields were marked wrong. */
int form_errors(struct ctx *c);

/* Show Lang.Notice.KEY at the top of the page. */
void form_notice(struct ctx *c, const char *key);

#endif
