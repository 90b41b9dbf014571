/*
 * Rating submissions, bonuses, and approval by the clock.
 */
#include <stdio.h>
#include <string.h>

#include "base/config.h"
#include "storage/db.h"
#include "money/escrow.h"
#include "money/fees.h"
#include "market/market_int.h"
#include "accounts/notify.h"
#include "market/task.h"
#include "market/verify.h"

/* Largest bonus accepted, far from int64 overflow with its fee. */
#define BONUS_MAX	(INT64_MAX / 4)

struct rating {
	int64_t task, employer;		/* employer 0: the system */
	enum task_rating rating;
	const char *reason;
	int reopen;
	enum market_result result;
};

/*
 * Why the guarded UPDATE of task t to state target changed nothing:
 * already there, or in another state. Returns DB_ROLLBACK.
 */
static int
rate_refused(const struct task_ctx *t, const char *target,
    enum market_result *result)
{
	*result = strcmp(t->status, target) == 0 ? MARKET_DONE_BEFORE :
	    MARKET_WRONG_STATE;
	return DB_ROLLBACK;
}

/* In a txn body: pending task t is satisfied, and paid. */
static int
rate_satisfied(struct db *db, struct rating *r, const struct task_ctx *t)
{
	uint64_t affected;
	int rc;

	rc = db_exec(db, &affected, NULL, "UPDATE tasks"
	    " SET status = 'satisfied', rated_at = UTC_TIMESTAMP(),"
	    " rated_by = NULLIF(?, 0) WHERE id = ? AND status = 'pending'",
	    "ii",
	    r->employer, r->task);
	if (rc != DB_OK)
		return rc;
	if (affected != 1)
		return rate_refused(t, "satisfied", &r->result);
	/*
	 * An employer approving a worker seen on one of the employer's own
	 * addresses may be paying a second account: flagged for the admins,
	 * in the same transaction (two primary-key look-ups an address).
	 */
	if (r->employer != 0 && (rc = db_exec(db, NULL, NULL,
	    "INSERT IGNORE INTO fraud_flags (kind, task_id, employer_id,"
	    " worker_id, ip) SELECT 'shared_address', ?, e.user_id,"
	    " w.user_id, e.ip FROM user_addresses e JOIN user_addresses w"
	    " ON w.user_id = ? AND w.ip = e.ip WHERE e.user_id = ? LIMIT 1",
	    "iii", r->task, t->worker, t->owner)) != DB_OK)
		return rc;
	return market_task_paid(db, t, &r->result);
}

/* In a txn body: pending task t is not satisfied. */
static int
rate_rejected(struct db *db, struct rating *r, const struct task_ctx *t)
{
	uint64_t affected;
	int rc;

	rc = db_exec(db, &affected, NULL, "UPDATE tasks"
	    " SET status = 'not_satisfied', reason = ?,"
	    " rated_at = UTC_TIMESTAMP(), rated_by = NULLIF(?, 0)"
	    " WHERE id = ? AND status = 'pending'", "sii", r->reason,
	    r->employer, r->task);
	if (rc != DB_OK)
		return rc;
	if (affected != 1)
		return rate_refused(t, "not_satisfied", &r->result);
	if ((rc = market_task_unpaid(db, t, r->reopen, &r->result)) != DB_OK)
		return rc;
	/* One statement, so the two rows lock in key order. */
	rc = db_exec(db, NULL, NULL, "UPDATE users"
	    " SET tasks_rejected = tasks_rejected + (id = ?),"
	    " rated_rejected = rated_rejected + (id = ?), " RATE_TIME_SET
	    " WHERE id IN (?, ?)", "iiiiiii", t->worker, t->owner, t->owner,
	    t->owner, t->task, t->worker, t->owner);
	if (rc != DB_OK)
		return rc;
	return notify(db, t->worker, "rejected", t->task, t->campaign,
	    r->reason);
}

/* In a txn body: pending task t goes back to its worker, once. */
static int
rate_revise(struct db *db, struct rating *r, const struct task_ctx *t)
{
	uint64_t affected;
	int rc;

	rc = db_exec(db, &affected, NULL, "UPDATE tasks SET status = 'revise',"
	    " reason = ?, revisions = revisions + 1,"
	    " deadline = UTC_TIMESTAMP() + INTERVAL ? MINUTE"
	    " WHERE id = ? AND status = 'pending' AND revisions = 0", "sii",
	    r->reason, t->minutes, r->task);
	if (rc != DB_OK)
		return rc;
	if (affected != 1) {
		if (strcmp(t->status, "pending") == 0 && t->revisions > 0) {
			r->result = MARKET_NOT_ALLOWED;
			return DB_ROLLBACK;
		}
		return rate_refused(t, "revise", &r->result);
	}
	return notify(db, t->worker, "revise", t->task, t->campaign,
	    r->reason);
}

/*
 * Transaction body: one verdict on one task, by its employer, or by the
 * system when r->employer is 0 (a completion code).
 */
static int
rate_body(struct db *db, void *arg)
{
	struct rating *r = arg;
	struct task_ctx t;
	int rc;

	r->result = MARKET_DB_ERROR;
	if ((rc = market_lock_task(db, r->task, &t, &r->result)) != DB_OK)
		return rc;
	if (r->employer != 0 && t.owner != r->employer) {
		r->result = MARKET_NOT_ALLOWED;
		return DB_ROLLBACK;
	}
	switch (r->rating) {
	case TASK_SATISFIED:
		rc = rate_satisfied(db, r, &t);
		break;
	case TASK_NOT_SATISFIED:
		rc = rate_rejected(db, r, &t);
		break;
	default:
		rc = rate_revise(db, r, &t);
		break;
	}
	if (rc == DB_OK)
		r->result = MARKET_OK;
	return rc;
}

int
task_rating_parse(const char *s, enum task_rating *tr)
{
	if (s == NULL)
		return -1;
	if (strcmp(s, "satisfied") == 0)
		*tr = TASK_SATISFIED;
	else if (strcmp(s, "not_satisfied") == 0)
		*tr = TASK_NOT_SATISFIED;
	else if (strcmp(s, "revise") == 0)
		*tr = TASK_REVISE;
	else
		return -1;
	return 0;
}

enum market_result
task_rate(struct db *db, int64_t task, int64_t employer,
    enum task_rating rating, const char *reason, int reopen)
{
	struct rating r = { task, employer, rating, reason, reopen,
	    MARKET_DB_ERROR };

	/* Employer 0 is the system's own verdict: not for callers here. */
	if (employer <= 0 || (rating != TASK_SATISFIED &&
	    (reason == NULL || reason[0] == '\0')))
		return MARKET_NOT_ALLOWED;
	return market_txn(db_txn(db, rate_body, &r), &r.result);
}

struct bonus {
	const struct kaaj_config *cfg;
	int64_t task, employer, amount;
	enum market_result result;
};

/* Transaction body: record the bonus on the task, then pay it. */
static int
bonus_body(struct db *db, void *arg)
{
	struct bonus *b = arg;
	enum market_result why;
	int64_t worker, campaign;
	char key[MARKET_KEY_MAX];
	struct db_result r;
	uint64_t affected;
	int rc;

	b->result = MARKET_DB_ERROR;
	if (db_query(db, &r, "SELECT t.worker_id, t.campaign_id, c.owner_id,"
	    " t.status, t.bonus FROM tasks t"
	    " JOIN campaigns c ON c.id = t.campaign_id WHERE t.id = ?", "i",
	    b->task) != DB_OK)
		return DB_ERROR;
	if (r.nrows == 0)
		why = MARKET_NOT_FOUND;
	else if (db_cell_int(&r, 0, 2) != b->employer)
		why = MARKET_NOT_ALLOWED;
	else if (db_cell_int(&r, 0, 4) != 0)
		why = MARKET_DONE_BEFORE;
	else if (strcmp(db_cell(&r, 0, 3), "satisfied") != 0)
		why = MARKET_WRONG_STATE;
	else
		why = MARKET_OK;
	worker = db_cell_int(&r, 0, 0);
	campaign = db_cell_int(&r, 0, 1);
	db_result_free(&r);
	if (why != MARKET_OK) {
		b->result = why;
		return DB_ROLLBACK;
	}
	rc = db_exec(db, &affected, NULL, "UPDATE tasks SET bonus = ?"
	    " WHERE id = ? AND status = 'satisfied' AND bonus = 0", "ii",
	    b->amount, b->task);
	if (rc != DB_OK)
		return rc;
	if (affected != 1) {
		b->result = MARKET_DONE_BEFORE;
		return DB_ROLLBACK;
	}
	snprintf(key, sizeof(key), "task:%lld:bonus", (long long)b->task);
	rc = market_ledger(escrow_bonus(db, campaign, b->task, b->employer,
	    worker, b->amount, fee_task(b->cfg, b->amount), key), &b->result);
	if (rc != DB_OK)
		return rc;
	rc = notify(db, worker, "bonus", b->task, campaign, NULL);
	if (rc != DB_OK)
		return rc;
	b->result = MARKET_OK;
	return DB_OK;
}

enum market_result
task_bonus(struct db *db, const struct kaaj_config *cfg, int64_t task,
    int64_t employer, int64_t amount)
{
	struct bonus b = { cfg, task, employer, amount, MARKET_DB_ERROR };

	if (amount <= 0 || amount > BONUS_MAX)
		return MARKET_NOT_ALLOWED;
	return market_txn(db_txn(db, bonus_body, &b), &b.result);
}

/* Transaction body for cron: approve one task whose time to rate ran out. */
static int
approve_body(struct db *db, void *arg)
{
	struct market_due *d = arg;
	struct task_ctx t;
	uint64_t affected;
	int rc;

	d->done = 0;
	d->result = MARKET_OK;
	if ((rc = market_lock_task(db, d->task, &t, &d->result)) != DB_OK)
		return rc;
	rc = db_exec(db, &affected, NULL, "UPDATE tasks"
	    " SET status = 'satisfied', rated_at = UTC_TIMESTAMP()"
	    " WHERE id = ? AND status = 'pending'"
	    " AND rate_by < UTC_TIMESTAMP()", "i", d->task);
	if (rc != DB_OK)
		return rc;
	if (affected != 1)
		return DB_ROLLBACK;
	if ((rc = market_task_paid(db, &t, &d->result)) != DB_OK)
		return rc;
	d->done = 1;
	return DB_OK;
}

enum market_result
task_approve_due(struct db *db, int64_t *count)
{
	return market_each_due(db, "SELECT id FROM tasks"
	    " WHERE status = 'pending' AND rate_by < UTC_TIMESTAMP()"
	    " AND id > ? ORDER BY id LIMIT 500", approve_body, count);
}

enum market_result
task_auto_rate(struct db *db, const struct kaaj_config *cfg, int64_t task,
    int satisfied, const char *reason)
{
	struct rating r = { task, 0, satisfied ? TASK_SATISFIED :
	    TASK_NOT_SATISFIED, reason, cfg->reopen_rejected,
	    MARKET_DB_ERROR };

	if (!satisfied && (reason == NULL || reason[0] == '\0'))
		return MARKET_NOT_ALLOWED;
	return market_txn(db_txn(db, rate_body, &r), &r.result);
}

enum market_result
task_check_code(struct db *db, const struct kaaj_config *cfg, int64_t task,
    const char *given, const char *reason, enum task_code *verdict)
{
	enum market_result mr;
	struct db_result r;
	int match, approve;

	*verdict = TASK_CODE_UNCHECKED;
	if (db_query(db, &r, "SELECT t.campaign_id, t.worker_id,"
	    " c.verify_secret, c.verify_mode = 'approve'"
	    " FROM tasks t JOIN campaigns c ON c.id = t.campaign_id"
	    " WHERE t.id = ? AND c.verify_mode != 'off'"
	    " AND c.verify_secret IS NOT NULL", "i", task) != DB_OK)
		return MARKET_DB_ERROR;
	if (r.nrows == 0) {
		db_result_free(&r);
		return MARKET_OK;
	}
	match = verify_match(db_cell(&r, 0, 2), db_cell_int(&r, 0, 0),
	    db_cell_int(&r, 0, 1), given);
	approve = db_cell_int(&r, 0, 3) != 0;
	db_result_free(&r);
	if (db_exec(db, NULL, NULL, "UPDATE tasks SET code_ok = ?"
	    " WHERE id = ? AND status = 'pending'", "ii", (int64_t)match,
	    task) != DB_OK)
		return MARKET_DB_ERROR;
	*verdict = match ? TASK_CODE_MATCH : TASK_CODE_MISMATCH;
	if (!approve)
		return MARKET_OK;
	mr = task_auto_rate(db, cfg, task, match, reason);
	if (mr == MARKET_OK)
		*verdict = match ? TASK_CODE_APPROVED : TASK_CODE_REJECTED;
	/* Rated already (by its employer, in between): the code is noted. */
	return mr == MARKET_DONE_BEFORE || mr == MARKET_WRONG_STATE ?
	    MARKET_OK : mr;
}
