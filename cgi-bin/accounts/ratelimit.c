/*
 * Database-backed fixed-window rate limits (table rate_limits).
 */
#include <time.h>

#include "storage/db.h"
#include "accounts/ratelimit.h"

/* Start of the window of minutes that holds now, in unix seconds. */
static int64_t
window_start(time_t now, int minutes)
{
	int64_t w = (int64_t)minutes * 60;

	return (int64_t)now - (int64_t)now % w;
}

int
ratelimit_wait(struct db *db, const char *bucket, int limit, int minutes)
{
	time_t now = time(NULL);
	int64_t start = window_start(now, minutes);
	struct db_result r;
	int64_t hits;

	if (db_query(db, &r, "SELECT hits FROM rate_limits"
	    " WHERE bucket = ? AND window_start = ?", "si", bucket,
	    start) != DB_OK)
		return -1;
	hits = r.nrows == 1 ? db_cell_int(&r, 0, 0) : 0;
	db_result_free(&r);
	if (hits < limit)
		return 0;
	return (int)(start + (int64_t)minutes * 60 - (int64_t)now) + 1;
}

int
ratelimit_hit(struct db *db, const char *bucket, int minutes)
{
	int64_t start = window_start(time(NULL), minutes);

	return db_exec(db, NULL, NULL,
	    "INSERT INTO rate_limits (bucket, window_start, hits, expires_at)"
	    " VALUES (?, ?, 1, FROM_UNIXTIME(?))"
	    " ON DUPLICATE KEY UPDATE hits = hits + 1", "sii", bucket, start,
	    start + (int64_t)minutes * 60) == DB_OK ? 0 : -1;
}

int
ratelimit_clear(struct db *db, const char *bucket, int minutes)
{
	int64_t start = window_start(time(NULL), minutes);

	return db_exec(db, NULL, NULL, "DELETE FROM rate_limits"
	    " WHERE bucket = ? AND window_start = ?", "si", bucket,
	    start) == DB_OK ? 0 : -1;
}
