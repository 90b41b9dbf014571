/*
 * Disputes.
 */
#include <stdio.h>
#include <string.h>

#include "storage/db.h"
#include "market/dispute.h"
#include "money/escrow.h"
#include "money/referral.h"
#include "market/market_int.h"
#include "accounts/audit.h"
#include "accounts/notify.h"
#include "accounts/webhooks.h"
#include "base/money.h"

/* A dispute to open, and its id once it is. */
struct opening {
	int64_t task, worker;
	const char *message;
	int64_t id;
};

/*
 * Transaction body: the dispute's row, and the employer's webhooks told
 * in the same transaction. Nothing is written when the task does not
 * take one (o->id stays 0).
 */
static int
open_body(struct db *db, void *arg)
{
	struct opening *o = arg;
	uint64_t affected, id;
	int rc;

	o->id = 0;
	rc = db_exec(db, &affected, &id, "INSERT INTO disputes (task_id,"
	    " message) SELECT id, ? FROM tasks WHERE id = ? AND worker_id = ?"
	    " AND status = 'not_satisfied'", "sii", o->message, o->task,
	    o->worker);
	if (rc != DB_OK || affected != 1)
		return rc;
	o->id = (int64_t)id;
	return webhook_queue(db, WEBHOOK_DISPUTE, o->id);
}

enum market_result
dispute_open(struct db *db, int64_t task, int64_t worker,
    const char *message)
{
	struct opening o = { task, worker, message, 0 };
	enum market_result why;
	struct db_result r;
	int rc;

	if (message == NULL || message[0] == '\0')
		return MARKET_NOT_ALLOWED;
	rc = db_txn(db, open_body, &o);
	if (rc == DB_DUPLICATE)
		return MARKET_DONE_BEFORE;
	if (rc != DB_OK)
		return MARKET_DB_ERROR;
	if (o.id != 0)
		return MARKET_OK;
	if (db_query(db, &r, "SELECT t.worker_id, EXISTS (SELECT 1"
	    " FROM disputes d WHERE d.task_id = t.id) FROM tasks t"
	    " WHERE t.id = ?", "i", task) != DB_OK)
		return MARKET_DB_ERROR;
	if (r.nrows == 0)
		why = MARKET_NOT_FOUND;
	else if (db_cell_int(&r, 0, 0) != worker)
		why = MARKET_NOT_ALLOWED;
	else if (db_cell_int(&r, 0, 1) != 0)
		why = MARKET_DONE_BEFORE;
	else
		why = MARKET_WRONG_STATE;
	db_result_free(&r);
	return why;
}

struct decision {
	int64_t dispute, admin;
	int overturn;
	const char *note;
	enum market_result result;
};

/*
 * In a txn body: pay task t, rejected before, from the unused escrow of
 * its campaign or else from the employer's balance. Only pay from the
 * escrow earns a referrer a share: its fee was taken when the campaign
 * was funded, and the escrow pays no more tasks than it was funded for;
 * pay from the employer's balance has had no fee taken for it.
 */
static int
pay_overturned(struct db *db, const struct task_ctx *t, int64_t admin,
    enum market_result *result)
{
	struct ledger_about about = { t->campaign, t->task };
	struct ledger_leg legs[2] = {
		{ LEDGER_AVAILABLE, t->owner, -t->pay },
		{ LEDGER_AVAILABLE, t->worker, t->pay },
	};
	char key[MARKET_KEY_MAX];
	int64_t unused;
	int rc;

	if ((rc = market_unused_escrow(db, t->campaign, &unused)) != DB_OK)
		return rc;
	snprintf(key, sizeof(key), "task:%lld:pay", (long long)t->task);
	if (unused >= t->pay) {
		rc = market_ledger(escrow_pay(db, t->campaign, t->task,
		    t->worker, t->pay, "overturn", key), result);
		if (rc != DB_OK)
			return rc;
		return market_ledger(referral_pay(db, t->campaign, t->task,
		    t->worker, t->pay), result);
	}
	return market_ledger(ledger_post(db, key, "overturn",
	    "task paid from the employer's balance by an admin's decision",
	    admin, &about, legs, 2, NULL), result);
}

/* Why the guarded UPDATE of the dispute changed nothing. */
static int
decide_refused(struct db *db, struct decision *d)
{
	struct db_result r;

	if (db_query(db, &r, "SELECT status FROM disputes WHERE id = ?", "i",
	    d->dispute) != DB_OK)
		return DB_ERROR;
	d->result = strcmp(db_cell(&r, 0, 0), d->overturn ? "overturned" :
	    "upheld") == 0 ? MARKET_DONE_BEFORE : MARKET_WRONG_STATE;
	db_result_free(&r);
	return DB_ROLLBACK;
}

/*
 * Write the audit row of decision d on task t: the note as its reason,
 * the verdict, the task and, overturned, the pay as its detail.
 */
static int
audit_dispute(struct db *db, const struct decision *d,
    const struct task_ctx *t)
{
	char pay[32], detail[96];

	if (d->overturn)
		snprintf(detail, sizeof(detail), "overturned, task %lld paid %s",
		    (long long)t->task, money_format(t->pay, pay, sizeof(pay)));
	else
		snprintf(detail, sizeof(detail), "upheld, task %lld",
		    (long long)t->task);
	return audit_write(db, "dispute.decide", "dispute", d->dispute,
	    d->note, detail);
}

/*
 * Transaction body: decide, write the audit row, and on overturn pay and
 * recount.
 */
static int
decide_body(struct db *db, void *arg)
{
	struct decision *d = arg;
	struct task_ctx t;
	struct db_result r;
	uint64_t affected;
	int64_t task;
	int rc;

	d->result = MARKET_DB_ERROR;
	if (db_query(db, &r, "SELECT task_id FROM disputes WHERE id = ?", "i",
	    d->dispute) != DB_OK)
		return DB_ERROR;
	task = r.nrows == 1 ? db_cell_int(&r, 0, 0) : 0;
	db_result_free(&r);
	if (task == 0) {
		d->result = MARKET_NOT_FOUND;
		return DB_ROLLBACK;
	}
	if ((rc = market_lock_task(db, task, &t, &d->result)) != DB_OK)
		return rc;
	rc = db_exec(db, &affected, NULL, "UPDATE disputes SET status = ?,"
	    " decided_by = ?, decided_at = UTC_TIMESTAMP(), note = ?"
	    " WHERE id = ? AND status = 'open'", "sisi",
	    d->overturn ? "overturned" : "upheld", d->admin, d->note,
	    d->dispute);
	if (rc != DB_OK)
		return rc;
	if (affected != 1)
		return decide_refused(db, d);
	if ((rc = audit_dispute(db, d, &t)) != DB_OK)
		return rc;
	if (d->overturn) {
		rc = db_exec(db, &affected, NULL, "UPDATE tasks"
		    " SET status = 'satisfied', rated_at = UTC_TIMESTAMP(),"
		    " rated_by = ? WHERE id = ? AND status = 'not_satisfied'",
		    "ii", d->admin, task);
		if (rc != DB_OK)
			return rc;
		if (affected != 1) {
			d->result = MARKET_WRONG_STATE;
			return DB_ROLLBACK;
		}
		if ((rc = pay_overturned(db, &t, d->admin, &d->result)) !=
		    DB_OK)
			return rc;
		rc = db_exec(db, NULL, NULL, "UPDATE users"
		    " SET tasks_satisfied = tasks_satisfied + (id = ?),"
		    " tasks_rejected = tasks_rejected"
		    " - (id = ? AND tasks_rejected > 0),"
		    " rated_satisfied = rated_satisfied + (id = ?),"
		    " rated_rejected = rated_rejected"
		    " - (id = ? AND rated_rejected > 0)"
		    " WHERE id IN (?, ?)", "iiiiii", t.worker, t.worker,
		    t.owner, t.owner, t.worker, t.owner);
		if (rc != DB_OK)
			return rc;
	}
	rc = notify(db, t.worker, d->overturn ? "dispute_overturned" :
	    "dispute_upheld", task, t.campaign, d->note);
	if (rc != DB_OK)
		return rc;
	d->result = MARKET_OK;
	return DB_OK;
}

enum market_result
dispute_decide(struct db *db, int64_t dispute, int64_t admin, int overturn,
    const char *note)
{
	struct decision d = { dispute, admin, overturn, note, MARKET_DB_ERROR };

	return market_txn(db_txn(db, decide_body, &d), &d.result);
}
