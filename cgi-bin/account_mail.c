/*
 * Rendering and sending the accounts' mails.
 */
#include <stdio.h>

#include "account_mail.h"
#include "log.h"
#include "mail.h"

int
account_mail(struct ctx *c, const char *name, const char *address,
    const char *username, const char *path, const char *token)
{
	const struct kaaj_config *cfg = &c->app->cfg;
	char key[96], tmpl[96], err[512];
	struct buf body;
	HDF *hdf;
	int rc = -1;

	hdf = render_page_new(&c->app->render, hdf_get_value(c->hdf,
	    "Page.Lang", cfg->default_language));
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
	else if (mail_send(cfg, address, render_lang(hdf, key), body.data, err,
	    sizeof(err)) == -1)
		log_err(c->req->rid, "mail %s to user %s: %s", name, username,
		    err);
	else
		rc = 0;
	buf_free(&body);
	hdf_destroy(&hdf);
	return rc;
}
