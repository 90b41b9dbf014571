/*
 * The mails accounts send: activation, password reset, e-mail change.
 * Bodies are templates/mail/NAME.cs rendered as plain text; subjects come
 * from Lang.Mail.NAME.Subject.
 */
#ifndef KAAJ_ACCOUNT_MAIL_H
#define KAAJ_ACCOUNT_MAIL_H

#include "front/router.h"
#include "accounts/token.h"

/*
 * Render mail name for username in lang, the recipient's language (their
 * account's; the site's default when it is not loaded), with a link to
 * site.base_url + path + "?token=" + token, and queue it for address
 * (mail_queue_add: kaaj-admin sends it, never the request). Returns 0,
 * or -1 after logging why (the caller tells the user to try again later).
 */
int account_mail(struct ctx *c, const char *name, const char *lang,
    const char *address, const char *username, const char *path,
    const char *token);

/* What a "mail me a link" form asks for. */
struct link_request {
	const char *form;	/* template shown again on a bad address */
	const char *bucket;	/* rate-limit prefix: "reset", "resend" */
	const char *status_sql;	/* which accounts get mail: "status <> ..." */
	enum token_purpose purpose;
	int seconds;		/* how long the link works */
	const char *mail;	/* mail template name */
	const char *path;	/* the link's path */
	const char *notice;	/* Lang.Notice key of the answer */
};

/*
 * Handle a posted "email" field asking for a mailed link: check the
 * address, count the request per lowercased address (429 past
 * ratelimits.resets_per_address), and, when an account there matches,
 * make a token and queue the mail. The answer is the same whether or not
 * the address has an account, and as quick: no mail is sent here.
 * Returns the handler's status.
 */
int account_link_request(struct ctx *c, const struct link_request *lr);

#endif
