/*
 * A user's own settings: country, language, payout details, password and
 * e-mail address (a new address works once its owner follows the mailed
 * link).
 */
#include <stdio.h>
#include <string.h>

#include "pages/account_mail.h"
#include "storage/db.h"
#include "front/form.h"
#include "base/log.h"
#include "base/timezone.h"
#include "pages/pages.h"
#include "accounts/password.h"
#include "accounts/ratelimit.h"
#include "accounts/token.h"
#include "accounts/users.h"
#include "accounts/validate.h"

/* The settings forms. */
enum {
	PROF_COUNTRY, PROF_LANGUAGE, PROF_ZONE, PROF_METHOD, PROF_ACCOUNT,
	PROF_FIELDS
};
static const struct form_field profile_form[PROF_FIELDS] = {
	[PROF_COUNTRY] = { "country", FORM_LINE, 0, 0, 0, NULL, NULL },
	[PROF_LANGUAGE] = { "language", FORM_LINE, 0, 0, 0, NULL, NULL },
	[PROF_ZONE] = { "time_zone", FORM_LINE, 0, 0, 0, NULL, NULL },
	[PROF_METHOD] = { "payout_method", FORM_LINE, 0, 0, 0, NULL, NULL },
	[PROF_ACCOUNT] = { "payout_account", FORM_LINE, 0, 0, 0, NULL, NULL }
};
enum { PW_CURRENT, PW_NEW, PW_AGAIN, PW_FIELDS };
static const struct form_field password_form[PW_FIELDS] = {
	[PW_CURRENT] = FORM_SECRET_FIELD("current_password"),
	[PW_NEW] = FORM_SECRET_FIELD("new_password"),
	[PW_AGAIN] = FORM_SECRET_FIELD("new_password2")
};
enum { EMAIL_PASSWORD, EMAIL_ADDRESS, EMAIL_FIELDS };
static const struct form_field email_form[EMAIL_FIELDS] = {
	[EMAIL_PASSWORD] = FORM_SECRET_FIELD("email_password"),
	[EMAIL_ADDRESS] = { "new_email", FORM_LINE, 0, 0, 0, NULL,
	    validate_email }
};

/*
 * The time zones the profile form offers: "" (the country's usual zone,
 * named in Zone.Auto), the zones of the country in the form, the site's,
 * UTC, and the user's own choice when none of these.
 */
static void
set_zones(struct ctx *c)
{
	const struct tz_table *t = &c->app->zones;
	const char *country = hdf_get_value(c->hdf, "Form.country", ""),
	    *own = hdf_get_value(c->hdf, "Form.time_zone", ""),
	    *usual = tz_of_country(t, country);
	char key[64];
	size_t i, n = 0;

	render_set(c->hdf, "Zone.Auto", usual != NULL ? usual :
	    c->app->cfg.time_zone);
	for (i = 0; i < t->n; i++)
		if (strcmp(t->zones[i].country, country) == 0) {
			snprintf(key, sizeof(key), "Zones.%zu", n++);
			render_set(c->hdf, key, t->zones[i].name);
		}
	if (strcmp(c->app->cfg.time_zone, "UTC") != 0 &&
	    (usual == NULL || strcmp(usual, c->app->cfg.time_zone) != 0)) {
		snprintf(key, sizeof(key), "Zones.%zu", n++);
		render_set(c->hdf, key, c->app->cfg.time_zone);
	}
	snprintf(key, sizeof(key), "Zones.%zu", n++);
	render_set(c->hdf, key, "UTC");
	if (own[0] != '\0' && strcmp(own, "UTC") != 0 &&
	    strcmp(own, c->app->cfg.time_zone) != 0 &&
	    strcmp(tz_country(t, own), country) != 0) {
		snprintf(key, sizeof(key), "Zones.%zu", n);
		render_set(c->hdf, key, own);
	}
}

/* The payout methods, languages and time zones the forms offer. */
static void
set_choices(struct ctx *c)
{
	const struct kaaj_config *cfg = &c->app->cfg;
	const struct render_env *env = &c->app->render;
	char key[64];
	size_t i;

	for (i = 0; i < cfg->n_payouts; i++) {
		snprintf(key, sizeof(key), "Payouts.%zu.Name", i);
		render_set(c->hdf, key, cfg->payouts[i].name);
		snprintf(key, sizeof(key), "Payouts.%zu.Label", i);
		render_set(c->hdf, key, cfg->payouts[i].label);
		snprintf(key, sizeof(key), "Payouts.%zu.Hint", i);
		render_set(c->hdf, key,
		    page_config_text(c, &cfg->payouts[i].account_hint));
	}
	for (i = 0; i < env->nlangs; i++) {
		snprintf(key, sizeof(key), "Languages.%zu", i);
		render_set(c->hdf, key, env->lang_names[i]);
	}
	set_zones(c);
}

/*
 * Fill the forms from the database; fields already set (what the user
 * typed into a form shown again) are kept. 0, or an error status.
 */
static int
settings_page(struct ctx *c)
{
	static const char *const cols[] = { "email", "country", "language",
	    "time_zone", "payout_method", "payout_account" };
	struct db_result r;
	char key[64];
	size_t i;

	if (db_query(c->app->db, &r, "SELECT email, country, language,"
	    " time_zone, payout_method, payout_account FROM users"
	    " WHERE id = ?", "i",
	    c->session.user_id) != DB_OK)
		return ctx_db_error(c);
	if (r.nrows != 1) {
		db_result_free(&r);
		return ctx_db_error(c);
	}
	render_set(c->hdf, "Account.Email", db_cell(&r, 0, 0));
	for (i = 1; i < sizeof(cols) / sizeof(cols[0]); i++) {
		snprintf(key, sizeof(key), "Form.%s", cols[i]);
		if (hdf_get_obj(c->hdf, key) == NULL)
			form_set(c, cols[i], db_cell(&r, 0, i));
	}
	db_result_free(&r);
	set_choices(c);
	c->template = "settings.cs";
	return 200;
}

int
page_settings(struct ctx *c)
{
	return settings_page(c);
}

int
page_settings_profile(struct ctx *c)
{
	struct form_value v[PROF_FIELDS];
	const char *country, *language, *zone, *method, *account, *why;

	form_read(c, profile_form, PROF_FIELDS, v);
	country = v[PROF_COUNTRY].text;
	language = v[PROF_LANGUAGE].text;
	zone = v[PROF_ZONE].text;
	method = v[PROF_METHOD].text;
	account = v[PROF_ACCOUNT].text;
	page_check_country(c, "country", country);
	if (!render_has_lang(&c->app->render, language))
		form_error(c, "language", "language_unknown");
	if (zone[0] != '\0' && !tz_known(&c->app->zones, zone))
		form_error(c, "time_zone", "time_zone_unknown");
	if (method[0] != '\0' && config_payout(&c->app->cfg, method) == NULL)
		form_error(c, "payout_method", "payout_method_unknown");
	else if (method[0] != '\0' &&
	    (why = validate_payout_account(account)) != NULL)
		form_error(c, "payout_account", why);
	else if (method[0] == '\0' && account[0] != '\0')
		form_error(c, "payout_method", "payout_method_missing");
	if (form_errors(c) > 0)
		return settings_page(c);
	if (users_set_profile(c->app->db, c->session.user_id, country,
	    language, zone, method, account) != DB_OK)
		return ctx_db_error(c);
	return ctx_redirect(c, 303, "/settings?notice=saved");
}

/*
 * Check the current password given in field of the logged-in user, under
 * the same limit as failed logins. Returns 1 right, 0 wrong (field
 * marked), or an error status.
 */
static int
check_current_password(struct ctx *c, const char *field, const char *given,
    char *username, char *email)
{
	const struct kaaj_config *cfg = &c->app->cfg;
	struct db_result r;
	char bucket[300];
	int rc, ok;

	page_account_bucket(bucket, sizeof(bucket), "login:acct",
	    c->session.username);
	if ((rc = page_rate_take(c, bucket, cfg->rl_login_account,
	    cfg->rl_login_account_minutes)) != 0)
		return rc;
	if (db_query(c->app->db, &r, "SELECT password_hash,"
	    " username, email FROM users WHERE id = ?", "i",
	    c->session.user_id) != DB_OK)
		return ctx_db_error(c);
	ok = r.nrows == 1 && password_verify(cfg, db_cell(&r, 0, 0), given);
	if (r.nrows == 1) {
		snprintf(username, 33, "%s", db_cell(&r, 0, 1));
		snprintf(email, 255, "%s", db_cell(&r, 0, 2));
	}
	db_result_free(&r);
	if (ok)
		ratelimit_give_back(c->app->db, bucket,
		    cfg->rl_login_account_minutes);
	else
		form_error(c, field, "password_wrong");
	return ok;
}

int
page_settings_password(struct ctx *c)
{
	const struct kaaj_config *cfg = &c->app->cfg;
	char username[33], email[255], hash[PASSWORD_HASH_MAX];
	char token[SESSION_TOKEN_LEN + 1], cookie[200];
	struct form_value v[PW_FIELDS];
	const char *password;
	int rc;

	form_read(c, password_form, PW_FIELDS, v);
	password = v[PW_NEW].text;
	rc = check_current_password(c, "current_password", v[PW_CURRENT].text,
	    username, email);
	if (rc > 1)
		return rc;
	if (rc == 1)
		page_check_password(c, "new_password", "new_password2",
		    password, v[PW_AGAIN].text, username, email);
	if (form_errors(c) > 0)
		return settings_page(c);
	if (password_hash(cfg, password, hash) == -1) {
		c->error_detail = "busy";
		return 503;
	}
	/* New password, every session ended, this one replaced by a new one. */
	if (users_set_password(c->app->db, c->session.user_id, hash) != DB_OK ||
	    session_end_user(c->app->db, c->session.user_id, NULL) == -1 ||
	    session_create(c->app->db, cfg, c->session.user_id, token) == -1)
		return ctx_db_error(c);
	session_cookie(cfg, token, c->req->https, cookie);
	response_header(c->res, "Set-Cookie", cookie);
	log_info(c->req->rid, "password changed by user %lld",
	    (long long)c->session.user_id);
	return ctx_redirect(c, 303, "/settings?notice=password_changed");
}

int
page_settings_email(struct ctx *c)
{
	const struct kaaj_config *cfg = &c->app->cfg;
	char username[33], email[255], token[TOKEN_LEN + 1];
	struct form_value v[EMAIL_FIELDS];
	const char *address;
	struct db_result r;
	int rc;

	form_read(c, email_form, EMAIL_FIELDS, v);
	address = v[EMAIL_ADDRESS].text;
	rc = check_current_password(c, "email_password",
	    v[EMAIL_PASSWORD].text, username, email);
	if (rc > 1)
		return rc;
	if (form_errors(c) > 0)
		return settings_page(c);
	if (db_query(c->app->db, &r, "SELECT id FROM users WHERE email = ?",
	    "s", address) != DB_OK)
		return ctx_db_error(c);
	if (r.nrows > 0)
		form_error(c, "new_email", db_cell_int(&r, 0, 0) ==
		    c->session.user_id ? "email_same" : "email_taken");
	db_result_free(&r);
	if (form_errors(c) > 0)
		return settings_page(c);
	if (token_create(c->app->db, c->session.user_id, TOKEN_EMAIL, address,
	    cfg->activation_hours * 3600, token) == -1)
		return ctx_db_error(c);
	if (account_mail(c, "email", c->session.language, address, username,
	    "/email/confirm", token) == -1)
		return ctx_redirect(c, 303, "/settings?notice=mail_failed");
	return ctx_redirect(c, 303, "/settings?notice=email_sent");
}

/*
 * What an e-mail link does (a token_action): move the account to its new
 * address; *(int *)taken is set when another account has it by now.
 */
static int
change_email(struct db *db, int64_t user_id, const char *new_email,
    void *taken)
{
	int rc;

	*(int *)taken = 0;
	rc = users_set_email(db, user_id, new_email);
	if (rc == DB_DUPLICATE) {
		*(int *)taken = 1;
		return DB_ROLLBACK;
	}
	return rc;
}

int
page_email_confirm(struct ctx *c)
{
	struct token_action ta = { NULL, TOKEN_EMAIL, change_email, NULL,
	    TOKEN_DB_ERROR, 0 };
	int taken = 0;

	ta.token = param_get(&c->req->query, "token");
	ta.arg = &taken;
	if (ta.token == NULL || !session_token_valid(ta.token))
		return page_link_problem(c, TOKEN_UNKNOWN, "email");
	if (token_txn(c->app->db, &ta) == DB_OK)
		return ctx_redirect(c, 303, c->session.user_id != 0 ?
		    "/settings?notice=email_changed" : "/login?notice=email_changed");
	if (taken) {
		c->error_detail = "email_taken";
		return 409;
	}
	return page_link_problem(c, ta.tr, "email");
}
