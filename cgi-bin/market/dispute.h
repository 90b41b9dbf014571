/*
 * Disputes: a worker's appeal of a "not satisfied", decided by an admin
 * (docs/marketplace.md).
 */
#ifndef KAAJ_DISPUTE_H
#define KAAJ_DISPUTE_H

#include <stdint.h>

#include "market/market.h"

struct db;

/*
 * Open a dispute of task by its worker, with message (not empty), and
 * queue the campaign owner's "dispute.opened" webhooks in the same
 * transaction (accounts/webhooks.h). Only a
 * "not satisfied" task, once: MARKET_DONE_BEFORE when it was disputed
 * already; MARKET_NOT_ALLOWED when task is not worker's or the message is
 * empty; MARKET_WRONG_STATE when it is not "not satisfied".
 */
enum market_result dispute_open(struct db *db, int64_t task, int64_t worker,
    const char *message);

/*
 * Decide open dispute (admin), with an optional note. Upheld, the task
 * stays unpaid. Overturned, the task becomes satisfied and is paid
 * ("task:ID:pay") from its campaign's unused escrow when that holds the
 * pay, else from the employer's balance (MARKET_SHORT when neither does;
 * nothing changes then); pay from the escrow also pays the worker's
 * referrer their share (referral_pay); the worker's and the employer's
 * counts move from rejected to satisfied. The worker is told
 * ("dispute_overturned" or "dispute_upheld"), and the audit log has a row
 * of the decision (accounts/audit.h; MARKET_DB_ERROR when db has no
 * actor). MARKET_DONE_BEFORE: decided so already; MARKET_WRONG_STATE:
 * decided the other way.
 */
enum market_result dispute_decide(struct db *db, int64_t dispute,
    int64_t admin, int overturn, const char *note);

#endif
