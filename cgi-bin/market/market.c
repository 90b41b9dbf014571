/*
 * What the marketplace's files share: locking a task's campaign, reading
 * ledger results, and the bookkeeping of a task that ends paid or unpaid.
 */
#include <stdio.h>
#include <string.h>

#include "storage/db.h"
#include "money/escrow.h"
#include "money/referral.h"
#include "base/log.h"
#include "market/items.h"
#include "market/market_int.h"
#include "accounts/notify.h"

/* Copy a cell's text into a fixed buffer ("" for NULL). */
static void
cell_copy(const struct db_result *r, size_t col, char *out, size_t len)
{
	const char *s = db_cell(r, 0, col);

	snprintf(out, len, "%s", s != NULL ? s : "");
}

int
market_lock_task(struct db *db, int64_t task, struct task_ctx *t,
    enum market_result *result)
{
	struct db_result r;
	int rc;

	memset(t, 0, sizeof(*t));
	t->task = task;
	rc = db_query(db, &r, "SELECT campaign_id FROM tasks WHERE id = ?", "i",
	    task);
	if (rc != DB_OK)
		return rc;
	t->campaign = r.nrows == 1 ? db_cell_int(&r, 0, 0) : 0;
	db_result_free(&r);
	if (t->campaign == 0) {
		*result = MARKET_NOT_FOUND;
		return DB_ROLLBACK;
	}
	rc = db_query(db, &r, "SELECT owner_id, status, pay_per_task,"
	    " minutes_to_finish, item_columns IS NOT NULL FROM campaigns"
	    " WHERE id = ? FOR UPDATE", "i", t->campaign);
	if (rc != DB_OK)
		return rc;
	t->owner = db_cell_int(&r, 0, 0);
	cell_copy(&r, 1, t->campaign_status, sizeof(t->campaign_status));
	t->pay = db_cell_int(&r, 0, 2);
	t->minutes = db_cell_int(&r, 0, 3);
	t->items = db_cell_int(&r, 0, 4) != 0;
	db_result_free(&r);
	rc = db_query(db, &r, "SELECT worker_id, status, revisions FROM tasks"
	    " WHERE id = ?", "i", task);
	if (rc != DB_OK)
		return rc;
	t->worker = db_cell_int(&r, 0, 0);
	cell_copy(&r, 1, t->status, sizeof(t->status));
	t->revisions = db_cell_int(&r, 0, 2);
	db_result_free(&r);
	return DB_OK;
}

int
market_ledger(enum ledger_result lr, enum market_result *result)
{
	if (lr != LEDGER_OK)
		*result = lr == LEDGER_DONE_BEFORE ? MARKET_DONE_BEFORE :
		    lr == LEDGER_SHORT ? MARKET_SHORT : MARKET_DB_ERROR;
	return ledger_txn_rc(lr);
}

enum market_result
market_txn(int rc, const enum market_result *body)
{
	if (rc == DB_OK || rc == DB_ROLLBACK)
		return *body;
	return MARKET_DB_ERROR;
}

int
market_task_paid(struct db *db, const struct task_ctx *t,
    enum market_result *result)
{
	char key[MARKET_KEY_MAX];
	int rc;

	snprintf(key, sizeof(key), "task:%lld:pay", (long long)t->task);
	rc = market_ledger(escrow_pay(db, t->campaign, t->task, t->worker,
	    t->pay, "pay", key), result);
	if (rc != DB_OK)
		return rc;
	/*
	 * status first: MariaDB assigns left to right, each seeing the
	 * ones before, so it must read slots_done before the increment.
	 */
	rc = db_exec(db, NULL, NULL, "UPDATE campaigns SET status ="
	    " IF(slots_done + 1 >= slots_total"
	    " AND status IN ('running', 'paused'), 'finished', status),"
	    " slots_done = slots_done + 1 WHERE id = ?", "i", t->campaign);
	if (rc != DB_OK)
		return rc;
	/*
	 * One statement, so the two rows lock in key order; the employer's
	 * row also counts the time the rating took (market_int.h).
	 */
	rc = db_exec(db, NULL, NULL, "UPDATE users"
	    " SET tasks_satisfied = tasks_satisfied + (id = ?),"
	    " rated_satisfied = rated_satisfied + (id = ?), " RATE_TIME_SET
	    " WHERE id IN (?, ?)", "iiiiiii", t->worker, t->owner, t->owner,
	    t->owner, t->task, t->worker, t->owner);
	if (rc != DB_OK)
		return rc;
	rc = market_ledger(referral_pay(db, t->campaign, t->task, t->worker,
	    t->pay), result);
	if (rc != DB_OK)
		return rc;
	return notify(db, t->worker, "approved", t->task, t->campaign, NULL);
}

int
market_task_unpaid(struct db *db, const struct task_ctx *t, int free_slot,
    enum market_result *result)
{
	char key[MARKET_KEY_MAX];
	int rc;

	if (free_slot) {
		rc = db_exec(db, NULL, NULL, "UPDATE campaigns"
		    " SET slots_taken = slots_taken - 1 WHERE id = ?", "i",
		    t->campaign);
		if (rc == DB_OK && t->items)
			rc = items_release(db, t->task);
		if (rc != DB_OK)
			return rc;
	}
	if (strcmp(t->campaign_status, "stopped") != 0)
		return DB_OK;
	snprintf(key, sizeof(key), "task:%lld:refund", (long long)t->task);
	return market_ledger(escrow_refund(db, t->campaign, t->task, t->owner,
	    t->pay, key), result);
}

int
market_unused_escrow(struct db *db, int64_t campaign, int64_t *unused)
{
	struct db_result r;
	int64_t balance, owed;

	*unused = 0;
	if (db_query(db, &r, "SELECT c.pay_per_task * ((SELECT COUNT(*)"
	    " FROM tasks t WHERE t.campaign_id = c.id"
	    " AND t.status IN ('claimed', 'pending', 'revise'))"
	    " + IF(c.status IN ('running', 'paused'),"
	    " c.slots_total - c.slots_taken, 0))"
	    " FROM campaigns c WHERE c.id = ?", "i", campaign) != DB_OK)
		return DB_ERROR;
	owed = db_cell_int(&r, 0, 0);
	db_result_free(&r);
	if (ledger_balance(db, LEDGER_ESCROW, campaign, &balance) == -1)
		return DB_ERROR;
	*unused = balance - owed;
	return DB_OK;
}

enum market_result
market_each_due(struct db *db, const char *select,
    int (*body)(struct db *, void *), int64_t *count)
{
	struct market_due due;
	struct db_result r;
	int64_t last = 0;
	size_t i, n;
	int rc;

	*count = 0;
	do {
		if (db_query(db, &r, select, "i", last) != DB_OK)
			return MARKET_DB_ERROR;
		for (i = 0, n = r.nrows; i < n; i++) {
			due.task = last = db_cell_int(&r, i, 0);
			rc = db_txn(db, body, &due);
			if (rc != DB_OK && rc != DB_ROLLBACK) {
				db_result_free(&r);
				return MARKET_DB_ERROR;
			}
			if (due.done)
				(*count)++;
			else if (due.result != MARKET_OK)
				log_warn(NULL, "task %lld skipped: result %d",
				    (long long)due.task, (int)due.result);
		}
		db_result_free(&r);
	} while (n > 0);
	return MARKET_OK;
}
