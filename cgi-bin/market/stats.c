/*
 * The figures of a user's dashboard (stats.h).
 */
#include <stdio.h>
#include <string.h>

#include "storage/db.h"
#include "market/stats.h"

#define QUARTER_HOUR 900	/* seconds: the buckets of earnings */

static const char *const state_names[STATS_STATES] = {
	[STATS_CLAIMED] = "claimed", [STATS_PENDING] = "pending",
	[STATS_REVISE] = "revise", [STATS_SATISFIED] = "satisfied",
	[STATS_NOT_SATISFIED] = "not_satisfied",
	[STATS_DISPUTED] = "disputed", [STATS_EXPIRED] = "expired"
};

const char *
stats_state_name(enum stats_state s)
{
	return state_names[s];
}

/*
 * One row by the users primary key; the balances by the ledger's
 * kind_owner key; the escrow through campaigns.owner, one ledger account
 * per campaign; employer: the first entry of campaigns.owner or
 * deposits.user_id.
 */
int
stats_account(struct db *db, int64_t user, struct stats_account *a)
{
	struct db_result r;

	memset(a, 0, sizeof(*a));
	if (db_query(db, &r, "SELECT u.country, u.payout_method <> ''"
	    "  AS has_payout,"
	    " u.tasks_satisfied, u.tasks_rejected, u.rated_timed,"
	    " u.rate_seconds,"
	    " (SELECT balance FROM ledger_accounts"
	    "  WHERE kind = 'available' AND owner_id = u.id) AS available,"
	    " (SELECT balance FROM ledger_accounts"
	    "  WHERE kind = 'held' AND owner_id = u.id) AS held,"
	    " (SELECT SUM(e.balance) FROM campaigns c"
	    "  JOIN ledger_accounts e ON e.kind = 'escrow'"
	    "  AND e.owner_id = c.id WHERE c.owner_id = u.id) AS escrow,"
	    " EXISTS (SELECT 1 FROM campaigns WHERE owner_id = u.id)"
	    "  OR EXISTS (SELECT 1 FROM deposits WHERE user_id = u.id)"
	    "  AS employer"
	    " FROM users u WHERE u.id = ?", "i", user) != DB_OK)
		return -1;
	if (r.nrows == 1) {
		snprintf(a->country, sizeof(a->country), "%s",
		    db_value(&r, 0, "country") != NULL ?
		    db_value(&r, 0, "country") : "");
		a->has_payout = db_value_int(&r, 0, "has_payout") != 0;
		a->employer = db_value_int(&r, 0, "employer") != 0;
		a->satisfied = db_value_int(&r, 0, "tasks_satisfied");
		a->rejected = db_value_int(&r, 0, "tasks_rejected");
		a->rated_timed = db_value_int(&r, 0, "rated_timed");
		a->rate_seconds = db_value_int(&r, 0, "rate_seconds");
		a->available = db_value_int(&r, 0, "available");
		a->held = db_value_int(&r, 0, "held");
		a->escrow = db_value_int(&r, 0, "escrow");
	}
	db_result_free(&r);
	return 0;
}

/* The state a group of stats_tasks' query counts in. */
static enum stats_state
state_of(const char *status, int disputed)
{
	size_t i;

	if (status == NULL)
		return STATS_STATES;
	if (strcmp(status, "not_satisfied") == 0 && disputed)
		return STATS_DISPUTED;
	for (i = 0; i < STATS_STATES; i++)
		if (strcmp(state_names[i], status) == 0)
			return (enum stats_state)i;
	return STATS_STATES;
}

/*
 * The worker's tasks through tasks.worker, each with its campaign and
 * dispute by primary and unique key, grouped in the statement.
 */
int
stats_tasks(struct db *db, int64_t user, struct stats_tasks *t)
{
	struct db_result r;
	enum stats_state s;
	int64_t n;
	size_t i;

	memset(t, 0, sizeof(*t));
	if (db_query(db, &r, "SELECT t.status, d.status = 'open' AS disputed,"
	    " COUNT(*) AS n,"
	    " SUM(IF(t.status = 'pending', c.pay_per_task, 0)) AS waiting_pay"
	    " FROM tasks t JOIN campaigns c ON c.id = t.campaign_id"
	    " LEFT JOIN disputes d ON d.task_id = t.id"
	    " WHERE t.worker_id = ? GROUP BY t.status, disputed", "i",
	    user) != DB_OK)
		return -1;
	for (i = 0; i < r.nrows; i++) {
		n = db_value_int(&r, i, "n");
		t->total += n;
		t->pending_pay += db_value_int(&r, i, "waiting_pay");
		s = state_of(db_value(&r, i, "status"),
		    db_value_int(&r, i, "disputed") != 0);
		if (s < STATS_STATES)
			t->count[s] += n;
	}
	db_result_free(&r);
	return 0;
}

/*
 * The id of the first ledger leg of the first transaction at or after
 * since (sql/0016's key on created_at, then the txn_id key: two index
 * reads); the largest id when there is none. -1 on a database error.
 */
static int
first_leg_since(struct db *db, time_t since, int64_t *leg)
{
	struct db_result r;

	if (db_query(db, &r, "SELECT COALESCE(MIN(f.id), ~0 >> 1)"
	    " FROM ledger_legs f WHERE f.txn_id ="
	    " (SELECT s.id FROM ledger_transactions s"
	    "  WHERE s.created_at >= FROM_UNIXTIME(?)"
	    "  ORDER BY s.created_at, s.id LIMIT 1)", "i", (int64_t)since) !=
	    DB_OK)
		return -1;
	*leg = db_cell_int(&r, 0, 0);
	db_result_free(&r);
	return 0;
}

/*
 * The legs into the user's available account since the chart's first
 * day, with their transactions by primary key, summed per quarter hour in
 * the statement: at most 96 rows a day. Leg ids grow with time, so the
 * legs since then are the range of the user's (account_id, id) key from
 * the first leg of the first transaction an hour before the start (the
 * hour covers transactions that committed out of order), found first and
 * passed as a number so that the range is planned as one. The key is
 * named: where one user holds most of the legs, as in a young site,
 * MariaDB would rather read the whole table. The reading grows with the
 * user's last 30 days, not with their whole history.
 */
int
stats_earnings(struct db *db, int64_t user, const time_t *starts,
    size_t ndays, int64_t *per_day)
{
	struct db_result r;
	int64_t at, leg;
	size_t i, d;

	if (first_leg_since(db, starts[0] - 3600, &leg) == -1)
		return -1;
	if (db_query(db, &r, "SELECT UNIX_TIMESTAMP(t.created_at) DIV ? AS q,"
	    " SUM(l.amount) AS amount"
	    " FROM ledger_accounts a"
	    " JOIN ledger_legs l FORCE INDEX (account_id)"
	    "  ON l.account_id = a.id AND l.id >= ?"
	    " JOIN ledger_transactions t ON t.id = l.txn_id"
	    " WHERE a.kind = 'available' AND a.owner_id = ?"
	    " AND t.kind IN ('pay', 'bonus', 'overturn', 'referral')"
	    " AND t.created_at >= FROM_UNIXTIME(?)"
	    " AND t.created_at < FROM_UNIXTIME(?)"
	    " GROUP BY q", "iiiii", (int64_t)QUARTER_HOUR, leg, user,
	    (int64_t)starts[0], (int64_t)starts[ndays]) != DB_OK)
		return -1;
	for (i = 0; i < r.nrows; i++) {
		at = db_value_int(&r, i, "q") * QUARTER_HOUR;
		for (d = 0; d < ndays && at >= (int64_t)starts[d + 1]; d++)
			;
		if (d < ndays && at >= (int64_t)starts[d])
			per_day[d] += db_value_int(&r, i, "amount");
	}
	db_result_free(&r);
	return 0;
}

/*
 * The owner's campaigns through campaigns.owner (named: for GROUP BY
 * and ORDER BY c.id MariaDB reads the primary key, all the site's
 * campaigns, when the owner has many of them), each one's waiting
 * submissions through tasks.campaign_status.
 */
int
stats_campaigns(struct db *db, int64_t user, struct db_result *r)
{
	return db_query(db, r, "SELECT c.id AS Id, c.title AS Title,"
	    " c.status AS State, c.slots_total AS Total,"
	    " c.slots_done AS Done, COUNT(t.id) AS Waiting,"
	    " MIN(t.rate_by) AS `Oldest:time`, MIN(t.rate_by) AS oldest"
	    " FROM campaigns c FORCE INDEX (owner)"
	    " LEFT JOIN tasks t ON t.campaign_id = c.id"
	    " AND t.status = 'pending'"
	    " WHERE c.owner_id = ?"
	    " GROUP BY c.id"
	    " HAVING State IN ('pending', 'running', 'paused') OR Waiting > 0"
	    " ORDER BY c.id DESC", "i", user);
}
