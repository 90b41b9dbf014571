/*
 * Deposits, withdrawals and admin credits over the ledger.
 */
#include <stdio.h>
#include <string.h>

#include "storage/db.h"
#include "money/ledger.h"
#include "market/notify.h"
#include "money/wallet.h"

/* Map a ledger result inside a txn body to what db_txn should do. */
static int
body_rc(enum ledger_result lr, enum wallet_result *out)
{
	*out = lr == LEDGER_OK ? WALLET_OK :
	    lr == LEDGER_DONE_BEFORE ? WALLET_DONE_BEFORE :
	    lr == LEDGER_SHORT ? WALLET_SHORT : WALLET_DB_ERROR;
	return ledger_txn_rc(lr);
}

/*
 * What a run of db_txn came to. body is read through a pointer, so that
 * in txn_result(db_txn(..., &x), &x.result) it is read after the run:
 * the order in which arguments are evaluated is unspecified.
 */
static enum wallet_result
txn_result(int rc, const enum wallet_result *body)
{
	if (rc == DB_OK || rc == DB_ROLLBACK)
		return *body;
	return WALLET_DB_ERROR;
}

enum wallet_result
deposit_request(struct db *db, int64_t user, const char *method,
    int64_t amount, const char *txn_ref, const char *receipt, int64_t *id)
{
	uint64_t new_id;
	int rc;

	if (amount <= 0)
		return WALLET_INVALID;
	rc = db_exec(db, NULL, &new_id, "INSERT INTO deposits (user_id, method,"
	    " amount, txn_ref, receipt) VALUES (?, ?, ?, ?, ?)", "isiss",
	    user, method, amount, txn_ref, receipt);
	if (rc == DB_DUPLICATE)
		return WALLET_DUPLICATE_REF;
	if (rc != DB_OK)
		return WALLET_DB_ERROR;
	*id = (int64_t)new_id;
	return WALLET_OK;
}

struct decision {
	int64_t id, admin;
	const char *text;	/* reason or payout reference */
	enum wallet_result result;
};

/*
 * Claim a pending request of table for a decision: one guarded UPDATE,
 * so of two admins clicking at once exactly one goes on. Fills *user,
 * *amount and *fee (fee only for withdrawals).
 */
static int
claim(struct db *db, const char *update, const char *select,
    struct decision *d, int64_t *user, int64_t *amount, int64_t *fee)
{
	struct db_result r;
	uint64_t affected;

	if (db_exec(db, &affected, NULL, update, "sii", d->text, d->admin,
	    d->id) != DB_OK)
		return DB_ERROR;
	if (db_query(db, &r, select, "i", d->id) != DB_OK)
		return DB_ERROR;
	if (r.nrows == 0)
		d->result = WALLET_NOT_FOUND;
	else if (affected != 1)
		d->result = WALLET_NOT_PENDING;
	else {
		d->result = WALLET_OK;
		*user = db_cell_int(&r, 0, 0);
		*amount = db_cell_int(&r, 0, 1);
		*fee = r.ncols > 2 ? db_cell_int(&r, 0, 2) : 0;
	}
	db_result_free(&r);
	return d->result == WALLET_OK ? DB_OK : DB_ROLLBACK;
}

/* Transaction body: confirm a deposit and credit it. */
static int
confirm_body(struct db *db, void *arg)
{
	struct decision *d = arg;
	struct ledger_leg legs[2];
	int64_t user, amount, fee;
	char key[64];
	int rc;

	rc = claim(db, "UPDATE deposits SET status = 'confirmed', reason = ?,"
	    " decided_by = ?, decided_at = UTC_TIMESTAMP()"
	    " WHERE id = ? AND status = 'pending'",
	    "SELECT user_id, amount FROM deposits WHERE id = ?", d, &user,
	    &amount, &fee);
	if (rc != DB_OK)
		return rc;
	legs[0] = (struct ledger_leg){ LEDGER_OUTSIDE, 0, -amount };
	legs[1] = (struct ledger_leg){ LEDGER_AVAILABLE, user, amount };
	snprintf(key, sizeof(key), "deposit:%lld", (long long)d->id);
	rc = body_rc(ledger_post(db, key, "deposit", "deposit confirmed",
	    d->admin, legs, 2, NULL), &d->result);
	return rc == DB_OK ? notify(db, user, "deposit_confirmed", 0, 0, NULL) :
	    rc;
}

enum wallet_result
deposit_confirm(struct db *db, int64_t id, int64_t admin)
{
	struct decision d = { id, admin, NULL, WALLET_DB_ERROR };

	return txn_result(db_txn(db, confirm_body, &d), &d.result);
}

/* Transaction body: reject a deposit. */
static int
reject_deposit_body(struct db *db, void *arg)
{
	struct decision *d = arg;
	int64_t user, amount, fee;
	int rc;

	rc = claim(db, "UPDATE deposits SET status = 'rejected', reason = ?,"
	    " decided_by = ?, decided_at = UTC_TIMESTAMP()"
	    " WHERE id = ? AND status = 'pending'",
	    "SELECT user_id, amount FROM deposits WHERE id = ?", d, &user,
	    &amount, &fee);
	return rc == DB_OK ? notify(db, user, "deposit_rejected", 0, 0,
	    d->text) : rc;
}

enum wallet_result
deposit_reject(struct db *db, int64_t id, int64_t admin, const char *reason)
{
	struct decision d = { id, admin, reason, WALLET_DB_ERROR };

	return txn_result(db_txn(db, reject_deposit_body, &d), &d.result);
}

struct credit {
	int64_t user, amount;
	const char *reason, *key;
	enum wallet_result result;
};

/* Transaction body: an admin's credit from outside. */
static int
credit_body(struct db *db, void *arg)
{
	struct credit *c = arg;
	struct ledger_leg legs[2] = {
		{ LEDGER_OUTSIDE, 0, -c->amount },
		{ LEDGER_AVAILABLE, c->user, c->amount },
	};

	return body_rc(ledger_post(db, c->key, "credit", c->reason, 0, legs, 2,
	    NULL), &c->result);
}

enum wallet_result
wallet_credit(struct db *db, int64_t user, int64_t amount, const char *reason,
    const char *key)
{
	struct credit c = { user, amount, reason, key, WALLET_DB_ERROR };

	if (amount <= 0)
		return WALLET_INVALID;
	return txn_result(db_txn(db, credit_body, &c), &c.result);
}

struct withdrawal {
	int64_t user, amount, fee, id;
	const char *method, *account, *request_key;
	enum wallet_result result;
};

/* Transaction body: record the request and hold its amount. */
static int
request_body(struct db *db, void *arg)
{
	struct withdrawal *w = arg;
	struct ledger_leg legs[2] = {
		{ LEDGER_AVAILABLE, w->user, -w->amount },
		{ LEDGER_HELD, w->user, w->amount },
	};
	uint64_t id;
	char key[64];
	int rc;

	rc = db_exec(db, NULL, &id, "INSERT INTO withdrawals (user_id, method,"
	    " account, amount, fee, request_key) VALUES (?, ?, ?, ?, ?, ?)",
	    "issiis", w->user, w->method, w->account, w->amount, w->fee,
	    w->request_key);
	if (rc == DB_DUPLICATE) {
		w->result = WALLET_DONE_BEFORE;
		return DB_ROLLBACK;
	}
	if (rc != DB_OK)
		return rc;
	w->id = (int64_t)id;
	snprintf(key, sizeof(key), "withdrawal:%lld:hold", (long long)w->id);
	return body_rc(ledger_post(db, key, "withdrawal", "withdrawal requested",
	    w->user, legs, 2, NULL), &w->result);
}

enum wallet_result
withdrawal_request(struct db *db, int64_t user, const char *method,
    const char *account, int64_t amount, int64_t fee,
    const char *request_key, int64_t *id)
{
	struct withdrawal w = { user, amount, fee, 0, method, account,
	    request_key, WALLET_DB_ERROR };
	enum wallet_result r;

	if (amount <= 0 || fee < 0 || fee >= amount)
		return WALLET_INVALID;
	r = txn_result(db_txn(db, request_body, &w), &w.result);
	if (r == WALLET_OK)
		*id = w.id;
	return r;
}

/* Transaction body: pay out a held withdrawal. */
static int
pay_body(struct db *db, void *arg)
{
	struct decision *d = arg;
	struct ledger_leg legs[3];
	int64_t user, amount, fee;
	char key[64];
	int rc;

	rc = claim(db, "UPDATE withdrawals SET status = 'paid', payout_ref = ?,"
	    " decided_by = ?, decided_at = UTC_TIMESTAMP()"
	    " WHERE id = ? AND status = 'pending'",
	    "SELECT user_id, amount, fee FROM withdrawals WHERE id = ?", d,
	    &user, &amount, &fee);
	if (rc != DB_OK)
		return rc;
	legs[0] = (struct ledger_leg){ LEDGER_HELD, user, -amount };
	legs[1] = (struct ledger_leg){ LEDGER_OUTSIDE, 0, amount - fee };
	legs[2] = (struct ledger_leg){ LEDGER_REVENUE, 0, fee };
	snprintf(key, sizeof(key), "withdrawal:%lld:paid", (long long)d->id);
	rc = body_rc(ledger_post(db, key, "payout", "withdrawal paid",
	    d->admin, legs, fee > 0 ? 3 : 2, NULL), &d->result);
	return rc == DB_OK ? notify(db, user, "withdrawal_paid", 0, 0, NULL) :
	    rc;
}

enum wallet_result
withdrawal_pay(struct db *db, int64_t id, int64_t admin,
    const char *payout_ref)
{
	struct decision d = { id, admin, payout_ref, WALLET_DB_ERROR };

	return txn_result(db_txn(db, pay_body, &d), &d.result);
}

/* Transaction body: reject a withdrawal and give the money back. */
static int
reject_withdrawal_body(struct db *db, void *arg)
{
	struct decision *d = arg;
	struct ledger_leg legs[2];
	int64_t user, amount, fee;
	char key[64];
	int rc;

	rc = claim(db, "UPDATE withdrawals SET status = 'rejected', reason = ?,"
	    " decided_by = ?, decided_at = UTC_TIMESTAMP()"
	    " WHERE id = ? AND status = 'pending'",
	    "SELECT user_id, amount, fee FROM withdrawals WHERE id = ?", d,
	    &user, &amount, &fee);
	if (rc != DB_OK)
		return rc;
	legs[0] = (struct ledger_leg){ LEDGER_HELD, user, -amount };
	legs[1] = (struct ledger_leg){ LEDGER_AVAILABLE, user, amount };
	snprintf(key, sizeof(key), "withdrawal:%lld:rejected",
	    (long long)d->id);
	rc = body_rc(ledger_post(db, key, "refund", "withdrawal rejected",
	    d->admin, legs, 2, NULL), &d->result);
	return rc == DB_OK ? notify(db, user, "withdrawal_rejected", 0, 0,
	    d->text) : rc;
}

enum wallet_result
withdrawal_reject(struct db *db, int64_t id, int64_t admin,
    const char *reason)
{
	struct decision d = { id, admin, reason, WALLET_DB_ERROR };

	return txn_result(db_txn(db, reject_withdrawal_body, &d), &d.result);
}
