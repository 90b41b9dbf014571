/*
 * Form handling shared by the pages: the one place posted fields are
 * checked by their declared kind, and the one way a wrong field is
 * marked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/money.h"
#include "base/text.h"
#include "front/form.h"

/* The posted value of name, trimmed in place, or NULL. */
static char *
form_param(struct ctx *c, const char *name)
{
	struct param *p;
	size_t i, len;
	char *v;

	for (i = 0; i < c->req->form.n; i++) {
		p = &c->req->form.items[i];
		if (strcmp(p->name, name) != 0)
			continue;
		/* Trim in place: the parsed copy belongs to this request. */
		v = p->value;
		while (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n')
			v++;
		len = strlen(v);
		while (len > 0 && (v[len - 1] == ' ' || v[len - 1] == '\t' ||
		    v[len - 1] == '\r' || v[len - 1] == '\n'))
			v[--len] = '\0';
		return v;
	}
	return NULL;
}

const char *
form_get(struct ctx *c, const char *name)
{
	const char *v = form_param(c, name);

	return v != NULL ? v : "";
}

const char *
form_get_number(struct ctx *c, const char *name)
{
	char *v = form_param(c, name);

	if (v == NULL)
		return "";
	text_ascii_digits(v);
	return v;
}

void
form_keep(struct ctx *c, const char *name)
{
	form_set(c, name, form_get(c, name));
}

void
form_set(struct ctx *c, const char *name, const char *value)
{
	char key[96];

	snprintf(key, sizeof(key), "Form.%s", name);
	render_set(c->hdf, key, value);
}

int
form_error_text(struct ctx *c, const char *field, const char *text)
{
	char key[128];
	int n;

	snprintf(key, sizeof(key), "Form.Errors.%s", field);
	/* The first problem found with a field is the one shown. */
	if (*hdf_get_value(c->hdf, key, "") == '\0')
		render_set(c->hdf, key, text);
	n = hdf_get_int_value(c->hdf, "Form.HasErrors", 0) + 1;
	render_setf(c->hdf, "Form.HasErrors", "%d", n);
	return n;
}

int
form_error(struct ctx *c, const char *field, const char *code)
{
	char key[128];
	const char *text;

	snprintf(key, sizeof(key), "Form.Error.%s", code);
	text = render_lang(c->hdf, key);
	form_error_code(c, field, code);
	return form_error_text(c, field, *text != '\0' ? text : code);
}

void
form_error_code(struct ctx *c, const char *field, const char *code)
{
	char key[128];

	snprintf(key, sizeof(key), "Form.ErrorCodes.%s", field);
	if (*hdf_get_value(c->hdf, key, "") == '\0')
		render_set(c->hdf, key, code);
}

int
form_error_args(struct ctx *c, const char *field, const char *code,
    const char *min, const char *max)
{
	char key[128], text[1024], amount[64];
	int first, n;

	snprintf(key, sizeof(key), "Form.Errors.%s", field);
	first = *hdf_get_value(c->hdf, key, "") == '\0';
	n = form_error(c, field, code);
	if (!first)
		return n;
	snprintf(text, sizeof(text), "%s", hdf_get_value(c->hdf, key, ""));
	if (min != NULL)
		snprintf(amount, sizeof(amount), "%s %s", min,
		    c->app->cfg.currency);
	text_subst(text, sizeof(text), "{min}", min);
	text_subst(text, sizeof(text), "{max}", max);
	text_subst(text, sizeof(text), "{amount}", min != NULL ? amount : NULL);
	render_set(c->hdf, key, text);
	return n;
}

int
form_error_amount(struct ctx *c, const char *field, const char *code,
    int64_t amount)
{
	char num[32];

	return form_error_args(c, field, code, money_format(amount, num,
	    sizeof(num)), NULL);
}

/* Mark field f wrong with Lang.Form.Error.CODE_suffix. */
static void
field_error(struct ctx *c, const struct form_field *f, const char *suffix)
{
	char code[96];

	snprintf(code, sizeof(code), "%s_%s", f->code != NULL ? f->code :
	    f->name, suffix);
	form_error(c, f->name, code);
}

/*
 * The text kinds: required, characters in [min, max] when set, then the
 * characters themselves (printable ASCII; no control characters).
 */
static int
read_text(struct ctx *c, const struct form_field *f, const char *v)
{
	size_t n = text_chars(v);

	if (*v == '\0' && f->required) {
		field_error(c, f, "missing");
		return -1;
	}
	if (f->min > 0 && n < (size_t)f->min) {
		field_error(c, f, "short");
		return -1;
	}
	if (f->max > 0 && n > (size_t)f->max) {
		field_error(c, f, "long");
		return -1;
	}
	if (f->kind == FORM_ASCII && !text_is_printable_ascii(v)) {
		field_error(c, f, "bad");
		return -1;
	}
	if (f->kind != FORM_SECRET && text_has_control(v, f->kind ==
	    FORM_LINES)) {
		form_error(c, f->name, "field_control");
		return -1;
	}
	return 0;
}

/* An amount: the amount_* messages, and at least f->min. */
static int
read_money(struct ctx *c, const struct form_field *f, const char *v,
    int64_t *out)
{
	static const char *const codes[] = {
		[MONEY_EMPTY] = "amount_empty",
		[MONEY_SYNTAX] = "amount_syntax",
		[MONEY_NEGATIVE] = "amount_negative",
		[MONEY_PRECISION] = "amount_precision",
		[MONEY_RANGE] = "amount_range"
	};
	enum money_parse_err pe;

	if ((pe = money_parse(v, out)) != MONEY_OK) {
		form_error(c, f->name, (size_t)pe < FORM_N(codes) &&
		    codes[pe] != NULL ? codes[pe] : "amount_syntax");
		return -1;
	}
	if (*out < f->min) {
		form_error(c, f->name, "amount_zero");
		return -1;
	}
	return 0;
}

/* Check the value of f into *v by its kind; 0, -1 (marked) or 400. */
static int
read_field(struct ctx *c, const struct form_field *f, struct form_value *v)
{
	const char *why;

	switch (f->kind) {
	case FORM_ID:
		if ((v->num = text_id(v->text)) > 0)
			return 0;
		c->error_detail = f->code != NULL ? f->code : "bad_id";
		return 400;
	case FORM_KEY:
		if (session_token_valid(v->text))
			return 0;
		field_error(c, f, "bad");
		return -1;
	case FORM_FLAG:
		v->num = strcmp(v->text, "1") == 0;
		if (v->num || !f->required)
			return 0;
		field_error(c, f, "missing");
		return -1;
	case FORM_COUNT:
		if (*v->text == '\0' && !f->required)
			return 0;
		if (text_int(v->text, &v->num) == 0 && v->num >= f->min &&
		    v->num <= f->max)
			return 0;
		field_error(c, f, "range");
		return -1;
	case FORM_MONEY:
		return read_money(c, f, v->text, &v->num);
	default:
		if (read_text(c, f, v->text) == -1)
			return -1;
		break;
	}
	if (f->check != NULL && (why = f->check(v->text)) != NULL) {
		form_error(c, f->name, why);
		return -1;
	}
	return 0;
}

int
form_read(struct ctx *c, const struct form_field *fields, size_t n,
    struct form_value *values)
{
	const struct form_field *f;
	struct form_value *v;
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		f = &fields[i];
		v = &values[i];
		v->text = form_get(c, f->name);
		v->num = 0;
		if (f->kind != FORM_SECRET && f->kind != FORM_ID &&
		    f->kind != FORM_KEY)
			form_keep(c, f->name);
		/* Typed numbers: read "২০" as 20, after keeping it as typed. */
		if (f->kind == FORM_COUNT || f->kind == FORM_MONEY)
			v->text = form_get_number(c, f->name);
		rc = read_field(c, f, v);
		if (rc > 0)
			return rc;
		v->ok = rc == 0;
	}
	return 0;
}

int
form_errors(struct ctx *c)
{
	return hdf_get_int_value(c->hdf, "Form.HasErrors", 0);
}

void
form_notice(struct ctx *c, const char *key)
{
	char name[96];

	snprintf(name, sizeof(name), "Notice.%s", key);
	render_set(c->hdf, "Page.Notice", render_lang(c->hdf, name));
}
