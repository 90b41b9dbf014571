/*
 * The figures of the admins' dashboard (site_stats.h).
 */
#include <stdio.h>
#include <string.h>

#include "base/chart.h"
#include "storage/db.h"
#include "market/site_stats.h"

int
site_figure_is_money(enum site_figure f)
{
	return f == SITE_DEPOSITED || f == SITE_PAID_OUT || f == SITE_FEES;
}

/*
 * The day of row i of r, whose column b is a group of step seconds from
 * starts[0]; -1 when it falls outside the ndays days.
 */
static long
row_day(const struct db_result *r, size_t i, const time_t *starts,
    size_t ndays, int64_t step)
{
	return chart_day_of(starts, ndays, (int64_t)starts[0] +
	    db_value_int(r, i, "b") * step);
}

/*
 * The ledger: the transactions of the days by sql/0016's created_at key,
 * their legs by txn_id, each leg's account by primary key; only the legs
 * of the outside world and of the revenue account are summed. The order
 * is forced: left to itself MariaDB starts from those two accounts and
 * reads every leg they ever had, the whole site's history. step
 * divides every day's length (chart_step), so a group lies in one day:
 * a row a day where days are 24 hours long.
 */
static int
ledger_days(struct db *db, const time_t *starts, size_t ndays, int64_t step,
    int64_t (*per_day)[SITE_FIGURES])
{
	struct db_result r;
	size_t i;
	long d;

	if (db_query(db, &r, "SELECT (UNIX_TIMESTAMP(t.created_at) - ?)"
	    " DIV ? AS b,"
	    " SUM(IF(t.kind = 'deposit' AND a.kind = 'outside',"
	    "  -l.amount, 0)) AS deposited,"
	    " SUM(IF(t.kind = 'payout' AND a.kind = 'outside',"
	    "  l.amount, 0)) AS paid_out,"
	    " SUM(IF(a.kind = 'revenue', l.amount, 0)) AS fees"
	    " FROM ledger_transactions t FORCE INDEX (created_at)"
	    " STRAIGHT_JOIN ledger_legs l FORCE INDEX (txn_id)"
	    "  ON l.txn_id = t.id"
	    " STRAIGHT_JOIN ledger_accounts a FORCE INDEX (PRIMARY)"
	    "  ON a.id = l.account_id"
	    " WHERE t.created_at >= FROM_UNIXTIME(?)"
	    " AND t.created_at < FROM_UNIXTIME(?)"
	    " AND a.kind IN ('outside', 'revenue')"
	    " GROUP BY b", "iiii", (int64_t)starts[0], step,
	    (int64_t)starts[0], (int64_t)starts[ndays]) != DB_OK)
		return -1;
	for (i = 0; i < r.nrows; i++) {
		if ((d = row_day(&r, i, starts, ndays, step)) < 0)
			continue;
		per_day[d][SITE_DEPOSITED] += db_value_int(&r, i, "deposited");
		per_day[d][SITE_PAID_OUT] += db_value_int(&r, i, "paid_out");
		per_day[d][SITE_FEES] += db_value_int(&r, i, "fees");
	}
	db_result_free(&r);
	return 0;
}

/*
 * The tables: four ranges of their time keys (sql/0018), each read from
 * the key alone, in one statement; column w says which figure a row is.
 */
static int
table_days(struct db *db, const time_t *starts, size_t ndays, int64_t step,
    int64_t (*per_day)[SITE_FIGURES])
{
	int64_t from = (int64_t)starts[0], to = (int64_t)starts[ndays], f;
	struct db_result r;
	size_t i;
	long d;

	if (db_query(db, &r, "SELECT ? AS w, (UNIX_TIMESTAMP(created_at) - ?)"
	    " DIV ? AS b, COUNT(*) AS n FROM users"
	    " WHERE created_at >= FROM_UNIXTIME(?)"
	    " AND created_at < FROM_UNIXTIME(?) GROUP BY b"
	    " UNION ALL SELECT ?, (UNIX_TIMESTAMP(activated_at) - ?) DIV ?,"
	    " COUNT(*) FROM users"
	    " WHERE activated_at >= FROM_UNIXTIME(?)"
	    " AND activated_at < FROM_UNIXTIME(?) GROUP BY 2"
	    " UNION ALL SELECT ?, (UNIX_TIMESTAMP(created_at) - ?) DIV ?,"
	    " COUNT(*) FROM campaigns"
	    " WHERE created_at >= FROM_UNIXTIME(?)"
	    " AND created_at < FROM_UNIXTIME(?) GROUP BY 2"
	    " UNION ALL SELECT IF(status = 'satisfied', ?, ?),"
	    " (UNIX_TIMESTAMP(rated_at) - ?) DIV ?, COUNT(*) FROM tasks"
	    " WHERE rated_at >= FROM_UNIXTIME(?)"
	    " AND rated_at < FROM_UNIXTIME(?)"
	    " AND status IN ('satisfied', 'not_satisfied')"
	    " GROUP BY 2, status",
	    "iiiiiiiiiiiiiiiiiiiii",
	    (int64_t)SITE_USERS, from, step, from, to,
	    (int64_t)SITE_ACTIVATIONS, from, step, from, to,
	    (int64_t)SITE_CAMPAIGNS, from, step, from, to,
	    (int64_t)SITE_APPROVED, (int64_t)SITE_REJECTED, from, step, from,
	    to) != DB_OK)
		return -1;
	for (i = 0; i < r.nrows; i++) {
		f = db_value_int(&r, i, "w");
		if (f < 0 || f >= SITE_FIGURES ||
		    (d = row_day(&r, i, starts, ndays, step)) < 0)
			continue;
		per_day[d][f] += db_value_int(&r, i, "n");
	}
	db_result_free(&r);
	return 0;
}

int
site_stats_days(struct db *db, const time_t *starts, size_t ndays,
    int64_t (*per_day)[SITE_FIGURES])
{
	int64_t step = chart_step(starts, ndays);

	if (ledger_days(db, starts, ndays, step, per_day) == -1 ||
	    table_days(db, starts, ndays, step, per_day) == -1)
		return -1;
	return 0;
}

/*
 * The queues by their status keys (the oldest withdrawal by sql/0018's
 * status_age, named: on a small table MariaDB reads it whole); the balances that hold money by
 * sql/0018's (kind, balance) key, the revenue account by kind_owner.
 */
int
site_stats_now(struct db *db, struct site_now *now)
{
	struct db_result r;
	const char *v;

	memset(now, 0, sizeof(*now));
	if (db_query(db, &r, "SELECT"
	    " (SELECT SUM(balance) FROM ledger_accounts"
	    "  WHERE kind = 'escrow' AND balance > 0) AS escrow,"
	    " (SELECT SUM(balance) FROM ledger_accounts"
	    "  WHERE kind IN ('available', 'held') AND balance > 0) AS owed,"
	    " (SELECT balance FROM ledger_accounts"
	    "  WHERE kind = 'revenue' AND owner_id = 0) AS revenue,"
	    " (SELECT COUNT(*) FROM deposits WHERE status = 'pending')"
	    "  AS deposits,"
	    " (SELECT COUNT(*) FROM withdrawals WHERE status = 'pending')"
	    "  AS payouts,"
	    " (SELECT TIMESTAMPDIFF(SECOND, MIN(created_at), UTC_TIMESTAMP())"
	    "  FROM withdrawals FORCE INDEX (status_age)"
	    "  WHERE status = 'pending') AS payout_age,"
	    " (SELECT COUNT(*) FROM disputes WHERE status = 'open')"
	    "  AS disputes,"
	    " (SELECT COUNT(*) FROM campaigns WHERE status = 'pending')"
	    "  AS moderation,"
	    " (SELECT COUNT(*) FROM fraud_flags"
	    "  WHERE created_at > UTC_TIMESTAMP() - INTERVAL 30 DAY) AS flags,"
	    " VERSION() AS db_version", "") != DB_OK)
		return -1;
	if (r.nrows == 1) {
		now->escrow = db_value_int(&r, 0, "escrow");
		now->owed = db_value_int(&r, 0, "owed");
		now->revenue = db_value_int(&r, 0, "revenue");
		now->deposits = db_value_int(&r, 0, "deposits");
		now->payouts = db_value_int(&r, 0, "payouts");
		now->payout_age = db_value(&r, 0, "payout_age") != NULL ?
		    db_value_int(&r, 0, "payout_age") : -1;
		now->disputes = db_value_int(&r, 0, "disputes");
		now->moderation = db_value_int(&r, 0, "moderation");
		now->flags = db_value_int(&r, 0, "flags");
		v = db_value(&r, 0, "db_version");
		snprintf(now->db_version, sizeof(now->db_version), "%s",
		    v != NULL ? v : "");
	}
	db_result_free(&r);
	return 0;
}
