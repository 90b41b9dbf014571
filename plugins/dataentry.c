/*
 * The "dataentry" job type: the employer describes what to enter and the
 * form the answer must take (any text, a number, an e-mail address, a web
 * address or a simple pattern); the worker's entry is checked against it.
 *
 * The pattern language, also told in the field's help: '9' is one digit,
 * 'A' one ASCII letter, '*' any run of characters (also none), and any
 * other character stands for itself, case and all. "AAA-999" matches
 * "ABC-123"; "INV-*" matches every text that starts with "INV-".
 *
 * Pure: the validators read only their arguments and the tables below.
 */
#include <string.h>

#include "kaaj/jobtype.h"

#define TEXT_MAX	5000	/* bytes, as the task and entry max_len */
#define PATTERN_MAX	100
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const struct kaaj_choice format_choices[] = {
	{ "free", "Any text" },
	{ "number", "A whole or decimal number" },
	{ "email", "An e-mail address" },
	{ "url", "A web address" },
	{ "pattern", "Matches a pattern" },
	{ NULL, NULL }
};

static const struct kaaj_field campaign_fields[] = {
	{
		.name = "task_text",
		.type = KAAJ_FIELD_TEXTAREA,
		.label = "What to enter",
		.help = "Tell the worker exactly what to type in, and where "
		    "to find it.",
		.required = 1,
		.max_len = TEXT_MAX,
	},
	{
		.name = "format",
		.type = KAAJ_FIELD_CHOICE,
		.label = "Expected answer format",
		.help = "The entry is refused unless it has this form.",
		.required = 1,
		.choices = format_choices,
	},
	{
		.name = "pattern",
		.type = KAAJ_FIELD_TEXT,
		.label = "Pattern",
		.help = "Only for \"Matches a pattern\": 9 is one digit, A "
		    "one letter (a-z, A-Z), * any run of characters, any "
		    "other character itself. For example AAA-999 matches "
		    "ABC-123.",
		.required = 1,
		.max_len = PATTERN_MAX,
		.shown_if = "format=pattern",
	},
};

static const struct kaaj_field proof_fields[] = {
	{
		.name = "entry",
		.type = KAAJ_FIELD_TEXTAREA,
		.label = "Your entry",
		.help = "In the format the task asks for.",
		.required = 1,
		.max_len = TEXT_MAX,
	},
};

/* Non-zero when s (NULL as "") equals the word w. */
static int
is(const char *s, const char *w)
{
	return s != NULL && strcmp(s, w) == 0;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Digits, optionally followed by '.' and more digits: "42", "3.14". */
static int
is_number(const char *s)
{
	size_t n;

	if ((n = strspn(s, "0123456789")) == 0)
		return 0;
	s += n;
	if (*s == '.') {
		s++;
		if ((n = strspn(s, "0123456789")) == 0)
			return 0;
		s += n;
	}
	return *s == '\0';
}

/*
 * One '@' with text before it, a domain after it holding a dot that is
 * neither its first nor its last character, and no white space or
 * control characters anywhere.
 */
static int
is_email(const char *s)
{
	const char *at, *dot, *p;

	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return 0;
	if ((at = strchr(s, '@')) == NULL || at == s ||
	    strchr(at + 1, '@') != NULL)
		return 0;
	dot = strchr(at + 1, '.');
	return dot != NULL && dot != at + 1 && at[strlen(at) - 1] != '.';
}

/* Non-zero when the text character c matches the pattern character p. */
static int
matches_one(char p, char c)
{
	if (p == '9')
		return is_digit(c);
	if (p == 'A')
		return is_letter(c);
	return p == c;
}

/*
 * Non-zero when all of text matches pattern. Greedy with backtracking to
 * the last '*' only: every other token takes exactly one character, so
 * retrying from the latest star is enough, and the work is bounded by
 * strlen(pattern) * strlen(text).
 */
static int
pattern_match(const char *pattern, const char *text)
{
	const char *p = pattern, *t = text, *star = NULL, *resume = NULL;

	while (*t != '\0') {
		if (*p == '*') {
			star = p++;
			resume = t;
		} else if (*p != '\0' && matches_one(*p, *t)) {
			p++;
			t++;
		} else if (star != NULL) {
			p = star + 1;	/* let the star take one more */
			t = ++resume;
		} else
			return 0;
	}
	while (*p == '*')
		p++;
	return *p == '\0';
}

static int
validate_campaign(const struct kaaj_values *campaign, struct kaaj_error *err)
{
	static const char field[] = "pattern";
	const char *pattern, *p;

	if ((pattern = kaaj_value(campaign, field)) == NULL)
		pattern = "";
	if (*pattern == '\0') {
		if (is(kaaj_value(campaign, "format"), "pattern"))
			return kaaj_refuse(err, field, "pattern_needed", "Give "
			    "the pattern the entry must match, such as "
			    "AAA-999.");
		return KAAJ_OK;
	}
	for (p = pattern; *p != '\0'; p++)
		if ((unsigned char)*p < ' ' || *p == 0x7f)
			return kaaj_refuse(err, field, "pattern_control", "The "
			    "pattern must not contain control characters.");
	if (strlen(pattern) > PATTERN_MAX)
		return kaaj_refuse(err, field, "pattern_long", "The pattern "
		    "must be at most 100 characters long.");
	return KAAJ_OK;
}

static int
validate_proof(const struct kaaj_values *campaign,
    const struct kaaj_values *proof, struct kaaj_error *err)
{
	static const char field[] = "entry";
	const char *entry, *format, *pattern;

	if ((entry = kaaj_value(proof, field)) == NULL)
		entry = "";
	format = kaaj_value(campaign, "format");
	if (is(format, "number") && !is_number(entry))
		return kaaj_refuse(err, field, "wrong_number", "The entry must "
		    "be a whole or decimal number, such as 42 or 3.14, without "
		    "a sign or spaces.");
	if (is(format, "email") && !is_email(entry))
		return kaaj_refuse(err, field, "wrong_email", "The entry must "
		    "be an e-mail address, such as name@example.com.");
	if (is(format, "url") && kaaj_url_check(entry, NULL) != KAAJ_URL_OK)
		return kaaj_refuse(err, field, "wrong_url", "The entry must "
		    "be a web address starting with http:// or https://, such "
		    "as https://example.com/.");
	if (is(format, "pattern")) {
		if ((pattern = kaaj_value(campaign, "pattern")) == NULL)
			pattern = "";
		if (!pattern_match(pattern, entry))
			return kaaj_refuse(err, field, "wrong_pattern", "The "
			    "entry must match the pattern the task gives (9 is "
			    "a digit, A a letter, * any text).");
	}
	return KAAJ_OK;
}

/* The plugin's one exported symbol, read by the core's loader. */
const struct kaaj_jobtype kaaj_jobtype = {
	.abi_version = KAAJ_JOBTYPE_ABI,
	.name = "dataentry",
	.category = "data",
	.label = "Data entry",
	.description = "Type in the data the task asks for, in the format "
	    "it asks for.",
	.min_pay = 2 * KAAJ_MICRO / 100,	/* 0.02 */
	.campaign_fields = campaign_fields,
	.n_campaign_fields = NELEM(campaign_fields),
	.proof_fields = proof_fields,
	.n_proof_fields = NELEM(proof_fields),
	.validate_campaign = validate_campaign,
	.validate_proof = validate_proof,
};
