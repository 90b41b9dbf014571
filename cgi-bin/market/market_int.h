/*
 * Inside the marketplace: what campaign.c, task.c, rating.c and dispute.c
 * share. Nothing else includes this file.
 *
 * Locking rule: every change of a task after its claim first locks its
 * campaign's row (market_lock_task), and so do a campaign's stop and
 * every movement of its escrow. A stop and the end of one of its tasks
 * therefore happen one after the other, and the stop's count of
 * outstanding tasks and the escrow balance it reads cannot shift under it.
 */
#ifndef KAAJ_MARKET_INT_H
#define KAAJ_MARKET_INT_H

#include <stdint.h>

#include "money/ledger.h"
#include "market/market.h"

struct db;

/* A task and its campaign, read with the campaign's row locked. */
struct task_ctx {
	int64_t task, campaign;
	int64_t worker, owner;	/* the task's worker, the campaign's owner */
	int64_t pay;		/* the campaign's pay per task */
	int64_t minutes;	/* the campaign's minutes to finish */
	int64_t revisions;	/* the task's */
	int items;		/* the campaign has one item per slot */
	char campaign_status[16];
	char status[16];	/* the task's */
};

/*
 * SET terms that count, on the employer's users row, one more rating of
 * their tasks and the seconds since the task's submission; parameters:
 * the employer's id twice, then the task's id.
 */
#define RATE_TIME_SET "rated_timed = rated_timed + (id = ?)," \
	" rate_seconds = rate_seconds + IF(id = ?, COALESCE((SELECT" \
	" GREATEST(0, TIMESTAMPDIFF(SECOND, submitted_at, UTC_TIMESTAMP()))" \
	" FROM tasks WHERE id = ?), 0), 0)"

/* Key buffers: "campaign:ID:add:KEY" and friends fit the ledger's limit. */
#define MARKET_KEY_MAX	(LEDGER_KEY_MAX + 1)

/*
 * In a txn body: lock the row of task's campaign (SELECT ... FOR UPDATE)
 * and read the task and the campaign into *t. Returns DB_OK; DB_ROLLBACK
 * with *result = MARKET_NOT_FOUND when there is no such task; or a db
 * failure.
 */
int market_lock_task(struct db *db, int64_t task, struct task_ctx *t,
    enum market_result *result);

/*
 * campaign_may_take (campaign.h), and *items = 1 when the campaign has
 * one item per slot (market/items.h), read from the same row.
 */
enum market_result market_may_take(struct db *db, int64_t campaign,
    int64_t worker, const char *country, const char **why, int *items);

/*
 * In a txn body: what a ledger result means. LEDGER_OK gives DB_OK and
 * leaves *result alone; DONE_BEFORE, SHORT and INVALID set *result
 * (MARKET_DONE_BEFORE, MARKET_SHORT, MARKET_DB_ERROR) and give
 * DB_ROLLBACK; a database error gives DB_ERROR (db_txn retries when it
 * was a deadlock).
 */
int market_ledger(enum ledger_result lr, enum market_result *result);

/*
 * What a db_txn run came to, given where its body left its result. A
 * pointer, so that market_txn(db_txn(...), &x.result) reads the result
 * after the run: C leaves the order of evaluating arguments open.
 */
enum market_result market_txn(int rc, const enum market_result *body);

/*
 * In a txn body, after a guarded UPDATE made task t satisfied: pay it
 * from the escrow (key "task:ID:pay"), count it done on its campaign
 * (finished once every slot is), count it for the worker and the
 * employer, pay the worker's referrer their share (referral_pay), and
 * tell the worker ("approved"). Returns as market_ledger.
 */
int market_task_paid(struct db *db, const struct task_ctx *t,
    enum market_result *result);

/*
 * In a txn body, after a guarded UPDATE ended task t unpaid (expired or
 * not satisfied): give its slot back when free_slot (and its item, if
 * the campaign has items: market/items.h), and when the
 * campaign is stopped return the task's pay to the owner (key
 * "task:ID:refund"). Returns as market_ledger.
 */
int market_task_unpaid(struct db *db, const struct task_ctx *t,
    int free_slot, enum market_result *result);

/*
 * In a txn body, with campaign's row locked: *unused gets the part of its
 * escrow no task can still earn: the balance less the pay of every
 * outstanding task (claimed, pending, revise) and, while the campaign
 * runs or is paused, of every open slot. Returns DB_OK or DB_ERROR.
 */
int market_unused_escrow(struct db *db, int64_t campaign, int64_t *unused);

/* One task of a cron run: what market_each_due hands its body. */
struct market_due {
	int64_t task;
	int done;			/* the body acted on it */
	enum market_result result;
};

/*
 * For cron: run body, in its own db_txn, on each task id that select
 * returns. select takes the last id seen as its one parameter and returns
 * ids above it in ascending order, a batch at a time. A body that cannot
 * act (another run did, or money is short) is logged when it failed and
 * skipped. *count gets how many bodies acted; MARKET_DB_ERROR stops the
 * run.
 */
enum market_result market_each_due(struct db *db, const char *select,
    int (*body)(struct db *, void *), int64_t *count);

#endif
