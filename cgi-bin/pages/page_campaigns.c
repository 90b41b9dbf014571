/*
 * An employer's campaigns: the list with progress and money, and one
 * campaign's page with its controls, its pending submissions (proof,
 * screenshot, duplicate flag, the worker's record) and its paid tasks;
 * and the screenshots, served to the task's worker, the campaign's owner
 * and admins only. The forms post to page_campaign_act.c.
 */
#include <stdio.h>
#include <string.h>

#include "storage/db.h"
#include "money/fees.h"
#include "money/ledger.h"
#include "base/log.h"
#include "pages/pages.h"
#include "base/upload.h"

#define LIST_MAX 100		/* campaigns the list shows, newest first */
#define PENDING_MAX 200		/* submissions shown to rate at once */
#define PAID_MAX 100		/* satisfied tasks shown for a bonus */
#define RATE_COUNT_MAX 999999	/* the largest count a rating report shows */

int
page_campaigns(struct ctx *c)
{
	struct db_result r;

	if (db_query(c->app->db, &r, "SELECT c.id AS Id, c.title AS Title,"
	    " c.status AS State, c.slots_done AS Done, c.slots_total AS Total,"
	    " (SELECT COUNT(*) FROM tasks t WHERE t.campaign_id = c.id"
	    "  AND t.status = 'pending') AS ToRate,"
	    " (SELECT COUNT(*) * c.pay_per_task + COALESCE(SUM(t.bonus), 0)"
	    "  FROM tasks t WHERE t.campaign_id = c.id"
	    "  AND t.status = 'satisfied') AS `Spent:money`,"
	    " COALESCE(a.balance, 0) AS `Escrow:money`, c.created_at AS `When:time`"
	    " FROM campaigns c LEFT JOIN ledger_accounts a"
	    " ON a.kind = 'escrow' AND a.owner_id = c.id"
	    " WHERE c.owner_id = ? ORDER BY c.id DESC LIMIT ?", "ii",
	    c->session.user_id, (int64_t)LIST_MAX + 1) != DB_OK)
		return ctx_db_error(c);
	page_fill_list(c->hdf, "Campaigns", &r, LIST_MAX);
	if (r.nrows > LIST_MAX)
		render_set(c->hdf, "CampaignsMore", "1");
	db_result_free(&r);
	c->template = "campaigns.cs";
	return 200;
}

/*
 * The success rate of a worker with sat satisfied and rej rejected tasks
 * into node's Success ("" when nothing was rated yet).
 */
static void
set_success(HDF *node, int64_t sat, int64_t rej)
{
	if (sat + rej > 0)
		render_setf(node, "Success", "%lld",
		    (long long)(sat * 100 / (sat + rej)));
}

/*
 * Each pending task's proof under Pending.N.Proof (page_set_proofs);
 * tasks holds the pending tasks with their Id. Returns 0 or -1.
 */
static int
set_proofs(struct ctx *c, int64_t campaign, const char *job_type,
    const struct db_result *tasks)
{
	struct db_result f;

	if (db_query(c->app->db, &f, "SELECT f.task_id, f.name, f.value"
	    " FROM task_fields f JOIN tasks t ON t.id = f.task_id"
	    " WHERE t.campaign_id = ? AND t.status = 'pending'"
	    " ORDER BY f.task_id, f.name", "i", campaign) != DB_OK)
		return -1;
	page_set_proofs(c, "Pending", job_type, tasks, PENDING_MAX, &f);
	db_result_free(&f);
	return 0;
}

/* The campaign's pending submissions into Pending. 0 or -1. */
static int
set_pending(struct ctx *c, int64_t campaign, const char *job_type)
{
	struct db_result r;
	size_t i;
	HDF *row;
	int rc;

	if (db_query(c->app->db, &r, "SELECT t.id AS Id,"
	    " t.worker_id AS WorkerId, u.username AS Worker,"
	    " u.tasks_satisfied, u.tasks_rejected, t.submitted_at AS `When:time`,"
	    " t.screenshot IS NOT NULL AS Shot, t.duplicate_of AS DuplicateOf,"
	    " t.revisions AS Revisions, EXISTS (SELECT 1 FROM worker_blocks b"
	    "  WHERE b.employer_id = ? AND b.worker_id = t.worker_id)"
	    " AS Blocked, t.code_ok AS CodeOk"
	    " FROM tasks t JOIN users u ON u.id = t.worker_id"
	    " WHERE t.campaign_id = ? AND t.status = 'pending'"
	    " ORDER BY t.id LIMIT ?", "iii", c->session.user_id, campaign,
	    (int64_t)PENDING_MAX + 1) != DB_OK)
		return -1;
	for (i = 0; i < r.nrows && i < PENDING_MAX; i++) {
		if ((row = page_row(c->hdf, "Pending", i)) == NULL)
			continue;
		page_fill(row, &r, i);
		set_success(row, db_value_int(&r, i, "tasks_satisfied"),
		    db_value_int(&r, i, "tasks_rejected"));
	}
	if (r.nrows > PENDING_MAX)
		render_set(c->hdf, "PendingMore", "1");
	rc = set_proofs(c, campaign, job_type, &r);
	db_result_free(&r);
	return rc;
}

/* The satisfied tasks (for a bonus) and the employer's blocks. 0 or -1. */
static int
set_paid_and_blocks(struct ctx *c, int64_t campaign)
{
	if (page_query_list(c, "Paid", "SELECT t.id AS Id,"
	    " t.worker_id AS WorkerId, u.username AS Worker,"
	    " IF(t.bonus > 0, t.bonus, NULL) AS `Bonus:money`,"
	    " t.rated_at AS `When:time`, EXISTS (SELECT 1 FROM worker_blocks b"
	    "  WHERE b.employer_id = ? AND b.worker_id = t.worker_id)"
	    " AS Blocked FROM tasks t JOIN users u ON u.id = t.worker_id"
	    " WHERE t.campaign_id = ? AND t.status = 'satisfied'"
	    " ORDER BY t.id DESC LIMIT ?", "iii", c->session.user_id, campaign,
	    (int64_t)PAID_MAX) != 0)
		return -1;
	if (page_query_list(c, "Blocks", "SELECT b.worker_id AS WorkerId,"
	    " u.username AS Worker"
	    " FROM worker_blocks b JOIN users u ON u.id = b.worker_id"
	    " WHERE b.employer_id = ? ORDER BY u.username LIMIT ?", "ii",
	    c->session.user_id, (int64_t)PAID_MAX) != 0)
		return -1;
	return 0;
}

/*
 * The money facts of campaign (pay each, status) into Campaign: escrow
 * left, what stopping would refund, what a slot costs, the owner's
 * balance. 0 or -1.
 */
static int
set_money(struct ctx *c, int64_t campaign, int64_t pay, const char *status)
{
	int64_t escrow, available, outstanding, refund;
	struct db_result r;

	if (ledger_balance(c->app->db, LEDGER_ESCROW, campaign,
	    &escrow) == -1 ||
	    ledger_balance(c->app->db, LEDGER_AVAILABLE, c->session.user_id,
	    &available) == -1 ||
	    db_query(c->app->db, &r, "SELECT COUNT(*) FROM tasks"
	    " WHERE campaign_id = ? AND status IN ('claimed', 'pending',"
	    " 'revise')", "i", campaign) != DB_OK)
		return -1;
	outstanding = db_cell_int(&r, 0, 0);
	db_result_free(&r);
	/* As campaign_stop works it out: the pay of outstanding tasks stays. */
	refund = escrow - outstanding * pay;
	page_set_money(c->hdf, "Campaign.Escrow", escrow);
	page_set_money(c->hdf, "Campaign.Available", available);
	render_setf(c->hdf, "Campaign.Outstanding", "%lld",
	    (long long)outstanding);
	if (strcmp(status, "running") == 0 || strcmp(status, "paused") == 0) {
		render_set(c->hdf, "Campaign.Controls", "1");
		page_set_money(c->hdf, "Campaign.Refund", refund > 0 ? refund :
		    0);
		page_set_money(c->hdf, "Campaign.SlotCost", pay +
		    fee_task(&c->app->cfg, pay));
	}
	return 0;
}

/* Say how a bulk rating went, from the query the redirect carried. */
static void
set_rate_report(struct ctx *c)
{
	static const char *const names[] = { "rated", "skipped", "refused" };
	const char *v;
	char key[32];
	int64_t n;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		/* A count, 0 included; anything else is left out. */
		v = param_get(&c->req->query, names[i]);
		if (v == NULL || text_int(v, &n) == -1 || n < 0 ||
		    n > RATE_COUNT_MAX)
			continue;
		snprintf(key, sizeof(key), "Rate.%s", names[i]);
		render_setf(c->hdf, key, "%lld", (long long)n);
		render_set(c->hdf, "Rate.Shown", "1");
	}
}

int
page_campaign(struct ctx *c)
{
	char key[SESSION_TOKEN_LEN + 1], job_type[64], status[16];
	struct db_result r;
	int64_t pay;
	int mine;

	if (db_query(c->app->db, &r, "SELECT c.id AS Id, c.owner_id,"
	    " c.title AS Title, c.job_type AS JobType, c.status AS State,"
	    " c.slots_total AS Total, c.slots_taken AS Taken,"
	    " c.slots_done AS Done, c.pay_per_task AS `Pay:money`,"
	    " c.minutes_to_finish AS Minutes, c.days_to_rate AS Days,"
	    " c.created_at AS `When:time`, c.reject_reason AS RejectReason,"
	    " c.release_per_hour AS `Release`,"
	    " c.item_columns IS NOT NULL AS HasItems"
	    " FROM campaigns c WHERE c.id = ?", "i", c->path_id) != DB_OK)
		return ctx_db_error(c);
	/* Another employer's campaign is "not found": it is private. */
	mine = r.nrows == 1 &&
	    db_value_int(&r, 0, "owner_id") == c->session.user_id;
	if (!mine) {
		db_result_free(&r);
		return 404;
	}
	page_fill(page_node(c->hdf, "Campaign"), &r, 0);
	snprintf(job_type, sizeof(job_type), "%s", db_value(&r, 0, "JobType"));
	snprintf(status, sizeof(status), "%s", db_value(&r, 0, "State"));
	pay = db_value_int(&r, 0, "Pay:money");
	db_result_free(&r);
	if (set_money(c, c->path_id, pay, status) == -1 ||
	    set_pending(c, c->path_id, job_type) == -1 ||
	    set_paid_and_blocks(c, c->path_id) == -1)
		return ctx_db_error(c);
	set_rate_report(c);
	/* The add-slots form's one-time key: one click adds once. */
	session_random_token(key);
	render_set(c->hdf, "Campaign.AddKey", key);
	c->template = "campaign.cs";
	return 200;
}

int
page_screenshot(struct ctx *c)
{
	char name[UPLOAD_NAME_MAX];
	struct db_result r;
	int allowed;

	if (db_query(c->app->db, &r, "SELECT t.worker_id, c.owner_id,"
	    " t.screenshot FROM tasks t JOIN campaigns c"
	    " ON c.id = t.campaign_id WHERE t.id = ?", "i", c->path_id) !=
	    DB_OK)
		return ctx_db_error(c);
	/* Whoever else asks is told there is nothing: it is private. */
	allowed = r.nrows == 1 && db_value(&r, 0, "screenshot") != NULL &&
	    (db_value_int(&r, 0, "worker_id") == c->session.user_id ||
	    db_value_int(&r, 0, "owner_id") == c->session.user_id ||
	    c->session.is_admin);
	if (allowed)
		snprintf(name, sizeof(name), "%s",
		    db_value(&r, 0, "screenshot"));
	db_result_free(&r);
	if (!allowed)
		return 404;
	return page_send_image(c, "screenshots", name, "screenshot");
}
