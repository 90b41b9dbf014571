/*
 * The double-entry ledger. Every movement of money is one transaction of
 * legs that sum to zero, with a unique idempotency key; the accounts'
 * cached balances change in the same SQL transaction, each by one guarded
 * UPDATE, so no balance that must stay positive can go below zero, however
 * many requests race. Call these inside db_txn().
 */
#ifndef KAAJ_LEDGER_H
#define KAAJ_LEDGER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct db;

enum ledger_kind {
	LEDGER_AVAILABLE,	/* a user's spendable balance (owner: user) */
	LEDGER_HELD,		/* a user's money held for a withdrawal */
	LEDGER_ESCROW,		/* a campaign's unpaid task money (owner: campaign) */
	LEDGER_REVENUE,		/* the site's fees (owner 0) */
	LEDGER_OUTSIDE		/* the world deposits come from (owner 0) */
};

enum ledger_result {
	LEDGER_OK = 0,
	LEDGER_DONE_BEFORE,	/* the key was used: this already happened */
	LEDGER_SHORT,		/* an account would go below zero */
	LEDGER_INVALID,		/* legs do not sum to zero, a zero leg, ... */
	LEDGER_DB_ERROR		/* includes retries: let db_txn run it again */
};

#define LEDGER_MAX_LEGS 8
#define LEDGER_KEY_MAX 120

/* What a transaction belongs to; 0 where it belongs to none. */
struct ledger_about {
	int64_t campaign;
	int64_t task;		/* a task's money: its campaign is set too */
};

struct ledger_leg {
	enum ledger_kind kind;
	int64_t owner;		/* user or campaign id; 0 for revenue, outside */
	int64_t amount;		/* + into the account, - out of it */
};

/*
 * The id of the account kind/owner, made on first use. Returns 0, or -1
 * on a database error.
 */
int ledger_account(struct db *db, enum ledger_kind kind, int64_t owner,
    int64_t *id);

/*
 * Post one transaction: key (unique, at most LEDGER_KEY_MAX bytes), kind
 * (a short word such as "deposit", which statements describe from the
 * language file), memo (a note for the books; statements show only a
 * credit's, the admin's reason), actor (the user who caused it, 0 for the
 * system), about (the campaign and task it belongs to, which statements
 * name; NULL for none), and n legs summing to zero. On
 * LEDGER_SHORT or LEDGER_INVALID the caller must roll back (return
 * DB_ROLLBACK from the db_txn body); on LEDGER_DONE_BEFORE nothing was
 * written and nothing needs to be. *txn_id (may be NULL) gets the new
 * transaction's id.
 */
enum ledger_result ledger_post(struct db *db, const char *key,
    const char *kind, const char *memo, int64_t actor,
    const struct ledger_about *about, const struct ledger_leg *legs,
    size_t n, int64_t *txn_id);

/*
 * In a db_txn body, what the transaction does after a ledger result lr:
 * DB_OK for LEDGER_OK; DB_ROLLBACK for LEDGER_DONE_BEFORE, LEDGER_SHORT
 * and LEDGER_INVALID (nothing of the body may stay); DB_ERROR for a
 * database error (db_txn runs the body again when it was a deadlock).
 */
int ledger_txn_rc(enum ledger_result lr);

/*
 * The cached balance of kind/owner (0 when it has no account yet).
 * Returns 0, or -1 on a database error.
 */
int ledger_balance(struct db *db, enum ledger_kind kind, int64_t owner,
    int64_t *balance);

/* Its name in the database ("available", ...). */
const char *ledger_kind_name(enum ledger_kind kind);

/*
 * Check the whole ledger: every transaction's legs sum to zero, every
 * cached balance equals the sum of its legs, and no account that must not
 * be negative is. Writes one line per problem to out, naming the account
 * or transaction. Returns the number of problems, or -1 on a database
 * error.
 */
int ledger_check(struct db *db, FILE *out);

/* What the ledger's legs add up to, per kind of account, in micro-units. */
struct ledger_totals {
	int64_t escrow;		/* every campaign's escrow */
	int64_t owed;		/* users' available and held balances */
	int64_t revenue;	/* the site's fees */
	int64_t outside;	/* the world: minus what came in, net */
};

/*
 * Sum every leg by its account's kind into *t (not the cached balances:
 * what ledger_check proves them equal to). Reads the whole ledger.
 * Returns 0, or -1 on a database error.
 */
int ledger_totals(struct db *db, struct ledger_totals *t);

#endif
