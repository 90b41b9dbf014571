/*
 * The worker's side of the marketplace: claiming, the list of the
 * worker's tasks, a task's page with the proof form (page_proof.c),
 * submitting proof, disputing a rejection, and the task's screenshot.
 */
#include <stdio.h>
#include <string.h>

#include "market/campaign.h"
#include "storage/db.h"
#include "market/dispute.h"
#include "front/form.h"
#include "base/log.h"
#include "base/money.h"
#include "market/level.h"
#include "market/stats.h"
#include "pages/job_fields.h"
#include "pages/pages.h"
#include "market/task.h"
#include "base/upload.h"

#define TASK_LIST 100		/* tasks the list shows, newest first */
#define DISPUTE_MIN 10		/* characters of a dispute's message */
#define DISPUTE_MAX 2000

/* The worker's forms: claim a job, send proof, dispute a rejection. */
static const struct form_field claim_form = FORM_ID_FIELD("campaign");
static const struct form_field submit_form = FORM_ID_FIELD("task");
enum { DISPUTE_TASK, DISPUTE_MESSAGE, DISPUTE_FIELDS };
static const struct form_field dispute_form[DISPUTE_FIELDS] = {
	[DISPUTE_TASK] = FORM_ID_FIELD("task"),
	[DISPUTE_MESSAGE] = { "message", FORM_LINES, 0, DISPUTE_MIN,
	    DISPUTE_MAX, "dispute", NULL }
};

/*
 * A task as the task page (Task.*) and the submit handler read it; late:
 * its deadline passed, checks_codes: its campaign checks completion codes.
 */
#define TASK_COLS "SELECT t.id AS Id, t.status AS State," \
	" t.deadline AS `Deadline:time`, t.reason AS Reason," \
	" t.screenshot IS NOT NULL AS HasShot, t.worker_id," \
	" t.deadline < NOW() AS late, c.id AS CampaignId, c.title AS Title," \
	" c.instructions AS Instructions," \
	" c.proof_instructions AS ProofInstructions," \
	" c.pay_per_task AS `Pay:money`, c.job_type, c.screenshot_required," \
	" c.owner_id, t.screenshot," \
	" c.verify_secret IS NOT NULL AND c.verify_mode != 'off'" \
	"  AS checks_codes, c.item_columns, i.cells AS item_cells" \
	" FROM tasks t JOIN campaigns c ON c.id = t.campaign_id" \
	" LEFT JOIN campaign_items i ON i.task_id = t.id" \
	" WHERE t.id = ?"

int
page_task_claim(struct ctx *c)
{
	enum market_result mr;
	const char *why = NULL;
	struct form_value v;
	int64_t campaign, task = 0;
	int rc;

	if ((rc = form_read(c, &claim_form, 1, &v)) != 0)
		return rc;
	campaign = v.num;
	mr = task_claim(c->app->db, campaign, c->session.user_id, &task,
	    &why);
	switch (mr) {
	case MARKET_OK:
		log_info(c->req->rid, "task %lld claimed by user %lld",
		    (long long)task, (long long)c->session.user_id);
		return page_back(c, "/tasks", task, "claimed");
	case MARKET_FULL:
		return page_back(c, "/jobs", campaign, "claim_full");
	case MARKET_TAKEN:
		return page_back(c, "/jobs", campaign, "claim_taken");
	case MARKET_NOT_ALLOWED:
	case MARKET_WRONG_STATE:
		return page_back(c, "/jobs", campaign, "claim_refused");
	case MARKET_NOT_FOUND:
		c->error_detail = "no_job";
		return 404;
	default:
		return ctx_db_error(c);
	}
}

/*
 * Set the worker's success rate and level (the site's workers.levels,
 * market/level.h). -1 on a database error.
 */
static int
set_record(struct ctx *c)
{
	struct level_place p;
	struct db_result r;
	int64_t good, bad;

	if (db_query(c->app->db, &r, "SELECT tasks_satisfied, tasks_rejected"
	    " FROM users WHERE id = ?", "i", c->session.user_id) != DB_OK)
		return -1;
	good = db_value_int(&r, 0, "tasks_satisfied");
	bad = db_value_int(&r, 0, "tasks_rejected");
	db_result_free(&r);
	page_set_record(c, "Record", good, bad, &p);
	return 0;
}

/*
 * The worker's tasks, newest first. The query's state (a status of
 * tasks, or "disputed": not satisfied with the dispute open) shows only
 * those; anything else is a 400.
 */
#define TASKS_SQL "SELECT t.id AS Id, t.status AS State," \
	" t.reason AS Reason, t.deadline AS `Deadline:time`," \
	" t.claimed_at AS `Claimed:time`, c.id AS CampaignId," \
	" c.title AS Title, c.pay_per_task AS `Pay:money`" \
	" FROM tasks t JOIN campaigns c ON c.id = t.campaign_id"

int
page_tasks(struct ctx *c)
{
	const char *state = param_get(&c->req->query, "state");
	int rc;
	size_t s;

	for (s = 0; state != NULL && s < STATS_STATES &&
	    strcmp(state, stats_state_name((enum stats_state)s)) != 0; s++)
		;
	if (state != NULL && s == STATS_STATES) {
		c->error_detail = "bad_state";
		return 400;
	}
	if (set_record(c) == -1)
		return ctx_db_error(c);
	if (state == NULL)
		rc = page_query_list(c, "Tasks", TASKS_SQL
		    " WHERE t.worker_id = ? ORDER BY t.id DESC LIMIT ?", "ii",
		    c->session.user_id, (int64_t)TASK_LIST);
	else
		rc = page_query_list(c, "Tasks", TASKS_SQL
		    " LEFT JOIN disputes d ON d.task_id = t.id"
		    " WHERE t.worker_id = ? AND IF(? = 'disputed',"
		    " t.status = 'not_satisfied' AND d.status = 'open',"
		    " t.status = ? AND (? <> 'not_satisfied'"
		    "  OR d.status IS NULL OR d.status <> 'open'))"
		    " ORDER BY t.id DESC LIMIT ?", "isssi",
		    c->session.user_id, state, state, state,
		    (int64_t)TASK_LIST);
	if (rc != 0)
		return ctx_db_error(c);
	if (state != NULL)
		render_set(c->hdf, "Filter.State", state);
	c->template = "tasks.cs";
	return 200;
}

/*
 * Load task id for its worker into r (columns as TASK_COLS). Returns 0,
 * 404 when it is not the viewer's (or does not exist), 503.
 */
static int
task_load(struct ctx *c, int64_t id, struct db_result *r)
{
	if (db_query(c->app->db, r, TASK_COLS, "i", id) != DB_OK)
		return ctx_db_error(c);
	if (r->nrows != 1 ||
	    db_value_int(r, 0, "worker_id") != c->session.user_id) {
		db_result_free(r);
		c->error_detail = "no_task";
		return 404;
	}
	return 0;
}

/* The dispute of task, when there is one. -1 on a database error. */
static int
set_dispute(struct ctx *c, int64_t task)
{
	struct db_result r;

	if (db_query(c->app->db, &r, "SELECT status AS State,"
	    " message AS Message, note AS Note, created_at AS `When:time`"
	    " FROM disputes WHERE task_id = ?", "i", task) != DB_OK)
		return -1;
	if (r.nrows == 1)
		page_fill(page_node(c->hdf, "Dispute"), &r, 0);
	db_result_free(&r);
	return 0;
}

/*
 * The task page of task id; posted is "proof" or "dispute" when that form
 * is shown again with what is wrong, else NULL.
 */
static int
task_page(struct ctx *c, int64_t id, const char *posted)
{
	const struct plugin *p;
	struct job_fields jf;
	struct db_result r;
	const char *state;
	int st, rated;

	if ((st = task_load(c, id, &r)) != 0)
		return st;
	page_fill(page_node(c->hdf, "Task"), &r, 0);
	/* The worker's own item, if the campaign has one per slot. */
	if (page_item_instructions(page_node(c->hdf, "Task"),
	    db_value(&r, 0, "Instructions"), db_value(&r, 0, "item_columns"),
	    db_value(&r, 0, "item_cells")) == -1) {
		db_result_free(&r);
		return ctx_db_error(c);
	}
	if (db_value(&r, 0, "item_cells") != NULL)
		render_set(c->hdf, "Task.HasItem", "1");
	state = db_value(&r, 0, "State");
	rated = strcmp(state, "satisfied") == 0 ||
	    strcmp(state, "not_satisfied") == 0;
	p = plugin_find(&c->app->plugins, db_value(&r, 0, "job_type"));
	/* While it takes proof: what the job page shows, and the form. */
	if (strcmp(state, "claimed") == 0 || strcmp(state, "revise") == 0) {
		if (job_fields_load(c, p, db_value_int(&r, 0, "CampaignId"),
		    &jf) == -1) {
			job_fields_free(&jf);
			db_result_free(&r);
			return ctx_db_error(c);
		}
		job_fields_show(c, p, &jf);
		proof_form_set(c, p, db_value_int(&r, 0,
		    "screenshot_required"), &jf.kv);
		if (db_value_int(&r, 0, "checks_codes") != 0)
			proof_verify_link_set(c, p, &jf.kv, db_value_int(&r, 0,
			    "CampaignId"), db_value_int(&r, 0, "worker_id"));
		job_fields_free(&jf);
	}
	db_result_free(&r);
	if (posted != NULL)
		render_set(c->hdf, "Task.Posted", posted);
	if (proof_shown_set(c, p, id) == -1 || set_dispute(c, id) == -1 ||
	    (rated && page_review_set(c, id) == -1))
		return ctx_db_error(c);
	c->template = "task.cs";
	return 200;
}

int
page_task(struct ctx *c)
{
	return task_page(c, c->path_id, NULL);
}

int
page_task_show(struct ctx *c, int64_t id, const char *posted)
{
	return task_page(c, id, posted);
}

/*
 * After task id took proof in: check its completion code, when its job
 * type p has a verify_field and its campaign a secret. Returns the
 * notice to show.
 */
static const char *
check_code(struct ctx *c, const struct plugin *p, int64_t id,
    const struct proof_input *in)
{
	enum task_code verdict;
	enum market_result mr;

	if (p == NULL || p->jt->verify_field == NULL)
		return "proof_sent";
	mr = task_check_code(c->app->db, &c->app->cfg, id,
	    kaaj_value(&in->proof, p->jt->verify_field),
	    render_lang(c->hdf, "Task.CodeWrong"), &verdict);
	if (mr != MARKET_OK) {
		/* The proof is in; the employer rates it as any other. */
		log_warn(c->req->rid, "task %lld: code not checked (%d)",
		    (long long)id, (int)mr);
		return "proof_sent";
	}
	if (verdict != TASK_CODE_UNCHECKED)
		log_info(c->req->rid, "task %lld: code checked (%d)",
		    (long long)id, (int)verdict);
	switch (verdict) {
	case TASK_CODE_APPROVED:
		return "code_approved";
	case TASK_CODE_REJECTED:
		return "code_rejected";
	default:
		return "proof_sent";
	}
}

/* Back to task id's page with Lang.Notice.NOTICE; returns 303. */
static int
back_to_task(struct ctx *c, int64_t id, const char *notice)
{
	return page_back(c, "/tasks", id, notice);
}

/*
 * The answer to mr when the core refused the worker's action: 404 for a
 * task that is not theirs or is gone, else 503.
 */
static int
task_refused(struct ctx *c, enum market_result mr)
{
	if (mr == MARKET_NOT_ALLOWED || mr == MARKET_NOT_FOUND) {
		c->error_detail = "no_task";
		return 404;
	}
	return ctx_db_error(c);
}

int
page_task_submit(struct ctx *c)
{
	unsigned char hash[TASK_HASH_LEN];
	char shot[UPLOAD_NAME_MAX];
	const struct plugin *p;
	struct task_submitted out;
	struct task_proof tp;
	struct proof_input in;
	enum market_result mr;
	struct form_value v;
	struct db_result r;
	int64_t id;
	int st, late;

	if ((st = form_read(c, &submit_form, 1, &v)) != 0)
		return st;
	id = v.num;
	if ((st = task_load(c, id, &r)) != 0)
		return st;
	late = db_value_int(&r, 0, "late") != 0;
	p = plugin_find(&c->app->plugins, db_value(&r, 0, "job_type"));
	st = proof_read(c, p, db_value_int(&r, 0, "CampaignId"),
	    db_value_int(&r, 0, "screenshot_required"), &in);
	db_result_free(&r);
	if (st != 0)
		return st;
	/*
	 * Whatever state the task was in when loaded, the core decides with
	 * its row locked: it stores checked proof only while the task takes
	 * proof, and answers MARKET_BAD_PROOF for refused proof then.
	 */
	shot[0] = '\0';
	if (!late && form_errors(c) == 0 && in.shot != NULL &&
	    proof_store_shot(c, &in, shot, hash) == -1)
		return task_page(c, id, "proof");
	tp.values = &in.proof;
	tp.shot = shot[0] != '\0' ? shot : NULL;
	tp.shot_hash = shot[0] != '\0' ? hash : NULL;
	tp.refused = form_errors(c) > 0;
	tp.min_seconds = c->app->cfg.fraud_min_task_seconds;
	mr = task_submit(c->app->db, id, c->session.user_id, &tp, &out);
	/*
	 * A file the task did not take, or one the new proof replaced, goes.
	 * After a database error the COMMIT may have landed all the same:
	 * the file stays, and kaaj-admin's sweep removes it if no row names
	 * it (admin/uploads.h).
	 */
	if (mr != MARKET_OK && mr != MARKET_DB_ERROR && shot[0] != '\0')
		upload_remove(&c->app->cfg, "screenshots", shot);
	if (mr == MARKET_OK && out.replaced[0] != '\0')
		upload_remove(&c->app->cfg, "screenshots", out.replaced);
	switch (mr) {
	case MARKET_OK:
		log_info(c->req->rid, "task %lld submitted (duplicate of %lld)",
		    (long long)id, (long long)out.duplicate_of);
		return back_to_task(c, id, check_code(c, p, id, &in));
	case MARKET_BAD_PROOF:
		return task_page(c, id, "proof");
	case MARKET_EXPIRED:
		form_notice(c, "task_expired");
		return task_page(c, id, NULL);
	case MARKET_DONE_BEFORE:
	case MARKET_WRONG_STATE:
		return back_to_task(c, id, "proof_closed");
	default:
		return task_refused(c, mr);
	}
}

int
page_task_dispute(struct ctx *c)
{
	struct form_value v[DISPUTE_FIELDS];
	enum market_result mr;
	struct db_result r;
	const char *msg;
	int64_t id;
	int st;

	if ((st = form_read(c, dispute_form, DISPUTE_FIELDS, v)) != 0)
		return st;
	id = v[DISPUTE_TASK].num;
	msg = v[DISPUTE_MESSAGE].text;
	if ((st = task_load(c, id, &r)) != 0)
		return st;
	db_result_free(&r);
	if (form_errors(c) > 0)
		return task_page(c, id, "dispute");
	mr = dispute_open(c->app->db, id, c->session.user_id, msg);
	switch (mr) {
	case MARKET_OK:
		log_info(c->req->rid, "task %lld disputed", (long long)id);
		return back_to_task(c, id, "dispute_sent");
	case MARKET_DONE_BEFORE:
		return back_to_task(c, id, "dispute_already");
	case MARKET_WRONG_STATE:
		return back_to_task(c, id, "dispute_not_open");
	default:
		return task_refused(c, mr);
	}
}
