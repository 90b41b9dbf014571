/*
 * Webhooks on the API settings page (/settings/api; docs/api.md,
 * "Webhooks"): register an address with the events it wants (its
 * signing secret shown once), see each hook's last deliveries, delete a
 * hook. The hooks themselves are accounts/webhooks.c; cron sends them.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "accounts/webhooks.h"
#include "base/text.h"
#include "front/form.h"
#include "pages/pages.h"
#include "storage/db.h"

/* Deliveries shown per hook: the last ones. */
#define DELIVERIES_SHOWN 5

static const struct form_field hook_fields[] = {
	{ "hook_url", FORM_ASCII, 1, 0, WEBHOOK_URL_MAX, "webhook_url", NULL },
	{ "hook_submission", FORM_FLAG, 0, 0, 1, NULL, NULL },
	{ "hook_out_of_slots", FORM_FLAG, 0, 0, 1, NULL, NULL },
	{ "hook_dispute", FORM_FLAG, 0, 0, 1, NULL, NULL },
};

static const struct form_field delete_fields[] = {
	FORM_ID_FIELD("hook"),
};

/* A fresh form: every event ticked, the address empty. */
static void
hook_form_fresh(struct ctx *c)
{
	char name[32];
	int i;

	form_set(c, "hook_url", "");
	for (i = 0; i < WEBHOOK_EVENTS; i++) {
		snprintf(name, sizeof(name), "hook_%s", webhook_event_name(i));
		form_set(c, name, "1");
	}
}

int
page_webhooks_fill(struct ctx *c)
{
	char list[64];
	HDF *row;

	/* Hook.Posted: the hooks form was sent and is shown as typed. */
	if (hdf_get_value(c->hdf, "Hook.Posted", NULL) == NULL)
		hook_form_fresh(c);
	if (page_query_list(c, "Hooks", "SELECT id AS Id, url AS Url,"
	    " FIND_IN_SET('submission', events) > 0 AS `Event.submission`,"
	    " FIND_IN_SET('out_of_slots', events) > 0 AS `Event.out_of_slots`,"
	    " FIND_IN_SET('dispute', events) > 0 AS `Event.dispute`,"
	    " created_at AS `Created:time`"
	    " FROM webhooks WHERE user_id = ? ORDER BY id", "i",
	    c->session.user_id) == -1)
		return -1;
	/* At most WEBHOOKS_PER_USER hooks: a short indexed read each. */
	row = hdf_get_obj(c->hdf, "Hooks");
	for (row = row != NULL ? hdf_obj_child(row) : NULL; row != NULL;
	    row = hdf_obj_next(row)) {
		snprintf(list, sizeof(list), "Hooks.%s.Deliveries",
		    hdf_obj_name(row));
		if (page_query_list(c, list, "SELECT id AS Id,"
		    " REPLACE(event, '.', '_') AS Event,"
		    " created_at AS `Created:time`, status AS Status,"
		    " attempts AS Tries, last_status AS Answer,"
		    " last_error AS Error, IF(status IN ('queued', 'sending'),"
		    " next_try_at, NULL) AS `Next:time`"
		    " FROM webhook_deliveries WHERE hook_id = ?"
		    " ORDER BY id DESC LIMIT ?", "ii",
		    text_id(hdf_get_value(row, "Id", NULL)),
		    (int64_t)DELIVERIES_SHOWN) == -1)
			return -1;
	}
	return 0;
}

int
page_webhook_create(struct ctx *c)
{
	struct form_value v[FORM_N(hook_fields)];
	char secret[WEBHOOK_SECRET_LEN + 1], id_text[TEXT_INT_LEN];
	const char *problem;
	unsigned int events = 0;
	int64_t id;
	int i, status;

	render_set(c->hdf, "Hook.Posted", "1");
	if ((status = form_read(c, hook_fields, FORM_N(hook_fields), v)) != 0)
		return status;
	if (v[0].ok && (problem = webhook_url_problem(v[0].text,
	    c->app->cfg.webhook_http_loopback)) != NULL)
		form_error(c, "hook_url", problem);
	for (i = 0; i < WEBHOOK_EVENTS; i++)
		if (v[1 + i].num == 1)
			events |= 1u << i;
	if (events == 0)
		form_error(c, "hook_submission", "webhook_events_none");
	if (form_errors(c))
		return page_api_show(c, 422);
	switch (webhook_create(c->app->db, c->session.user_id, v[0].text,
	    events, secret, &id)) {
	case WEBHOOK_OK:
		break;
	case WEBHOOK_TOO_MANY:
		form_error(c, "hook_url", "webhook_too_many");
		return page_api_show(c, 422);
	default:
		return ctx_db_error(c);
	}
	/* Shown this once; kaaj keeps it only to sign. */
	render_set(c->hdf, "Hook.NewSecret", secret);
	render_set(c->hdf, "Hook.NewId", text_of_int(id, id_text));
	sodium_memzero(secret, sizeof(secret));
	hook_form_fresh(c);
	return page_api_show(c, 200);
}

int
page_webhook_delete(struct ctx *c)
{
	struct form_value v[FORM_N(delete_fields)];
	int status, rc;

	if ((status = form_read(c, delete_fields, FORM_N(delete_fields),
	    v)) != 0)
		return status;
	rc = webhook_delete(c->app->db, c->session.user_id, v[0].num);
	if (rc == -1)
		return ctx_db_error(c);
	if (rc == 0) {
		c->error_detail = "webhook_gone";
		return 404;
	}
	return ctx_redirect(c, 303, "/settings/api?notice=webhook_deleted");
}
