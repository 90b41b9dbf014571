/*
 * What the OpenAPI document says beyond the route table (api_doc.h):
 * each operation's description, its parameters and errors, and the JSON
 * Schemas of the bodies and answers. An API route without its line here
 * is left out of the document, which t_94_openapi finds.
 */
#include <stdio.h>
#include <string.h>

#include "base/json.h"
#include "pages/api_doc.h"
#include "pages/pages.h"

static const struct api_doc_op ops[] = {
	{ "GET", "/api/v1/openapi.json", "openapi", "meta", NULL, 0,
	    "Document", 0, NULL, NULL, 0 },
	{ "GET", "/api/v1/account", "getAccount", "account", NULL, 0,
	    "Account", 0, NULL, NULL, 0 },
	{ "GET", "/api/v1/jobtypes", "listJobTypes", "jobtypes", NULL, 0,
	    "JobTypes", 0, NULL, NULL, 0 },
	{ "POST", "/api/v1/campaigns", "createCampaign", "campaigns",
	    "CampaignNew", 0, "Campaign", 1, NULL, "402", 1 },
	{ "GET", "/api/v1/campaigns", "listCampaigns", "campaigns", NULL, 0,
	    "CampaignList", 0, "campaigns", NULL, 0 },
	{ "GET", "/api/v1/campaigns/#", "getCampaign", "campaigns", NULL, 0,
	    "Campaign", 0, NULL, NULL, 0 },
	{ "POST", "/api/v1/campaigns/#/pause", "pauseCampaign", "campaigns",
	    "Empty", 1, "Campaign", 0, NULL, "409", 0 },
	{ "POST", "/api/v1/campaigns/#/resume", "resumeCampaign",
	    "campaigns", "Empty", 1, "Campaign", 0, NULL, "409", 0 },
	{ "POST", "/api/v1/campaigns/#/slots", "addSlots", "campaigns",
	    "Slots", 0, "Campaign", 0, NULL, "402 409", 1 },
	{ "POST", "/api/v1/campaigns/#/stop", "stopCampaign", "campaigns",
	    "Empty", 1, "Campaign", 0, NULL, "409", 0 },
	{ "GET", "/api/v1/campaigns/#/submissions", "listSubmissions",
	    "submissions", NULL, 0, "SubmissionList", 0, "submissions", NULL,
	    0 },
	{ "GET", "/api/v1/campaigns/#/results.csv", "getResults", "campaigns",
	    NULL, 0, "Csv", 0, NULL, NULL, 0 },
	{ "GET", "/api/v1/submissions/#", "getSubmission", "submissions",
	    NULL, 0, "Submission", 0, NULL, NULL, 0 },
	{ "GET", "/api/v1/submissions/#/screenshot", "getScreenshot",
	    "submissions", NULL, 0, "Image", 0, NULL, NULL, 0 },
	{ "POST", "/api/v1/submissions/#/rate", "rateSubmission",
	    "submissions", "Rating", 0, "Submission", 0, NULL, "409", 0 },
	{ "POST", "/api/v1/submissions/rate", "rateSubmissions",
	    "submissions", "Ratings", 0, "RatingReport", 0, NULL, NULL, 0 },
	{ "POST", "/api/v1/submissions/#/bonus", "payBonus", "submissions",
	    "Bonus", 0, "Submission", 0, NULL, "402 409", 0 },
	{ "POST", "/api/v1/workers/#/block", "blockWorker", "workers",
	    "Empty", 1, "Block", 0, NULL, "409", 0 },
	{ "POST", "/api/v1/workers/#/unblock", "unblockWorker", "workers",
	    "Empty", 1, "Block", 0, NULL, "409", 0 },
	{ "GET", "/api/v1/templates", "listTemplates", "templates", NULL, 0,
	    "TemplateList", 0, NULL, NULL, 0 },
	{ "POST", "/api/v1/campaigns/#/template", "saveTemplate", "templates",
	    "TemplateName", 0, "Template", 1, NULL, "409", 0 },
	{ "POST", "/api/v1/templates/#/campaigns", "startFromTemplate",
	    "templates", "CampaignChanges", 1, "Campaign", 1, NULL, "402", 1 },
	{ "POST", "/api/v1/templates/#/delete", "deleteTemplate", "templates",
	    "Empty", 1, "Deleted", 0, NULL, NULL, 0 },
};

static const char *const tags[] = {
	"meta", "account", "jobtypes", "campaigns", "submissions", "workers",
	"templates", "webhooks"
};

const struct api_doc_op *
api_doc_op(const char *method, const char *pattern)
{
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(ops[i].method, method) == 0 &&
		    strcmp(ops[i].pattern, pattern) == 0)
			return &ops[i];
	return NULL;
}

int
api_doc_may_answer(const struct route *r, const struct api_doc_op *op,
    int status)
{
	char code[8];
	int post = strcmp(r->method, "POST") == 0;

	if (r->flags & API_NO_KEY)
		return status == 400;	/* only a query it cannot read */
	switch (status) {
	case 400:
		return 1;	/* a bad query, or body, or key header */
	case 401:
	case 403:
	case 429:
	case 503:
		return 1;
	case 404:
		return strchr(r->pattern, '#') != NULL;
	case 413:
	case 415:
		return post;
	case 422:
		return op->body != NULL || op->query != NULL;
	default:
		snprintf(code, sizeof(code), "%d", status);
		return op->errors != NULL && strstr(op->errors, code) != NULL;
	}
}

void
api_doc_parameters(struct ctx *c, struct buf *b, const char *pattern,
    const struct api_doc_op *op)
{
	int n = 0, max = op->query != NULL &&
	    strcmp(op->query, "submissions") == 0 ? 200 : 100;

	if (strchr(pattern, '#') != NULL) {
		buf_puts(b, "{\"name\":\"id\",\"in\":\"path\",\"required\":true,"
		    "\"schema\":{\"type\":\"integer\",\"minimum\":1}");
		buf_puts(b, ",");
		json_member(b, "description", render_lang(c->hdf,
		    "Api.Doc.Param.id"));
		buf_puts(b, "}");
		n++;
	}
	if (op->idempotent) {
		buf_puts(b, n++ > 0 ? "," : "");
		buf_puts(b, "{\"name\":\"Idempotency-Key\",\"in\":\"header\","
		    "\"required\":true,\"schema\":{\"type\":\"string\","
		    "\"pattern\":\"^[A-Za-z0-9._:-]{1,64}$\"},");
		json_member(b, "description", render_lang(c->hdf,
		    "Api.Doc.Param.idempotency"));
		buf_puts(b, "}");
	}
	if (op->query == NULL)
		return;
	buf_puts(b, n > 0 ? "," : "");
	buf_printf(b, "{\"name\":\"after\",\"in\":\"query\",\"schema\":"
	    "{\"type\":\"integer\",\"minimum\":0},");
	json_member(b, "description", render_lang(c->hdf,
	    "Api.Doc.Param.after"));
	buf_printf(b, "},{\"name\":\"limit\",\"in\":\"query\",\"schema\":"
	    "{\"type\":\"integer\",\"minimum\":1,\"maximum\":%d},", max);
	json_member(b, "description", render_lang(c->hdf,
	    "Api.Doc.Param.limit"));
	buf_puts(b, "},{\"name\":\"state\",\"in\":\"query\",\"schema\":");
	buf_puts(b, strcmp(op->query, "submissions") == 0 ?
	    "{\"$ref\":\"#/components/schemas/SubmissionState\"}," :
	    "{\"$ref\":\"#/components/schemas/CampaignState\"},");
	json_member(b, "description", render_lang(c->hdf, strcmp(op->query,
	    "submissions") == 0 ? "Api.Doc.Param.task_state" :
	    "Api.Doc.Param.campaign_state"));
	buf_puts(b, "}");
}

void
api_doc_tags(struct ctx *c, struct buf *b)
{
	char key[64];
	size_t i;

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		snprintf(key, sizeof(key), "Api.Doc.Tag.%s", tags[i]);
		buf_puts(b, i > 0 ? ",{" : "{");
		json_member(b, "name", tags[i]);
		buf_puts(b, ",");
		json_member(b, "description", render_lang(c->hdf, key));
		buf_puts(b, "}");
	}
}

/* A nullable type: ["string","null"] and so on. */
#define OR_NULL(t) "{\"type\":[\"" t "\",\"null\"]}"
#define TIME_OR_NULL \
	"{\"type\":[\"string\",\"null\"],\"format\":\"date-time\"}"
#define MONEY "{\"$ref\":\"#/components/schemas/Money\"}"
#define INT "{\"type\":\"integer\"}"
#define STR "{\"type\":\"string\"}"
#define BOOL "{\"type\":\"boolean\"}"
#define NEXT "\"next\":" OR_NULL("integer")

/* The fixed schemas. */
static const char schemas[] =
	"\"Money\":{\"type\":\"string\",\"pattern\":"
	"\"^-?[0-9]+\\\\.[0-9]{2,6}$\",\"examples\":[\"12.50\"]},"
	"\"Problem\":{\"type\":\"object\",\"required\":[\"type\",\"title\","
	"\"status\",\"code\"],\"properties\":{\"type\":" STR ",\"title\":" STR
	",\"status\":" INT ",\"code\":" STR ",\"field\":" STR ",\"detail\":"
	STR ",\"retry_after\":" INT ",\"errors\":{\"type\":\"array\","
	"\"items\":{\"type\":\"object\",\"required\":[\"field\",\"code\","
	"\"message\"],\"properties\":{\"field\":" STR ",\"code\":" STR
	",\"message\":" STR "}}}}},"
	"\"Document\":{\"type\":\"object\"},"
	"\"Empty\":{\"type\":\"object\",\"maxProperties\":0},"
	"\"Account\":{\"type\":\"object\",\"required\":[\"username\","
	"\"currency\",\"balance\",\"escrow\"],\"properties\":{\"username\":"
	STR ",\"currency\":" STR ",\"balance\":{\"type\":\"object\","
	"\"required\":[\"available\",\"held\"],\"properties\":{\"available\":"
	MONEY ",\"held\":" MONEY "}},\"escrow\":" MONEY "}},"
	"\"JobField\":{\"type\":\"object\",\"required\":[\"name\",\"type\","
	"\"label\",\"required\"],\"properties\":{\"name\":" STR ",\"type\":"
	"{\"type\":\"string\",\"enum\":[\"text\",\"textarea\",\"url\","
	"\"integer\",\"choice\",\"screenshot\"]},\"label\":" STR ",\"help\":"
	OR_NULL("string") ",\"required\":" BOOL ",\"max_length\":" INT
	",\"minimum\":" INT ",\"maximum\":" INT ",\"shown_if\":" STR
	",\"choices\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
	"\"properties\":{\"value\":" STR ",\"label\":" STR "}}}}},"
	"\"JobTypes\":{\"type\":\"object\",\"required\":[\"jobtypes\"],"
	"\"properties\":{\"jobtypes\":{\"type\":\"array\",\"items\":{"
	"\"type\":\"object\",\"required\":[\"name\",\"category\",\"label\","
	"\"min_pay\",\"campaign_fields\",\"proof_fields\"],\"properties\":{"
	"\"name\":" STR ",\"category\":" STR ",\"category_label\":" STR
	",\"label\":" STR ",\"description\":" STR ",\"min_pay\":" MONEY
	",\"verify\":" BOOL ",\"campaign_fields\":{\"type\":\"array\","
	"\"items\":{\"$ref\":\"#/components/schemas/JobField\"}},"
	"\"proof_fields\":{\"type\":\"array\",\"items\":{\"$ref\":"
	"\"#/components/schemas/JobField\"}}}}}}},"
	"\"CampaignState\":{\"type\":\"string\",\"enum\":[\"pending\","
	"\"running\",\"paused\",\"stopped\",\"rejected\",\"finished\"]},"
	"\"SubmissionState\":{\"type\":\"string\",\"enum\":[\"claimed\","
	"\"pending\",\"satisfied\",\"not_satisfied\",\"revise\","
	"\"expired\"]},"
	"\"Campaign\":{\"type\":\"object\",\"required\":[\"id\",\"type\","
	"\"title\",\"state\",\"slots\",\"pay\",\"escrow\"],\"properties\":{"
	"\"id\":" INT ",\"type\":" STR ",\"title\":" STR ",\"state\":{\"$ref\":"
	"\"#/components/schemas/CampaignState\"},\"slots\":" INT ",\"taken\":"
	INT ",\"done\":" INT ",\"to_rate\":" INT ",\"pay\":" MONEY ",\"fee\":"
	MONEY ",\"escrow\":" MONEY ",\"minutes\":" INT ",\"days\":" INT
	",\"countries_mode\":" STR ",\"countries\":" STR ",\"min_success\":"
	INT ",\"release_per_hour\":" INT ",\"screenshot_required\":" BOOL ",\"verify_mode\":" STR
	",\"reject_reason\":" OR_NULL("string") ",\"created_at\":"
	TIME_OR_NULL ",\"instructions\":" STR ",\"proof_instructions\":" STR
	",\"fields\":{\"type\":\"object\",\"additionalProperties\":" STR "}}},"
	"\"CampaignList\":{\"type\":\"object\",\"required\":[\"campaigns\","
	"\"next\"],\"properties\":{\"campaigns\":{\"type\":\"array\","
	"\"items\":{\"$ref\":\"#/components/schemas/Campaign\"}}," NEXT "}},"
	"\"Slots\":{\"type\":\"object\",\"required\":[\"slots\"],"
	"\"properties\":{\"slots\":{\"type\":\"integer\",\"minimum\":1,"
	"\"maximum\":100000}}},"
	"\"Submission\":{\"type\":\"object\",\"required\":[\"id\",\"campaign\","
	"\"worker\",\"state\",\"proof\"],\"properties\":{\"id\":" INT
	",\"campaign\":" INT ",\"worker_id\":" INT ",\"worker\":" STR
	",\"state\":{\"$ref\":\"#/components/schemas/SubmissionState\"},"
	"\"claimed_at\":" TIME_OR_NULL ",\"submitted_at\":" TIME_OR_NULL
	",\"rate_by\":" TIME_OR_NULL ",\"rated_at\":" TIME_OR_NULL
	",\"reason\":" OR_NULL("string") ",\"revisions\":" INT ",\"code_ok\":"
	OR_NULL("boolean") ",\"bonus\":" MONEY ",\"has_screenshot\":" BOOL
	",\"screenshot\":" OR_NULL("string") ",\"proof\":{\"type\":"
	"\"object\",\"additionalProperties\":" STR "}}},"
	"\"SubmissionList\":{\"type\":\"object\",\"required\":[\"submissions\","
	"\"next\"],\"properties\":{\"submissions\":{\"type\":\"array\","
	"\"items\":{\"$ref\":\"#/components/schemas/Submission\"}}," NEXT
	"}},"
	"\"Rating\":{\"type\":\"object\",\"required\":[\"rating\"],"
	"\"properties\":{\"rating\":{\"type\":\"string\",\"enum\":"
	"[\"satisfied\",\"not_satisfied\",\"revise\"]},\"reason\":{\"type\":"
	"\"string\",\"maxLength\":500}}},"
	"\"Ratings\":{\"type\":\"object\",\"required\":[\"ids\",\"rating\"],"
	"\"properties\":{\"ids\":{\"type\":\"array\",\"minItems\":1,"
	"\"maxItems\":200,\"items\":{\"type\":\"integer\",\"minimum\":1}},"
	"\"rating\":{\"type\":\"string\",\"enum\":[\"satisfied\","
	"\"not_satisfied\",\"revise\"]},\"reason\":{\"type\":\"string\","
	"\"maxLength\":500}}},"
	"\"RatingReport\":{\"type\":\"object\",\"required\":[\"rated\","
	"\"skipped\",\"refused\"],\"properties\":{\"rated\":{\"type\":"
	"\"array\",\"items\":" INT "},\"skipped\":{\"type\":\"array\","
	"\"items\":" INT "},\"refused\":{\"type\":\"array\",\"items\":" INT
	"}}},"
	"\"Bonus\":{\"type\":\"object\",\"required\":[\"amount\"],"
	"\"properties\":{\"amount\":" MONEY "}},"
	"\"TemplateName\":{\"type\":\"object\",\"required\":[\"name\"],"
	"\"properties\":{\"name\":{\"type\":\"string\",\"minLength\":1,"
	"\"maxLength\":80}}},"
	"\"CampaignChanges\":{\"type\":\"object\",\"description\":"
	"\"Members of CampaignNew that replace the template's.\"},"
	"\"Template\":{\"type\":\"object\",\"required\":[\"id\",\"name\","
	"\"type\",\"fields\"],\"properties\":{\"id\":" INT ",\"name\":" STR
	",\"type\":" STR ",\"created_at\":" TIME_OR_NULL ",\"fields\":"
	"{\"type\":\"object\"}}},"
	"\"TemplateList\":{\"type\":\"object\",\"required\":[\"templates\"],"
	"\"properties\":{\"templates\":{\"type\":\"array\",\"items\":"
	"{\"$ref\":\"#/components/schemas/Template\"}}}},"
	"\"Deleted\":{\"type\":\"object\",\"required\":[\"id\",\"deleted\"],"
	"\"properties\":{\"id\":" INT ",\"deleted\":" BOOL "}},"
	"\"WebhookEvent\":{\"type\":\"object\",\"required\":[\"id\","
	"\"event\",\"created\",\"campaign_id\"],\"properties\":{\"id\":" STR
	",\"event\":{\"type\":\"string\",\"enum\":[\"submission.arrived\","
	"\"campaign.out_of_slots\",\"dispute.opened\"]},\"created\":{\"type\":"
	"\"string\",\"format\":\"date-time\"},\"campaign_id\":" INT
	",\"task_id\":" INT ",\"worker_id\":" INT ",\"dispute_id\":" INT
	",\"slots\":" INT ",\"pay\":" MONEY ",\"currency\":" STR "}},"
	"\"Block\":{\"type\":\"object\",\"required\":[\"worker_id\","
	"\"blocked\"],\"properties\":{\"worker_id\":" INT ",\"blocked\":"
	BOOL "}}";

void
api_doc_schemas(struct buf *b)
{
	buf_puts(b, schemas);
}
