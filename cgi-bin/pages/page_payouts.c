/*
 * The public payout page: whether this site pays, for anyone to see
 * before they work here. The withdrawals waiting now, oldest first and
 * without names or accounts, and over the last 30 days how many were
 * paid, how much, and the average and slowest time from request to
 * payment.
 */
#include <stdio.h>

#include "storage/db.h"
#include "pages/pages.h"

#define QUEUE_SHOWN 50		/* waiting requests listed */

/*
 * The last 30 days of payouts, read through withdrawals' paid key
 * (status, decided_at), so older payouts are never read.
 */
static int
set_month(struct ctx *c)
{
	struct db_result r;
	int64_t n, avg, worst;

	if (db_query(c->app->db, &r, "SELECT COUNT(*) AS n,"
	    " COALESCE(SUM(amount - fee), 0) AS `Paid:money`,"
	    " CAST(COALESCE(AVG(TIMESTAMPDIFF(SECOND, created_at,"
	    " decided_at)), 0) AS SIGNED) AS avg_s,"
	    " COALESCE(MAX(TIMESTAMPDIFF(SECOND, created_at, decided_at)), 0)"
	    "  AS max_s FROM withdrawals WHERE status = 'paid'"
	    " AND decided_at > UTC_TIMESTAMP() - INTERVAL 30 DAY", "") !=
	    DB_OK)
		return -1;
	n = db_value_int(&r, 0, "n");
	avg = db_value_int(&r, 0, "avg_s");
	worst = db_value_int(&r, 0, "max_s");
	page_fill(page_node(c->hdf, "Month"), &r, 0);
	db_result_free(&r);
	render_set_int(c->hdf, "Month.Count", n);
	if (n > 0) {
		page_set_duration(c->hdf, "Month.Average", avg);
		page_set_duration(c->hdf, "Month.Slowest", worst);
	}
	return 0;
}

/*
 * How many requests wait and how long the oldest has waited, through
 * withdrawals' status key: only waiting requests are read.
 */
static int
set_waiting(struct ctx *c)
{
	struct db_result r;

	if (db_query(c->app->db, &r, "SELECT COUNT(*) AS n,"
	    " TIMESTAMPDIFF(SECOND, MIN(created_at), UTC_TIMESTAMP()) AS s"
	    " FROM withdrawals WHERE status = 'pending'", "") != DB_OK)
		return -1;
	render_set_int(c->hdf, "Waiting.Count", db_value_int(&r, 0, "n"));
	if (db_value_int(&r, 0, "n") > 0)
		page_set_duration(c->hdf, "Waiting.Oldest",
		    db_value_int(&r, 0, "s"));
	db_result_free(&r);
	return 0;
}

int
page_payouts(struct ctx *c)
{
	int n;

	if (set_month(c) == -1)
		return ctx_db_error(c);
	/*
	 * Waiting requests, oldest first through withdrawals' status key:
	 * the amount, the method and how long it waits; never who or where.
	 */
	n = page_query_requests(c, "Queue", QUEUE_SHOWN, 1, "SELECT"
	    " id AS Id, method, amount AS `Amount:money`,"
	    " created_at AS `When:time` FROM withdrawals"
	    " WHERE status = 'pending' ORDER BY id LIMIT ?", "i",
	    (int64_t)QUEUE_SHOWN + 1);
	if (n == -1 || set_waiting(c) == -1)
		return ctx_db_error(c);
	if (n > QUEUE_SHOWN)
		render_set(c->hdf, "QueueMore", "1");
	c->template = "payouts.cs";
	return 200;
}
