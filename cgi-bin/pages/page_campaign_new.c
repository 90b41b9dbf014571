/*
 * Posting a job: choosing its type, the form, the preview with the total
 * cost, and creating the campaign with its escrow funded. Every step
 * checks the whole form again (campaign_form.c).
 */
#include <stdio.h>
#include <string.h>

#include "pages/campaign_form.h"
#include "pages/campaign_items.h"
#include "money/fees.h"
#include "front/form.h"
#include "money/ledger.h"
#include "base/log.h"
#include "base/money.h"
#include "base/text.h"
#include "pages/pages.h"

/* The common fields, carried by the preview's confirm form. */
static const char *const common_names[] = {
	"title", "instructions", "proof_instructions", "slots", "pay",
	"countries_mode", "countries", "minutes", "days", "min_success",
	"screenshot_required", "verify_secret", "verify_mode",
	"release_per_hour", "items_csv", NULL
};

/* Step 1: the job types, grouped by category in order of appearance. */
static int
choose_type(struct ctx *c)
{
	const struct plugin_set *ps = &c->app->plugins;
	const struct kaaj_jobtype *jt;
	char key[96], money[32];
	size_t i, j, ncat = 0, k;
	HDF *cat, *row;

	for (i = 0; i < ps->n; i++) {
		jt = ps->items[i].jt;
		for (j = 0; j < i; j++)
			if (strcmp(ps->items[j].jt->category, jt->category) ==
			    0)
				break;
		if (j < i)
			continue;	/* its category is listed already */
		if ((cat = page_row(c->hdf, "Categories", ncat++)) == NULL)
			continue;
		render_set(cat, "Name", jt->category);
		snprintf(key, sizeof(key), "Category.%s", jt->category);
		render_set(cat, "Label", render_lang(c->hdf, key));
		for (j = i, k = 0; j < ps->n; j++) {
			if (strcmp(ps->items[j].jt->category, jt->category) !=
			    0 || (row = page_row(cat, "Types", k++)) == NULL)
				continue;
			render_set(row, "Name", ps->items[j].jt->name);
			render_set(row, "Label",
			    page_jobtype(c, &ps->items[j])->label);
			render_set(row, "Description",
			    page_jobtype(c, &ps->items[j])->description);
			render_set(row, "MinPay", money_format(config_min_pay(
			    &c->app->cfg, ps->items[j].jt->name,
			    ps->items[j].jt->min_pay), money, sizeof(money)));
		}
	}
	if (page_templates_list(c) == -1)
		return ctx_db_error(c);
	c->template = "campaign_new.cs";
	return 200;
}

/* Step 2: the form for job type p, with Form as it is. */
static int
show_form(struct ctx *c, const struct plugin *p)
{
	cform_describe(c, p);
	c->template = "campaign_new.cs";
	return 200;
}

int
page_campaign_new(struct ctx *c)
{
	const char *type = param_get(&c->req->query, "type");
	const char *from = param_get(&c->req->query, "template");
	const struct plugin *p;
	int rc;

	if (from != NULL) {
		if (text_id(from) <= 0) {
			c->error_detail = "no_template";
			return 404;
		}
		if ((rc = page_template_form(c, text_id(from), &p)) != 0)
			return rc;
		return show_form(c, p);
	}
	if (type == NULL || *type == '\0')
		return choose_type(c);
	if ((p = cform_plugin(c, type)) == NULL) {
		c->error_detail = "no_jobtype";
		return 404;
	}
	/* What a new form starts with. */
	form_set(c, "countries_mode", "all");
	form_set(c, "minutes", "60");
	form_set(c, "days", "7");
	form_set(c, "min_success", "0");
	return show_form(c, p);
}

/* Add one value to Preview.Values: label key (or text) and value. */
static void
preview_value(struct ctx *c, size_t i, const char *label,
    const char *value)
{
	HDF *row;

	if ((row = page_row(c->hdf, "Preview.Values", i)) == NULL)
		return;
	render_set(row, "Label", label);
	render_set(row, "Value", value);
}

/* The plugin's values with their labels (a choice by its label). */
static void
preview_plugin(struct ctx *c, const struct cform *f, size_t i)
{
	const struct kaaj_jobtype *jt = page_jobtype(c, f->plugin);
	const struct kaaj_field *d;
	const struct kaaj_choice *ch;
	const char *shown;
	size_t k, j = 0;

	for (k = 0; k < jt->n_campaign_fields && j < f->n; k++) {
		d = &jt->campaign_fields[k];
		if (d->type == KAAJ_FIELD_SCREENSHOT)
			continue;
		shown = f->values[j++];
		/* Not applying, or left empty: nothing to show. */
		if (*shown == '\0')
			continue;
		for (ch = d->choices; d->type == KAAJ_FIELD_CHOICE &&
		    ch != NULL && ch->value != NULL; ch++)
			if (strcmp(ch->value, shown) == 0)
				shown = ch->label;
		preview_value(c, i++, d->label, shown);
	}
}

/*
 * The preview of checked form f: the plugin's values, the cost, the
 * balance, and the confirm form carrying every field and key. Returns
 * 200, or 503.
 */
static int
show_preview(struct ctx *c, const struct cform *f, const char *key)
{
	const struct kaaj_config *cfg = &c->app->cfg;
	int64_t escrow = f->slots * f->pay, fee, balance;
	char name[96];
	size_t i, n = 0;
	HDF *row;

	if (ledger_balance(c->app->db, LEDGER_AVAILABLE, c->session.user_id,
	    &balance) == -1)
		return ctx_db_error(c);
	fee = fee_task(cfg, escrow);
	cform_describe(c, f->plugin);
	preview_plugin(c, f, 0);
	if (f->has_items)
		cform_items_preview(c, &f->items);
	page_set_money(c->hdf, "Preview.Pay", f->pay);
	page_set_money(c->hdf, "Preview.Escrow", escrow);
	page_set_money(c->hdf, "Preview.Fee", fee);
	page_set_money(c->hdf, "Preview.Total", escrow + fee);
	page_set_money(c->hdf, "Preview.Balance", balance);
	if (balance < escrow + fee) {
		render_set(c->hdf, "Preview.Short", "1");
		page_set_money(c->hdf, "Preview.Missing",
		    escrow + fee - balance);
	}
	render_set(c->hdf, "Preview.Key", key);
	/* The confirm form: every field as it was checked. */
	for (i = 0; common_names[i] != NULL; i++) {
		if ((row = page_row(c->hdf, "Preview.Hidden", n++)) == NULL)
			continue;
		snprintf(name, sizeof(name), "Form.%s", common_names[i]);
		render_set(row, "Name", common_names[i]);
		render_set(row, "Value", hdf_get_value(c->hdf, name, ""));
	}
	for (i = 0; i < f->n; i++) {
		if ((row = page_row(c->hdf, "Preview.Hidden", n++)) == NULL)
			continue;
		snprintf(name, sizeof(name), "x_%s", f->names[i]);
		render_set(row, "Name", name);
		render_set(row, "Value", f->values[i]);
	}
	c->template = "campaign_preview.cs";
	return 200;
}

/* The posted job type, or NULL with c->error_detail set (answer 400). */
static const struct plugin *
posted_type(struct ctx *c)
{
	const struct plugin *p = cform_plugin(c, form_get(c, "type"));

	if (p == NULL)
		c->error_detail = "no_jobtype";
	return p;
}

int
page_campaign_preview(struct ctx *c)
{
	char key[SESSION_TOKEN_LEN + 1];
	const struct plugin *p;
	struct cform f;
	int rc;

	if ((p = posted_type(c)) == NULL)
		return 400;
	if (cform_read(c, p, &f) > 0)
		rc = show_form(c, p);
	else {
		session_random_token(key);
		rc = show_preview(c, &f, key);
	}
	cform_free(&f);
	return rc;
}

/* Create the campaign of checked form f (for p) with its create key. */
static int
create(struct ctx *c, const struct plugin *p, const struct cform *f,
    const char *key)
{
	const struct kaaj_config *cfg = &c->app->cfg;
	struct campaign_new cn;
	enum market_result mr;
	char to[96];
	int64_t id = 0;

	cform_to_new(f, c->session.user_id, cfg->moderation, key, &cn);
	mr = campaign_create(c->app->db, cfg, &cn, &id);
	switch (mr) {
	case MARKET_OK:
		log_info(c->req->rid, "campaign %lld created by user %lld",
		    (long long)id, (long long)c->session.user_id);
		/* FALLTHROUGH */
	case MARKET_DONE_BEFORE:	/* the same confirm sent twice */
		snprintf(to, sizeof(to), "/campaigns/%lld?notice=%s",
		    (long long)id, cfg->moderation && mr == MARKET_OK ?
		    "campaign_pending" : "campaign_created");
		return ctx_redirect(c, 303, to);
	case MARKET_SHORT:
		render_set(c->hdf, "Preview.Failed", "1");
		return show_preview(c, f, key);
	case MARKET_NOT_ALLOWED:
		form_error(c, "slots", "campaign_too_large");
		return show_form(c, p);
	default:
		return ctx_db_error(c);
	}
}

int
page_campaign_create(struct ctx *c)
{
	const char *key = form_get(c, "create_key");
	const struct plugin *p;
	struct cform f;
	int rc;

	if ((p = posted_type(c)) == NULL)
		return 400;
	cform_read(c, p, &f);
	if (!session_token_valid(key))
		form_error(c, "create_key", "request_key_bad");
	rc = form_errors(c) > 0 ? show_form(c, p) : create(c, p, &f, key);
	cform_free(&f);
	return rc;
}
