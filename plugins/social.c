/*
 * The "social" job type: the worker follows an account or joins a
 * channel or group on X (Twitter), Instagram, TikTok, Telegram or
 * LinkedIn, and proves it with the user name used and a screenshot.
 *
 * Pure: the validators read only their arguments and the tables below.
 */
#include <string.h>

#include "kaaj/jobtype.h"

#define URL_MAX		500
#define USERNAME_MIN	2	/* characters */
#define USERNAME_MAX	100	/* bytes, as the field's max_len */
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const struct kaaj_choice network_choices[] = {
	{ "x", "X (Twitter)" },
	{ "instagram", "Instagram" },
	{ "tiktok", "TikTok" },
	{ "telegram", "Telegram channel or group" },
	{ "linkedin", "LinkedIn" },
	{ NULL, NULL }
};

/* The hosts of each network, with their subdomains, and the refusal. */
static const struct network {
	const char *value;
	const char *domains[2];	/* the second may be NULL */
	const char *message;
} networks[] = {
	{ "x", { "x.com", "twitter.com" },
	    "The address must be on x.com or twitter.com." },
	{ "instagram", { "instagram.com", NULL },
	    "The address must be on instagram.com." },
	{ "tiktok", { "tiktok.com", NULL },
	    "The address must be on tiktok.com." },
	{ "telegram", { "t.me", "telegram.me" },
	    "The address must be on t.me or telegram.me." },
	{ "linkedin", { "linkedin.com", NULL },
	    "The address must be on linkedin.com." },
};

static const struct kaaj_field campaign_fields[] = {
	{
		.name = "network",
		.type = KAAJ_FIELD_CHOICE,
		.label = "Social network",
		.required = 1,
		.choices = network_choices,
	},
	{
		.name = "target_url",
		.type = KAAJ_FIELD_URL,
		.label = "Profile, page, channel or group URL",
		.help = "The account to follow or the channel or group to "
		    "join, on the network chosen above.",
		.required = 1,
		.max_len = URL_MAX,
	},
};

static const struct kaaj_field proof_fields[] = {
	{
		.name = "username",
		.type = KAAJ_FIELD_TEXT,
		.label = "Your user name on that network",
		.help = "For example @yourname.",
		.required = 1,
		.max_len = USERNAME_MAX,
	},
	{
		.name = "screenshot",
		.type = KAAJ_FIELD_SCREENSHOT,
		.label = "Screenshot showing that you follow or joined",
		.required = 1,
	},
};

static int
validate_campaign(const struct kaaj_values *campaign, struct kaaj_error *err)
{
	static const char field[] = "target_url";
	const char *network;
	struct kaaj_url u;
	size_t i, j;

	if (kaaj_refuse_url(err, field, kaaj_url_check(kaaj_value(campaign,
	    field), &u), "The address must name a web site, such as "
	    "instagram.com.") != KAAJ_OK)
		return KAAJ_INVALID;
	if ((network = kaaj_value(campaign, "network")) == NULL)
		network = "";
	for (i = 0; i < NELEM(networks); i++) {
		if (strcmp(network, networks[i].value) != 0)
			continue;
		for (j = 0; j < NELEM(networks[i].domains); j++)
			if (networks[i].domains[j] != NULL &&
			    kaaj_host_within(&u, networks[i].domains[j]))
				return KAAJ_OK;
		return kaaj_refuse(err, field, "wrong_site",
		    networks[i].message);
	}
	return kaaj_refuse(err, "network", "bad_network", "Choose one of the "
	    "social networks listed.");
}

static int
validate_proof(const struct kaaj_values *campaign,
    const struct kaaj_values *proof, struct kaaj_error *err)
{
	static const char field[] = "username";
	const unsigned char *s;
	size_t chars = 0, len;

	(void)campaign;
	if ((s = (const unsigned char *)kaaj_value(proof, field)) == NULL)
		s = (const unsigned char *)"";
	for (len = 0; s[len] != '\0'; len++) {
		/* C0 controls, DEL, and C1 controls (U+0080..U+009F). */
		if (s[len] < ' ' || s[len] == 0x7f ||
		    (s[len] == 0xc2 && s[len + 1] >= 0x80 &&
		    s[len + 1] <= 0x9f))
			return kaaj_refuse(err, field, "bad_char", "The user "
			    "name must not contain control characters.");
		if (s[len] == ' ')
			return kaaj_refuse(err, field, "has_space", "The user "
			    "name must not contain spaces.");
		if ((s[len] & 0xc0) != 0x80)	/* not a UTF-8 continuation */
			chars++;
	}
	if (s[0] == '@')
		chars--;	/* the name is what follows the @ */
	if (chars < USERNAME_MIN)
		return kaaj_refuse(err, field, "too_short", "The user name "
		    "must be at least 2 characters long.");
	if (len > USERNAME_MAX)
		return kaaj_refuse(err, field, "too_long", "The user name must "
		    "be at most 100 characters long.");
	return KAAJ_OK;
}

/* The plugin's one exported symbol, read by the core's loader. */
const struct kaaj_jobtype kaaj_jobtype = {
	.abi_version = KAAJ_JOBTYPE_ABI,
	.name = "social",
	.category = "social",
	.label = "Follow or join on a social network",
	.description = "Follow an account on X, Instagram, TikTok or "
	    "LinkedIn, or join a Telegram channel or group.",
	.min_pay = KAAJ_MICRO / 100,	/* 0.01 */
	.campaign_fields = campaign_fields,
	.n_campaign_fields = NELEM(campaign_fields),
	.proof_fields = proof_fields,
	.n_proof_fields = NELEM(proof_fields),
	.validate_campaign = validate_campaign,
	.validate_proof = validate_proof,
};
