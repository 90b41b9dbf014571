/*
 * The page handlers, one file per area. Each follows the handler_fn
 * contract in router.h.
 */
#ifndef KAAJ_PAGES_H
#define KAAJ_PAGES_H

#include "router.h"
#include "token.h"

/* page_board.c: the job board and a job's page. */
int page_home(struct ctx *c);
int page_job(struct ctx *c);

/* page_jobtypes.c: the job types this site offers. */
int page_jobtypes(struct ctx *c);

/* page_admin.c: the admin overview. */
int page_admin(struct ctx *c);

/* page_register.c: new accounts and their activation. */
int page_register(struct ctx *c);
int page_register_post(struct ctx *c);
int page_activate(struct ctx *c);
int page_resend(struct ctx *c);
int page_resend_post(struct ctx *c);

/*
 * Say what is wrong with a mailed link (unknown, expired, used) on a page
 * with the way forward for kind ("activate", "reset", "email"); returns
 * the status to answer with.
 */
int page_link_problem(struct ctx *c, enum token_result tr, const char *kind);

/* page_login.c: logging in and out. */
int page_login(struct ctx *c);
int page_login_post(struct ctx *c);
int page_logout(struct ctx *c);

/* page_password.c: forgotten passwords. */
int page_forgot(struct ctx *c);
int page_forgot_post(struct ctx *c);
int page_reset(struct ctx *c);
int page_reset_post(struct ctx *c);

/* page_settings.c: a user's own settings, and the terms of use. */
int page_settings(struct ctx *c);
int page_settings_profile(struct ctx *c);
int page_settings_password(struct ctx *c);
int page_settings_email(struct ctx *c);
int page_email_confirm(struct ctx *c);
int page_terms(struct ctx *c);

#endif
