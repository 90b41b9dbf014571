/*
 * The API's campaigns (docs/api.md): create (with an Idempotency-Key,
 * from a body or a template), list, get, pause, resume, add slots, stop. Creation reads its JSON
 * body through the very form code of the page (campaign_form.c) and
 * calls the same core (market/campaign.c), so a campaign made either
 * way is the same rows; the controls call what the page's buttons call.
 */
#include <stdio.h>
#include <string.h>

#include "base/json.h"
#include "base/log.h"
#include "front/api.h"
#include "front/form.h"
#include "front/params.h"
#include "market/campaign.h"
#include "pages/api_out.h"
#include "pages/campaign_form.h"
#include "pages/campaign_template.h"
#include "pages/pages.h"

#define LIST_DEFAULT 20		/* campaigns a page of the list holds */
#define LIST_MAX 100
#define SLOTS_MAX 100000	/* slots one call may add, as the page */

/* The columns of a campaign, for one and for the list, and their tables. */
#define CAMPAIGN_COLUMNS \
	"c.id AS `id:int`, c.job_type AS type, c.title, c.status AS state," \
	" c.slots_total AS `slots:int`, c.slots_taken AS `taken:int`," \
	" c.slots_done AS `done:int`," \
	" (SELECT COUNT(*) FROM tasks t WHERE t.campaign_id = c.id" \
	"  AND t.status = 'pending') AS `to_rate:int`," \
	" c.pay_per_task AS `pay:money`, c.fee_per_task AS `fee:money`," \
	" COALESCE(a.balance, 0) AS `escrow:money`," \
	" c.minutes_to_finish AS `minutes:int`, c.days_to_rate AS `days:int`," \
	" c.countries_mode, c.countries, c.min_success AS `min_success:int`," \
	" c.release_per_hour AS `release_per_hour:int`," \
	" c.screenshot_required AS `screenshot_required:bool`," \
	" c.verify_mode, c.reject_reason, c.created_at AS `created_at:time`"
#define CAMPAIGN_FROM \
	" FROM campaigns c LEFT JOIN ledger_accounts a" \
	" ON a.kind = 'escrow' AND a.owner_id = c.id"

/*
 * Answer campaign id of the key's user as JSON with status, with its
 * instructions and its job type's values. 404 for another's or none.
 */
static int
answer_campaign(struct ctx *c, int64_t id, int status)
{
	struct buf *b = &c->res->body;
	struct db_result r, f;
	size_t i;

	if (db_query(c->app->db, &r, "SELECT " CAMPAIGN_COLUMNS
	    ", c.instructions, c.proof_instructions" CAMPAIGN_FROM
	    " WHERE c.id = ? AND c.owner_id = ?", "ii", id,
	    c->session.user_id) != DB_OK)
		return ctx_db_error(c);
	if (r.nrows != 1) {
		db_result_free(&r);
		return api_fail(c, 404, "no_campaign", NULL);
	}
	if (db_query(c->app->db, &f, "SELECT name, value FROM campaign_fields"
	    " WHERE campaign_id = ? ORDER BY name", "i", id) != DB_OK) {
		db_result_free(&r);
		return ctx_db_error(c);
	}
	api_json(c);
	api_row(b, &r, 0, 0);
	buf_puts(b, ",\"fields\":{");
	for (i = 0; i < f.nrows; i++) {
		if (i > 0)
			buf_puts(b, ",");
		json_member(b, db_cell(&f, i, 0), db_cell(&f, i, 1));
	}
	buf_puts(b, "}}\n");
	db_result_free(&f);
	db_result_free(&r);
	return status;
}

/* Create the campaign of checked form f under key: the answer's status. */
static int
create_checked(struct ctx *c, const struct cform *f, const char *key)
{
	const struct kaaj_config *cfg = &c->app->cfg;
	struct campaign_new cn;
	enum market_result mr;
	char where[320];
	int64_t id = 0;

	cform_to_new(f, c->session.user_id, cfg->moderation, key, &cn);
	mr = campaign_create(c->app->db, cfg, &cn, &id);
	switch (mr) {
	case MARKET_OK:
		log_info(c->req->rid, "campaign %lld created by user %lld",
		    (long long)id, (long long)c->session.user_id);
		snprintf(where, sizeof(where), "%s/api/v1/campaigns/%lld",
		    c->app->base_path, (long long)id);
		response_header(c->res, "Location", where);
		return answer_campaign(c, id, 201);
	case MARKET_DONE_BEFORE:	/* the same key again: the same one */
		return answer_campaign(c, id, 200);
	case MARKET_SHORT:
		return api_fail(c, 402, "balance_short", NULL);
	case MARKET_NOT_ALLOWED:
		form_error(c, "slots", "campaign_too_large");
		return 422;
	default:
		return ctx_db_error(c);
	}
}

/* Create the campaign the request's form (the body) describes. */
static int
create(struct ctx *c)
{
	const struct plugin *p;
	const char *key;
	struct cform f;
	int rc;

	if ((rc = api_idempotency_key(c, &key)) != 0)
		return rc;
	if ((p = cform_plugin(c, form_get(c, "type"))) == NULL) {
		form_error(c, "type", "jobtype_unknown");
		return 422;
	}
	rc = cform_read(c, p, &f) > 0 ? 422 : create_checked(c, &f, key);
	cform_free(&f);
	return rc;
}

int
api_campaign_create(struct ctx *c)
{
	return create(c);
}

int
api_template_start(struct ctx *c)
{
	const char *key;
	int rc;

	if ((rc = api_idempotency_key(c, &key)) != 0)
		return rc;
	if ((rc = cform_from_template(c, c->path_id)) != 0)
		return rc == 404 ? api_fail(c, 404, "no_template", NULL) : rc;
	return create(c);
}

int
api_campaigns(struct ctx *c)
{
	static const char *const states[] = { "pending", "running", "paused",
	    "stopped", "rejected", "finished" };
	const char *state = param_get(&c->req->query, "state");
	struct buf *b = &c->res->body;
	int64_t after, limit;
	struct db_result r;
	size_t i;
	int rc;

	state = state != NULL ? state : "";
	if ((rc = api_paging(c, &after, &limit, LIST_DEFAULT, LIST_MAX)) != 0)
		return rc;
	if (state[0] != '\0' && !page_name_known(state, states,
	    sizeof(states) / sizeof(states[0])))
		return api_fail(c, 422, "state_bad", "state");
	if (db_query(c->app->db, &r, "SELECT " CAMPAIGN_COLUMNS CAMPAIGN_FROM
	    " WHERE c.owner_id = ? AND (? = 0 OR c.id < ?)"
	    " AND (? = '' OR c.status = ?) ORDER BY c.id DESC LIMIT ?",
	    "iiissi", c->session.user_id, after, after, state, state,
	    limit + 1) != DB_OK)
		return ctx_db_error(c);
	api_json(c);
	buf_puts(b, "{\"campaigns\":[");
	for (i = 0; i < r.nrows && i < (size_t)limit; i++) {
		if (i > 0)
			buf_puts(b, ",");
		api_row(b, &r, i, 1);
	}
	buf_puts(b, "]");
	api_next(b, &r, (size_t)limit);
	db_result_free(&r);
	return 200;
}

int
api_campaign(struct ctx *c)
{
	return answer_campaign(c, c->path_id, 200);
}

/* A control's result mr on campaign id: the campaign, or the problem. */
static int
controlled(struct ctx *c, enum market_result mr, const char *done)
{
	switch (mr) {
	case MARKET_OK:
		log_info(c->req->rid, "campaign %lld: %s by user %lld",
		    (long long)c->path_id, done,
		    (long long)c->session.user_id);
		/* FALLTHROUGH */
	case MARKET_DONE_BEFORE:
		return answer_campaign(c, c->path_id, 200);
	case MARKET_WRONG_STATE:
		return api_fail(c, 409, "campaign_state", NULL);
	case MARKET_SHORT:
		return api_fail(c, 402, "balance_short", NULL);
	case MARKET_NOT_ALLOWED:
	case MARKET_NOT_FOUND:
		return api_fail(c, 404, "no_campaign", NULL);
	default:
		return ctx_db_error(c);
	}
}

int
api_campaign_pause(struct ctx *c)
{
	return controlled(c, campaign_pause(c->app->db, c->path_id,
	    c->session.user_id), "campaign_paused");
}

int
api_campaign_resume(struct ctx *c)
{
	return controlled(c, campaign_resume(c->app->db, c->path_id,
	    c->session.user_id), "campaign_resumed");
}

int
api_campaign_stop(struct ctx *c)
{
	return controlled(c, campaign_stop(c->app->db, c->path_id,
	    c->session.user_id), "campaign_stopped");
}

int
api_campaign_add(struct ctx *c)
{
	static const struct form_field slots = {
		"slots", FORM_COUNT, 1, 1, SLOTS_MAX, NULL, NULL
	};
	struct form_value v;
	const char *key;
	int rc;

	if ((rc = api_idempotency_key(c, &key)) != 0 ||
	    (rc = form_read(c, &slots, 1, &v)) != 0)
		return rc;
	if (!v.ok)
		return 422;
	return controlled(c, campaign_add_slots(c->app->db, &c->app->cfg,
	    c->path_id, c->session.user_id, v.num, key), "slots_added");
}
