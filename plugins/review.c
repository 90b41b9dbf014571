/*
 * The "review" job type: the worker writes a review of a place on Google
 * Maps or of an app on Google Play or the Apple App Store, and proves it
 * with the name the review shows and a screenshot. The employer may say
 * what to write about, but not which rating to give: stores forbid paying
 * for a given rating.
 *
 * Pure: the validators read only their arguments and the tables below.
 */
#include <string.h>

#include "kaaj/jobtype.h"

#define URL_MAX		500
#define GUIDANCE_MAX	1000	/* bytes, as the field's max_len */
#define NAME_MIN	2	/* characters */
#define NAME_MAX	80	/* bytes, as the field's max_len */
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const struct kaaj_choice platform_choices[] = {
	{ "google_maps", "Google Maps" },
	{ "play", "Google Play" },
	{ "appstore", "Apple App Store" },
	{ NULL, NULL }
};

static const struct kaaj_field campaign_fields[] = {
	{
		.name = "platform",
		.type = KAAJ_FIELD_CHOICE,
		.label = "Where the review is written",
		.required = 1,
		.choices = platform_choices,
	},
	{
		.name = "target_url",
		.type = KAAJ_FIELD_URL,
		.label = "Place or app URL",
		.help = "Google Maps: a google.com/maps or maps.app.goo.gl "
		    "link; Google Play: https://play.google.com/store/apps/"
		    "details?id=...; App Store: https://apps.apple.com/.../"
		    "app/....",
		.required = 1,
		.max_len = URL_MAX,
	},
	{
		.name = "guidance",
		.type = KAAJ_FIELD_TEXTAREA,
		.label = "What to write about",
		.help = "Optional: what the review should talk about. Do not "
		    "ask for a given rating; the stores forbid it.",
		.max_len = GUIDANCE_MAX,
	},
};

static const struct kaaj_field proof_fields[] = {
	{
		.name = "reviewer_name",
		.type = KAAJ_FIELD_TEXT,
		.label = "Name shown on your review",
		.required = 1,
		.max_len = NAME_MAX,
	},
	{
		.name = "screenshot",
		.type = KAAJ_FIELD_SCREENSHOT,
		.label = "Screenshot of your published review",
		.required = 1,
	},
};

static const struct kaaj_text_rule guidance_rule = {
	"guidance", 0, 1, 0, GUIDANCE_MAX, "",
	"The guidance must be at most 1000 characters long."
};

static const struct kaaj_text_rule name_rule = {
	"reviewer_name", 1, 0, NAME_MIN, NAME_MAX,
	"The reviewer name must be at least 2 characters long.",
	"The reviewer name must be at most 80 characters long."
};

/* Non-zero when path starts with the segment "/maps". */
static int
maps_path(const char *path)
{
	return strncmp(path, "/maps", 5) == 0 &&
	    strchr("/?#", path[5]) != NULL;	/* also matches '\0' */
}

/* Check the platform's own rules on an address of a public web site. */
static int
check_platform_url(const char *platform, const struct kaaj_url *u,
    struct kaaj_error *err)
{
	static const char field[] = "target_url";

	if (strcmp(platform, "google_maps") == 0) {
		if (kaaj_host_within(u, "maps.app.goo.gl") ||
		    kaaj_host_within(u, "maps.google.com") ||
		    ((kaaj_host_within(u, "google.com") ||
		    kaaj_host_within(u, "goo.gl")) && maps_path(u->path)))
			return KAAJ_OK;
		return kaaj_refuse(err, field, "not_maps", "A Google Maps "
		    "address must be a google.com/maps or maps.app.goo.gl "
		    "link.");
	}
	if (strcmp(platform, "play") == 0) {
		if (!kaaj_host_within(u, "play.google.com"))
			return kaaj_refuse(err, field, "not_play", "A Google "
			    "Play address must be on play.google.com.");
		if (!kaaj_play_app_page(u))
			return kaaj_refuse(err, field, "not_play_app", "A "
			    "Google Play address must be an app's page, such "
			    "as https://play.google.com/store/apps/details"
			    "?id=com.example.app.");
		return KAAJ_OK;
	}
	if (strcmp(platform, "appstore") == 0) {
		if (!kaaj_host_within(u, "apps.apple.com"))
			return kaaj_refuse(err, field, "not_appstore", "An App "
			    "Store address must be on apps.apple.com.");
		if (!kaaj_appstore_app_page(u))
			return kaaj_refuse(err, field, "not_appstore_app", "An "
			    "App Store address must be an app's page, such as "
			    "https://apps.apple.com/us/app/example/id123.");
		return KAAJ_OK;
	}
	return kaaj_refuse(err, "platform", "bad_platform", "Choose Google "
	    "Maps, Google Play or the App Store.");
}

static int
validate_campaign(const struct kaaj_values *campaign, struct kaaj_error *err)
{
	static const char field[] = "target_url";
	const char *platform;
	struct kaaj_url u;
	enum kaaj_url_verdict verdict;

	if ((platform = kaaj_value(campaign, "platform")) == NULL)
		platform = "";
	verdict = kaaj_url_check(kaaj_value(campaign, field), &u);
	if (verdict != KAAJ_URL_OK)
		return kaaj_refuse_url(err, field, verdict, NULL);
	if (check_platform_url(platform, &u, err) != KAAJ_OK)
		return KAAJ_INVALID;
	return kaaj_check_text(&guidance_rule, kaaj_value(campaign, "guidance"),
	    err);
}

static int
validate_proof(const struct kaaj_values *campaign,
    const struct kaaj_values *proof, struct kaaj_error *err)
{
	(void)campaign;
	return kaaj_check_text(&name_rule, kaaj_value(proof, "reviewer_name"),
	    err);
}

/* The plugin's one exported symbol, read by the core's loader. */
const struct kaaj_jobtype kaaj_jobtype = {
	.abi_version = KAAJ_JOBTYPE_ABI,
	.name = "review",
	.category = "review",
	.label = "Write a review",
	.description = "Write an honest review of a place on Google Maps or "
	    "of an app, and report the name it shows.",
	.min_pay = 10 * KAAJ_MICRO / 100,	/* 0.10 */
	.campaign_fields = campaign_fields,
	.n_campaign_fields = NELEM(campaign_fields),
	.proof_fields = proof_fields,
	.n_proof_fields = NELEM(proof_fields),
	.validate_campaign = validate_campaign,
	.validate_proof = validate_proof,
};
