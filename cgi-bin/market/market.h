/*
 * The marketplace's one result type, shared by campaigns, tasks, disputes
 * and notifications (docs/marketplace.md). Each operation runs its own
 * db_txn: on any result but MARKET_OK nothing was changed, except where a
 * function's contract says otherwise (a late submission still expires its
 * task).
 */
#ifndef KAAJ_MARKET_H
#define KAAJ_MARKET_H

enum market_result {
	MARKET_OK = 0,
	MARKET_DONE_BEFORE,	/* this very action happened already */
	MARKET_SHORT,		/* not enough money */
	MARKET_FULL,		/* no open slot */
	MARKET_TAKEN,		/* the worker already has a task here */
	MARKET_NOT_ALLOWED,	/* not this user's to do (or a bad argument) */
	MARKET_WRONG_STATE,	/* the campaign, task or dispute is past that */
	MARKET_NOT_FOUND,
	MARKET_EXPIRED,		/* the claim's deadline passed */
	MARKET_BAD_PROOF,	/* refused proof, for a task that takes proof */
	MARKET_DB_ERROR
};

#endif
