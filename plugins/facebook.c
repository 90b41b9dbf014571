/*
 * The "facebook" job type: the worker likes a page or a post, comments,
 * shares, or writes a post on a topic the employer gives, and proves it
 * with the profile used, the text written and a screenshot.
 *
 * Pure: the validators read only their arguments and the tables below.
 */
#include <string.h>

#include "kaaj/jobtype.h"

#define URL_MAX		500
#define TOPIC_MAX	500	/* bytes, as the field's max_len */
#define HINT_MAX	500
#define PROFILE_MIN	2	/* characters */
#define PROFILE_MAX	200	/* bytes, as the field's max_len */
#define COMMENT_MAX	2000
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const struct kaaj_choice action_choices[] = {
	{ "like_page", "Like (follow) a page" },
	{ "like_post", "Like a post" },
	{ "comment", "Comment on a post" },
	{ "share", "Share a post" },
	{ "post", "Write a post on a topic" },
	{ NULL, NULL }
};

/* The hosts a Facebook address may be on, with their subdomains. */
static const char *const facebook_domains[] = {
	"facebook.com",
	"fb.com",
};

static const struct kaaj_field campaign_fields[] = {
	{
		.name = "action",
		.type = KAAJ_FIELD_CHOICE,
		.label = "What the worker must do",
		.required = 1,
		.choices = action_choices,
	},
	{
		.name = "target_url",
		.type = KAAJ_FIELD_URL,
		.label = "Facebook page or post URL",
		.help = "An address on facebook.com or fb.com. Not needed when "
		    "the worker writes a post on their own timeline.",
		.max_len = URL_MAX,
	},
	{
		.name = "topic",
		.type = KAAJ_FIELD_TEXTAREA,
		.label = "Topic of the post",
		.help = "Needed when the worker writes a post.",
		.required = 1,
		.max_len = TOPIC_MAX,
		.shown_if = "action=post",
	},
	{
		.name = "comment_hint",
		.type = KAAJ_FIELD_TEXTAREA,
		.label = "What the comment should say",
		.help = "Optional: a hint for comments and posts.",
		.max_len = HINT_MAX,
		.shown_if = "action=comment|post",
	},
};

/* The texts' own rules, beyond the limits the core checks. */
#define TOO_SHORT	"The text is too short."
#define TOO_LONG	"The text is too long."
static const struct kaaj_text_rule topic_rule = { "topic", 1, 1, 1,
    TOPIC_MAX, TOO_SHORT, TOO_LONG };
static const struct kaaj_text_rule hint_rule = { "comment_hint", 0, 1, 1,
    HINT_MAX, TOO_SHORT, TOO_LONG };
static const struct kaaj_text_rule profile_rule = { "profile", 1, 0,
    PROFILE_MIN, PROFILE_MAX, TOO_SHORT, TOO_LONG };
static const struct kaaj_text_rule comment_rule = { "comment_text", 0, 1,
    1, COMMENT_MAX, TOO_SHORT, TOO_LONG };

static const struct kaaj_field proof_fields[] = {
	{
		.name = "profile",
		.type = KAAJ_FIELD_TEXT,
		.label = "Your Facebook profile name or link",
		.required = 1,
		.max_len = PROFILE_MAX,
	},
	{
		.name = "comment_text",
		.type = KAAJ_FIELD_TEXTAREA,
		.label = "The text you wrote",
		.help = "The comment or post, word for word, when the task "
		    "asked for one.",
		.required = 1,
		.max_len = COMMENT_MAX,
		.shown_if = "action=comment|post",
	},
	{
		.name = "screenshot",
		.type = KAAJ_FIELD_SCREENSHOT,
		.label = "Screenshot of what you did",
		.required = 1,
	},
};

/* Non-zero when s is NULL or empty. */
static int
empty(const char *s)
{
	return s == NULL || *s == '\0';
}

/* Check that url is a public http or https address on a Facebook host. */
static int
check_facebook_url(const char *url, const char *field,
    struct kaaj_error *err)
{
	struct kaaj_url u;
	size_t i;

	if (kaaj_refuse_url(err, field, kaaj_url_check(url, &u), "The "
	    "address must name a web site, such as facebook.com.") !=
	    KAAJ_OK)
		return KAAJ_INVALID;
	for (i = 0; i < NELEM(facebook_domains); i++)
		if (kaaj_host_within(&u, facebook_domains[i]))
			return KAAJ_OK;
	return kaaj_refuse(err, field, "wrong_site", "The address must be on "
	    "facebook.com or fb.com.");
}

static int
validate_campaign(const struct kaaj_values *campaign, struct kaaj_error *err)
{
	const char *action, *url;

	action = kaaj_value(campaign, "action");
	url = kaaj_value(campaign, "target_url");
	if (action != NULL && strcmp(action, "post") == 0) {
		if (empty(kaaj_value(campaign, "topic")))
			return kaaj_refuse(err, "topic", "topic_needed", "Give "
			    "the topic the worker writes the post about.");
		if (kaaj_check_text(&topic_rule, kaaj_value(campaign,
		    "topic"), err) != KAAJ_OK)
			return KAAJ_INVALID;
	} else if (empty(url))
		return kaaj_refuse(err, "target_url", "url_needed", "Give the "
		    "address of the Facebook page or post.");
	if (!empty(url) &&
	    check_facebook_url(url, "target_url", err) != KAAJ_OK)
		return KAAJ_INVALID;
	if (!empty(kaaj_value(campaign, "comment_hint")) &&
	    kaaj_check_text(&hint_rule, kaaj_value(campaign, "comment_hint"),
	    err) != KAAJ_OK)
		return KAAJ_INVALID;
	return KAAJ_OK;
}

static int
validate_proof(const struct kaaj_values *campaign,
    const struct kaaj_values *proof, struct kaaj_error *err)
{
	const char *action, *profile, *comment;

	action = kaaj_value(campaign, "action");
	if ((profile = kaaj_value(proof, "profile")) == NULL)
		profile = "";
	comment = kaaj_value(proof, "comment_text");
	if (kaaj_check_text(&profile_rule, profile, err) != KAAJ_OK)
		return KAAJ_INVALID;
	if (strstr(profile, "://") != NULL &&
	    check_facebook_url(profile, "profile", err) != KAAJ_OK)
		return KAAJ_INVALID;
	if (empty(comment)) {
		if (action != NULL && (strcmp(action, "comment") == 0 ||
		    strcmp(action, "post") == 0))
			return kaaj_refuse(err, "comment_text",
			    "comment_needed", "Copy the comment or post you "
			    "wrote.");
		return KAAJ_OK;
	}
	return kaaj_check_text(&comment_rule, comment, err);
}

/* The plugin's one exported symbol, read by the core's loader. */
const struct kaaj_jobtype kaaj_jobtype = {
	.abi_version = KAAJ_JOBTYPE_ABI,
	.name = "facebook",
	.category = "social",
	.label = "Facebook: like, comment, share or post",
	.description = "Like a Facebook page or post, comment, share, or "
	    "write a post on a topic, and show a screenshot.",
	.min_pay = 2 * KAAJ_MICRO / 100,	/* 0.02 */
	.campaign_fields = campaign_fields,
	.n_campaign_fields = NELEM(campaign_fields),
	.proof_fields = proof_fields,
	.n_proof_fields = NELEM(proof_fields),
	.validate_campaign = validate_campaign,
	.validate_proof = validate_proof,
};
