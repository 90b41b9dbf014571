/*
 * Tasks: one worker's claim of one slot of a campaign, through proof and
 * rating to payment (docs/marketplace.md). task.c claims, takes proof and
 * expires claims; rating.c rates, pays bonuses and approves by the clock.
 *
 * Every change is a guarded UPDATE checked by affected rows inside its own
 * db_txn, and every payment carries its ledger key, so a double click, a
 * retry or two cron runs on two machines act once.
 */
#ifndef KAAJ_TASK_H
#define KAAJ_TASK_H

#include <stdint.h>

#include "kaaj/jobtype.h"
#include "market/market.h"

struct db;
struct kaaj_config;

/* SHA-256 size of proof_hash and screenshot_hash. */
#define TASK_HASH_LEN 32

/* An employer's verdict on a submission. */
enum task_rating {
	TASK_SATISFIED,		/* pay it */
	TASK_NOT_SATISFIED,	/* reject it, with a reason */
	TASK_REVISE		/* send it back once, with a reason */
};

/*
 * Claim a slot of campaign for worker: campaign_may_take first (its
 * result and *why are returned as they are), then one transaction of the
 * guarded slots_taken + 1 and the task row, whose deadline is now plus
 * the campaign's minutes to finish, and, for a campaign with one item per
 * slot, the first free item bound to the task (market/items.h); a claim
 * that took the last free slot queues the owner's "campaign.out_of_slots"
 * webhooks in the same transaction (accounts/webhooks.h). *task_id gets
 * the task. MARKET_FULL:
 * no open slot; MARKET_TAKEN: worker has a task here (a racing second
 * claim). *why is a static string or NULL.
 */
enum market_result task_claim(struct db *db, int64_t campaign,
    int64_t worker, int64_t *task_id, const char **why);

/* Longest stored screenshot name, with its NUL (base/upload.h's). */
#define TASK_SHOT_MAX 64

/* Proof as the worker sent it, after the page checked it. */
struct task_proof {
	const struct kaaj_values *values;	/* text fields, declared order */
	const char *shot;		/* stored screenshot's name, or NULL */
	const unsigned char *shot_hash;	/* its SHA-256, or NULL */
	int refused;			/* the job type's check failed */
	int64_t min_seconds;		/* first proof sooner after the claim:
					 * a fraud signal (fraud.h); 0: none */
};

/* What a submission did. */
struct task_submitted {
	int64_t duplicate_of;		/* first task with the same proof */
	char replaced[TASK_SHOT_MAX];	/* screenshot it replaced, or "" */
};

/*
 * Submit worker's proof for task (claimed, or sent back to revise) before
 * its deadline. in->values holds the job type's text proof fields in
 * declared order (no screenshot fields); they replace any earlier proof,
 * screenshot included (out->replaced names the file the task no longer
 * holds, for the caller to remove). in->shot is the stored screenshot's
 * name and in->shot_hash its SHA-256 (TASK_HASH_LEN bytes), both NULL
 * without one. The task becomes pending, to be rated within the
 * campaign's days to rate. When the same proof text (values trimmed,
 * lower-cased, joined by 0x1f; none when all are empty) or the same
 * screenshot was sent first for another task of the campaign,
 * out->duplicate_of gets that task's id (else 0), which the employer
 * sees; copies sent at the same instant are ordered by the proof_marks
 * key, so exactly one of them is the first. Proof another worker sent
 * first (in this campaign, else in any), and a first proof sent less
 * than in->min_seconds after the claim, are written as fraud signals
 * (market/fraud.h) in the same transaction, and so are the owner's
 * "submission.arrived" webhooks (accounts/webhooks.h).
 *
 * The state is checked with the task's row locked, so proof is stored
 * only in a state that takes it: refused proof (in->refused) is never
 * stored, and when the task takes proof now the answer is
 * MARKET_BAD_PROOF, for the page to show the form's errors.
 * MARKET_EXPIRED: the deadline passed; the task was expired and its slot
 * freed (that much is committed). MARKET_DONE_BEFORE: it is pending
 * already. MARKET_WRONG_STATE: past proof. MARKET_NOT_ALLOWED: not
 * worker's task. On any answer but MARKET_OK, *out is zeroed.
 */
enum market_result task_submit(struct db *db, int64_t task, int64_t worker,
    const struct task_proof *in, struct task_submitted *out);

/*
 * The rating named s ("satisfied", "not_satisfied", "revise") into *tr:
 * 0, or -1 when s is none of them.
 */
int task_rating_parse(const char *s, enum task_rating *tr);

/*
 * Rate pending task as the owner of its campaign (employer); reason is
 * needed for TASK_NOT_SATISFIED and TASK_REVISE (MARKET_NOT_ALLOWED
 * without one). Satisfied pays from escrow ("task:ID:pay") and counts;
 * not satisfied counts, gives the slot back when reopen (the config's
 * marketplace.reopen_rejected) and, on a stopped campaign, returns the
 * pay to the owner; revise gives the worker a new deadline, once per task
 * (a second time: MARKET_NOT_ALLOWED). The worker is told ("approved",
 * "rejected", "revise"). MARKET_DONE_BEFORE: it was rated so already;
 * MARKET_WRONG_STATE: it is not pending.
 */
enum market_result task_rate(struct db *db, int64_t task, int64_t employer,
    enum task_rating rating, const char *reason, int reopen);

/*
 * Rate pending task as the system (rated_by stays NULL, as approval by
 * the clock), through the same guarded path as task_rate: satisfied pays
 * from escrow ("task:ID:pay"); not satisfied needs reason (the text the
 * worker sees, from the language file; MARKET_NOT_ALLOWED without one)
 * and gives the slot back per cfg->reopen_rejected. Results as
 * task_rate.
 */
enum market_result task_auto_rate(struct db *db,
    const struct kaaj_config *cfg, int64_t task, int satisfied,
    const char *reason);

/* What task_check_code did with a submitted completion code. */
enum task_code {
	TASK_CODE_UNCHECKED,	/* the campaign checks no codes */
	TASK_CODE_MATCH,	/* noted in tasks.code_ok, left to rate */
	TASK_CODE_MISMATCH,
	TASK_CODE_APPROVED,	/* matched, and approved and paid at once */
	TASK_CODE_REJECTED	/* wrong, and not satisfied at once */
};

/*
 * After pending task's proof was submitted: when its campaign has a
 * verify_secret and a verify_mode other than 'off', compare given (the
 * job type's verify_field) with the worker's expected code (verify.h),
 * store the outcome in tasks.code_ok, and with mode 'approve' rate it at
 * once by task_auto_rate (not satisfied with reason on a wrong code).
 * *verdict tells what happened. A task its employer rated in between
 * keeps that rating (MARKET_OK, *verdict MATCH or MISMATCH).
 */
enum market_result task_check_code(struct db *db,
    const struct kaaj_config *cfg, int64_t task, const char *given,
    const char *reason, enum task_code *verdict);

/*
 * Pay a bonus of amount on satisfied task from employer's (its campaign
 * owner's) balance, plus the task fee on it to revenue; one per task
 * ("task:ID:bonus"; a second: MARKET_DONE_BEFORE). Recorded in
 * tasks.bonus; the worker is told ("bonus"). MARKET_SHORT: not enough
 * money.
 */
enum market_result task_bonus(struct db *db, const struct kaaj_config *cfg,
    int64_t task, int64_t employer, int64_t amount);

/*
 * For cron: expire every claimed or revise task past its deadline, each
 * in its own transaction, freeing its slot (on a stopped campaign,
 * returning its pay) and telling the worker ("expired"). *count gets how
 * many this run expired; runs that overlap, on one machine or several,
 * expire each task once. MARKET_DB_ERROR stops the run.
 */
enum market_result task_expire_due(struct db *db, int64_t *count);

/*
 * For cron: approve every pending task past its rate_by as if its
 * employer had said satisfied (rated_by stays NULL), each in its own
 * transaction; overlapping runs pay each task once. *count gets how many
 * this run approved.
 */
enum market_result task_approve_due(struct db *db, int64_t *count);

#endif
