/*
 * The figures of a user's dashboard: their account (balances, record,
 * whether they employ), their tasks by state, their earnings of recent
 * days, and their live campaigns with the submissions waiting for them.
 *
 * Each is one statement whatever the user's history, read through the
 * user's own index entries (tasks.worker, campaigns.owner, the ledger's
 * kind_owner and account_id keys), never a scan of the site's tasks or
 * ledger: sql/0016 and docs/performance.md have the plans.
 */
#ifndef KAAJ_STATS_H
#define KAAJ_STATS_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct db;
struct db_result;

/* A user's account as the dashboard shows it. */
struct stats_account {
	char country[3];	/* "" when the profile has none */
	int has_payout;		/* a payout method is chosen */
	int employer;		/* ever posted a campaign or deposited */
	int64_t satisfied, rejected;	/* the worker's record */
	int64_t rated_timed, rate_seconds;	/* the employer's ratings */
	int64_t available, held;	/* balances, micro-units */
	int64_t escrow;		/* in all the user's campaigns' escrow */
};

/* Read user's account into *a. Returns 0, or -1 on a database error. */
int stats_account(struct db *db, int64_t user, struct stats_account *a);

/*
 * The states a worker's task is counted in, in the order shown: taken,
 * proof sent, sent back, approved, not approved (no open dispute),
 * disputed (not approved, the dispute open), expired.
 */
enum stats_state {
	STATS_CLAIMED, STATS_PENDING, STATS_REVISE, STATS_SATISFIED,
	STATS_NOT_SATISFIED, STATS_DISPUTED, STATS_EXPIRED, STATS_STATES
};

/* The name of state s: "claimed", ... "disputed" (tasks.status's). */
const char *stats_state_name(enum stats_state s);

struct stats_tasks {
	int64_t count[STATS_STATES];
	int64_t total;			/* every task the worker took */
	int64_t pending_pay;		/* pay of the tasks waiting for a
					 * rating, micro-units */
};

/* Count user's tasks into *t. Returns 0, or -1 on a database error. */
int stats_tasks(struct db *db, int64_t user, struct stats_tasks *t);

/*
 * Add what user earned (task pay, bonuses, overturned rejections paid
 * by an admin, referral shares) into per_day[0 .. ndays-1], day d being
 * from starts[d] up to starts[d + 1] (ndays + 1 ascending times, each on
 * a quarter hour, as every zone's midnight is). Amounts before starts[0]
 * or from starts[ndays] on are left out. Returns 0, or -1 on a database error.
 */
int stats_earnings(struct db *db, int64_t user, const time_t *starts,
    size_t ndays, int64_t *per_day);

/*
 * user's campaigns that are live (waiting for moderation, running,
 * paused) or have submissions waiting for a rating, newest first, into
 * *r: Id, Title, State, Total and Done (slots), Waiting (submissions),
 * `Oldest:time` and oldest (the earliest time a waiting one is approved
 * by itself, UTC). Returns DB_OK or a failure; the caller frees *r.
 */
int stats_campaigns(struct db *db, int64_t user, struct db_result *r);

#endif
