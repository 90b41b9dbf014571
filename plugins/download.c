/*
 * The "download" job type: the worker installs an app from Google Play or
 * the Apple App Store, or downloads a file from a direct link, and proves
 * it with the device used, a screenshot, and optionally a review text.
 *
 * Pure: the validators read only their arguments and the tables below.
 */
#include <string.h>

#include "kaaj/jobtype.h"

#define URL_MAX		500
#define KEEP_DAYS_MAX	30
#define DEVICE_MIN	2	/* characters */
#define DEVICE_MAX	80	/* bytes, as the field's max_len */
#define REVIEW_MIN	10	/* characters, when given */
#define REVIEW_MAX	1000	/* bytes, as the field's max_len */
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const struct kaaj_choice store_choices[] = {
	{ "play", "Google Play" },
	{ "appstore", "Apple App Store" },
	{ "direct", "Direct download link" },
	{ NULL, NULL }
};

static const struct kaaj_field campaign_fields[] = {
	{
		.name = "store",
		.type = KAAJ_FIELD_CHOICE,
		.label = "Where the app or file is",
		.required = 1,
		.choices = store_choices,
	},
	{
		.name = "app_url",
		.type = KAAJ_FIELD_URL,
		.label = "App or file URL",
		.help = "Google Play: https://play.google.com/store/apps/"
		    "details?id=...; App Store: https://apps.apple.com/.../"
		    "app/...; or any public http or https link.",
		.required = 1,
		.max_len = URL_MAX,
	},
	{
		.name = "keep_days",
		.type = KAAJ_FIELD_INT,
		.label = "Days to keep the app installed",
		.help = "Optional: keep the app installed for this many days "
		    "(0 to 30).",
		.min = 0,
		.max = KEEP_DAYS_MAX,
	},
};

static const struct kaaj_field proof_fields[] = {
	{
		.name = "device",
		.type = KAAJ_FIELD_TEXT,
		.label = "Device you installed it on",
		.help = "For example: Samsung A12.",
		.required = 1,
		.max_len = DEVICE_MAX,
	},
	{
		.name = "screenshot",
		.type = KAAJ_FIELD_SCREENSHOT,
		.label = "Screenshot of the installed app or downloaded file",
		.required = 1,
	},
	{
		.name = "review_text",
		.type = KAAJ_FIELD_TEXTAREA,
		.label = "Your review text",
		.help = "Optional: the review you wrote, if the task asks "
		    "for one.",
		.max_len = REVIEW_MAX,
	},
};

static const struct kaaj_text_rule proof_rules[] = {
	{ "device", 1, 0, DEVICE_MIN, DEVICE_MAX,
	    "The device name must be at least 2 characters long.",
	    "The device name must be at most 80 characters long." },
	{ "review_text", 0, 1, REVIEW_MIN, REVIEW_MAX,
	    "The review text must be at least 10 characters long.",
	    "The review text must be at most 1000 characters long." },
};

/* Check the store's own rules on an address that is a public web site. */
static int
check_store_url(const char *store, const struct kaaj_url *u,
    struct kaaj_error *err)
{
	static const char field[] = "app_url";

	if (strcmp(store, "play") == 0) {
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
	if (strcmp(store, "appstore") == 0) {
		if (!kaaj_host_within(u, "apps.apple.com"))
			return kaaj_refuse(err, field, "not_appstore", "An App "
			    "Store address must be on apps.apple.com.");
		if (!kaaj_appstore_app_page(u))
			return kaaj_refuse(err, field, "not_appstore_app", "An "
			    "App Store address must be an app's page, such as "
			    "https://apps.apple.com/us/app/example/id123.");
		return KAAJ_OK;
	}
	if (strcmp(store, "direct") == 0)
		return KAAJ_OK;
	return kaaj_refuse(err, "store", "bad_store", "Choose Google Play, the "
	    "App Store or a direct download link.");
}

static int
validate_campaign(const struct kaaj_values *campaign, struct kaaj_error *err)
{
	static const char field[] = "app_url";
	const char *store;
	struct kaaj_url u;
	enum kaaj_url_verdict verdict;

	if ((store = kaaj_value(campaign, "store")) == NULL)
		store = "";
	verdict = kaaj_url_check(kaaj_value(campaign, field), &u);
	if (verdict != KAAJ_URL_OK)
		return kaaj_refuse_url(err, field, verdict, NULL);
	return check_store_url(store, &u, err);
}

static int
validate_proof(const struct kaaj_values *campaign,
    const struct kaaj_values *proof, struct kaaj_error *err)
{
	size_t i;

	(void)campaign;
	for (i = 0; i < NELEM(proof_rules); i++)
		if (kaaj_check_text(&proof_rules[i],
		    kaaj_value(proof, proof_rules[i].field), err) != KAAJ_OK)
			return KAAJ_INVALID;
	return KAAJ_OK;
}

/* The plugin's one exported symbol, read by the core's loader. */
const struct kaaj_jobtype kaaj_jobtype = {
	.abi_version = KAAJ_JOBTYPE_ABI,
	.name = "download",
	.category = "app",
	.label = "Install an app or download a file",
	.description = "Install an app from Google Play or the App Store, or "
	    "download a file, and report the device used.",
	.min_pay = 5 * KAAJ_MICRO / 100,	/* 0.05 */
	.campaign_fields = campaign_fields,
	.n_campaign_fields = NELEM(campaign_fields),
	.proof_fields = proof_fields,
	.n_proof_fields = NELEM(proof_fields),
	.validate_campaign = validate_campaign,
	.validate_proof = validate_proof,
};
