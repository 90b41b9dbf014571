/*
 * Workers rate employers (review.h).
 */
#include <stdio.h>

#include "storage/db.h"
#include "market/review.h"

struct review {
	int64_t task, worker;
	const struct review_marks *m;
	enum market_result result;
};

static int
mark_ok(int v)
{
	return v >= REVIEW_MIN && v <= REVIEW_MAX;
}

/* Why task's review was not stored: DB_ROLLBACK with r->result set. */
static int
refused(struct db *db, struct review *r)
{
	struct db_result q;
	int rc;

	rc = db_query(db, &q, "SELECT t.status, e.task_id IS NOT NULL"
	    " FROM tasks t LEFT JOIN employer_reviews e ON e.task_id = t.id"
	    " WHERE t.id = ? AND t.worker_id = ?", "ii", r->task, r->worker);
	if (rc != DB_OK)
		return rc;
	r->result = q.nrows == 0 ? MARKET_NOT_FOUND :
	    db_cell_int(&q, 0, 1) != 0 ? MARKET_DONE_BEFORE :
	    MARKET_WRONG_STATE;
	db_result_free(&q);
	return DB_ROLLBACK;
}

/*
 * Transaction body: the review row, taken only from a rated task of the
 * worker as it is stored (INSERT ... SELECT, its primary key making it
 * once per task), then the employer's counters through that row.
 */
static int
review_txn(struct db *db, void *arg)
{
	struct review *r = arg;
	uint64_t affected = 0;
	int rc;

	rc = db_exec(db, &affected, NULL, "INSERT IGNORE INTO employer_reviews"
	    " (task_id, employer_id, worker_id, pay, clarity, speed)"
	    " SELECT t.id, c.owner_id, t.worker_id, ?, ?, ?"
	    " FROM tasks t JOIN campaigns c ON c.id = t.campaign_id"
	    " WHERE t.id = ? AND t.worker_id = ?"
	    " AND t.status IN ('satisfied', 'not_satisfied')", "iiiii",
	    (int64_t)r->m->pay, (int64_t)r->m->clarity,
	    (int64_t)r->m->speed, r->task, r->worker);
	if (rc != DB_OK)
		return rc;
	if (affected != 1)
		return refused(db, r);
	rc = db_exec(db, &affected, NULL, "UPDATE users u"
	    " JOIN employer_reviews e ON e.employer_id = u.id"
	    " SET u.reviews = u.reviews + 1,"
	    " u.review_pay_sum = u.review_pay_sum + e.pay,"
	    " u.review_clarity_sum = u.review_clarity_sum + e.clarity,"
	    " u.review_speed_sum = u.review_speed_sum + e.speed"
	    " WHERE e.task_id = ?", "i", r->task);
	if (rc != DB_OK)
		return rc;
	if (affected != 1) {
		r->result = MARKET_DB_ERROR;
		return DB_ROLLBACK;
	}
	r->result = MARKET_OK;
	return DB_OK;
}

enum market_result
review_employer(struct db *db, int64_t task, int64_t worker,
    const struct review_marks *m)
{
	struct review r = { task, worker, m, MARKET_DB_ERROR };

	if (!mark_ok(m->pay) || !mark_ok(m->clarity) || !mark_ok(m->speed))
		return MARKET_NOT_ALLOWED;
	if (db_txn(db, review_txn, &r) == DB_ERROR)
		return MARKET_DB_ERROR;
	return r.result;
}
