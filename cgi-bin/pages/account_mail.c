/*
 * Rendering the accounts' mails and queueing them (kaaj-admin sends
 * them), and the "mail me a link" forms.
 */
#include <stdio.h>

#include "pages/account_mail.h"
#include "base/log.h"
#include "storage/db.h"
#include "front/form.h"
#include "accounts/mail_queue.h"
#include "accounts/ratelimit.h"
#include "accounts/validate.h"
#include "pages/pages.h"

int
account_mail(struct ctx *c, const char *name, const char *lang,
    const char *address, const char *username, const char *path,
    const char *token)
{
	const struct kaaj_config *cfg = &c->app->cfg;
	char key[96], tmpl[96], err[512];
	struct buf body;
	HDF *hdf;
	int rc = -1;

	hdf = render_page_new(&c->app->render, lang);
	if (hdf == NULL)
		return -1;
	buf_init(&body);
	render_plain_text(hdf);
	render_set(hdf, "Site.Name", cfg->site_name);
	render_set(hdf, "Site.Url", cfg->base_url);
	render_set(hdf, "Mail.Username", username);
	render_setf(hdf, "Mail.Link", "%s%s?token=%s", cfg->base_url, path,
	    token);
	render_setf(hdf, "Mail.ActivationHours", "%d", cfg->activation_hours);
	render_setf(hdf, "Mail.ResetMinutes", "%d", cfg->reset_minutes);
	snprintf(tmpl, sizeof(tmpl), "mail/%s.cs", name);
	snprintf(key, sizeof(key), "Mail.%s.Subject", name);
	if (render_page(&c->app->render, hdf, tmpl, &body, err,
	    sizeof(err)) == -1)
		log_err(c->req->rid, "render %s: %s", tmpl, err);
	else if (mail_queue_add(c->app->db, cfg, address, render_lang(hdf,
	    key), body.data, err, sizeof(err)) == -1)
		log_err(c->req->rid, "mail %s to user %s: %s", name, username,
		    err);
	else
		rc = 0;
	buf_free(&body);
	hdf_destroy(&hdf);
	return rc;
}

int
account_link_request(struct ctx *c, const struct link_request *lr)
{
	const struct kaaj_config *cfg = &c->app->cfg;
	static const struct form_field email_field = {
		"email", FORM_LINE, 0, 0, 0, NULL, validate_email
	};
	char bucket[300], prefix[64], token[TOKEN_LEN + 1], sql[200];
	struct form_value v;
	const char *email;
	struct db_result r;
	int rc;

	form_read(c, &email_field, 1, &v);
	email = v.text;
	if (!v.ok) {
		c->template = lr->form;
		return 200;
	}
	snprintf(prefix, sizeof(prefix), "%s:addr", lr->bucket);
	page_account_bucket(bucket, sizeof(bucket), prefix, email);
	/* Every request for the address counts, known or not. */
	if ((rc = page_rate_take(c, bucket, cfg->rl_reset_address,
	    cfg->rl_reset_address_minutes)) != 0)
		return rc;
	snprintf(sql, sizeof(sql), "SELECT id, username, email, language"
	    " FROM users"
	    " WHERE email = ? AND %s", lr->status_sql);
	if (db_query(c->app->db, &r, sql, "s", email) != DB_OK)
		return ctx_db_error(c);
	if (r.nrows == 1 && token_create(c->app->db, db_cell_int(&r, 0, 0),
	    lr->purpose, NULL, lr->seconds, token) == 0)
		account_mail(c, lr->mail, db_cell(&r, 0, 3), db_cell(&r, 0, 2),
		    db_cell(&r, 0, 1), lr->path, token);
	db_result_free(&r);
	form_notice(c, lr->notice);
	c->template = "message.cs";
	return 200;
}
