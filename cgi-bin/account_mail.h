/*
 * The mails accounts send: activation, password reset, e-mail change.
 * Bodies are templates/mail/NAME.cs rendered as plain text; subjects come
 * from Lang.Mail.NAME.Subject.
 */
#ifndef KAAJ_ACCOUNT_MAIL_H
#define KAAJ_ACCOUNT_MAIL_H

#include "router.h"

/*
 * Render mail name for username in the page's language, with a link to
 * site.base_url + path + "?token=" + token, and send it to address.
 * Returns 0, or -1 after logging why (the caller tells the user to try
 * again later).
 */
int account_mail(struct ctx *c, const char *name, const char *address,
    const char *username, const char *path, const char *token);

#endif
