/*
 * Registration, the terms it asks to accept, activation by mail, and a
 * new activation link on request.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pages/account_mail.h"
#include "accounts/captcha.h"
#include "storage/db.h"
#include "front/form.h"
#include "base/log.h"
#include "pages/pages.h"
#include "accounts/password.h"
#include "accounts/ratelimit.h"
#include "accounts/token.h"
#include "accounts/users.h"
#include "accounts/validate.h"
#include "money/referral.h"

/*
 * The registration form. The robot check's fields are the captcha's own
 * protocol (captcha_verify reads them). ref is hidden: the name of the
 * user whose referral link brought the visitor (register_referrer).
 */
enum {
	REG_USERNAME, REG_EMAIL, REG_PASSWORD, REG_PASSWORD2, REG_COUNTRY,
	REG_TERMS, REG_REF, REG_FIELDS
};
static const struct form_field register_fields[REG_FIELDS] = {
	[REG_USERNAME] = { "username", FORM_LINE, 0, 0, 0, NULL,
	    validate_username },
	[REG_EMAIL] = { "email", FORM_LINE, 0, 0, 0, NULL, validate_email },
	[REG_PASSWORD] = FORM_SECRET_FIELD("password"),
	[REG_PASSWORD2] = FORM_SECRET_FIELD("password2"),
	[REG_COUNTRY] = { "country", FORM_LINE, 0, 0, 0, NULL, NULL },
	[REG_TERMS] = { "terms", FORM_FLAG, 1, 0, 0, NULL, NULL },
	[REG_REF] = { "ref", FORM_LINE, 0, 0, 0, NULL, NULL }
};

int
page_terms(struct ctx *c)
{
	c->template = "terms.cs";
	return 200;
}

/* Put a fresh captcha challenge in the page. */
static void
set_captcha(struct ctx *c)
{
	struct captcha_challenge ch;

	captcha_issue(&c->app->cfg, time(NULL), &ch);
	render_set(c->hdf, "Captcha.Salt", ch.salt);
	render_setf(c->hdf, "Captcha.Expires", "%lld", (long long)ch.expires);
	render_setf(c->hdf, "Captcha.Bits", "%d", ch.bits);
	render_set(c->hdf, "Captcha.Sig", ch.sig);
}

/* Show the registration form again (or for the first time). */
static int
register_form(struct ctx *c)
{
	set_captcha(c);
	c->template = "register.cs";
	return 200;
}

/*
 * The user named ref (a referral link's ?ref=, or the form's hidden
 * field), when referrals are on and that user may refer others: the page
 * says who invited the visitor and the form carries their name. Anyone
 * else (unknown, pending, banned) is left out without a word, and the
 * form carries no name. *id gets the referrer, 0 for none. Returns 0, or
 * -1 on a database error.
 */
static int
register_referrer(struct ctx *c, const char *ref, int64_t *id)
{
	char name[64];

	*id = 0;
	form_set(c, "ref", "");
	if (c->app->cfg.referral_ppm == 0 || ref == NULL || ref[0] == '\0')
		return 0;
	if (referral_referrer(c->app->db, ref, id, name, sizeof(name)) == -1)
		return -1;
	if (*id != 0) {
		form_set(c, "ref", name);
		render_set(c->hdf, "Register.InvitedBy", name);
	}
	return 0;
}

int
page_register(struct ctx *c)
{
	int64_t referrer;

	if (c->session.user_id != 0)
		return ctx_redirect(c, 303, "/");
	form_set(c, "country", "");
	if (register_referrer(c, param_get(&c->req->query, "ref"),
	    &referrer) == -1)
		return ctx_db_error(c);
	return register_form(c);
}

/* The form error for a captcha result. */
static const char *
captcha_error(enum captcha_result r)
{
	switch (r) {
	case CAPTCHA_MISSING:
		return "captcha_missing";
	case CAPTCHA_EXPIRED:
		return "captcha_expired";
	case CAPTCHA_REUSED:
		return "captcha_reused";
	default:
		return "captcha_bad";
	}
}

/*
 * Check what the table does not: the password against the name and
 * address, the country, the robot check. Returns the number wrong.
 */
static int
register_check(struct ctx *c, const struct form_value v[REG_FIELDS])
{
	enum captcha_result cr;

	page_check_password(c, "password", "password2", v[REG_PASSWORD].text,
	    v[REG_PASSWORD2].text, v[REG_USERNAME].text, v[REG_EMAIL].text);
	page_check_country(c, "country", v[REG_COUNTRY].text);
	cr = captcha_verify(&c->app->cfg, time(NULL), form_get(c,
	    "captcha_salt"), form_get(c, "captcha_expires"), form_get(c,
	    "captcha_bits"), form_get(c, "captcha_sig"), form_get(c,
	    "captcha_nonce"));
	if (cr != CAPTCHA_OK)
		form_error(c, "captcha", captcha_error(cr));
	return form_errors(c);
}

/* Mark a username or address already in use. -1 on a database error. */
static int
register_taken(struct ctx *c, const char *username, const char *email)
{
	struct db_result r;
	size_t i;

	if (db_query(c->app->db, &r, "SELECT username = ?, email = ?"
	    " FROM users WHERE username = ? OR email = ?", "ssss", username,
	    email, username, email) != DB_OK)
		return -1;
	for (i = 0; i < r.nrows; i++) {
		if (db_cell_int(&r, i, 0))
			form_error(c, "username", "username_taken");
		if (db_cell_int(&r, i, 1))
			form_error(c, "email", "email_taken");
	}
	db_result_free(&r);
	return 0;
}

struct new_account {
	struct user_new user;	/* pending */
	int activation_seconds;
	const char *ip;		/* signed up from */
	int64_t user_id;
	char token[TOKEN_LEN + 1];
};

/* Transaction body: the user row, its address and activation token. */
static int
create_account(struct db *db, void *arg)
{
	struct new_account *a = arg;
	int rc;

	rc = users_create(db, &a->user, &a->user_id);
	if (rc == DB_OK)
		rc = users_seen_at(db, a->user_id, a->ip, 0);
	if (rc != DB_OK)
		return rc;
	if (token_create(db, a->user_id, TOKEN_ACTIVATE, NULL,
	    a->activation_seconds, a->token) == -1)
		return DB_ERROR;
	return DB_OK;
}

int
page_register_post(struct ctx *c)
{
	const struct kaaj_config *cfg = &c->app->cfg;
	const char *username, *email, *password;
	char bucket[128], hash[PASSWORD_HASH_MAX];
	struct form_value v[REG_FIELDS];
	struct new_account a;
	enum captcha_result cr;
	int64_t referrer;
	int rc;

	if (c->session.user_id != 0)
		return ctx_redirect(c, 303, "/");
	form_read(c, register_fields, REG_FIELDS, v);
	username = v[REG_USERNAME].text;
	email = v[REG_EMAIL].text;
	password = v[REG_PASSWORD].text;
	if (register_referrer(c, v[REG_REF].text, &referrer) == -1)
		return ctx_db_error(c);
	if (register_check(c, v) > 0)
		return register_form(c);
	/*
	 * Whether a name or address is taken is told only to a form that
	 * paid for it: its robot check is used up and the question counted
	 * per IP address first, so one solved check asks once.
	 */
	cr = captcha_consume(c->app->db, form_get(c, "captcha_salt"),
	    strtoll(form_get(c, "captcha_expires"), NULL, 10));
	if (cr == CAPTCHA_DB_ERROR)
		return ctx_db_error(c);
	if (cr != CAPTCHA_OK) {
		form_error(c, "captcha", captcha_error(cr));
		return register_form(c);
	}
	snprintf(bucket, sizeof(bucket), "register:check:ip:%s", ctx_ip(c));
	if ((rc = page_rate_take(c, bucket, cfg->rl_register_check_ip,
	    cfg->rl_register_check_ip_minutes)) != 0)
		return rc;
	if (register_taken(c, username, email) == -1)
		return ctx_db_error(c);
	if (form_errors(c) > 0)
		return register_form(c);
	snprintf(bucket, sizeof(bucket), "register:ip:%s", ctx_ip(c));
	if ((rc = page_rate_take(c, bucket, cfg->rl_register_ip,
	    cfg->rl_register_ip_minutes)) != 0)
		return rc;
	if (password_hash(cfg, password, hash) == -1) {
		ratelimit_give_back(c->app->db, bucket,
		    cfg->rl_register_ip_minutes);
		log_err(c->req->rid, "password hash: out of memory");
		c->error_detail = "busy";
		return 503;
	}
	memset(&a, 0, sizeof(a));
	a.user.username = username;
	a.user.email = email;
	a.user.password_hash = hash;
	a.user.country = v[REG_COUNTRY].text;
	a.user.language = hdf_get_value(c->hdf, "Page.Lang",
	    cfg->default_language);
	a.user.referred_by = referrer;
	a.activation_seconds = cfg->activation_hours * 3600;
	a.ip = ctx_ip(c);
	rc = db_txn(c->app->db, create_account, &a);
	if (rc != DB_OK)	/* no account: the address gets its count back */
		ratelimit_give_back(c->app->db, bucket,
		    cfg->rl_register_ip_minutes);
	if (rc == DB_DUPLICATE) {
		/* Taken between the check and the insert. */
		register_taken(c, username, email);
		return register_form(c);
	}
	if (rc != DB_OK)
		return ctx_db_error(c);
	log_info(c->req->rid, "registered user %lld", (long long)a.user_id);
	if (account_mail(c, "activate", a.user.language, email, username,
	    "/activate", a.token) == -1)
		render_set(c->hdf, "Register.MailFailed", "1");
	render_set(c->hdf, "Register.Email", email);
	c->template = "register_done.cs";
	return 200;
}

/* What an activation link does (a token_action): activate its user. */
static int
activate(struct db *db, int64_t user_id, const char *new_email, void *arg)
{
	(void)new_email;
	(void)arg;
	return users_activate(db, user_id);
}

/* Say what is wrong with a mailed link, with a way forward. */
int
page_link_problem(struct ctx *c, enum token_result tr, const char *kind)
{
	char key[64];

	if (tr == TOKEN_DB_ERROR)
		return ctx_db_error(c);
	snprintf(key, sizeof(key), "%s", tr == TOKEN_EXPIRED ? "expired" :
	    tr == TOKEN_USED ? "used" : "unknown");
	render_set(c->hdf, "Link.Problem", key);
	render_set(c->hdf, "Link.Kind", kind);
	c->template = "link_problem.cs";
	return tr == TOKEN_UNKNOWN ? 404 : 410;
}

int
page_activate(struct ctx *c)
{
	struct token_action ta = { NULL, TOKEN_ACTIVATE, activate, NULL,
	    TOKEN_DB_ERROR, 0 };

	ta.token = param_get(&c->req->query, "token");
	if (ta.token == NULL || !session_token_valid(ta.token))
		return page_link_problem(c, TOKEN_UNKNOWN, "activate");
	if (token_txn(c->app->db, &ta) == DB_OK)
		return ctx_redirect(c, 303, "/login?notice=activated");
	return page_link_problem(c, ta.tr, "activate");
}

int
page_resend(struct ctx *c)
{
	form_keep(c, "email");
	c->template = "resend.cs";
	return 200;
}

int
page_resend_post(struct ctx *c)
{
	const struct link_request lr = { "resend.cs", "resend",
	    "status = 'pending'", TOKEN_ACTIVATE,
	    c->app->cfg.activation_hours * 3600, "activate", "/activate",
	    "resent" };

	return account_link_request(c, &lr);
}
