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
#include "base/field.h"
#include "pages/campaign_form.h"
#include "pages/campaign_items.h"
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

/* The common fields of every campaign. */
enum {
	CF_TITLE, CF_INSTR, CF_PROOF, CF_SLOTS, CF_PAY, CF_MINUTES, CF_DAYS,
	CF_MIN_SUCCESS, CF_SHOT, CF_RELEASE, CF_FIELDS
};
static const struct form_field common_form[CF_FIELDS] = {
	[CF_TITLE] = { "title", FORM_LINE, 0, TITLE_MIN, TITLE_MAX,
	    "campaign_title", NULL },
	[CF_INSTR] = { "instructions", FORM_LINES, 0, INSTR_MIN, INSTR_MAX,
	    "campaign_instructions", NULL },
	[CF_PROOF] = { "proof_instructions", FORM_LINES, 0, PROOF_MIN,
	    PROOF_MAX, "campaign_proof", NULL },
	[CF_SLOTS] = { "slots", FORM_COUNT, 1, 1, SLOTS_MAX, "campaign_slots",
	    NULL },
	[CF_PAY] = { "pay", FORM_MONEY, 1, 0, 0, NULL, NULL },
	[CF_MINUTES] = { "minutes", FORM_COUNT, 1, MINUTES_MIN, MINUTES_MAX,
	    "campaign_minutes", NULL },
	[CF_DAYS] = { "days", FORM_COUNT, 1, 1, DAYS_MAX, "campaign_days",
	    NULL },
	[CF_MIN_SUCCESS] = { "min_success", FORM_COUNT, 1, 0, 100,
	    "campaign_min_success", NULL },
	[CF_SHOT] = { "screenshot_required", FORM_FLAG, 0, 0, 0, NULL, NULL },
	[CF_RELEASE] = { "release_per_hour", FORM_COUNT, 0, 0, SLOTS_MAX,
	    "campaign_release", NULL }
};

const struct form_field *
cform_common_fields(size_t *n)
{
	*n = CF_FIELDS;
	return common_form;
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
		snprintf(key, sizeof(key), "Country.%s", code);
		if (*render_lang(c->hdf, key) == '\0')
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
	f->kv.names = f->names;
	f->kv.values = f->values;
	for (i = 0; i < jt->n_campaign_fields && f->n < CFORM_FIELDS_MAX;
	    i++) {
		if (jt->campaign_fields[i].type == KAAJ_FIELD_SCREENSHOT)
			continue;
		snprintf(name, sizeof(name), "x_%s",
		    jt->campaign_fields[i].name);
		f->names[f->n] = jt->campaign_fields[i].name;
		f->values[f->n] = "";
		form_keep(c, name);
		/* Its choice, read before it, decides whether it applies. */
		if (field_applies(&jt->campaign_fields[i], &f->kv)) {
			f->values[f->n] = page_field_value(c, name,
			    &jt->campaign_fields[i]);
			if (page_check_field(c, name, &jt->campaign_fields[i],
			    f->values[f->n]) != 0)
				bad = 1;
		}
		f->kv.n = ++f->n;
	}
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
	page_plugin_error(c, p, i < f->n ? name : "plugin", &err);
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
	struct form_value v[CF_FIELDS];
	char min[32];

	memset(f, 0, sizeof(*f));
	f->plugin = p;
	f->min_pay = config_min_pay(&c->app->cfg, p->name, p->jt->min_pay);
	/* First: its rows are the slots. */
	f->has_items = cform_items_read(c, &f->items) == 1;
	form_read(c, common_form, CF_FIELDS, v);
	f->title = v[CF_TITLE].text;
	f->instructions = v[CF_INSTR].text;
	f->proof = v[CF_PROOF].text;
	f->slots = v[CF_SLOTS].num;
	f->pay = v[CF_PAY].num;
	f->minutes = v[CF_MINUTES].num;
	f->days = v[CF_DAYS].num;
	f->min_success = v[CF_MIN_SUCCESS].num;
	f->screenshot = *v[CF_SHOT].text != '\0';
	f->release = v[CF_RELEASE].num;
	if (v[CF_INSTR].ok)
		cform_items_check(c, f->has_items ? &f->items : NULL,
		    f->instructions);
	form_set(c, "screenshot_required", f->screenshot ? "1" : "");
	if (v[CF_PAY].ok && (f->pay < f->min_pay || f->pay <= 0))
		form_error_args(c, "pay", "campaign_pay_below_min",
		    money_format(f->min_pay, min, sizeof(min)), NULL);
	/* Before anything multiplies them: slots x pay must fit the books. */
	if (f->slots > 0 && f->pay > 0 && !campaign_total_ok(f->slots, f->pay))
		form_error(c, "slots", "campaign_too_large");
	read_countries(c, f);
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
	n->release_per_hour = f->release;
	n->fields = &f->kv;
	n->verify_secret = f->verify_secret != NULL &&
	    *f->verify_secret != '\0' ? f->verify_secret : NULL;
	n->verify_mode = n->verify_secret != NULL ? f->verify_mode : "off";
	n->create_key = create_key;
	n->moderated = moderated;
	n->items = f->has_items ? &f->items : NULL;
}

void
cform_free(struct cform *f)
{
	if (f->has_items)
		csv_free(&f->items);
	f->has_items = 0;
}

/*
 * For a field that applies only to some choices: ShownIf.Field (the form
 * name of the choice field), ShownIf.Values ("v1|v2") and Hidden when the
 * form, shown again, has another choice there.
 */
static void
describe_shown_if(struct ctx *c, HDF *row, const struct kaaj_field *d)
{
	char name[48], key[64];
	const char *list;
	size_t len;

	if ((list = field_shown_if_split(d->shown_if, &len)) == NULL)
		return;
	snprintf(name, sizeof(name), "x_%.*s", (int)len, d->shown_if);
	render_set(row, "ShownIf.Field", name);
	render_set(row, "ShownIf.Values", list);
	snprintf(key, sizeof(key), "Form.%s", name);
	if (*hdf_get_value(c->hdf, key, "") != '\0' &&
	    !field_value_listed(list, hdf_get_value(c->hdf, key, "")))
		render_set(row, "Hidden", "1");
}

void
cform_describe(struct ctx *c, const struct plugin *p)
{
	const struct kaaj_jobtype *jt = page_jobtype(c, p);
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
		describe_shown_if(c, row, d);
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
