/*
 * Campaign money over the ledger.
 */
#include <string.h>

#include "storage/db.h"
#include "money/escrow.h"

/*
 * Post amount from payer's available balance into the account to (its
 * amount is the amount), plus fee from payer to the site's revenue.
 */
static enum ledger_result
pay_with_fee(struct db *db, const char *key, const char *kind,
    const char *memo, const struct ledger_about *about, int64_t payer,
    struct ledger_leg to, int64_t fee)
{
	struct ledger_leg legs[3] = {
		{ LEDGER_AVAILABLE, payer, -(to.amount + fee) },
		to,
		{ LEDGER_REVENUE, 0, fee },
	};

	if (to.amount <= 0 || fee < 0)
		return LEDGER_INVALID;
	return ledger_post(db, key, kind, memo, payer, about, legs,
	    fee > 0 ? 3 : 2, NULL);
}

enum ledger_result
escrow_fund(struct db *db, int64_t campaign, int64_t employer, int64_t total,
    int64_t fee, const char *key)
{
	struct ledger_about about = { campaign, 0 };

	return pay_with_fee(db, key, "fund", "campaign funded", &about,
	    employer, (struct ledger_leg){ LEDGER_ESCROW, campaign, total },
	    fee);
}

enum ledger_result
escrow_pay(struct db *db, int64_t campaign, int64_t task, int64_t worker,
    int64_t amount, const char *kind, const char *key)
{
	struct ledger_about about = { campaign, task };
	struct ledger_leg legs[2] = {
		{ LEDGER_ESCROW, campaign, -amount },
		{ LEDGER_AVAILABLE, worker, amount },
	};

	if (amount <= 0)
		return LEDGER_INVALID;
	return ledger_post(db, key, kind, strcmp(kind, "overturn") == 0 ?
	    "task paid by an admin's decision" : "task paid", 0, &about, legs,
	    2, NULL);
}

enum ledger_result
escrow_bonus(struct db *db, int64_t campaign, int64_t task, int64_t employer,
    int64_t worker, int64_t amount, int64_t fee, const char *key)
{
	struct ledger_about about = { campaign, task };

	return pay_with_fee(db, key, "bonus", "bonus", &about, employer,
	    (struct ledger_leg){ LEDGER_AVAILABLE, worker, amount }, fee);
}

enum ledger_result
escrow_refund(struct db *db, int64_t campaign, int64_t task,
    int64_t employer, int64_t amount, const char *key)
{
	struct ledger_about about = { campaign, task };
	struct ledger_leg legs[2] = {
		{ LEDGER_ESCROW, campaign, -amount },
		{ LEDGER_AVAILABLE, employer, amount },
	};

	if (amount <= 0)
		return LEDGER_INVALID;
	return ledger_post(db, key, "refund", "unused escrow returned",
	    employer, &about, legs, 2, NULL);
}

enum ledger_result
escrow_unfund(struct db *db, int64_t campaign, int64_t employer,
    int64_t total, int64_t fee, const char *key)
{
	struct ledger_about about = { campaign, 0 };
	struct ledger_leg legs[3] = {
		{ LEDGER_ESCROW, campaign, -total },
		{ LEDGER_AVAILABLE, employer, total + fee },
		{ LEDGER_REVENUE, 0, -fee },
	};

	if (total <= 0 || fee < 0)
		return LEDGER_INVALID;
	return ledger_post(db, key, "refund", "campaign funding returned",
	    employer, &about, legs, fee > 0 ? 3 : 2, NULL);
}

int
escrow_funded(struct db *db, const char *key, int64_t *total, int64_t *fee)
{
	struct db_result r;
	size_t i;

	*total = *fee = 0;
	if (db_query(db, &r, "SELECT a.kind, l.amount"
	    " FROM ledger_transactions t"
	    " JOIN ledger_legs l ON l.txn_id = t.id"
	    " JOIN ledger_accounts a ON a.id = l.account_id"
	    " WHERE t.idem_key = ?", "s", key) != DB_OK)
		return -1;
	for (i = 0; i < r.nrows; i++) {
		if (strcmp(db_cell(&r, i, 0), "escrow") == 0)
			*total += db_cell_int(&r, i, 1);
		else if (strcmp(db_cell(&r, i, 0), "revenue") == 0)
			*fee += db_cell_int(&r, i, 1);
	}
	db_result_free(&r);
	return 0;
}
