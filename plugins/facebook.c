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
		.max_len = TOPIC_MAX,
	},
	{
		.name = "comment_hint",
		.type = KAAJ_FIELD_TEXTAREA,
		.label = "What the comment should say",
		.help = "Optional: a hint for comments and posts.",
		.max_len = HINT_MAX,
	},
};

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
		.max_len = COMMENT_MAX,
	},
	{
		.name = "screenshot",
		.type = KAAJ_FIELD_SCREENSHOT,
		.label = "Screenshot of what you did",
		.required = 1,
	},
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

/* Non-zero when s is NULL or empty. */
static int
empty(const char *s)
{
	return s == NULL || *s == '\0';
}

/*
 * Check a text: no control characters (tabs and line breaks allowed when
 * lines is non-zero), not only spaces, at least min characters and at
 * most max bytes.
 */
static int
check_text(const char *s, const char *field, size_t min, size_t max,
    int lines, struct kaaj_error *err)
{
	const unsigned char *p = (const unsigned char *)(s == NULL ? "" : s);
	size_t chars = 0, spaces = 0, len;

	for (len = 0; p[len] != '\0'; len++) {
		/* C0 controls, DEL, and C1 controls (U+0080..U+009F). */
		if ((p[len] < ' ' && !(lines && (p[len] == '\n' ||
		    p[len] == '\r' || p[len] == '\t'))) || p[len] == 0x7f ||
		    (p[len] == 0xc2 && p[len + 1] >= 0x80 &&
		    p[len + 1] <= 0x9f))
			return refuse(err, field, "bad_char", "The text must "
			    "not contain control characters.");
		if (p[len] == ' ' || p[len] == '\n' || p[len] == '\r' ||
		    p[len] == '\t')
			spaces++;
		if ((p[len] & 0xc0) != 0x80)	/* not a UTF-8 continuation */
			chars++;
	}
	if (len > 0 && spaces == len)
		return refuse(err, field, "blank", "The text must not be only "
		    "spaces.");
	if (chars < min)
		return refuse(err, field, "too_short", "The text is too "
		    "short.");
	if (len > max)
		return refuse(err, field, "too_long", "The text is too long.");
	return KAAJ_OK;
}

/* Check that url is a public http or https address on a Facebook host. */
static int
check_facebook_url(const char *url, const char *field,
    struct kaaj_error *err)
{
	struct kaaj_url u;
	size_t i;

	switch (kaaj_url_check(url, &u)) {
	case KAAJ_URL_OK:
		break;
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
		    "a web site, such as facebook.com.");
	}
	for (i = 0; i < NELEM(facebook_domains); i++)
		if (kaaj_host_within(&u, facebook_domains[i]))
			return KAAJ_OK;
	return refuse(err, field, "wrong_site", "The address must be on "
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
			return refuse(err, "topic", "topic_needed", "Give the "
			    "topic the worker writes the post about.");
		if (check_text(kaaj_value(campaign, "topic"), "topic", 1,
		    TOPIC_MAX, 1, err) != KAAJ_OK)
			return KAAJ_INVALID;
	} else if (empty(url))
		return refuse(err, "target_url", "url_needed", "Give the "
		    "address of the Facebook page or post.");
	if (!empty(url) &&
	    check_facebook_url(url, "target_url", err) != KAAJ_OK)
		return KAAJ_INVALID;
	if (!empty(kaaj_value(campaign, "comment_hint")) &&
	    check_text(kaaj_value(campaign, "comment_hint"), "comment_hint",
	    1, HINT_MAX, 1, err) != KAAJ_OK)
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
	if (check_text(profile, "profile", PROFILE_MIN, PROFILE_MAX, 0,
	    err) != KAAJ_OK)
		return KAAJ_INVALID;
	if (strstr(profile, "://") != NULL &&
	    check_facebook_url(profile, "profile", err) != KAAJ_OK)
		return KAAJ_INVALID;
	if (empty(comment)) {
		if (action != NULL && (strcmp(action, "comment") == 0 ||
		    strcmp(action, "post") == 0))
			return refuse(err, "comment_text", "comment_needed",
			    "Copy the comment or post you wrote.");
		return KAAJ_OK;
	}
	return check_text(comment, "comment_text", 1, COMMENT_MAX, 1, err);
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
