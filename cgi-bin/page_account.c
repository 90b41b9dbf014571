/*
 * Account actions. Registration and login come with the accounts issue;
 * logging out is here because the dispatcher's login and CSRF checks
 * guard it.
 */
#include "db.h"
#include "pages.h"

int
page_logout(struct ctx *c)
{
	if (session_end(c->app->db, c->session.token) == -1) {
		c->error_detail = "db";
		return 503;
	}
	response_header(c->res, "Set-Cookie", SESSION_COOKIE
	    "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
	return ctx_redirect(c, 303, "/");
}
