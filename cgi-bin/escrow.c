/*
 * Campaign money over the ledger.
 */
#include "db.h"
#include "escrow.h"

enum ledger_result
escrow_fund(struct db *db, int64_t campaign, int64_t employer, int64_t total,
    int64_t fee, const char *key)
{
	struct ledger_leg legs[3] = {
		{ LEDGER_AVAILABLE, employer, -(total + fee) },
		{ LEDGER_ESCROW, campaign, total },
		{ LEDGER_REVENUE, 0, fee },
	};

	if (total <= 0 || fee < 0)
		return LEDGER_INVALID;
	return ledger_post(db, key, "fund", "campaign funded", employer, legs,
	    fee > 0 ? 3 : 2, NULL);
}

enum ledger_result
escrow_pay(struct db *db, int64_t campaign, int64_t worker, int64_t amount,
    const char *key)
{
	struct ledger_leg legs[2] = {
		{ LEDGER_ESCROW, campaign, -amount },
		{ LEDGER_AVAILABLE, worker, amount },
	};

	if (amount <= 0)
		return LEDGER_INVALID;
	return ledger_post(db, key, "pay", "task paid", 0, legs, 2, NULL);
}

enum ledger_result
escrow_bonus(struct db *db, int64_t employer, int64_t worker, int64_t amount,
    int64_t fee, const char *key)
{
	struct ledger_leg legs[3] = {
		{ LEDGER_AVAILABLE, employer, -(amount + fee) },
		{ LEDGER_AVAILABLE, worker, amount },
		{ LEDGER_REVENUE, 0, fee },
	};

	if (amount <= 0 || fee < 0)
		return LEDGER_INVALID;
	return ledger_post(db, key, "bonus", "bonus", employer, legs,
	    fee > 0 ? 3 : 2, NULL);
}

enum ledger_result
escrow_refund(struct db *db, int64_t campaign, int64_t employer,
    int64_t amount, const char *key)
{
	struct ledger_leg legs[2] = {
		{ LEDGER_ESCROW, campaign, -amount },
		{ LEDGER_AVAILABLE, employer, amount },
	};

	if (amount <= 0)
		return LEDGER_INVALID;
	return ledger_post(db, key, "refund", "unused escrow returned",
	    employer, legs, 2, NULL);
}
