/*
 * Forgotten passwords: a mailed single-use link, then a new password.
 */
#include <stdio.h>
#include <string.h>

#include "pages/account_mail.h"
#include "storage/db.h"
#include "front/form.h"
#include "base/log.h"
#include "pages/pages.h"
#include "accounts/password.h"
#include "accounts/token.h"
#include "accounts/users.h"

/*
 * The new-password form. Its mailed token is checked by token_peek and
 * token_use, not here.
 */
enum { RESET_PASSWORD, RESET_AGAIN, RESET_FIELDS };
static const struct form_field reset_form_fields[RESET_FIELDS] = {
	[RESET_PASSWORD] = FORM_SECRET_FIELD("password"),
	[RESET_AGAIN] = FORM_SECRET_FIELD("password2")
};

int
page_forgot(struct ctx *c)
{
	c->template = "forgot.cs";
	return 200;
}

int
page_forgot_post(struct ctx *c)
{
	const struct link_request lr = { "forgot.cs", "reset",
	    "status <> 'banned'", TOKEN_RESET, c->app->cfg.reset_minutes * 60,
	    "reset", "/reset", "reset_sent" };

	return account_link_request(c, &lr);
}

/* The new-password form for a token that works. */
static int
reset_form(struct ctx *c, const char *token)
{
	form_set(c, "token", token);
	c->template = "reset.cs";
	return 200;
}

int
page_reset(struct ctx *c)
{
	const char *token = param_get(&c->req->query, "token");
	enum token_result tr;
	int64_t user_id;

	tr = token_peek(c->app->db, token, TOKEN_RESET, &user_id, NULL);
	if (tr != TOKEN_OK)
		return page_link_problem(c, tr, "reset");
	return reset_form(c, token);
}

/*
 * What a reset link does (a token_action): set the password hash arg and
 * end every session of the user.
 */
static int
reset_password(struct db *db, int64_t user_id, const char *new_email,
    void *arg)
{
	int rc;

	(void)new_email;
	/* The mail reached its owner: that also activates a new account. */
	rc = users_reset_password(db, user_id, arg);
	if (rc != DB_OK)
		return rc;
	return session_end_user(db, user_id, NULL) == 0 ? DB_OK : DB_ERROR;
}

int
page_reset_post(struct ctx *c)
{
	const struct kaaj_config *cfg = &c->app->cfg;
	const char *token = form_get(c, "token"), *password;
	char hash[PASSWORD_HASH_MAX], stoken[SESSION_TOKEN_LEN + 1];
	struct form_value v[RESET_FIELDS];
	char cookie[200];
	struct token_action ta = { NULL, TOKEN_RESET, reset_password, NULL,
	    TOKEN_DB_ERROR, 0 };
	struct db_result u;
	int64_t user_id;
	enum token_result tr;

	form_read(c, reset_form_fields, RESET_FIELDS, v);
	password = v[RESET_PASSWORD].text;
	tr = token_peek(c->app->db, token, TOKEN_RESET, &user_id, NULL);
	if (tr != TOKEN_OK)
		return page_link_problem(c, tr, "reset");
	if (db_query(c->app->db, &u, "SELECT username, email FROM users"
	    " WHERE id = ?", "i", user_id) != DB_OK)
		return ctx_db_error(c);
	if (u.nrows != 1) {
		db_result_free(&u);
		return page_link_problem(c, TOKEN_UNKNOWN, "reset");
	}
	page_check_password(c, "password", "password2", password,
	    v[RESET_AGAIN].text, db_cell(&u, 0, 0), db_cell(&u, 0, 1));
	db_result_free(&u);
	if (form_errors(c) > 0)
		return reset_form(c, token);
	if (password_hash(cfg, password, hash) == -1) {
		c->error_detail = "busy";
		return 503;
	}
	ta.token = token;
	ta.arg = hash;
	if (token_txn(c->app->db, &ta) != DB_OK)
		return page_link_problem(c, ta.tr == TOKEN_OK ? TOKEN_DB_ERROR :
		    ta.tr, "reset");
	log_info(c->req->rid, "password reset for user %lld",
	    (long long)ta.user_id);
	/* Every other session ended; this browser is logged in afresh. */
	if (session_create(c->app->db, cfg, ta.user_id, stoken) == 0) {
		session_cookie(cfg, stoken, c->req->https, cookie);
		response_header(c->res, "Set-Cookie", cookie);
	}
	return ctx_redirect(c, 303, "/settings?notice=password_reset");
}
