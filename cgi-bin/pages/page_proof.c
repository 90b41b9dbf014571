/*
 * A job type's proof form: shown from the plugin's proof_fields, read
 * back with the generic checks (required, length, number range, choices,
 * web address), then the plugin's own validate_proof with its campaign's
 * values, and the screenshot stored and hashed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "base/buf.h"
#include "base/field.h"
#include "storage/db.h"
#include "front/form.h"
#include "pages/job_fields.h"
#include "pages/pages.h"
#include "base/upload.h"

/* The form field of the common screenshot (no SCREENSHOT proof field). */
#define SHOT_FIELD "screenshot"

static const char *const type_names[] = {
	[KAAJ_FIELD_TEXT] = "text",
	[KAAJ_FIELD_TEXTAREA] = "textarea",
	[KAAJ_FIELD_URL] = "url",
	[KAAJ_FIELD_INT] = "int",
	[KAAJ_FIELD_CHOICE] = "choice",
	[KAAJ_FIELD_SCREENSHOT] = "screenshot"
};

/* The first SCREENSHOT field of p, or NULL. */
static const struct kaaj_field *
shot_field(const struct plugin *p)
{
	size_t i;

	for (i = 0; p != NULL && i < p->jt->n_proof_fields; i++)
		if (p->jt->proof_fields[i].type == KAAJ_FIELD_SCREENSHOT)
			return &p->jt->proof_fields[i];
	return NULL;
}

void
proof_form_set(struct ctx *c, const struct plugin *p, int shot_required,
    const struct kaaj_values *campaign)
{
	const struct kaaj_jobtype *jt;
	const struct kaaj_field *fd, *shot = shot_field(p);
	const struct kaaj_choice *ch;
	char name[64];
	size_t i, k, n = 0;
	HDF *row;

	render_set(c->hdf, "Proof.Open", "1");
	/* The same fields, with the page's language's texts. */
	jt = p != NULL ? page_jobtype(c, p) : NULL;
	if (shot != NULL)
		shot = &jt->proof_fields[shot - p->jt->proof_fields];
	for (i = 0; jt != NULL && i < jt->n_proof_fields; i++) {
		fd = &jt->proof_fields[i];
		if (fd->type == KAAJ_FIELD_SCREENSHOT ||
		    !field_applies(fd, campaign))
			continue;
		if ((row = page_row(c->hdf, "Proof.Fields", n++)) == NULL)
			continue;
		render_set(row, "Name", fd->name);
		render_set(row, "Type", type_names[fd->type]);
		render_set(row, "Label", fd->label);
		render_set(row, "Help", fd->help);
		render_set(row, "Required", fd->required ? "1" : "0");
		if (fd->max_len > 0)
			render_setf(row, "MaxLen", "%zu", fd->max_len);
		if (fd->type == KAAJ_FIELD_INT) {
			render_setf(row, "Min", "%lld", (long long)fd->min);
			render_setf(row, "Max", "%lld", (long long)fd->max);
		}
		for (k = 0, ch = fd->choices; fd->type == KAAJ_FIELD_CHOICE &&
		    ch != NULL && ch->value != NULL; ch++, k++) {
			snprintf(name, sizeof(name), "Choices.%zu.Value", k);
			render_set(row, name, ch->value);
			snprintf(name, sizeof(name), "Choices.%zu.Label", k);
			render_set(row, name, ch->label);
		}
	}
	if (shot != NULL) {
		render_set(c->hdf, "Proof.Shot.Name", shot->name);
		render_set(c->hdf, "Proof.Shot.Label", shot->label);
		render_set(c->hdf, "Proof.Shot.Help", shot->help);
		render_set(c->hdf, "Proof.Shot.Required", shot->required ||
		    shot_required ? "1" : "0");
	} else if (shot_required) {
		render_set(c->hdf, "Proof.Shot.Name", SHOT_FIELD);
		render_set(c->hdf, "Proof.Shot.Required", "1");
	}
}

int
proof_shown_set(struct ctx *c, const struct plugin *p, int64_t task)
{
	struct db_result r;
	const char *label;
	size_t i, k;
	HDF *row;

	if (db_query(c->app->db, &r, "SELECT name, value FROM task_fields"
	    " WHERE task_id = ? ORDER BY name", "i", task) != DB_OK)
		return -1;
	for (i = 0; i < r.nrows; i++) {
		label = db_value(&r, i, "name");
		for (k = 0; p != NULL && k < p->jt->n_proof_fields; k++)
			if (strcmp(p->jt->proof_fields[k].name, label) == 0)
				label = p->jt->proof_fields[k].label;
		if ((row = page_row(c->hdf, "Proof.Sent", i)) == NULL)
			continue;
		render_set(row, "Label", label);
		render_set(row, "Value", db_value(&r, i, "value"));
	}
	db_result_free(&r);
	return 0;
}

void
proof_verify_link_set(struct ctx *c, const struct plugin *p,
    const struct kaaj_values *campaign, int64_t id, int64_t worker)
{
	const char *url = NULL, *hash;
	struct buf link;
	size_t i, base;

	if (p == NULL || p->jt->verify_field == NULL)
		return;
	for (i = 0; url == NULL && i < p->jt->n_campaign_fields; i++) {
		if (p->jt->campaign_fields[i].type != KAAJ_FIELD_URL)
			continue;
		url = kaaj_value(campaign, p->jt->campaign_fields[i].name);
		if (url != NULL && *url == '\0')
			url = NULL;
	}
	if (url == NULL)
		return;
	/* The query goes before a "#fragment", if any. */
	hash = strchr(url, '#');
	base = hash != NULL ? (size_t)(hash - url) : strlen(url);
	buf_init(&link);
	if (buf_printf(&link, "%.*s%skaaj_campaign=%lld"
	    "&kaaj_worker=%lld%s", (int)base, url,
	    memchr(url, '?', base) == NULL ? "?" :
	    url[base - 1] == '?' || url[base - 1] == '&' ? "" : "&",
	    (long long)id, (long long)worker,
	    hash != NULL ? hash : "") != -1)
		render_set(c->hdf, "Task.VerifyLink", link.data);
	buf_free(&link);
}

/*
 * Run the plugin's validate_proof with the campaign's values and every
 * proof field (a screenshot field, or one that does not apply, as "").
 */
static void
plugin_check(struct ctx *c, const struct plugin *p,
    const struct kaaj_values *campaign)
{
	const char *pn[PROOF_FIELDS_MAX], *pv[PROOF_FIELDS_MAX];
	struct kaaj_values pvals = { 0, pn, pv };
	const struct kaaj_field *fd;
	struct kaaj_error err;
	size_t i;

	if (p->jt->validate_proof == NULL)
		return;
	for (i = 0; i < p->jt->n_proof_fields && i < PROOF_FIELDS_MAX; i++) {
		fd = &p->jt->proof_fields[i];
		pn[i] = fd->name;
		pv[i] = fd->type == KAAJ_FIELD_SCREENSHOT ||
		    !field_applies(fd, campaign) ? "" : form_get(c, pn[i]);
	}
	pvals.n = i;
	memset(&err, 0, sizeof(err));
	if (p->jt->validate_proof(campaign, &pvals, &err) != KAAJ_OK)
		page_plugin_error(c, p, err.field != NULL ? err.field : "task",
		    &err);
}

int
proof_read(struct ctx *c, const struct plugin *p, int64_t campaign,
    int shot_required, struct proof_input *in)
{
	const struct kaaj_field *fd, *shot = shot_field(p);
	const struct upload *u;
	struct job_fields jf;
	const char *v;
	size_t i;

	memset(in, 0, sizeof(*in));
	in->proof.names = in->names;
	in->proof.values = in->values;
	if (p == NULL) {
		c->error_detail = "jobtype_gone";
		return 503;
	}
	if (job_fields_load(c, p, campaign, &jf) == -1) {
		job_fields_free(&jf);
		return ctx_db_error(c);
	}
	for (i = 0; i < p->jt->n_proof_fields && i < PROOF_FIELDS_MAX; i++) {
		fd = &p->jt->proof_fields[i];
		if (fd->type == KAAJ_FIELD_SCREENSHOT)
			continue;
		/* A field that does not apply is neither checked nor kept. */
		v = "";
		if (field_applies(fd, &jf.kv)) {
			v = page_field_value(c, fd->name, fd);
			page_check_field(c, fd->name, fd, v);
		}
		in->names[in->proof.n] = fd->name;
		in->values[in->proof.n++] = v;
	}
	in->shot_field = shot != NULL ? shot->name : shot_required ?
	    SHOT_FIELD : NULL;
	u = in->shot_field != NULL ? upload_get(&c->req->files,
	    in->shot_field) : NULL;
	in->shot = u != NULL && u->len > 0 ? u : NULL;
	if (in->shot == NULL && in->shot_field != NULL && (shot_required ||
	    (shot != NULL && shot->required)))
		form_error(c, in->shot_field, "shot_required");
	if (form_errors(c) == 0)
		plugin_check(c, p, &jf.kv);
	job_fields_free(&jf);
	return 0;
}

int
proof_store_shot(struct ctx *c, const struct proof_input *in,
    char name[UPLOAD_NAME_MAX], unsigned char hash[32])
{
	const char *why;

	if (upload_store(&c->app->cfg, "screenshots", in->shot->data,
	    in->shot->len, name, &why) == -1) {
		name[0] = '\0';
		form_error(c, in->shot_field, why);
		return -1;
	}
	crypto_hash_sha256(hash, (const unsigned char *)in->shot->data,
	    in->shot->len);
	return 0;
}
