/*
 * The "signup" job type: the worker creates an account on a web site and
 * proves it with the user name or email used, and optionally a screenshot.
 *
 * Pure: the validators read only their arguments and the tables below.
 */
#include <string.h>

#include "kaaj/jobtype.h"

#define URL_MAX		500
#define USERNAME_MIN	2	/* characters */
#define USERNAME_MAX	100	/* bytes, as the field's max_len */
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const struct kaaj_choice action_choices[] = {
	{ "register", "Register an account" },
	{ "register_and_verify_email",
	    "Register and confirm the e-mail address" },
	{ NULL, NULL }
};

static const struct kaaj_field campaign_fields[] = {
	{
		.name = "signup_url",
		.type = KAAJ_FIELD_URL,
		.label = "Sign-up page URL",
		.help = "The http or https page where the account is created.",
		.required = 1,
		.max_len = URL_MAX,
	},
	{
		.name = "action",
		.type = KAAJ_FIELD_CHOICE,
		.label = "What the worker must do",
		.help = "Only register, or register and confirm the email "
		    "address the site sends.",
		.required = 1,
		.choices = action_choices,
	},
};

static const struct kaaj_field proof_fields[] = {
	{
		.name = "username",
		.type = KAAJ_FIELD_TEXT,
		.label = "Username or email you signed up with",
		.required = 1,
		.max_len = USERNAME_MAX,
	},
	{
		.name = "screenshot",
		.type = KAAJ_FIELD_SCREENSHOT,
		.label = "Screenshot after signing up",
		.help = "Optional: the page the site shows once you are in.",
	},
};

static int
validate_campaign(const struct kaaj_values *campaign, struct kaaj_error *err)
{
	static const char field[] = "signup_url";

	return kaaj_refuse_url(err, field, kaaj_url_check(kaaj_value(campaign,
	    field), NULL), NULL);
}

static int
validate_proof(const struct kaaj_values *campaign,
    const struct kaaj_values *proof, struct kaaj_error *err)
{
	static const char field[] = "username";
	const unsigned char *s;
	size_t chars = 0, spaces = 0, len;

	(void)campaign;
	if ((s = (const unsigned char *)kaaj_value(proof, field)) == NULL)
		s = (const unsigned char *)"";
	for (len = 0; s[len] != '\0'; len++) {
		/* C0 controls, DEL, and C1 controls (U+0080..U+009F). */
		if (s[len] < ' ' || s[len] == 0x7f ||
		    (s[len] == 0xc2 && s[len + 1] >= 0x80 &&
		    s[len + 1] <= 0x9f))
			return kaaj_refuse(err, field, "bad_char", "The "
			    "username must not contain control characters.");
		if (s[len] == ' ')
			spaces++;
		if ((s[len] & 0xc0) != 0x80)	/* not a UTF-8 continuation */
			chars++;
	}
	if (len > 0 && spaces == len)
		return kaaj_refuse(err, field, "blank", "The username must not "
		    "be only spaces.");
	if (chars < USERNAME_MIN)
		return kaaj_refuse(err, field, "too_short", "The username must "
		    "be at least 2 characters long.");
	if (len > USERNAME_MAX)
		return kaaj_refuse(err, field, "too_long", "The username must "
		    "be at most 100 characters long.");
	return KAAJ_OK;
}

/* The plugin's one exported symbol, read by the core's loader. */
const struct kaaj_jobtype kaaj_jobtype = {
	.abi_version = KAAJ_JOBTYPE_ABI,
	.name = "signup",
	.category = "signup",
	.label = "Sign up on a website",
	.description = "Create an account on a web site and report the "
	    "user name or email used.",
	.min_pay = 2 * KAAJ_MICRO / 100,	/* 0.02 */
	.campaign_fields = campaign_fields,
	.n_campaign_fields = NELEM(campaign_fields),
	.proof_fields = proof_fields,
	.n_proof_fields = NELEM(proof_fields),
	.validate_campaign = validate_campaign,
	.validate_proof = validate_proof,
};
