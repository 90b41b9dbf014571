/*
 * Deposits, withdrawals and admin credits over the ledger.
 */
#include <stdio.h>
#include <string.h>

#include "storage/db.h"
#include "money/ledger.h"
#include "accounts/audit.h"
#include "accounts/notify.h"
#include "base/money.h"
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

/* A pending request, as claim() read it. */
struct pending {
	int64_t user, amount;
	int64_t fee;		/* withdrawals only; 0 for deposits */
};

/*
 * An admin's decision on a pending request: the guarded UPDATE that
 * claims it and the SELECT that reads it (both made by the CLAIM_
 * macros), the ledger transaction that follows (none when legs is NULL:
 * legs fills at most three legs and returns how many; the key is
 * key_prefix ID key_suffix), the notice its user gets, with the
 * decision's text when tell_text (a reason; else the text is a payout
 * reference), and the audit log's action and target kind.
 */
struct verdict {
	const char *update, *select;
	size_t (*legs)(const struct pending *p, struct ledger_leg *legs);
	const char *key_prefix, *key_suffix, *kind, *memo;
	const char *notice;
	int tell_text;
	const char *action, *target;
};

/*
 * The statements claim() runs on a request of table. The UPDATE sets set
 * (the new status and the column that gets the decision's text) and takes
 * the text, the admin and the request's id; the SELECT reads the user_id,
 * the amount and fee (a column, or 0) of the request's id.
 */
#define CLAIM_UPDATE(table, set)	"UPDATE " table " SET " set	\
	", decided_by = ?, decided_at = UTC_TIMESTAMP()"		\
	" WHERE id = ? AND status = 'pending'"
#define CLAIM_SELECT(table, fee)	"SELECT user_id, amount, " fee	\
	" FROM " table " WHERE id = ?"

struct decision {
	const struct verdict *verdict;
	int64_t id, admin;
	const char *text;	/* reason or payout reference */
	enum wallet_result result;
};

/*
 * Claim the pending request for the decision: one guarded UPDATE, so of
 * two admins clicking at once exactly one goes on. A unique key the new
 * status breaks (a deposit's ID confirmed in another request) refuses the
 * claim with WALLET_REF_CONFIRMED. Fills *p.
 */
static int
claim(struct db *db, struct decision *d, struct pending *p)
{
	struct db_result r;
	uint64_t affected;
	int rc;

	rc = db_exec(db, &affected, NULL, d->verdict->update, "sii", d->text,
	    d->admin, d->id);
	if (rc == DB_DUPLICATE) {
		d->result = WALLET_REF_CONFIRMED;
		return DB_ROLLBACK;
	}
	if (rc != DB_OK)
		return DB_ERROR;
	if (db_query(db, &r, d->verdict->select, "i", d->id) != DB_OK)
		return DB_ERROR;
	if (r.nrows == 0)
		d->result = WALLET_NOT_FOUND;
	else if (affected != 1)
		d->result = WALLET_NOT_PENDING;
	else {
		d->result = WALLET_OK;
		p->user = db_cell_int(&r, 0, 0);
		p->amount = db_cell_int(&r, 0, 1);
		p->fee = db_cell_int(&r, 0, 2);
	}
	db_result_free(&r);
	return d->result == WALLET_OK ? DB_OK : DB_ROLLBACK;
}

/*
 * Write the audit row of decision d on request p, whose ledger key is key
 * ("" for none): the reason, or the amount, the key and the payout
 * reference as its detail.
 */
static int
audit_decision(struct db *db, const struct decision *d,
    const struct pending *p, const char *key)
{
	const struct verdict *v = d->verdict;
	const char *ref = !v->tell_text && d->text != NULL ? d->text : "";
	char amount[32], detail[192];

	snprintf(detail, sizeof(detail), "amount %s%s%s%s%s",
	    money_format(p->amount, amount, sizeof(amount)),
	    key[0] != '\0' ? ", ledger " : "", key,
	    ref[0] != '\0' ? ", payout ref " : "", ref);
	return audit_write(db, v->action, v->target, d->id,
	    v->tell_text ? d->text : NULL, detail);
}

/*
 * Transaction body: claim the request, record the decision in the audit
 * log, move its money, tell its user. The audit row comes before the
 * money, so whatever refuses the money (the key used before) takes the
 * row back with it.
 */
static int
decide_body(struct db *db, void *arg)
{
	struct decision *d = arg;
	const struct verdict *v = d->verdict;
	struct ledger_leg legs[3];
	struct pending p;
	char key[64] = "";
	size_t n;
	int rc;

	d->result = WALLET_DB_ERROR;
	if ((rc = claim(db, d, &p)) != DB_OK)
		return rc;
	if (v->legs != NULL)
		snprintf(key, sizeof(key), "%s%lld%s", v->key_prefix,
		    (long long)d->id, v->key_suffix);
	if ((rc = audit_decision(db, d, &p, key)) != DB_OK)
		return rc;
	if (v->legs != NULL) {
		n = v->legs(&p, legs);
		rc = body_rc(ledger_post(db, key, v->kind, v->memo, d->admin,
		    NULL, legs, n, NULL), &d->result);
		if (rc != DB_OK)
			return rc;
	}
	return notify(db, p.user, v->notice, 0, 0,
	    v->tell_text ? d->text : NULL);
}

/* Decide request id as v says, by admin, with text (may be NULL). */
static enum wallet_result
decide(struct db *db, const struct verdict *v, int64_t id, int64_t admin,
    const char *text)
{
	struct decision d = { v, id, admin, text, WALLET_DB_ERROR };

	return txn_result(db_txn(db, decide_body, &d), &d.result);
}

/* A confirmed deposit: outside -> the user's available balance. */
static size_t
confirm_legs(const struct pending *p, struct ledger_leg *legs)
{
	legs[0] = (struct ledger_leg){ LEDGER_OUTSIDE, 0, -p->amount };
	legs[1] = (struct ledger_leg){ LEDGER_AVAILABLE, p->user, p->amount };
	return 2;
}

enum wallet_result
deposit_confirm(struct db *db, int64_t id, int64_t admin)
{
	static const struct verdict confirmed = {
		CLAIM_UPDATE("deposits", "status = 'confirmed', reason = ?"),
		CLAIM_SELECT("deposits", "0"), confirm_legs, "deposit:", "",
		"deposit", "deposit confirmed", "deposit_confirmed", 0,
		"deposit.confirm", "deposit"
	};

	return decide(db, &confirmed, id, admin, NULL);
}

enum wallet_result
deposit_reject(struct db *db, int64_t id, int64_t admin, const char *reason)
{
	static const struct verdict rejected = {
		CLAIM_UPDATE("deposits", "status = 'rejected', reason = ?"),
		CLAIM_SELECT("deposits", "0"), NULL, NULL, NULL, NULL, NULL,
		"deposit_rejected", 1, "deposit.reject", "deposit"
	};

	return decide(db, &rejected, id, admin, reason);
}

struct credit {
	int64_t user, amount;
	const char *reason, *key;
	enum wallet_result result;
};

/*
 * Transaction body: an admin's credit (or, below zero, debit) from
 * outside, recorded in the audit log first, so a key used before takes
 * the row back with the credit.
 */
static int
credit_body(struct db *db, void *arg)
{
	struct credit *c = arg;
	struct ledger_leg legs[2] = {
		{ LEDGER_OUTSIDE, 0, -c->amount },
		{ LEDGER_AVAILABLE, c->user, c->amount },
	};
	char amount[32], detail[128];
	int rc;

	c->result = WALLET_DB_ERROR;
	snprintf(detail, sizeof(detail), "amount %s, ledger %s",
	    money_format(c->amount, amount, sizeof(amount)), c->key);
	if ((rc = audit_write(db, c->amount > 0 ? "user.credit" :
	    "user.debit", "user", c->user, c->reason, detail)) != DB_OK)
		return rc;
	return body_rc(ledger_post(db, c->key, c->amount > 0 ? "credit" :
	    "debit", c->reason, 0, NULL, legs, 2, NULL), &c->result);
}

enum wallet_result
wallet_credit(struct db *db, int64_t user, int64_t amount, const char *reason,
    const char *key)
{
	struct credit c = { user, amount, reason, key, WALLET_DB_ERROR };

	if (amount == 0)
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
	/*
	 * Other users who asked for this payout account: a fraud signal
	 * each, for the admins (sql/0021_fraud.sql), once per pair; a range
	 * of (method, account, user_id).
	 */
	rc = db_exec(db, NULL, NULL, "INSERT IGNORE INTO fraud_signals"
	    " (kind, user_id, other_user_id, detail)"
	    " SELECT DISTINCT 'payout', ?, o.user_id,"
	    " LEFT(CONCAT(o.method, ' ', o.account), 160) FROM withdrawals o"
	    " WHERE o.method = ? AND o.account = ? AND o.user_id <> ?"
	    " LIMIT 5", "issi", w->user, w->method, w->account, w->user);
	if (rc != DB_OK)
		return rc;
	snprintf(key, sizeof(key), "withdrawal:%lld:hold", (long long)w->id);
	return body_rc(ledger_post(db, key, "withdrawal", "withdrawal requested",
	    w->user, NULL, legs, 2, NULL), &w->result);
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

/* A paid withdrawal: held -> outside (amount - fee) and revenue (fee). */
static size_t
pay_legs(const struct pending *p, struct ledger_leg *legs)
{
	legs[0] = (struct ledger_leg){ LEDGER_HELD, p->user, -p->amount };
	legs[1] = (struct ledger_leg){ LEDGER_OUTSIDE, 0, p->amount - p->fee };
	legs[2] = (struct ledger_leg){ LEDGER_REVENUE, 0, p->fee };
	return p->fee > 0 ? 3 : 2;
}

enum wallet_result
withdrawal_pay(struct db *db, int64_t id, int64_t admin,
    const char *payout_ref)
{
	static const struct verdict paid = {
		CLAIM_UPDATE("withdrawals", "status = 'paid', payout_ref = ?"),
		CLAIM_SELECT("withdrawals", "fee"), pay_legs, "withdrawal:",
		":paid", "payout", "withdrawal paid", "withdrawal_paid", 0,
		"withdrawal.pay", "withdrawal"
	};

	return decide(db, &paid, id, admin, payout_ref);
}

/* A rejected withdrawal: held -> available, the fee included. */
static size_t
refund_legs(const struct pending *p, struct ledger_leg *legs)
{
	legs[0] = (struct ledger_leg){ LEDGER_HELD, p->user, -p->amount };
	legs[1] = (struct ledger_leg){ LEDGER_AVAILABLE, p->user, p->amount };
	return 2;
}

enum wallet_result
withdrawal_reject(struct db *db, int64_t id, int64_t admin,
    const char *reason)
{
	static const struct verdict rejected = {
		CLAIM_UPDATE("withdrawals", "status = 'rejected', reason = ?"),
		CLAIM_SELECT("withdrawals", "fee"), refund_legs, "withdrawal:",
		":rejected", "refund", "withdrawal rejected",
		"withdrawal_rejected", 1, "withdrawal.reject", "withdrawal"
	};

	return decide(db, &rejected, id, admin, reason);
}
