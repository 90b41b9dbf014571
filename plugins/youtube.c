/*
 * The "youtube" job type: the worker subscribes to a channel, or likes,
 * comments on or watches a video for some seconds, and proves it with
 * the channel name used, the comment written (for a comment) and a
 * screenshot. The seconds apply only to watching (shown_if).
 *
 * Pure: the validators read only their arguments and the tables below.
 */
#include <string.h>

#include "kaaj/jobtype.h"

#define URL_MAX		500
#define WATCH_MIN	10	/* seconds */
#define WATCH_MAX	3600
#define CHANNEL_MIN	2	/* characters */
#define CHANNEL_MAX	100	/* bytes, as the field's max_len */
#define COMMENT_MAX	2000
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const struct kaaj_choice action_choices[] = {
	{ "subscribe", "Subscribe to a channel" },
	{ "like", "Like a video" },
	{ "comment", "Comment on a video" },
	{ "watch", "Watch a video for some seconds" },
	{ NULL, NULL }
};

/* How the path of a channel address on youtube.com begins. */
static const char *const channel_prefixes[] = {
	"/@",
	"/channel/",
	"/c/",
	"/user/",
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
		.label = "YouTube channel or video URL",
		.help = "A channel (youtube.com/@name) to subscribe to, or a "
		    "video (youtube.com/watch?v=..., youtu.be/...) otherwise.",
		.required = 1,
		.max_len = URL_MAX,
	},
	{
		.name = "watch_seconds",
		.type = KAAJ_FIELD_INT,
		.label = "Seconds to watch",
		.help = "Needed when the worker watches the video.",
		.required = 1,
		.min = WATCH_MIN,
		.max = WATCH_MAX,
		.shown_if = "action=watch",
	},
};

/* The texts' own rules, beyond the limits the core checks. */
#define TOO_SHORT	"The text is too short."
#define TOO_LONG	"The text is too long."
static const struct kaaj_text_rule channel_rule = { "channel_name", 1, 0,
    CHANNEL_MIN, CHANNEL_MAX, TOO_SHORT, TOO_LONG };
static const struct kaaj_text_rule comment_rule = { "comment_text", 0, 1,
    1, COMMENT_MAX, TOO_SHORT, TOO_LONG };

static const struct kaaj_field proof_fields[] = {
	{
		.name = "channel_name",
		.type = KAAJ_FIELD_TEXT,
		.label = "Your YouTube channel or account name",
		.required = 1,
		.max_len = CHANNEL_MAX,
	},
	{
		.name = "comment_text",
		.type = KAAJ_FIELD_TEXTAREA,
		.label = "The comment you wrote",
		.help = "Word for word, when the task asked for a comment.",
		.required = 1,
		.max_len = COMMENT_MAX,
		.shown_if = "action=comment",
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

/* Non-zero when s begins with a video or channel id: [A-Za-z0-9_-]. */
static int
starts_with_id(const char *s)
{
	return (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
	    (*s >= '0' && *s <= '9') || *s == '_' || *s == '-';
}

/* Non-zero when the path of a youtube.com address names a channel. */
static int
is_channel(const char *path)
{
	size_t i, n;

	for (i = 0; i < NELEM(channel_prefixes); i++) {
		n = strlen(channel_prefixes[i]);
		if (strncmp(path, channel_prefixes[i], n) == 0)
			return path[n] != '\0' && strchr("/?#", path[n]) ==
			    NULL;
	}
	return 0;
}

/* Non-zero when the path of a youtube.com address names a video. */
static int
is_video(const char *path)
{
	const char *q;

	if (strncmp(path, "/shorts/", 8) == 0)
		return starts_with_id(path + 8);
	if (strncmp(path, "/watch?", 7) != 0)
		return 0;
	for (q = path + 6; *q != '\0' && *q != '#'; q++)
		if ((*q == '?' || *q == '&') && strncmp(q + 1, "v=", 2) == 0)
			return starts_with_id(q + 3);
	return 0;
}

/* Check a channel or video address for the action. */
static int
check_target(const char *action, const char *url, struct kaaj_error *err)
{
	static const char field[] = "target_url";
	struct kaaj_url u;
	int youtube, short_link;

	if (kaaj_refuse_url(err, field, kaaj_url_check(url, &u), "The "
	    "address must name a web site, such as youtube.com.") !=
	    KAAJ_OK)
		return KAAJ_INVALID;
	youtube = kaaj_host_within(&u, "youtube.com");
	short_link = kaaj_host_within(&u, "youtu.be");
	if (!youtube && !short_link)
		return kaaj_refuse(err, field, "wrong_site", "The address must "
		    "be on youtube.com or youtu.be.");
	if (action != NULL && strcmp(action, "subscribe") == 0) {
		if (youtube && is_channel(u.path))
			return KAAJ_OK;
		return kaaj_refuse(err, field, "channel_needed", "Give a "
		    "channel address, such as https://www.youtube.com/@name.");
	}
	if ((youtube && is_video(u.path)) || (short_link &&
	    u.path[0] == '/' && starts_with_id(u.path + 1)))
		return KAAJ_OK;
	return kaaj_refuse(err, field, "video_needed", "Give a video address, "
	    "such as https://www.youtube.com/watch?v=... or "
	    "https://youtu.be/....");
}

static int
validate_campaign(const struct kaaj_values *campaign, struct kaaj_error *err)
{
	const char *action, *seconds;
	long n = 0;

	action = kaaj_value(campaign, "action");
	if (check_target(action, kaaj_value(campaign, "target_url"), err) !=
	    KAAJ_OK)
		return KAAJ_INVALID;
	if (action == NULL || strcmp(action, "watch") != 0)
		return KAAJ_OK;
	seconds = kaaj_value(campaign, "watch_seconds");
	if (empty(seconds))
		return kaaj_refuse(err, "watch_seconds", "seconds_needed",
		    "Give how many seconds the worker watches the video.");
	/* The core checked the range; refuse anything else all the same. */
	for (; *seconds >= '0' && *seconds <= '9' && n <= WATCH_MAX;
	    seconds++)
		n = n * 10 + (*seconds - '0');
	if (*seconds != '\0' || n < WATCH_MIN || n > WATCH_MAX)
		return kaaj_refuse(err, "watch_seconds", "bad_seconds", "The "
		    "watching time must be from 10 to 3600 seconds.");
	return KAAJ_OK;
}


static int
validate_proof(const struct kaaj_values *campaign,
    const struct kaaj_values *proof, struct kaaj_error *err)
{
	const char *action, *comment;

	action = kaaj_value(campaign, "action");
	comment = kaaj_value(proof, "comment_text");
	if (kaaj_check_text(&channel_rule, kaaj_value(proof, "channel_name"),
	    err) != KAAJ_OK)
		return KAAJ_INVALID;
	if (empty(comment)) {
		if (action != NULL && strcmp(action, "comment") == 0)
			return kaaj_refuse(err, "comment_text",
			    "comment_needed", "Copy the comment you wrote.");
		return KAAJ_OK;
	}
	return kaaj_check_text(&comment_rule, comment, err);
}

/* The plugin's one exported symbol, read by the core's loader. */
const struct kaaj_jobtype kaaj_jobtype = {
	.abi_version = KAAJ_JOBTYPE_ABI,
	.name = "youtube",
	.category = "social",
	.label = "YouTube: subscribe, like, comment or watch",
	.description = "Subscribe to a YouTube channel, or like, comment "
	    "on or watch a video, and show a screenshot.",
	.min_pay = 2 * KAAJ_MICRO / 100,	/* 0.02 */
	.campaign_fields = campaign_fields,
	.n_campaign_fields = NELEM(campaign_fields),
	.proof_fields = proof_fields,
	.n_proof_fields = NELEM(proof_fields),
	.validate_campaign = validate_campaign,
	.validate_proof = validate_proof,
};
