/*
 * The admins' moderation queue: campaigns waiting for approval, oldest
 * first, each approved or rejected with a reason (which returns all of
 * its money, fee included). campaign_moderate() decides each with a
 * guarded update, so of two admins deciding at once one wins. The queue
 * is the first tab of /admin/campaigns; the search is the second
 * (page_admin_campaign_search.c).
 */
#include <stdio.h>
#include <string.h>

#include "market/campaign.h"
#include "storage/db.h"
#include "front/form.h"
#include "front/params.h"
#include "base/log.h"
#include "pages/pages.h"

#define QUEUE_MAX 100		/* pending campaigns shown */

/* The plugin values of the campaigns listed, under Pending.N.Fields. */
static int
set_fields(struct ctx *c, const int64_t *ids, size_t n)
{
	struct db_result r;
	size_t i, j, k = 0;
	int64_t campaign;
	HDF *row;

	if (n == 0)
		return 0;
	if (db_query(c->app->db, &r, "SELECT f.campaign_id, f.name AS Name,"
	    " f.value AS Value"
	    " FROM campaign_fields f JOIN campaigns c ON c.id = f.campaign_id"
	    " WHERE c.status = 'pending' AND c.id BETWEEN ? AND ?"
	    " ORDER BY f.campaign_id, f.name", "ii", ids[0], ids[n - 1]) !=
	    DB_OK)
		return -1;
	for (i = 0; i < r.nrows; i++) {
		campaign = db_value_int(&r, i, "campaign_id");
		for (j = 0; j < n && ids[j] != campaign; j++)
			continue;
		if (i > 0 && db_value_int(&r, i - 1, "campaign_id") != campaign)
			k = 0;
		if (j == n || (row = page_row(c->hdf, "Pending", j)) == NULL)
			continue;
		page_fill(page_row(row, "Fields", k++), &r, i);
	}
	db_result_free(&r);
	return 0;
}

/* Whether the query asks for the search tab (or names a filter). */
static int
search_asked(struct ctx *c)
{
	static const char *const names[] = {
		"search", "id", "title", "owner", "state", "before"
	};
	size_t i;

	for (i = 0; i < FORM_N(names); i++)
		if (param_get(&c->req->query, names[i]) != NULL)
			return 1;
	return 0;
}

int
page_admin_campaigns(struct ctx *c)
{
	struct db_result r;
	size_t i;
	int64_t ids[QUEUE_MAX];

	if (search_asked(c))
		return page_admin_campaign_search(c);
	if (db_query(c->app->db, &r, "SELECT c.id AS Id, u.username AS User,"
	    " c.job_type AS Type, c.title AS Title, c.slots_total AS Slots,"
	    " c.pay_per_task AS `Pay:money`,"
	    " c.slots_total * c.pay_per_task AS `Escrow:money`,"
	    " c.instructions AS Instructions, c.proof_instructions AS Proof,"
	    " c.countries_mode AS CountriesMode, c.countries AS Countries,"
	    " c.created_at AS `When:time`"
	    " FROM campaigns c JOIN users u ON u.id = c.owner_id"
	    " WHERE c.status = 'pending' ORDER BY c.id LIMIT ?", "i",
	    (int64_t)QUEUE_MAX + 1) != DB_OK)
		return ctx_db_error(c);
	page_fill_list(c->hdf, "Pending", &r, QUEUE_MAX);
	for (i = 0; i < r.nrows && i < QUEUE_MAX; i++)
		ids[i] = db_value_int(&r, i, "Id");
	if (r.nrows > QUEUE_MAX)
		render_set(c->hdf, "PendingMore", "1");
	db_result_free(&r);
	if (set_fields(c, ids, i) == -1)
		return ctx_db_error(c);
	c->template = "admin_campaigns.cs";
	return 200;
}

/* The moderation forms: the campaign, and a reason to reject it. */
enum { MOD_ID, MOD_REASON, MOD_FIELDS };
static const struct form_field moderate_form[MOD_FIELDS] = {
	[MOD_ID] = { "id", FORM_ID, 1, 0, 0, "bad_campaign_id", NULL },
	[MOD_REASON] = { "reason", FORM_LINE, 1, 0, REASON_MAX, NULL, NULL }
};

/* Answer campaign_moderate()'s result mr for campaign id. */
static int
decided(struct ctx *c, enum market_result mr, const char *done, int64_t id)
{
	char to[96];

	switch (mr) {
	case MARKET_OK:
		log_info(c->req->rid, "campaign %lld %s by admin %lld",
		    (long long)id, done, (long long)c->session.user_id);
		snprintf(to, sizeof(to), "/admin/campaigns?notice=%s", done);
		return ctx_redirect(c, 303, to);
	case MARKET_WRONG_STATE:
	case MARKET_DONE_BEFORE:
		return ctx_redirect(c, 303,
		    "/admin/campaigns?notice=already_decided");
	case MARKET_NOT_FOUND:
		c->error_detail = "no_campaign";
		return 404;
	default:
		return ctx_db_error(c);
	}
}

/*
 * Approve (approve non-zero) or reject the posted campaign; a rejection
 * needs a reason, else the queue is shown again with the message.
 */
static int
moderate(struct ctx *c, int approve)
{
	struct form_value v[MOD_FIELDS];
	int rc;

	if ((rc = form_read(c, moderate_form, approve ? MOD_REASON :
	    MOD_FIELDS, v)) != 0)
		return rc;
	if (form_errors(c) > 0) {
		render_setf(c->hdf, "AdminForm.Id", "%lld",
		    (long long)v[MOD_ID].num);
		return page_admin_campaigns(c);
	}
	return decided(c, campaign_moderate(c->app->db, v[MOD_ID].num, approve,
	    approve ? NULL : v[MOD_REASON].text), approve ?
	    "campaign_approved" : "campaign_rejected", v[MOD_ID].num);
}

int
page_admin_campaign_approve(struct ctx *c)
{
	return moderate(c, 1);
}

int
page_admin_campaign_reject(struct ctx *c)
{
	return moderate(c, 0);
}
