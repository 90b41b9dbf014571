/*
 * The "survey" job type: the worker answers an external survey that shows
 * a completion code at its end, and proves it with that code.
 *
 * Pure: the validators read only their arguments and the tables below.
 */
#include <string.h>

#include "kaaj/jobtype.h"

#define URL_MAX		500
#define HINT_MAX	200	/* bytes, as the field's max_len */
#define CODE_MIN	4	/* characters */
#define CODE_MAX	64
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const struct kaaj_field campaign_fields[] = {
	{
		.name = "survey_url",
		.type = KAAJ_FIELD_URL,
		.label = "Survey URL",
		.help = "The http or https address of the survey. It must "
		    "show a completion code at its end.",
		.required = 1,
		.max_len = URL_MAX,
	},
	{
		.name = "minutes",
		.type = KAAJ_FIELD_INT,
		.label = "Minutes",
		.help = "About how long it takes, from 1 to 120 minutes.",
		.required = 1,
		.min = 1,
		.max = 120,
	},
	{
		.name = "code_hint",
		.type = KAAJ_FIELD_TEXT,
		.label = "Where the completion code appears",
		.help = "Optional: for example \"on the last page, under "
		    "Thank you\".",
		.max_len = HINT_MAX,
	},
};

static const struct kaaj_field proof_fields[] = {
	{
		.name = "completion_code",
		.type = KAAJ_FIELD_TEXT,
		.label = "Completion code",
		.help = "The code the survey shows at its end: 4 to 64 "
		    "letters, digits, '-' or '_'.",
		.required = 1,
		.max_len = CODE_MAX,
	},
};

static int
validate_campaign(const struct kaaj_values *campaign, struct kaaj_error *err)
{
	static const char field[] = "survey_url";

	return kaaj_refuse_url(err, field, kaaj_url_check(kaaj_value(campaign,
	    field), NULL), NULL);
}

static int
validate_proof(const struct kaaj_values *campaign,
    const struct kaaj_values *proof, struct kaaj_error *err)
{
	static const char field[] = "completion_code";
	const char *s;
	size_t len;
	char c;

	(void)campaign;
	if ((s = kaaj_value(proof, field)) == NULL)
		s = "";
	for (len = 0; s[len] != '\0'; len++) {
		c = s[len];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return kaaj_refuse(err, field, "bad_code", "The code "
			    "must be 4 to 64 letters, digits, '-' or '_'.");
	}
	if (len < CODE_MIN || len > CODE_MAX)
		return kaaj_refuse(err, field, "bad_code", "The code must be 4 "
		    "to 64 letters, digits, '-' or '_'.");
	return KAAJ_OK;
}

/* The plugin's one exported symbol, read by the core's loader. */
const struct kaaj_jobtype kaaj_jobtype = {
	.abi_version = KAAJ_JOBTYPE_ABI,
	.name = "survey",
	.category = "survey",
	.label = "Answer a survey",
	.description = "Answer an external survey and report the "
	    "completion code it shows at its end.",
	.min_pay = 5 * KAAJ_MICRO / 100,	/* 0.05 */
	.campaign_fields = campaign_fields,
	.n_campaign_fields = NELEM(campaign_fields),
	.proof_fields = proof_fields,
	.n_proof_fields = NELEM(proof_fields),
	.validate_campaign = validate_campaign,
	.validate_proof = validate_proof,
	.verify_field = "completion_code",
};
