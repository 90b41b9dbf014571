/*
 * Deposits, withdrawals and admin credits: the money a user brings in and
 * takes out, over the ledger. Each function runs its own db_txn, checks
 * the request's state with a guarded UPDATE, and posts one ledger
 * transaction with an idempotency key, so a repeated click or a retry
 * never moves money twice. The admins' actions (confirm, reject, pay,
 * credit) write their audit row (accounts/audit.h) in that transaction
 * and fail with WALLET_DB_ERROR when db has no actor; a refused or
 * repeated one writes none.
 */
#ifndef KAAJ_WALLET_H
#define KAAJ_WALLET_H

#include <stdint.h>

struct db;
struct kaaj_config;

enum wallet_result {
	WALLET_OK = 0,
	WALLET_DONE_BEFORE,	/* this very request was handled already */
	WALLET_NOT_PENDING,	/* decided by someone else first */
	WALLET_NOT_FOUND,
	WALLET_SHORT,		/* not enough money */
	WALLET_DUPLICATE_REF,	/* the user has a live request of that ID */
	WALLET_REF_CONFIRMED,	/* that ID is confirmed in another request */
	WALLET_INVALID,		/* an amount <= 0, or a fee not below it */
	WALLET_DB_ERROR
};

/*
 * Record a deposit request of amount by user through method, with the
 * payment's transaction ID txn_ref and an optional stored receipt file
 * name (NULL). Moves no money. *id gets the request's id.
 * WALLET_DUPLICATE_REF when the user has a pending or confirmed request
 * of that method and ID (the unique key live_ref decides); a rejected one
 * does not count. Another user's live request of the same ID does not
 * refuse it: both wait as a conflict for an admin to decide.
 */
enum wallet_result deposit_request(struct db *db, int64_t user,
    const char *method, int64_t amount, const char *txn_ref,
    const char *receipt, int64_t *id);

/*
 * Confirm deposit id (admin): outside -> the user's available balance.
 * WALLET_REF_CONFIRMED, and nothing changes, when another request of the
 * same method and ID is confirmed already (the unique key confirmed_ref
 * decides, so of two admins confirming two such requests at once, one
 * does).
 */
enum wallet_result deposit_confirm(struct db *db, int64_t id, int64_t admin);

/* Reject deposit id with a reason (admin). Moves no money. */
enum wallet_result deposit_reject(struct db *db, int64_t id, int64_t admin,
    const char *reason);

/*
 * Adjust user's available balance by amount from outside, once per ledger
 * key (kaaj-admin credit, an admin's adjustment on /admin/users): above
 * zero a credit (audit action user.credit, ledger kind "credit"), below
 * zero a debit (user.debit, "debit"), which the ledger's guarded update
 * refuses, WALLET_SHORT with nothing changed, when the balance is less.
 * WALLET_DONE_BEFORE, with nothing written, when key was used before;
 * WALLET_INVALID for zero.
 */
/* The longest reason of a credit or debit (characters): its ledger memo. */
#define CREDIT_REASON_MAX 200

enum wallet_result wallet_credit(struct db *db, int64_t user, int64_t amount,
    const char *reason, const char *key);

/*
 * Ask for a payout of amount (taken from available, held until an admin
 * acts; the user receives amount - fee) to method/account. request_key is
 * the form's one-time key: the same key twice makes one request
 * (WALLET_DONE_BEFORE). *id gets the request's id. Other users who asked
 * for the same method and account are written as fraud signals for the
 * admins (sql/0021_fraud.sql) in the same transaction.
 */
enum wallet_result withdrawal_request(struct db *db, int64_t user,
    const char *method, const char *account, int64_t amount, int64_t fee,
    const char *request_key, int64_t *id);

/*
 * Mark withdrawal id paid (admin), with the payment's reference: held ->
 * outside (amount - fee) and revenue (fee).
 */
enum wallet_result withdrawal_pay(struct db *db, int64_t id, int64_t admin,
    const char *payout_ref);

/* Reject withdrawal id with a reason (admin): held -> available. */
enum wallet_result withdrawal_reject(struct db *db, int64_t id,
    int64_t admin, const char *reason);

#endif
