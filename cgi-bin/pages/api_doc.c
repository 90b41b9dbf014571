/*
 * GET /api/v1/openapi.json: the API described in OpenAPI 3.1, written
 * from the route table (each route with the flag API is an operation; its
 * scope from its flags, its path's '#' as {id}), the description of each
 * operation below (api_doc_ops.c), the new-campaign form's own field
 * table and the loaded plugins' declarations (one alternative of the
 * campaign's body per job type). Texts come from Lang.Api.Doc and
 * Lang.Api.Op in the language of Accept-Language. Nothing is kept
 * between requests: the document follows the plugins loaded now.
 */
#include <stdio.h>
#include <string.h>

#include "accounts/api_keys.h"
#include "base/json.h"
#include "front/api.h"
#include "front/routes.h"
#include "pages/api_doc.h"
#include "pages/campaign_form.h"
#include "pages/pages.h"

/* The statuses an error answer may have, with their Lang.Api.Doc key. */
static const struct {
	int status;
	const char *name;
} problems[] = {
	{ 400, "BadRequest" }, { 401, "Unauthorized" }, { 402, "Balance" },
	{ 403, "Forbidden" }, { 404, "NotFound" }, { 409, "Conflict" },
	{ 413, "TooBig" }, { 415, "MediaType" }, { 422, "Invalid" },
	{ 429, "TooMany" }, { 503, "Unavailable" }
};
#define NPROBLEMS (sizeof(problems) / sizeof(problems[0]))

/* Append ,"name":"Lang.Api.Doc.KEY" (or Lang.Api.Op...) text. */
static void
text_member(struct ctx *c, struct buf *b, const char *name, const char *key)
{
	buf_puts(b, ",");
	json_member(b, name, render_lang(c->hdf, key));
}

/* The JSON Schema of a form field (front/form.h) as a property. */
static void
form_property(struct buf *b, const struct form_field *f)
{
	json_name(b, f->name);
	switch (f->kind) {
	case FORM_COUNT:
		buf_printf(b, "{\"type\":\"integer\",\"minimum\":%lld,"
		    "\"maximum\":%lld}", (long long)f->min,
		    (long long)f->max);
		break;
	case FORM_MONEY:
		buf_puts(b, "{\"$ref\":\"#/components/schemas/Money\"}");
		break;
	case FORM_FLAG:
		buf_puts(b, "{\"type\":\"boolean\"}");
		break;
	default:
		buf_puts(b, "{\"type\":\"string\"");
		if (f->min > 0)
			buf_printf(b, ",\"minLength\":%lld", (long long)f->min);
		if (f->max > 0)
			buf_printf(b, ",\"maxLength\":%lld", (long long)f->max);
		buf_puts(b, "}");
	}
}

void
api_doc_form(struct buf *b, const struct form_field *fields, size_t n,
    const char *extra)
{
	size_t i, k = 0;

	buf_puts(b, "{\"type\":\"object\",\"properties\":{");
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(b, ",");
		form_property(b, &fields[i]);
	}
	if (extra != NULL)
		buf_printf(b, "%s%s", n > 0 ? "," : "", extra);
	buf_puts(b, "},\"required\":[");
	for (i = 0; i < n; i++)
		if (fields[i].required || fields[i].min > 0) {
			buf_puts(b, k++ > 0 ? "," : "");
			json_string(b, fields[i].name);
		}
	buf_puts(b, "]}");
}

/* A plugin field's JSON Schema. */
static void
plugin_property(struct buf *b, const struct kaaj_field *f)
{
	const struct kaaj_choice *ch;
	char name[64];

	snprintf(name, sizeof(name), "x_%s", f->name);
	json_name(b, name);
	buf_puts(b, "{");
	json_member(b, "description", f->label);
	switch (f->type) {
	case KAAJ_FIELD_INT:
		buf_printf(b, ",\"type\":\"integer\",\"minimum\":%lld,"
		    "\"maximum\":%lld", (long long)f->min, (long long)f->max);
		break;
	case KAAJ_FIELD_CHOICE:
		buf_puts(b, ",\"type\":\"string\",\"enum\":[");
		for (ch = f->choices; ch != NULL && ch->value != NULL; ch++) {
			buf_puts(b, ch == f->choices ? "" : ",");
			json_string(b, ch->value);
		}
		buf_puts(b, "]");
		break;
	default:
		buf_puts(b, ",\"type\":\"string\"");
		if (f->type == KAAJ_FIELD_URL)
			buf_puts(b, ",\"format\":\"uri\"");
		if (f->max_len > 0)
			buf_printf(b, ",\"maxLength\":%zu", f->max_len);
	}
	buf_puts(b, "}");
}

/*
 * The body of a new campaign: the common fields, and one alternative per
 * loaded job type with its own fields (screenshots are not sent here).
 */
static void
campaign_new_schema(struct ctx *c, struct buf *b)
{
	const struct plugin_set *ps = &c->app->plugins;
	const struct kaaj_jobtype *jt;
	const struct form_field *common;
	char extra[1024];
	size_t n, i, k, r;

	common = cform_common_fields(&n);
	snprintf(extra, sizeof(extra), "\"type\":{\"type\":\"string\"},"
	    "\"countries_mode\":{\"type\":\"string\",\"enum\":[\"all\","
	    "\"include\",\"exclude\"]},\"countries\":{\"type\":\"array\","
	    "\"items\":{\"type\":\"string\",\"pattern\":\"^[A-Z]{2}$\"}},"
	    "\"verify_secret\":{\"type\":\"string\"},\"verify_mode\":"
	    "{\"type\":\"string\",\"enum\":[\"off\",\"verify\",\"approve\"]}");
	buf_puts(b, "\"CampaignNew\":{\"allOf\":[");
	api_doc_form(b, common, n, extra);
	buf_puts(b, ",{\"oneOf\":[");
	for (i = 0; i < ps->n; i++) {
		jt = ps->items[i].jt;
		buf_puts(b, i > 0 ? ",{" : "{");
		json_member(b, "title", jt->name);
		buf_puts(b, ",\"type\":\"object\",\"properties\":{\"type\":"
		    "{\"const\":");
		json_string(b, jt->name);
		buf_puts(b, "}");
		for (k = 0; k < jt->n_campaign_fields; k++)
			if (jt->campaign_fields[k].type !=
			    KAAJ_FIELD_SCREENSHOT) {
				buf_puts(b, ",");
				plugin_property(b, &jt->campaign_fields[k]);
			}
		buf_puts(b, "},\"required\":[\"type\"");
		for (k = 0; k < jt->n_campaign_fields; k++)
			if (jt->campaign_fields[k].required &&
			    jt->campaign_fields[k].shown_if == NULL &&
			    jt->campaign_fields[k].type !=
			    KAAJ_FIELD_SCREENSHOT) {
				buf_printf(b, ",\"x_%s\"",
				    jt->campaign_fields[k].name);
			}
		buf_puts(b, "]}");
	}
	for (r = 0; ps->n == 0 && r < 1; r++)
		buf_puts(b, "{\"type\":\"object\"}");
	buf_puts(b, "]}]}");
}

/* The path of pattern for the document: "#" as "{id}". */
static void
doc_path(const char *pattern, char *out, size_t len)
{
	const char *hash = strchr(pattern, '#');

	if (hash == NULL)
		snprintf(out, len, "%s", pattern);
	else
		snprintf(out, len, "%.*s{id}%s", (int)(hash - pattern),
		    pattern, hash + 1);
}

/* The scope a route's flags ask for. */
static const char *
scope_of(unsigned int flags)
{
	unsigned int s = ROUTE_API_SCOPES(flags);

	return s & API_SCOPE_PAY ? "pay" : s & API_SCOPE_RATE ? "rate" :
	    s & API_SCOPE_POST ? "post" : "read";
}

/* One operation: route r described by op. */
static void
operation(struct ctx *c, struct buf *b, const struct route *r,
    const struct api_doc_op *op)
{
	char key[128];
	size_t i;
	int ok = op->created ? 201 : 200;

	buf_puts(b, "{");
	json_member(b, "operationId", op->id);
	snprintf(key, sizeof(key), "Api.Op.%s", op->id);
	text_member(c, b, "summary", key);
	buf_puts(b, ",\"tags\":[");
	json_string(b, op->tag);
	buf_puts(b, "]");
	if (r->flags & API_NO_KEY)
		buf_puts(b, ",\"security\":[]");
	else {
		buf_puts(b, ",\"x-scope\":");
		json_string(b, scope_of(r->flags));
	}
	buf_puts(b, ",\"parameters\":[");
	api_doc_parameters(c, b, r->pattern, op);
	buf_puts(b, "]");
	if (op->body != NULL) {
		buf_puts(b, ",\"requestBody\":{\"required\":");
		buf_puts(b, op->body_optional ? "false" : "true");
		buf_printf(b, ",\"content\":{\"application/json\":{\"schema\":"
		    "{\"$ref\":\"#/components/schemas/%s\"}}}}", op->body);
	}
	buf_printf(b, ",\"responses\":{\"%d\":{", ok);
	snprintf(key, sizeof(key), "Api.Doc.Ok.%s", op->answer);
	json_member(b, "description", render_lang(c->hdf, key));
	if (strcmp(op->answer, "Image") == 0)
		buf_puts(b, ",\"content\":{\"image/*\":{\"schema\":"
		    "{\"type\":\"string\",\"contentMediaType\":\"image/*\"}}}");
	else if (strcmp(op->answer, "Csv") == 0)
		buf_puts(b, ",\"content\":{\"text/csv\":{\"schema\":"
		    "{\"type\":\"string\"}}}");
	else
		buf_printf(b, ",\"content\":{\"application/json\":{\"schema\":"
		    "{\"$ref\":\"#/components/schemas/%s\"}}}", op->answer);
	buf_puts(b, "}");
	for (i = 0; i < NPROBLEMS; i++)
		if (api_doc_may_answer(r, op, problems[i].status))
			buf_printf(b, ",\"%d\":{\"$ref\":"
			    "\"#/components/responses/%s\"}",
			    problems[i].status, problems[i].name);
	buf_puts(b, "}}");
}

/* Every API route of the table, grouped by path, into "paths". */
static void
paths(struct ctx *c, struct buf *b)
{
	const struct route *table, *r;
	const struct api_doc_op *op;
	char path[128], other[128];
	size_t n, i, j;
	int firstpath = 1, firstop;

	table = route_table(&n);
	buf_puts(b, "\"paths\":{");
	for (i = 0; i < n; i++) {
		r = &table[i];
		if (!(r->flags & API))
			continue;
		doc_path(r->pattern, path, sizeof(path));
		/* A path is written once, with each of its methods. */
		for (j = 0; j < i; j++) {
			doc_path(table[j].pattern, other, sizeof(other));
			if ((table[j].flags & API) && strcmp(path, other) == 0)
				break;
		}
		if (j < i)
			continue;
		buf_puts(b, firstpath ? "" : ",");
		firstpath = 0;
		json_name(b, path);
		buf_puts(b, "{");
		firstop = 1;
		for (j = i; j < n; j++) {
			doc_path(table[j].pattern, other, sizeof(other));
			if (!(table[j].flags & API) || strcmp(path, other) != 0 ||
			    (op = api_doc_op(table[j].method,
			    table[j].pattern)) == NULL)
				continue;
			buf_puts(b, firstop ? "" : ",");
			firstop = 0;
			buf_puts(b, strcmp(table[j].method, "GET") == 0 ?
			    "\"get\":" : "\"post\":");
			operation(c, b, &table[j], op);
		}
		buf_puts(b, "}");
	}
	buf_puts(b, "}");
}

/*
 * The webhooks kaaj sends (docs/api.md, "Webhooks"), one operation per
 * event: a signed POST of a WebhookEvent, answered 2xx when taken.
 */
static void
webhooks(struct ctx *c, struct buf *b)
{
	static const char *const events[][2] = {
		{ "submission.arrived", "submissionArrived" },
		{ "campaign.out_of_slots", "campaignOutOfSlots" },
		{ "dispute.opened", "disputeOpened" }
	};
	char key[96];
	size_t i;

	buf_puts(b, "\"webhooks\":{");
	for (i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
		buf_puts(b, i > 0 ? "," : "");
		json_name(b, events[i][0]);
		buf_puts(b, "{\"post\":{");
		json_member(b, "operationId", events[i][1]);
		snprintf(key, sizeof(key), "Api.Op.%s", events[i][1]);
		text_member(c, b, "summary", key);
		buf_puts(b, ",\"tags\":[\"webhooks\"],\"security\":[],"
		    "\"parameters\":[");
		buf_puts(b, "{\"name\":\"Kaaj-Signature\",\"in\":\"header\","
		    "\"required\":true,\"schema\":{\"type\":\"string\","
		    "\"pattern\":\"^t=[0-9]+,v1=[0-9a-f]{64}$\"},");
		json_member(b, "description", render_lang(c->hdf,
		    "Api.Doc.Hook.signature"));
		buf_puts(b, "},{\"name\":\"Kaaj-Event\",\"in\":\"header\","
		    "\"required\":true,\"schema\":{\"const\":");
		json_string(b, events[i][0]);
		buf_puts(b, "}},{\"name\":\"Kaaj-Delivery\",\"in\":\"header\","
		    "\"required\":true,\"schema\":{\"type\":\"integer\"},");
		json_member(b, "description", render_lang(c->hdf,
		    "Api.Doc.Hook.delivery"));
		buf_puts(b, "}],\"requestBody\":{\"required\":true,\"content\":"
		    "{\"application/json\":{\"schema\":{\"$ref\":"
		    "\"#/components/schemas/WebhookEvent\"}}}},\"responses\":"
		    "{\"2XX\":{");
		json_member(b, "description", render_lang(c->hdf,
		    "Api.Doc.Hook.taken"));
		buf_puts(b, "},\"4XX\":{");
		json_member(b, "description", render_lang(c->hdf,
		    "Api.Doc.Hook.again"));
		buf_puts(b, "}}}}");
	}
	buf_puts(b, "}");
}

/* The error answers, each a problem document. */
static void
responses(struct ctx *c, struct buf *b)
{
	char key[96];
	size_t i;

	buf_puts(b, "\"responses\":{");
	for (i = 0; i < NPROBLEMS; i++) {
		snprintf(key, sizeof(key), "Api.Doc.Problem.%s",
		    problems[i].name);
		buf_puts(b, i > 0 ? "," : "");
		json_name(b, problems[i].name);
		buf_puts(b, "{");
		json_member(b, "description", render_lang(c->hdf, key));
		buf_puts(b, ",\"content\":{\"application/problem+json\":"
		    "{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}}");
		if (problems[i].status == 429)
			buf_puts(b, ",\"headers\":{\"Retry-After\":{\"schema\":"
			    "{\"type\":\"integer\"}}}");
		buf_puts(b, "}");
	}
	buf_puts(b, "}");
}

int
api_openapi(struct ctx *c)
{
	struct buf *b = &c->res->body;

	api_json(c);
	buf_puts(b, "{\"openapi\":\"3.1.0\",\"info\":{");
	json_member(b, "title", c->app->cfg.site_name);
	buf_puts(b, ",\"version\":\"1\"");
	text_member(c, b, "description", "Api.Doc.Intro");
	buf_puts(b, "}");
	buf_puts(b, ",\"servers\":[{");
	json_member(b, "url", c->app->cfg.base_url);
	buf_puts(b, "}],\"security\":[{\"key\":[]}],\"tags\":[");
	api_doc_tags(c, b);
	buf_puts(b, "],");
	paths(c, b);
	buf_puts(b, ",");
	webhooks(c, b);
	buf_puts(b, ",\"components\":{\"securitySchemes\":{\"key\":"
	    "{\"type\":\"http\",\"scheme\":\"bearer\"");
	text_member(c, b, "description", "Api.Doc.Key");
	buf_puts(b, "}},");
	responses(c, b);
	buf_puts(b, ",\"schemas\":{");
	api_doc_schemas(b);
	buf_puts(b, ",");
	campaign_new_schema(c, b);
	buf_puts(b, "}}}\n");
	return 200;
}
