/*
 * Campaign money for the marketplace: funding a campaign's escrow, paying
 * tasks and bonuses, refunding what is left. Each call posts one ledger
 * transaction with the given idempotency key (such as "task:123:pay") and
 * must run inside the caller's db_txn, beside the marketplace's own
 * updates. LEDGER_SHORT or LEDGER_INVALID means: roll back.
 */
#ifndef KAAJ_ESCROW_H
#define KAAJ_ESCROW_H

#include <stdint.h>

#include "money/ledger.h"

struct db;

/*
 * Fund campaign with total from employer's available balance, plus fee to
 * the site's revenue.
 */
enum ledger_result escrow_fund(struct db *db, int64_t campaign,
    int64_t employer, int64_t total, int64_t fee, const char *key);

/*
 * Pay amount for task from campaign's escrow to worker's available
 * balance, as a transaction of kind ("pay", or "overturn" when an admin's
 * dispute decision pays it).
 */
enum ledger_result escrow_pay(struct db *db, int64_t campaign, int64_t task,
    int64_t worker, int64_t amount, const char *kind, const char *key);

/*
 * Pay a bonus of amount for task of campaign from employer's available
 * balance to worker, plus fee to revenue.
 */
enum ledger_result escrow_bonus(struct db *db, int64_t campaign,
    int64_t task, int64_t employer, int64_t worker, int64_t amount,
    int64_t fee, const char *key);

/*
 * Return amount of campaign's escrow to employer's available balance:
 * the pay of task, or (task 0) what a stopped campaign did not use.
 */
enum ledger_result escrow_refund(struct db *db, int64_t campaign,
    int64_t task, int64_t employer, int64_t amount, const char *key);

/*
 * Undo the funding of a campaign that never ran (a moderation rejection):
 * total out of its escrow and fee out of revenue, both back to employer's
 * available balance.
 */
enum ledger_result escrow_unfund(struct db *db, int64_t campaign,
    int64_t employer, int64_t total, int64_t fee, const char *key);

/*
 * What the funding transaction key moved: *total into escrow and *fee to
 * revenue (both 0 when there is no such transaction). Returns 0, or -1 on
 * a database error.
 */
int escrow_funded(struct db *db, const char *key, int64_t *total,
    int64_t *fee);

#endif
