/*
 * The new-campaign form: reading and checking it. Limits of the common
 * fields are here; the job type's limits come from its declarations.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "market/campaign.h"
#include "pages/campaign_form.h"
#include "front/form.h"
#include "base/money.h"
#include "pages/pages.h"
#include "market/verify.h"

#define TITLE_MIN 5		/* characters */
#define TITLE_MAX 120		/* campaigns.title */
#define INSTR_MIN 10
#define INSTR_MAX 5000
#define PROOF_MIN 5
#define PROOF_MAX 2000
#define SLOTS_MAX 100000
#define MINUTES_MIN 5
#define MINUTES_MAX 10080	/* a week */
#define DAYS_MAX 30

static const char *const type_names[] = {
	NULL, "text", "textarea", "url", "int", "choice", "screenshot"
};

const struct plugin *
cform_plugin(struct ctx *c, const char *name)
{
	if (name == NULL || *name == '\0')
		return NULL;
	return plugin_find(&c->app->plugins, name);
}

/* Characters in s: the bytes that do not continue a UTF-8 sequence. */
static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* Replace the first "{name}" in text (of size len) by value. */
static void
subst(char *text, size_t len, const char *name, const char *value)
{
	char out[1024];
	char *at;

	if (value == NULL || (at = strstr(text, name)) == NULL)
		return;
	snprintf(out, sizeof(out), "%.*s%s%s", (int)(at - text), text, value,
	    at + strlen(name));
	snprintf(text, len, "%s", out);
}

void
cform_error(struct ctx *c, const char *field, const char *code,
    const char *min, const char *max)
{
	char key[128], text[1024], amount[64];
	int first;

	snprintf(key, sizeof(key), "Form.Errors.%s", field);
	first = *hdf_get_value(c->hdf, key, "") == '\0';
	form_error(c, field, code);
	if (!first)
		return;
	snprintf(text, sizeof(text), "%s", hdf_get_value(c->hdf, key, ""));
	if (min != NULL)
		snprintf(amount, sizeof(amount), "%s %s", min,
		    c->app->cfg.currency);
	subst(text, sizeof(text), "{min}", min);
	subst(text, sizeof(text), "{max}", max);
	subst(text, sizeof(text), "{amount}", min != NULL ? amount : NULL);
	render_set(c->hdf, key, text);
}

/* Put a plugin's own message next to field (a translation if any). */
static void
plugin_error(struct ctx *c, const struct plugin *p, const char *field,
    const struct kaaj_error *err)
{
	char key[160];
	const char *text = "";
	int n;

	if (err->code != NULL) {
		snprintf(key, sizeof(key), "JobType.%s.error.%s", p->name,
		    err->code);
		text = render_lang(c->hdf, key);
	}
	if (*text == '\0')
		text = err->message != NULL ? err->message : "";
	snprintf(key, sizeof(key), "Form.Errors.%s", field);
	if (*hdf_get_value(c->hdf, key, "") == '\0')
		render_set(c->hdf, key, text);
	n = hdf_get_int_value(c->hdf, "Form.HasErrors", 0) + 1;
	render_setf(c->hdf, "Form.HasErrors", "%d", n);
}

/*
 * s as a whole number in [min, max] into *out: 0, or -1 when it is
 * empty, not a number or out of range.
 */
static int
parse_int(const char *s, int64_t min, int64_t max, int64_t *out)
{
	size_t i = s[0] == '-' ? 1 : 0, n;

	n = strspn(s + i, "0123456789");
	if (n == 0 || n > 18 || s[i + n] != '\0')
		return -1;
	*out = (int64_t)strtoll(s, NULL, 10);
	return *out < min || *out > max ? -1 : 0;
}

/* Check a text field of min to max characters; codes NAME_short/_long. */
static void
check_text(struct ctx *c, const char *field, const char *code,
    const char *v, size_t min, size_t max)
{
	char full[64];
	size_t n = chars(v);

	form_keep(c, field);
	if (n < min || n > max) {
		snprintf(full, sizeof(full), "%s_%s", code, n < min ?
		    "short" : "long");
		form_error(c, field, full);
	}
}

/* Check a whole-number field in [min, max]; code campaign_NAME_range. */
static int64_t
check_int(struct ctx *c, const char *field, int64_t min, int64_t max)
{
	char code[64];
	int64_t v = 0;

	form_keep(c, field);
	if (parse_int(form_get(c, field), min, max, &v) == -1) {
		snprintf(code, sizeof(code), "campaign_%s_range", field);
		form_error(c, field, code);
	}
	return v;
}

/*
 * Add the country codes in text (split at commas and white space) to
 * f->countries. Returns -1 when one is not in Lang.Country or there are
 * too many.
 */
static int
add_countries(struct ctx *c, struct cform *f, const char *text)
{
	char code[3], key[32];
	size_t n, len;

	for (;;) {
		text += strspn(text, ", \t\r\n");
		if (*text == '\0')
			return 0;
		n = strcspn(text, ", \t\r\n");
		if (n != 2 || !isalpha((unsigned char)text[0]) ||
		    !isalpha((unsigned char)text[1]))
			return -1;
		code[0] = (char)toupper((unsigned char)text[0]);
		code[1] = (char)toupper((unsigned char)text[1]);
		code[2] = '\0';
		snprintf(key, sizeof(key), "Lang.Country.%s", code);
		if (hdf_get_obj(c->hdf, key) == NULL)
			return -1;
		text += n;
		snprintf(key, sizeof(key), "Form.CountrySel.%s", code);
		if (hdf_get_int_value(c->hdf, key, 0))
			continue;	/* given twice */
		render_set(c->hdf, key, "1");
		len = strlen(f->countries);
		if (len + 4 > sizeof(f->countries) - 1)
			return -1;
		snprintf(f->countries + len, sizeof(f->countries) - len,
		    "%s%s", len > 0 ? "," : "", code);
	}
}

/* The countries part: the mode, and every "countries" value posted. */
static void
read_countries(struct ctx *c, struct cform *f)
{
	const struct param_list *l = &c->req->form;
	int bad = 0;
	size_t i;

	f->mode = form_get(c, "countries_mode");
	form_keep(c, "countries_mode");
	if (*f->mode == '\0')
		f->mode = "all";
	if (strcmp(f->mode, "all") != 0 && strcmp(f->mode, "include") != 0 &&
	    strcmp(f->mode, "exclude") != 0) {
		form_error(c, "countries_mode", "campaign_mode_bad");
		return;
	}
	for (i = 0; i < l->n; i++)
		if (strcmp(l->items[i].name, "countries") == 0 &&
		    add_countries(c, f, l->items[i].value) == -1)
			bad = 1;
	form_set(c, "countries", f->countries);
	if (bad)
		form_error(c, "countries", "campaign_country_unknown");
	else if (strcmp(f->mode, "all") == 0)
		f->countries[0] = '\0';
	else if (f->countries[0] == '\0')
		form_error(c, "countries", "campaign_countries_missing");
}

/* Non-zero when s starts with http:// or https:// in any case. */
static int
is_http(const char *s)
{
	return strncasecmp(s, "http://", 7) == 0 ||
	    strncasecmp(s, "https://", 8) == 0;
}

/* The generic checks of one plugin field; 0 when it passes. */
static int
check_field(struct ctx *c, const char *name, const struct kaaj_field *d,
    const char *v)
{
	char a[32], b[32];
	const struct kaaj_choice *ch;
	int64_t n;

	if (*v == '\0') {
		if (d->required)
			form_error(c, name, "field_required");
		return d->required ? -1 : 0;
	}
	switch (d->type) {
	case KAAJ_FIELD_INT:
		if (parse_int(v, d->min, d->max, &n) == 0)
			return 0;
		snprintf(a, sizeof(a), "%lld", (long long)d->min);
		snprintf(b, sizeof(b), "%lld", (long long)d->max);
		cform_error(c, name, "field_int_range", a, b);
		return -1;
	case KAAJ_FIELD_CHOICE:
		for (ch = d->choices; ch != NULL && ch->value != NULL; ch++)
			if (strcmp(ch->value, v) == 0)
				return 0;
		form_error(c, name, "field_choice");
		return -1;
	default:
		break;
	}
	if (strlen(v) > d->max_len) {
		snprintf(b, sizeof(b), "%zu", d->max_len);
		cform_error(c, name, "field_long", NULL, b);
		return -1;
	}
	if (d->type == KAAJ_FIELD_URL && !is_http(v)) {
		form_error(c, name, "field_url");
		return -1;
	}
	return 0;
}

/* The plugin's fields: the generic checks, then its own validator. */
static void
read_plugin_fields(struct ctx *c, const struct plugin *p, struct cform *f)
{
	const struct kaaj_jobtype *jt = p->jt;
	struct kaaj_error err;
	char name[48];
	size_t i;
	int bad = 0;

	f->n = 0;
	for (i = 0; i < jt->n_campaign_fields && f->n < CFORM_FIELDS_MAX;
	    i++) {
		if (jt->campaign_fields[i].type == KAAJ_FIELD_SCREENSHOT)
			continue;
		snprintf(name, sizeof(name), "x_%s",
		    jt->campaign_fields[i].name);
		f->names[f->n] = jt->campaign_fields[i].name;
		f->values[f->n] = form_get(c, name);
		form_keep(c, name);
		if (check_field(c, name, &jt->campaign_fields[i],
		    f->values[f->n]) != 0)
			bad = 1;
		f->n++;
	}
	f->kv.n = f->n;
	f->kv.names = f->names;
	f->kv.values = f->values;
	if (bad || jt->validate_campaign == NULL)
		return;
	memset(&err, 0, sizeof(err));
	if (jt->validate_campaign(&f->kv, &err) == KAAJ_OK)
		return;
	snprintf(name, sizeof(name), "x_%s", err.field != NULL ? err.field :
	    "");
	for (i = 0; i < f->n; i++)
		if (err.field != NULL && strcmp(f->names[i], err.field) == 0)
			break;
	/* A field the form does not have: shown at the top of the form. */
	plugin_error(c, p, i < f->n ? name : "plugin", &err);
}

/* The pay: a money amount of at least the type's minimum. */
static void
read_pay(struct ctx *c, struct cform *f)
{
	static const char *const codes[] = {
		[MONEY_EMPTY] = "amount_empty",
		[MONEY_SYNTAX] = "amount_syntax",
		[MONEY_NEGATIVE] = "amount_negative",
		[MONEY_PRECISION] = "amount_precision",
		[MONEY_RANGE] = "amount_range"
	};
	enum money_parse_err pe;
	char min[32];

	form_keep(c, "pay");
	pe = money_parse(form_get(c, "pay"), &f->pay);
	if (pe != MONEY_OK) {
		form_error(c, "pay", (size_t)pe < sizeof(codes) /
		    sizeof(codes[0]) && codes[pe] != NULL ? codes[pe] :
		    "amount_syntax");
		return;
	}
	if (f->pay < f->min_pay || f->pay <= 0)
		cform_error(c, "pay", "campaign_pay_below_min",
		    money_format(f->min_pay, min, sizeof(min)), NULL);
}

/*
 * Automatic verification, for a type with a verify_field: an optional
 * secret, and what to do with the codes; a secret needs a mode other
 * than "off", and such a mode needs a secret.
 */
static void
read_verify(struct ctx *c, const struct plugin *p, struct cform *f)
{
	f->verify_secret = "";
	f->verify_mode = "off";
	if (p->jt->verify_field == NULL)
		return;
	f->verify_secret = form_get(c, "verify_secret");
	form_keep(c, "verify_secret");
	f->verify_mode = form_get(c, "verify_mode");
	form_keep(c, "verify_mode");
	if (*f->verify_mode == '\0')
		f->verify_mode = "off";
	if (strcmp(f->verify_mode, "off") != 0 &&
	    strcmp(f->verify_mode, "verify") != 0 &&
	    strcmp(f->verify_mode, "approve") != 0)
		form_error(c, "verify_mode", "campaign_verify_mode_bad");
	else if (*f->verify_secret != '\0' &&
	    strcmp(f->verify_mode, "off") == 0)
		form_error(c, "verify_mode", "campaign_verify_mode_off");
	if (*f->verify_secret != '\0' && !verify_secret_ok(f->verify_secret))
		form_error(c, "verify_secret", "campaign_secret_bad");
	else if (*f->verify_secret == '\0' &&
	    strcmp(f->verify_mode, "off") != 0)
		form_error(c, "verify_secret", "campaign_secret_missing");
}

int
cform_read(struct ctx *c, const struct plugin *p, struct cform *f)
{
	memset(f, 0, sizeof(*f));
	f->plugin = p;
	f->min_pay = config_min_pay(&c->app->cfg, p->name, p->jt->min_pay);
	f->title = form_get(c, "title");
	check_text(c, "title", "campaign_title", f->title, TITLE_MIN,
	    TITLE_MAX);
	f->instructions = form_get(c, "instructions");
	check_text(c, "instructions", "campaign_instructions",
	    f->instructions, INSTR_MIN, INSTR_MAX);
	f->proof = form_get(c, "proof_instructions");
	check_text(c, "proof_instructions", "campaign_proof", f->proof,
	    PROOF_MIN, PROOF_MAX);
	f->slots = check_int(c, "slots", 1, SLOTS_MAX);
	read_pay(c, f);
	/* Before anything multiplies them: slots x pay must fit the books. */
	if (f->slots > 0 && f->pay > 0 && !campaign_total_ok(f->slots, f->pay))
		form_error(c, "slots", "campaign_too_large");
	read_countries(c, f);
	f->minutes = check_int(c, "minutes", MINUTES_MIN, MINUTES_MAX);
	f->days = check_int(c, "days", 1, DAYS_MAX);
	f->min_success = check_int(c, "min_success", 0, 100);
	f->screenshot = *form_get(c, "screenshot_required") != '\0';
	form_set(c, "screenshot_required", f->screenshot ? "1" : "");
	read_plugin_fields(c, p, f);
	read_verify(c, p, f);
	return form_errors(c);
}

void
cform_to_new(const struct cform *f, int64_t owner, int moderated,
    const char *create_key, struct campaign_new *n)
{
	memset(n, 0, sizeof(*n));
	n->owner = owner;
	n->job_type = f->plugin->name;
	n->category = f->plugin->jt->category;
	n->title = f->title;
	n->instructions = f->instructions;
	n->proof_instructions = f->proof;
	n->slots = f->slots;
	n->pay = f->pay;
	n->minutes = f->minutes;
	n->days = f->days;
	n->countries_mode = f->mode;
	n->countries = f->countries;
	n->min_success = f->min_success;
	n->screenshot_required = f->screenshot;
	n->fields = &f->kv;
	n->verify_secret = f->verify_secret != NULL &&
	    *f->verify_secret != '\0' ? f->verify_secret : NULL;
	n->verify_mode = n->verify_secret != NULL ? f->verify_mode : "off";
	n->create_key = create_key;
	n->moderated = moderated;
}

void
cform_describe(struct ctx *c, const struct plugin *p)
{
	const struct kaaj_jobtype *jt = p->jt;
	const struct kaaj_field *d;
	const struct kaaj_choice *ch;
	char money[32], name[48];
	size_t i, k = 0, j;
	HDF *row, *opt;

	render_set(c->hdf, "New.Type", p->name);
	render_set(c->hdf, "New.Label", jt->label);
	render_set(c->hdf, "New.Description", jt->description);
	render_set(c->hdf, "New.MinPay", money_format(config_min_pay(
	    &c->app->cfg, p->name, jt->min_pay), money, sizeof(money)));
	if (jt->verify_field != NULL)
		render_set(c->hdf, "New.Verify", "1");
	for (i = 0; i < jt->n_campaign_fields; i++) {
		d = &jt->campaign_fields[i];
		if (d->type == KAAJ_FIELD_SCREENSHOT ||
		    (row = page_row(c->hdf, "New.Fields", k++)) == NULL)
			continue;
		snprintf(name, sizeof(name), "x_%s", d->name);
		render_set(row, "Name", name);
		render_set(row, "Type", type_names[d->type]);
		render_set(row, "Label", d->label);
		render_set(row, "Help", d->help != NULL ? d->help : "");
		render_set(row, "Required", d->required ? "1" : "0");
		if (d->type == KAAJ_FIELD_INT) {
			render_setf(row, "Min", "%lld", (long long)d->min);
			render_setf(row, "Max", "%lld", (long long)d->max);
		} else if (d->type != KAAJ_FIELD_CHOICE)
			render_setf(row, "MaxLen", "%zu", d->max_len);
		for (ch = d->choices, j = 0; d->type == KAAJ_FIELD_CHOICE &&
		    ch != NULL && ch->value != NULL; ch++, j++) {
			if ((opt = page_row(row, "Choices", j)) == NULL)
				continue;
			render_set(opt, "Value", ch->value);
			render_set(opt, "Label", ch->label);
		}
	}
}
