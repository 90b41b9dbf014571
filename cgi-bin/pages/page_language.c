/*
 * The language switch: a small form on every page (footer.cs) posts the
 * language chosen and the page it was on.
 */
#include <stdio.h>
#include <string.h>

#include "accounts/users.h"
#include "base/text.h"
#include "front/form.h"
#include "front/routes.h"
#include "pages/pages.h"
#include "storage/db.h"

/* Longest page address the switch goes back to. */
#define NEXT_MAX 512

/*
 * Non-zero when next is a path of this site that answers GET: "/", no
 * second "/" or "\" right after it (a browser reads "//host" as another
 * site), printable ASCII without spaces or backslashes, and a route.
 */
static int
local_page(const char *next)
{
	char path[NEXT_MAX];
	char allow[64];
	int64_t id;
	int status;
	size_t n = strlen(next);

	if (n == 0 || n >= sizeof(path) || next[0] != '/' || next[1] == '/' ||
	    !text_is_printable_ascii(next) || strchr(next, ' ') != NULL ||
	    strchr(next, '\\') != NULL)
		return 0;
	n = strcspn(next, "?#");
	memcpy(path, next, n);
	path[n] = '\0';
	return route_find("GET", path, &id, &status, allow, sizeof(allow)) !=
	    NULL;
}

int
page_language(struct ctx *c)
{
	const char *lang = form_get(c, "lang"), *next = form_get(c, "next");
	char cookie[128];

	if (!render_has_lang(&c->app->render, lang)) {
		c->error_detail = "language_unknown";
		return 400;
	}
	if (c->session.user_id != 0 && users_set_language(c->app->db,
	    c->session.user_id, lang) != DB_OK)
		return ctx_db_error(c);
	snprintf(cookie, sizeof(cookie), LANG_COOKIE "=%s; Path=/;"
	    " Max-Age=31536000; HttpOnly; SameSite=Lax%s", lang,
	    c->req->https ? "; Secure" : "");
	response_header(c->res, "Set-Cookie", cookie);
	return ctx_redirect(c, 303, local_page(next) ? next : "/");
}
