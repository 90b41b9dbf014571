/*
 * The API's submissions (docs/api.md): a campaign's tasks by state with
 * keyset paging, one task with its proof and a link to its screenshot,
 * rating one or many (satisfied, not satisfied with a reason, revise),
 * a bonus, and blocking a worker. Each calls the core the campaign
 * page's forms call (market/task.c, market/campaign.c).
 */
#include <stdio.h>
#include <string.h>

#include "base/json.h"
#include "base/log.h"
#include "base/text.h"
#include "front/api.h"
#include "front/form.h"
#include "front/params.h"
#include "market/campaign.h"
#include "market/task.h"
#include "pages/api_out.h"
#include "pages/pages.h"

#define LIST_DEFAULT 50		/* tasks a page of the list holds */
#define LIST_MAX 200
#define RATE_MAX 200		/* tasks one call may rate, as the page */

/* The columns of a task; the caller joins users u and campaigns c. */
#define TASK_COLUMNS \
	"t.id AS `id:int`, t.campaign_id AS `campaign:int`," \
	" t.worker_id AS `worker_id:int`, u.username AS worker, t.status" \
	" AS state, t.claimed_at AS `claimed_at:time`," \
	" t.submitted_at AS `submitted_at:time`, t.rate_by AS `rate_by:time`," \
	" t.rated_at AS `rated_at:time`, t.reason, t.revisions AS" \
	" `revisions:int`, t.code_ok AS `code_ok:bool`, t.bonus AS" \
	" `bonus:money`, t.screenshot IS NOT NULL AS `has_screenshot:bool`"

/*
 * Append the first n tasks of r (column "id:int" first) as JSON objects
 * separated by commas, each with "proof": its rows of f (task_id, name,
 * value, by task_id), and "screenshot": its address under the API, or
 * null.
 */
static void
put_tasks(struct ctx *c, const struct db_result *r, size_t n,
    const struct db_result *f)
{
	struct buf *b = &c->res->body;
	size_t i, j = 0, k;
	int64_t id;

	for (i = 0; i < n && i < r->nrows; i++) {
		id = db_value_int(r, i, "id:int");
		if (i > 0)
			buf_puts(b, ",");
		api_row(b, r, i, 0);
		buf_puts(b, ",\"screenshot\":");
		if (db_value_int(r, i, "has_screenshot:bool") != 0)
			buf_printf(b, "\"%s/api/v1/submissions/%lld/screenshot\"",
			    c->app->base_path, (long long)id);
		else
			buf_puts(b, "null");
		buf_puts(b, ",\"proof\":{");
		while (j < f->nrows && db_cell_int(f, j, 0) < id)
			j++;
		for (k = 0; j < f->nrows && db_cell_int(f, j, 0) == id;
		    j++, k++) {
			if (k > 0)
				buf_puts(b, ",");
			json_member(b, db_cell(f, j, 1), db_cell(f, j, 2));
		}
		buf_puts(b, "}}");
	}
}

/* Non-zero when campaign id is the key's user's. -1 on a db error. */
static int
own_campaign(struct ctx *c, int64_t id)
{
	struct db_result r;
	int mine;

	if (db_query(c->app->db, &r, "SELECT 1 FROM campaigns WHERE id = ?"
	    " AND owner_id = ?", "ii", id, c->session.user_id) != DB_OK)
		return -1;
	mine = r.nrows == 1;
	db_result_free(&r);
	return mine;
}

int
api_submissions(struct ctx *c)
{
	static const char *const states[] = { "claimed", "pending",
	    "satisfied", "not_satisfied", "revise", "expired" };
	const char *state = param_get(&c->req->query, "state");
	struct buf *b = &c->res->body;
	struct db_result r, f;
	int64_t after, limit;
	int rc;

	state = state != NULL && state[0] != '\0' ? state : "pending";
	if ((rc = api_paging(c, &after, &limit, LIST_DEFAULT, LIST_MAX)) != 0)
		return rc;
	if (!page_name_known(state, states, sizeof(states) /
	    sizeof(states[0])))
		return api_fail(c, 422, "state_bad", "state");
	if ((rc = own_campaign(c, c->path_id)) != 1)
		return rc == -1 ? ctx_db_error(c) :
		    api_fail(c, 404, "no_campaign", NULL);
	/* The page of tasks, and their proof, both on (campaign, status, id). */
	if (db_query(c->app->db, &r, "SELECT " TASK_COLUMNS
	    " FROM tasks t JOIN users u ON u.id = t.worker_id"
	    " WHERE t.campaign_id = ? AND t.status = ? AND t.id > ?"
	    " ORDER BY t.id LIMIT ?", "isii", c->path_id, state, after,
	    limit + 1) != DB_OK)
		return ctx_db_error(c);
	if (db_query(c->app->db, &f, "SELECT f.task_id, f.name, f.value"
	    " FROM (SELECT id FROM tasks WHERE campaign_id = ? AND status = ?"
	    "  AND id > ? ORDER BY id LIMIT ?) t"
	    " JOIN task_fields f ON f.task_id = t.id"
	    " ORDER BY f.task_id, f.name", "isii", c->path_id, state, after,
	    limit) != DB_OK) {
		db_result_free(&r);
		return ctx_db_error(c);
	}
	api_json(c);
	buf_puts(b, "{\"submissions\":[");
	put_tasks(c, &r, (size_t)limit, &f);
	buf_puts(b, "]");
	api_next(b, &r, (size_t)limit);
	db_result_free(&f);
	db_result_free(&r);
	return 200;
}

/* Answer task id of a campaign of the key's user, with status. */
static int
answer_task(struct ctx *c, int64_t id, int status)
{
	struct buf *b = &c->res->body;
	struct db_result r, f;

	if (db_query(c->app->db, &r, "SELECT " TASK_COLUMNS
	    " FROM tasks t JOIN users u ON u.id = t.worker_id"
	    " JOIN campaigns c ON c.id = t.campaign_id"
	    " WHERE t.id = ? AND c.owner_id = ?", "ii", id,
	    c->session.user_id) != DB_OK)
		return ctx_db_error(c);
	if (r.nrows != 1) {
		db_result_free(&r);
		return api_fail(c, 404, "no_submission", NULL);
	}
	if (db_query(c->app->db, &f, "SELECT task_id, name, value"
	    " FROM task_fields WHERE task_id = ? ORDER BY name", "i", id) !=
	    DB_OK) {
		db_result_free(&r);
		return ctx_db_error(c);
	}
	api_json(c);
	put_tasks(c, &r, 1, &f);
	buf_puts(b, "\n");
	db_result_free(&f);
	db_result_free(&r);
	return status;
}

int
api_submission(struct ctx *c)
{
	return answer_task(c, c->path_id, 200);
}

/*
 * The body's rating and reason into *tr and *reason. 0, or 422 with
 * the form's error set.
 */
static int
read_rating(struct ctx *c, enum task_rating *tr, const char **reason)
{
	static const struct form_field reason_field = {
		"reason", FORM_LINE, 0, 0, REASON_MAX, NULL, NULL
	};
	const char *rating = form_get(c, "rating");
	struct form_value v;
	int rc;

	if ((rc = form_read(c, &reason_field, 1, &v)) != 0)
		return rc;
	*reason = v.text;
	if (task_rating_parse(rating, tr) == -1) {
		form_error(c, "rating", "rating_bad");
		return 422;
	}
	if (*tr != TASK_SATISFIED && **reason == '\0')
		form_error(c, "reason", "reason_needed");
	return form_errors(c) > 0 ? 422 : 0;
}

/* Rate task as the key's user: the core's result. */
static enum market_result
rate(struct ctx *c, int64_t task, enum task_rating tr, const char *reason)
{
	enum market_result mr;

	mr = task_rate(c->app->db, task, c->session.user_id, tr,
	    tr == TASK_SATISFIED ? NULL : reason, c->app->cfg.reopen_rejected);
	if (mr == MARKET_OK)
		log_info(c->req->rid, "task %lld rated %s by user %lld",
		    (long long)task, form_get(c, "rating"),
		    (long long)c->session.user_id);
	return mr;
}

int
api_submission_rate(struct ctx *c)
{
	const char *reason;
	enum task_rating tr;
	int rc;

	if ((rc = read_rating(c, &tr, &reason)) != 0)
		return rc;
	switch (rate(c, c->path_id, tr, reason)) {
	case MARKET_OK:
	case MARKET_DONE_BEFORE:
		return answer_task(c, c->path_id, 200);
	case MARKET_WRONG_STATE:
		return api_fail(c, 409, "submission_state", NULL);
	case MARKET_NOT_ALLOWED:
		return api_fail(c, 409, "revise_once", NULL);
	case MARKET_NOT_FOUND:
		return api_fail(c, 404, "no_submission", NULL);
	default:
		return ctx_db_error(c);
	}
}

/* Append "name":[ids...] of the n ids. */
static void
put_ids(struct buf *b, const char *name, const int64_t *ids, size_t n)
{
	size_t i;

	json_name(b, name);
	buf_puts(b, "[");
	for (i = 0; i < n; i++)
		buf_printf(b, i > 0 ? ",%lld" : "%lld", (long long)ids[i]);
	buf_puts(b, "]");
}

int
api_submissions_rate(struct ctx *c)
{
	const struct param_list *form = &c->req->form;
	int64_t done[RATE_MAX], skipped[RATE_MAX], refused[RATE_MAX];
	size_t nd = 0, ns = 0, nr = 0, seen = 0, i;
	struct buf *b = &c->res->body;
	const char *reason;
	enum task_rating tr;
	int64_t id;
	int rc;

	if ((rc = read_rating(c, &tr, &reason)) != 0)
		return rc;
	for (i = 0; i < form->n; i++)
		if (strcmp(form->items[i].name, "ids") == 0)
			seen++;
	if (seen == 0)
		return api_fail(c, 422, "ids_missing", "ids");
	if (seen > RATE_MAX)
		return api_fail(c, 422, "ids_too_many", "ids");
	/* Each task alone, in the order sent, as the page does. */
	for (i = 0; i < form->n; i++) {
		if (strcmp(form->items[i].name, "ids") != 0)
			continue;
		if ((id = text_id(form->items[i].value)) <= 0)
			return api_fail(c, 422, "ids_bad", "ids");
		switch (rate(c, id, tr, reason)) {
		case MARKET_OK:
			done[nd++] = id;
			break;
		case MARKET_DONE_BEFORE:
		case MARKET_WRONG_STATE:
		case MARKET_NOT_FOUND:
			skipped[ns++] = id;
			break;
		case MARKET_NOT_ALLOWED:	/* a second revise */
			refused[nr++] = id;
			break;
		default:
			return ctx_db_error(c);
		}
	}
	api_json(c);
	buf_puts(b, "{");
	put_ids(b, "rated", done, nd);
	buf_puts(b, ",");
	put_ids(b, "skipped", skipped, ns);
	buf_puts(b, ",");
	put_ids(b, "refused", refused, nr);
	buf_puts(b, "}\n");
	return 200;
}

int
api_submission_bonus(struct ctx *c)
{
	static const struct form_field amount = {
		"amount", FORM_MONEY, 1, 1, 0, NULL, NULL
	};
	struct form_value v;
	int rc;

	if ((rc = form_read(c, &amount, 1, &v)) != 0)
		return rc;
	if (!v.ok)
		return 422;
	switch (task_bonus(c->app->db, &c->app->cfg, c->path_id,
	    c->session.user_id, v.num)) {
	case MARKET_OK:
		log_info(c->req->rid, "bonus on task %lld by user %lld",
		    (long long)c->path_id, (long long)c->session.user_id);
		return answer_task(c, c->path_id, 200);
	case MARKET_DONE_BEFORE:
		return api_fail(c, 409, "bonus_paid_before", NULL);
	case MARKET_SHORT:
		return api_fail(c, 402, "balance_short", NULL);
	case MARKET_WRONG_STATE:
		return api_fail(c, 409, "submission_state", NULL);
	case MARKET_NOT_ALLOWED:
		form_error(c, "amount", "bonus_too_large");
		return 422;
	case MARKET_NOT_FOUND:
		return api_fail(c, 404, "no_submission", NULL);
	default:
		return ctx_db_error(c);
	}
}

/* Block (block non-zero) or unblock worker path_id from the user's jobs. */
static int
block(struct ctx *c, int block)
{
	struct buf *b = &c->res->body;
	enum market_result mr;

	mr = block ? worker_block(c->app->db, c->session.user_id,
	    c->path_id) : worker_unblock(c->app->db, c->session.user_id,
	    c->path_id);
	switch (mr) {
	case MARKET_OK:
	case MARKET_DONE_BEFORE:
		api_json(c);
		buf_puts(b, "{");
		json_member_int(b, "worker_id", c->path_id);
		buf_puts(b, ",");
		json_member_bool(b, "blocked", block);
		buf_puts(b, "}\n");
		return 200;
	case MARKET_NOT_ALLOWED:
		return api_fail(c, 409, "block_self", NULL);
	case MARKET_NOT_FOUND:
		return api_fail(c, 404, "no_worker", NULL);
	default:
		return ctx_db_error(c);
	}
}

int
api_worker_block(struct ctx *c)
{
	return block(c, 1);
}

int
api_worker_unblock(struct ctx *c)
{
	return block(c, 0);
}
