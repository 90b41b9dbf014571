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
struct text_rule {
	const char *field;
	int required;
	int multiline;		/* newlines and tabs allowed */
	size_t min_chars;	/* when not empty */
	size_t max_len;		/* bytes */
	const char *too_short;	/* English messages */
	const char *too_long;
};

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
		.help = "Needed when the worker searches: what to type into "
		    "the search engine.",
		.max_len = KEYWORD_MAX,
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

static const struct text_rule keyword_rule = {
	"keyword", 0, 0, 0, KEYWORD_MAX, "",
	"The keyword must be at most 100 characters long."
};

static const struct text_rule question_rule = {
	"question", 1, 0, QUESTION_MIN, QUESTION_MAX,
	"The question must be at least 10 characters long.",
	"The question must be at most 200 characters long."
};

static const struct text_rule answer_rule = {
	"answer", 1, 0, ANSWER_MIN, ANSWER_MAX,
	"The answer must not be empty.",
	"The answer must be at most 200 characters long."
};

static int
refuse(struct kaaj_error *err, const char *field, const char *code,
    const char *message)
{
	err->field = field;
	err->code = code;
	err->message = message;
	return KAAJ_INVALID;
}

/* Refuse field for what kaaj_url_check() found wrong with it. */
static int
refuse_url(struct kaaj_error *err, const char *field,
    enum kaaj_url_verdict verdict)
{
	switch (verdict) {
	case KAAJ_URL_BAD_CHAR:
		return refuse(err, field, "bad_char", "The address must not "
		    "contain spaces, control characters or backslashes.");
	case KAAJ_URL_BAD_SCHEME:
		return refuse(err, field, "bad_scheme", "The address must "
		    "start with http:// or https://.");
	case KAAJ_URL_USERINFO:
		return refuse(err, field, "has_userinfo", "The address must "
		    "not contain a user name or password before the site "
		    "name.");
	case KAAJ_URL_BAD_PORT:
		return refuse(err, field, "bad_port", "The port must be a "
		    "number from 1 to 65535.");
	case KAAJ_URL_PRIVATE_HOST:
		return refuse(err, field, "private_host", "The address must "
		    "not point at this computer or a private network.");
	default:
		return refuse(err, field, "bad_host", "The address must name "
		    "a web site, such as example.com.");
	}
}

/* Check one text value against its rule. */
static int
check_text(const struct text_rule *r, const char *value,
    struct kaaj_error *err)
{
	const unsigned char *s = (const unsigned char *)value;
	size_t chars = 0, spaces = 0, len;

	if (s == NULL)
		s = (const unsigned char *)"";
	for (len = 0; s[len] != '\0'; len++) {
		/*
		 * C0 controls but line breaks and tabs where several lines
		 * are allowed, DEL, and C1 controls (U+0080..U+009F).
		 */
		if ((s[len] < ' ' && !(r->multiline && (s[len] == '\n' ||
		    s[len] == '\r' || s[len] == '\t'))) || s[len] == 0x7f ||
		    (s[len] == 0xc2 && s[len + 1] >= 0x80 &&
		    s[len + 1] <= 0x9f))
			return refuse(err, r->field, "bad_char", "The text "
			    "must not contain control characters.");
		if (s[len] <= ' ')	/* a space, line break or tab */
			spaces++;
		if ((s[len] & 0xc0) != 0x80)	/* not a UTF-8 continuation */
			chars++;
	}
	if (len == 0)
		return r->required ? refuse(err, r->field, "missing",
		    "This field is required.") : KAAJ_OK;
	if (spaces == len)
		return refuse(err, r->field, "blank", "The text must not be "
		    "only blanks.");
	if (chars < r->min_chars)
		return refuse(err, r->field, "too_short", r->too_short);
	if (len > r->max_len)
		return refuse(err, r->field, "too_long", r->too_long);
	return KAAJ_OK;
}

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
		return refuse(err, "mode", "bad_mode", "Choose to open the "
		    "address or to search a keyword.");
	verdict = kaaj_url_check(kaaj_value(campaign, field), NULL);
	if (verdict != KAAJ_URL_OK)
		return refuse_url(err, field, verdict);
	if (strcmp(mode, "search") == 0 && blank(keyword))
		return refuse(err, "keyword", "keyword_needed", "Give the "
		    "keyword the worker searches for.");
	if (check_text(&keyword_rule, keyword, err) != KAAJ_OK)
		return KAAJ_INVALID;
	return check_text(&question_rule, kaaj_value(campaign, "question"),
	    err);
}

static int
validate_proof(const struct kaaj_values *campaign,
    const struct kaaj_values *proof, struct kaaj_error *err)
{
	(void)campaign;
	return check_text(&answer_rule, kaaj_value(proof, "answer"), err);
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
