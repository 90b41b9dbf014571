/*
 * One campaign as an admin sees it, for settling complaints: its facts
 * (owner, pay, slots, state, escrow left) and its submissions, newest
 * first, TASKS_PAGE a page with a keyset "older" link (?before=ID),
 * each with its worker, state, proof as the owner's page shows it,
 * rating and times; and the admin's stop with a reason
 * (campaign_stop_admin). Four statements a page, however many tasks.
 */
#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "front/form.h"
#include "front/params.h"
#include "market/campaign.h"
#include "money/ledger.h"
#include "pages/pages.h"
#include "storage/db.h"

#define TASKS_PAGE 50

/*
 * The ids of the campaign's tasks below a keyset id, newest first: one
 * backward range of campaign_status (campaign_id, status, id) per task
 * state, each at most the page, so no index on tasks is needed for it.
 * Parameters: each branch's campaign and keyset id, and the page size.
 * The statements join from these ids (STRAIGHT_JOIN), so tasks and
 * task_fields are read by primary key for the page's rows only.
 */
#define BRANCH(state) "(SELECT id FROM tasks FORCE INDEX (campaign_status)" \
	" WHERE campaign_id = ? AND status = '" state "' AND id < ?" \
	" ORDER BY id DESC LIMIT ?)"
#define PAGE_IDS "(" BRANCH("claimed") " UNION ALL " BRANCH("pending") \
	" UNION ALL " BRANCH("revise") " UNION ALL " BRANCH("satisfied") \
	" UNION ALL " BRANCH("not_satisfied") " UNION ALL " \
	BRANCH("expired") " ORDER BY id DESC LIMIT ?) p"
#define PAGE_TYPES "iiiiiiiiiiiiiiiiiii"
#define PAGE_ARGS(id, before, n) id, before, n, id, before, n, id, before, \
	n, id, before, n, id, before, n, id, before, n, n

/* The campaign's facts into Campaign; 0, 404, or -1. */
static int
set_facts(struct ctx *c, int64_t id, char *job_type, size_t len)
{
	struct db_result r;
	int64_t escrow;

	if (db_query(c->app->db, &r, "SELECT c.id AS Id, c.title AS Title,"
	    " c.owner_id AS OwnerId, u.username AS Owner,"
	    " c.job_type AS JobType, c.status AS State,"
	    " c.reject_reason AS RejectReason,"
	    " c.slots_total AS Total, c.slots_taken AS Taken,"
	    " c.slots_done AS Done, c.pay_per_task AS `Pay:money`,"
	    " c.minutes_to_finish AS Minutes, c.days_to_rate AS Days,"
	    " c.created_at AS `When:time`"
	    " FROM campaigns c JOIN users u ON u.id = c.owner_id"
	    " WHERE c.id = ?", "i", id) != DB_OK)
		return -1;
	if (r.nrows == 0) {
		db_result_free(&r);
		c->error_detail = "no_campaign";
		return 404;
	}
	page_fill(page_node(c->hdf, "Campaign"), &r, 0);
	snprintf(job_type, len, "%s", db_value(&r, 0, "JobType"));
	if (strcmp(db_value(&r, 0, "State"), "running") == 0 ||
	    strcmp(db_value(&r, 0, "State"), "paused") == 0)
		render_set(c->hdf, "Campaign.Stoppable", "1");
	db_result_free(&r);
	if (ledger_balance(c->app->db, LEDGER_ESCROW, id, &escrow) == -1)
		return -1;
	page_set_money(c->hdf, "Campaign.Escrow", escrow);
	return 0;
}

/* A page of the campaign's tasks, with their proof, into Tasks. 0 or -1. */
static int
set_tasks(struct ctx *c, int64_t id, int64_t before, const char *job_type)
{
	const int64_t n = TASKS_PAGE + 1;
	struct db_result r, f;

	if (db_query(c->app->db, &r, "SELECT STRAIGHT_JOIN t.id AS Id,"
	    " t.worker_id AS WorkerId, u.username AS Worker,"
	    " t.status AS State, t.claimed_at AS `Claimed:time`,"
	    " t.submitted_at AS `Submitted:time`, t.rated_at AS `Rated:time`,"
	    " t.rated_by IS NULL AND t.rated_at IS NOT NULL AS ByClock,"
	    " t.reason AS Reason, t.revisions AS Revisions,"
	    " t.screenshot IS NOT NULL AS Shot, t.duplicate_of AS DuplicateOf,"
	    " IF(t.bonus > 0, t.bonus, NULL) AS `Bonus:money`,"
	    " d.status AS Dispute"
	    " FROM " PAGE_IDS " JOIN tasks t ON t.id = p.id"
	    " JOIN users u ON u.id = t.worker_id"
	    " LEFT JOIN disputes d ON d.task_id = t.id"
	    " ORDER BY t.id DESC", PAGE_TYPES, PAGE_ARGS(id, before, n)) !=
	    DB_OK)
		return -1;
	page_fill_list(c->hdf, "Tasks", &r, TASKS_PAGE);
	if (r.nrows > TASKS_PAGE)
		render_setf(c->hdf, "TasksOlder", "%s",
		    db_value(&r, TASKS_PAGE - 1, "Id"));
	if (r.nrows > 0 && db_query(c->app->db, &f, "SELECT STRAIGHT_JOIN"
	    " f.task_id, f.name, f.value FROM " PAGE_IDS " JOIN task_fields f"
	    " ON f.task_id = p.id ORDER BY f.task_id, f.name", PAGE_TYPES,
	    PAGE_ARGS(id, before, n)) != DB_OK) {
		db_result_free(&r);
		return -1;
	}
	if (r.nrows > 0) {
		page_set_proofs(c, "Tasks", job_type, &r, TASKS_PAGE, &f);
		db_result_free(&f);
	}
	db_result_free(&r);
	return 0;
}

/* The admin's page of campaign id; the status to answer with. */
static int
campaign_show(struct ctx *c, int64_t id)
{
	char job_type[64];
	int64_t before;
	int rc;

	before = text_id(param_get(&c->req->query, "before"));
	if (before == -1) {
		c->error_detail = "bad_id";
		return 400;
	}
	if ((rc = set_facts(c, id, job_type, sizeof(job_type))) != 0)
		return rc == -1 ? ctx_db_error(c) : rc;
	if (set_tasks(c, id, before == 0 ? INT64_MAX : before,
	    job_type) == -1)
		return ctx_db_error(c);
	c->template = "admin_campaign.cs";
	return 200;
}

int
page_admin_campaign(struct ctx *c)
{
	return campaign_show(c, c->path_id);
}

/* The stop form: the campaign, and the reason the owner is told. */
enum { STOP_ID, STOP_REASON, STOP_FIELDS };
static const struct form_field stop_form[STOP_FIELDS] = {
	[STOP_ID] = { "id", FORM_ID, 1, 0, 0, "bad_campaign_id", NULL },
	[STOP_REASON] = { "reason", FORM_LINE, 1, 0, REASON_MAX, NULL, NULL }
};

int
page_admin_campaign_stop(struct ctx *c)
{
	struct form_value v[STOP_FIELDS];
	enum market_result mr;
	int64_t id;
	int rc;

	if ((rc = form_read(c, stop_form, STOP_FIELDS, v)) != 0)
		return rc;
	id = v[STOP_ID].num;
	if (form_errors(c) > 0)
		return campaign_show(c, id);
	mr = campaign_stop_admin(c->app->db, id, v[STOP_REASON].text);
	switch (mr) {
	case MARKET_OK:
		log_info(c->req->rid, "campaign %lld stopped by admin %lld",
		    (long long)id, (long long)c->session.user_id);
		return page_back(c, "/admin/campaigns", id,
		    "campaign_stopped_admin");
	case MARKET_DONE_BEFORE:
		return page_back(c, "/admin/campaigns", id,
		    "campaign_stopped_before");
	case MARKET_WRONG_STATE:
		return page_back(c, "/admin/campaigns", id,
		    "campaign_not_stoppable");
	case MARKET_NOT_FOUND:
		c->error_detail = "no_campaign";
		return 404;
	default:
		return ctx_db_error(c);
	}
}
