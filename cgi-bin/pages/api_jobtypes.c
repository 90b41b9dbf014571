/*
 * GET /api/v1/jobtypes (docs/api.md): every loaded job type with the
 * fields a campaign of it takes and the proof a worker gives, written
 * from the plugins' own declarations (include/kaaj/jobtype.h) in the
 * language of Accept-Language, so that a new plugin is in the API
 * without new API code. A campaign field is sent as "x_" + its name, as
 * the page's form sends it.
 */
#include <stdio.h>
#include <string.h>

#include "base/json.h"
#include "front/api.h"
#include "pages/api_out.h"
#include "pages/pages.h"

/* The API's name of a field type. */
static const char *
type_name(enum kaaj_field_type t)
{
	switch (t) {
	case KAAJ_FIELD_TEXT:
		return "text";
	case KAAJ_FIELD_TEXTAREA:
		return "textarea";
	case KAAJ_FIELD_URL:
		return "url";
	case KAAJ_FIELD_INT:
		return "integer";
	case KAAJ_FIELD_CHOICE:
		return "choice";
	case KAAJ_FIELD_SCREENSHOT:
		return "screenshot";
	}
	return "text";
}

/* Append the n fields f as a JSON array; prefix goes before each name. */
static void
put_fields(struct buf *b, const struct kaaj_field *f, size_t n,
    const char *prefix)
{
	const struct kaaj_choice *ch;
	char name[64];
	size_t i;

	buf_puts(b, "[");
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "%s%s", prefix, f[i].name);
		buf_puts(b, i > 0 ? ",{" : "{");
		json_member(b, "name", name);
		buf_puts(b, ",");
		json_member(b, "type", type_name(f[i].type));
		buf_puts(b, ",");
		json_member(b, "label", f[i].label);
		buf_puts(b, ",");
		json_member(b, "help", f[i].help);
		buf_puts(b, ",");
		json_member_bool(b, "required", f[i].required);
		if (f[i].max_len > 0 && f[i].type != KAAJ_FIELD_INT &&
		    f[i].type != KAAJ_FIELD_CHOICE) {
			buf_puts(b, ",");
			json_member_int(b, "max_length", (int64_t)f[i].max_len);
		}
		if (f[i].type == KAAJ_FIELD_INT) {
			buf_puts(b, ",");
			json_member_int(b, "minimum", f[i].min);
			buf_puts(b, ",");
			json_member_int(b, "maximum", f[i].max);
		}
		if (f[i].shown_if != NULL) {
			buf_puts(b, ",");
			json_member(b, "shown_if", f[i].shown_if);
		}
		if (f[i].type == KAAJ_FIELD_CHOICE) {
			buf_puts(b, ",\"choices\":[");
			for (ch = f[i].choices; ch != NULL && ch->value != NULL;
			    ch++) {
				buf_puts(b, ch == f[i].choices ? "{" : ",{");
				json_member(b, "value", ch->value);
				buf_puts(b, ",");
				json_member(b, "label", ch->label);
				buf_puts(b, "}");
			}
			buf_puts(b, "]");
		}
		buf_puts(b, "}");
	}
	buf_puts(b, "]");
}

int
api_jobtypes(struct ctx *c)
{
	const struct plugin_set *ps = &c->app->plugins;
	const struct kaaj_jobtype *jt;
	struct buf *b = &c->res->body;
	char key[96];
	size_t i;

	api_json(c);
	buf_puts(b, "{\"jobtypes\":[");
	for (i = 0; i < ps->n; i++) {
		jt = page_jobtype(c, &ps->items[i]);
		snprintf(key, sizeof(key), "Category.%s", jt->category);
		buf_puts(b, i > 0 ? ",{" : "{");
		json_member(b, "name", jt->name);
		buf_puts(b, ",");
		json_member(b, "category", jt->category);
		buf_puts(b, ",");
		json_member(b, "category_label", render_lang(c->hdf, key));
		buf_puts(b, ",");
		json_member(b, "label", jt->label);
		buf_puts(b, ",");
		json_member(b, "description", jt->description);
		buf_puts(b, ",");
		json_member_money(b, "min_pay", config_min_pay(&c->app->cfg,
		    jt->name, jt->min_pay));
		buf_puts(b, ",");
		json_member_bool(b, "verify", jt->verify_field != NULL);
		buf_puts(b, ",\"campaign_fields\":");
		put_fields(b, jt->campaign_fields, jt->n_campaign_fields, "x_");
		buf_puts(b, ",\"proof_fields\":");
		put_fields(b, jt->proof_fields, jt->n_proof_fields, "");
		buf_puts(b, "}");
	}
	buf_puts(b, "]}\n");
	return 200;
}
