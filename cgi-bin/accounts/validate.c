/*
 * Checks of account fields.
 */
#include <string.h>

#include "accounts/validate.h"

static int
is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

const char *
validate_username(const char *s)
{
	size_t n = strlen(s), i;

	if (n < USERNAME_MIN)
		return "username_short";
	if (n > USERNAME_MAX)
		return "username_long";
	if (!is_alnum(s[0]))
		return "username_chars";
	for (i = 1; i < n; i++)
		if (!is_alnum(s[i]) && s[i] != '_' && s[i] != '.' && s[i] != '-')
			return "username_chars";
	return NULL;
}

const char *
validate_email(const char *s)
{
	const char *at, *dot, *p;
	size_t n = strlen(s);

	if (n == 0)
		return "email_missing";
	if (n > EMAIL_MAX)
		return "email_long";
	/* Plain ASCII, as every mail server takes it. */
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f ||
		    strchr("\"(),:;<>[\\]", *p) != NULL)
			return "email_bad";
	at = strchr(s, '@');
	if (at == NULL || at == s || at - s > 64 || strchr(at + 1, '@') != NULL)
		return "email_bad";
	/* No dot at either end of the local part, none doubled. */
	if (s[0] == '.' || at[-1] == '.' || strstr(s, "..") != NULL)
		return "email_bad";
	dot = strrchr(at + 1, '.');
	/* A dot inside the domain, with a label on both sides. */
	if (dot == NULL || dot == at + 1 || dot[1] == '\0' || at[1] == '.')
		return "email_bad";
	return NULL;
}

const char *
validate_payout_account(const char *s)
{
	size_t n = strlen(s);
	const char *p;

	if (n < 3)
		return "payout_account_short";
	if (n > 120)
		return "payout_account_long";
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return "payout_account_bad";
	return NULL;
}
