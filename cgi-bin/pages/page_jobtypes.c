/*
 * The job types this site offers, as declared by the loaded plugins.
 */
#include <stdio.h>

#include "base/money.h"
#include "pages/pages.h"

static const char *const field_type_names[] = {
	NULL, "text", "textarea", "url", "int", "choice", "screenshot"
};

/* Describe one form's fields under prefix. */
static void
set_fields(HDF *hdf, const char *prefix, const struct kaaj_field *f,
    size_t n)
{
	char name[128];
	size_t i;

	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "%s.%zu.Name", prefix, i);
		render_set(hdf, name, f[i].name);
		snprintf(name, sizeof(name), "%s.%zu.Label", prefix, i);
		render_set(hdf, name, f[i].label);
		snprintf(name, sizeof(name), "%s.%zu.Type", prefix, i);
		render_set(hdf, name, field_type_names[f[i].type]);
		snprintf(name, sizeof(name), "%s.%zu.Required", prefix, i);
		render_set(hdf, name, f[i].required ? "1" : "0");
	}
}

int
page_jobtypes(struct ctx *c)
{
	const struct plugin_set *ps = &c->app->plugins;
	const struct kaaj_jobtype *jt;
	char prefix[64], name[96], money[32];
	size_t i;

	for (i = 0; i < ps->n; i++) {
		jt = page_jobtype(c, &ps->items[i]);
		snprintf(prefix, sizeof(prefix), "JobTypes.%zu", i);
		snprintf(name, sizeof(name), "%s.Name", prefix);
		render_set(c->hdf, name, jt->name);
		snprintf(name, sizeof(name), "%s.Category", prefix);
		render_set(c->hdf, name, jt->category);
		snprintf(name, sizeof(name), "%s.Label", prefix);
		render_set(c->hdf, name, jt->label);
		snprintf(name, sizeof(name), "%s.Description", prefix);
		render_set(c->hdf, name, jt->description);
		snprintf(name, sizeof(name), "%s.MinPay", prefix);
		render_set(c->hdf, name, money_format(config_min_pay(
		    &c->app->cfg, jt->name, jt->min_pay), money, sizeof(money)));
		snprintf(name, sizeof(name), "%s.CampaignFields", prefix);
		set_fields(c->hdf, name, jt->campaign_fields,
		    jt->n_campaign_fields);
		snprintf(name, sizeof(name), "%s.ProofFields", prefix);
		set_fields(c->hdf, name, jt->proof_fields, jt->n_proof_fields);
	}
	c->template = "jobtypes.cs";
	return 200;
}
