/*
 * The "visit" job type: the worker opens a web address, or searches a
 * keyword and clicks the result leading to it, and proves the visit by
 * answering a question only a visitor can answer. The expected answer is
 * not a field: the core shows campaign fields on the job page, so the
 * employer compares the answers when rating them.
 *
 * Pure: the validators read only their arguments and the tables below.
 */
#include <string.h>

#include "kaaj/jobtype.h"

#define URL_MAX		500
#define KEYWORD_MAX	100	/* bytes, as the field's max_len */
#define QUESTION_MIN	10	/* characters */
#define QUESTION_MAX	200	/* bytes, as the field's max_len */
#define ANSWER_MIN	1	/* characters */
#define ANSWER_MAX	200	/* bytes, as the field's max_len */
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* A text field's own rules, beyond the generic limits the core checks. */

static const struct kaaj_choice mode_choices[] = {
	{ "visit", "Open the address" },
	{ "search", "Search a keyword and click the result" },
	{ NULL, NULL }
};

static const struct kaaj_field campaign_fields[] = {
	{
		.name = "mode",
		.type = KAAJ_FIELD_CHOICE,
		.label = "How the worker gets there",
		.required = 1,
		.choices = mode_choices,
	},
	{
		.name = "target_url",
		.type = KAAJ_FIELD_URL,
		.label = "Web site address",
		.help = "The http or https page to visit, or the search "
		    "result to click.",
		.required = 1,
		.max_len = URL_MAX,
	},
	{
		.name = "keyword",
		.type = KAAJ_FIELD_TEXT,
		.label = "Search keyword",
		.help = "What the worker types into the search engine.",
		.max_len = KEYWORD_MAX,
		.shown_if = "mode=search",
	},
	{
		.name = "question",
		.type = KAAJ_FIELD_TEXT,
		.label = "A question only a visitor can answer",
		.help = "For example: what is the last word of the page's "
		    "footer? Workers see this page, so do not write the "
		    "answer anywhere here.",
		.required = 1,
		.max_len = QUESTION_MAX,
	},
};

static const struct kaaj_field proof_fields[] = {
	{
		.name = "answer",
		.type = KAAJ_FIELD_TEXT,
		.label = "Your answer to the question",
		.required = 1,
		.max_len = ANSWER_MAX,
	},
};

static const struct kaaj_text_rule keyword_rule = {
	"keyword", 0, 0, 0, KEYWORD_MAX, "",
	"The keyword must be at most 100 characters long."
};

static const struct kaaj_text_rule question_rule = {
	"question", 1, 0, QUESTION_MIN, QUESTION_MAX,
	"The question must be at least 10 characters long.",
	"The question must be at most 200 characters long."
};

static const struct kaaj_text_rule answer_rule = {
	"answer", 1, 0, ANSWER_MIN, ANSWER_MAX,
	"The answer must not be empty.",
	"The answer must be at most 200 characters long."
};

/* Non-zero when s is NULL, empty or only spaces. */
static int
blank(const char *s)
{
	return s == NULL || s[strspn(s, " ")] == '\0';
}

static int
validate_campaign(const struct kaaj_values *campaign, struct kaaj_error *err)
{
	static const char field[] = "target_url";
	const char *mode, *keyword;
	enum kaaj_url_verdict verdict;

	if ((mode = kaaj_value(campaign, "mode")) == NULL)
		mode = "";
	keyword = kaaj_value(campaign, "keyword");
	if (strcmp(mode, "visit") != 0 && strcmp(mode, "search") != 0)
		return kaaj_refuse(err, "mode", "bad_mode", "Choose to open "
		    "the address or to search a keyword.");
	verdict = kaaj_url_check(kaaj_value(campaign, field), NULL);
	if (verdict != KAAJ_URL_OK)
		return kaaj_refuse_url(err, field, verdict, NULL);
	if (strcmp(mode, "search") == 0 && blank(keyword))
		return kaaj_refuse(err, "keyword", "keyword_needed", "Give the "
		    "keyword the worker searches for.");
	if (kaaj_check_text(&keyword_rule, keyword, err) != KAAJ_OK)
		return KAAJ_INVALID;
	return kaaj_check_text(&question_rule, kaaj_value(campaign, "question"),
	    err);
}

static int
validate_proof(const struct kaaj_values *campaign,
    const struct kaaj_values *proof, struct kaaj_error *err)
{
	(void)campaign;
	return kaaj_check_text(&answer_rule, kaaj_value(proof, "answer"), err);
}

/* The plugin's one exported symbol, read by the core's loader. */
const struct kaaj_jobtype kaaj_jobtype = {
	.abi_version = KAAJ_JOBTYPE_ABI,
	.name = "visit",
	.category = "visit",
	.label = "Visit a website or search and click",
	.description = "Open a web site, or search a keyword and click the "
	    "result, and answer a question about the page.",
	.min_pay = 1 * KAAJ_MICRO / 100,	/* 0.01 */
	.campaign_fields = campaign_fields,
	.n_campaign_fields = NELEM(campaign_fields),
	.proof_fields = proof_fields,
	.n_proof_fields = NELEM(proof_fields),
	.validate_campaign = validate_campaign,
	.validate_proof = validate_proof,
};
