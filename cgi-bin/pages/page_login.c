/*
 * Logging in and out.
 */
#include <stdio.h>
#include <string.h>

#include "storage/db.h"
#include "front/form.h"
#include "base/log.h"
#include "pages/pages.h"
#include "accounts/password.h"
#include "accounts/ratelimit.h"
#include "accounts/users.h"

/* Where a login goes without a page to go back to: the user's overview. */
#define LANDING "/dashboard"

/* A safe place to go after login: a local path, else LANDING. */
static const char *
next_path(const char *next)
{
	size_t i;

	if (next == NULL || next[0] != '/' || next[1] == '/' ||
	    strlen(next) > 200)
		return LANDING;
	for (i = 0; next[i] != '\0'; i++)
		if ((unsigned char)next[i] <= 0x20 || next[i] == '\\' ||
		    next[i] == 0x7f)
			return LANDING;
	return next;
}

int
page_login(struct ctx *c)
{
	const char *next = param_get(&c->req->query, "next");

	if (c->session.user_id != 0)
		return ctx_redirect(c, 303, next_path(next));
	form_set(c, "next", next_path(next));
	c->template = "login.cs";
	return 200;
}

/* The login form. */
enum { LOGIN_NAME, LOGIN_PASSWORD, LOGIN_FIELDS };
static const struct form_field login_form[LOGIN_FIELDS] = {
	[LOGIN_NAME] = { "login", FORM_LINE, 1, 0, 0, NULL, NULL },
	[LOGIN_PASSWORD] = { "password", FORM_SECRET, 1, 0, 0, NULL, NULL }
};

/*
 * The login form again, with what was typed but the password, and field
 * marked with code (field NULL: the fields are marked already).
 */
static int
login_again(struct ctx *c, const char *field, const char *code)
{
	form_keep(c, "login");
	form_set(c, "next", next_path(form_get(c, "next")));
	if (field != NULL)
		form_error(c, field, code);
	c->template = "login.cs";
	return 200;
}

struct login_user {
	int64_t id;
	char username[33];
	char hash[PASSWORD_HASH_MAX];
	char status[16];
	char ban_reason[512];
};

/*
 * Find the account named by login (a username, or an address when it
 * holds '@'). Returns 1 found, 0 not, -1 on a database error.
 */
static int
login_find(struct ctx *c, const char *login, struct login_user *u)
{
	struct db_result r;
	int found;

	if (db_query(c->app->db, &r, strchr(login, '@') != NULL ?
	    "SELECT id, username, password_hash, status, ban_reason"
	    " FROM users WHERE email = ?" :
	    "SELECT id, username, password_hash, status, ban_reason"
	    " FROM users WHERE username = ?", "s", login) != DB_OK)
		return -1;
	found = r.nrows == 1;
	if (found) {
		u->id = db_cell_int(&r, 0, 0);
		snprintf(u->username, sizeof(u->username), "%s",
		    db_cell(&r, 0, 1));
		snprintf(u->hash, sizeof(u->hash), "%s", db_cell(&r, 0, 2));
		snprintf(u->status, sizeof(u->status), "%s", db_cell(&r, 0, 3));
		snprintf(u->ban_reason, sizeof(u->ban_reason), "%s",
		    db_cell(&r, 0, 4) != NULL ? db_cell(&r, 0, 4) : "");
	}
	db_result_free(&r);
	return found;
}

/* Bucket names of the login limits, per address and per account. */
static void
login_buckets(struct ctx *c, const char *login, char *ip, size_t iplen,
    char *acct, size_t acctlen)
{
	snprintf(ip, iplen, "login:ip:%s", ctx_ip(c));
	page_account_bucket(acct, acctlen, "login:acct", login);
}

/* Start a session for u in this browser and go on. */
static int
login_start(struct ctx *c, const struct login_user *u, const char *password)
{
	const struct kaaj_config *cfg = &c->app->cfg;
	char token[SESSION_TOKEN_LEN + 1], cookie[200];
	char hash[PASSWORD_HASH_MAX];

	/* The cost in the config went up since this hash was made. */
	if (password_needs_rehash(cfg, u->hash) &&
	    password_hash(cfg, password, hash) == 0)
		users_set_password(c->app->db, u->id, hash);
	/* A new token at every login; an old session here ends. */
	if (c->session.user_id != 0)
		session_end(c->app->db, c->session.token);
	if (session_create(c->app->db, cfg, u->id, token) == -1 ||
	    users_seen_at(c->app->db, u->id, ctx_ip(c), 1) != DB_OK)
		return ctx_db_error(c);
	session_cookie(cfg, token, c->req->https, cookie);
	response_header(c->res, "Set-Cookie", cookie);
	log_info(c->req->rid, "login user %lld", (long long)u->id);
	return ctx_redirect(c, 303, next_path(form_get(c, "next")));
}

int
page_login_post(struct ctx *c)
{
	const struct kaaj_config *cfg = &c->app->cfg;
	struct form_value v[LOGIN_FIELDS];
	const char *login, *password;
	char ipb[128], acctb[300];
	struct login_user u;
	int found, rc, ok;

	memset(&u, 0, sizeof(u));
	form_read(c, login_form, LOGIN_FIELDS, v);
	login = v[LOGIN_NAME].text;
	password = v[LOGIN_PASSWORD].text;
	if (form_errors(c) > 0)
		return login_again(c, NULL, NULL);
	if (strlen(login) > 254)
		return login_again(c, "login", "login_failed");
	if ((found = login_find(c, login, &u)) == -1)
		return ctx_db_error(c);
	/*
	 * One account, one count, whether it is named by its username or
	 * its address; a name that is no account counts as typed.
	 */
	login_buckets(c, found ? u.username : login, ipb, sizeof(ipb), acctb,
	    sizeof(acctb));
	/*
	 * The attempt counts before the password is tried, so that guesses
	 * sent at once cannot all pass a count read before any of them was
	 * added; over either limit, no password is tried at all.
	 */
	if ((rc = page_rate_take(c, ipb, cfg->rl_login_ip,
	    cfg->rl_login_ip_minutes)) != 0 || (rc = page_rate_take(c,
	    acctb, cfg->rl_login_account, cfg->rl_login_account_minutes)) != 0)
		return rc;
	ok = password_verify(cfg, found ? u.hash : NULL, password);
	if (!ok)
		return login_again(c, "login", "login_failed");
	/* A right password is no failure: both counts get the try back. */
	if (ratelimit_give_back(c->app->db, ipb, cfg->rl_login_ip_minutes) ==
	    -1 || ratelimit_give_back(c->app->db, acctb,
	    cfg->rl_login_account_minutes) == -1)
		return ctx_db_error(c);
	/* The password was right: now it is safe to say why not. */
	if (strcmp(u.status, "pending") == 0)
		return login_again(c, "login", "not_activated");
	if (strcmp(u.status, "banned") == 0) {
		render_set(c->hdf, "Login.BanReason", u.ban_reason);
		return login_again(c, "login", "banned");
	}
	ratelimit_clear(c->app->db, acctb, cfg->rl_login_account_minutes);
	return login_start(c, &u, password);
}

int
page_logout(struct ctx *c)
{
	char cookie[200];

	if (session_end(c->app->db, c->session.token) == -1)
		return ctx_db_error(c);
	session_cookie(&c->app->cfg, NULL, c->req->https, cookie);
	response_header(c->res, "Set-Cookie", cookie);
	return ctx_redirect(c, 303, "/");
}
