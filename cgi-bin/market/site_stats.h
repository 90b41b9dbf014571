/*
 * The figures of the admins' dashboard: the site's activity by day
 * (sign-ups, activations, campaigns, ratings, money in, out and kept)
 * and where it stands now (money owed, the queues).
 *
 * Every figure is read from the tables and the ledger, never from a
 * counter kept beside them. Each call is a fixed number of statements,
 * each an index range over the days asked for or over the rows that are
 * waiting or hold money now (sql/0018, docs/performance.md).
 */
#ifndef KAAJ_SITE_STATS_H
#define KAAJ_SITE_STATS_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct db;

/* What is counted per day. */
enum site_figure {
	SITE_USERS,		/* accounts made (users.created_at) */
	SITE_ACTIVATIONS,	/* accounts activated (users.activated_at) */
	SITE_CAMPAIGNS,		/* campaigns made (campaigns.created_at) */
	SITE_APPROVED,		/* tasks rated satisfied (tasks.rated_at) */
	SITE_REJECTED,		/* tasks rated not satisfied */
	SITE_DEPOSITED,		/* confirmed deposits: outside -> users */
	SITE_PAID_OUT,		/* paid withdrawals: -> outside, fee left out */
	SITE_FEES,		/* what the revenue account gained (net of
				 * fees given back with a campaign's
				 * funding) */
	SITE_FIGURES
};

/* Whether figure f is an amount of money (micro-units) or a count. */
int site_figure_is_money(enum site_figure f);

/*
 * Add the site's activity of ndays days into per_day[d][f], day d being
 * from starts[d] up to starts[d + 1] (ndays + 1 ascending UTC times, as
 * tz_local_days gives them). Two statements. Returns 0, or -1 on a
 * database error.
 */
int site_stats_days(struct db *db, const time_t *starts, size_t ndays,
    int64_t (*per_day)[SITE_FIGURES]);

/* Where the site stands now. */
struct site_now {
	int64_t escrow;		/* in campaigns' escrow */
	int64_t owed;		/* users' available and held balances */
	int64_t revenue;	/* the revenue account's balance */
	int64_t deposits;	/* deposit requests waiting */
	int64_t payouts;	/* withdrawal requests waiting */
	int64_t payout_age;	/* seconds the oldest has waited; -1: none */
	int64_t disputes;	/* disputes open */
	int64_t moderation;	/* campaigns waiting for moderation */
	int64_t flags;		/* fraud flags of the last 30 days */
	char db_version[64];	/* the database server's version */
};

/* Read *now in one statement. Returns 0, or -1 on a database error. */
int site_stats_now(struct db *db, struct site_now *now);

#endif
