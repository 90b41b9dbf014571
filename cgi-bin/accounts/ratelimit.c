/*
 * Database-backed fixed-window rate limits (table rate_limits).
 */
#include <stdint.h>
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
ratelimit_take(struct db *db, const char *bucket, int limit, int minutes)
{
	time_t now = time(NULL);
	int64_t start = window_start(now, minutes);
	int64_t end = start + (int64_t)minutes * 60;
	uint64_t hits = 0;

	/*
	 * LAST_INSERT_ID(expr) hands this statement's own count back as
	 * the insert id: the row's count right after this event, whatever
	 * other connections add at the same time.
	 */
	if (db_exec(db, NULL, &hits,
	    "INSERT INTO rate_limits (bucket, window_start, hits, expires_at)"
	    " VALUES (?, ?, LAST_INSERT_ID(1), FROM_UNIXTIME(?))"
	    " ON DUPLICATE KEY UPDATE hits = LAST_INSERT_ID(hits + 1)", "sii",
	    bucket, start, end) != DB_OK)
		return -1;
	if (hits <= (uint64_t)limit)
		return 0;
	return (int)(end - (int64_t)now) + 1;
}

int
ratelimit_give_back(struct db *db, const char *bucket, int minutes)
{
	int64_t start = window_start(time(NULL), minutes);

	return db_exec(db, NULL, NULL, "UPDATE rate_limits SET hits = hits - 1"
	    " WHERE bucket = ? AND window_start = ? AND hits > 0", "si",
	    bucket, start) == DB_OK ? 0 : -1;
}

int
ratelimit_clear(struct db *db, const char *bucket, int minutes)
{
	int64_t start = window_start(time(NULL), minutes);

	return db_exec(db, NULL, NULL, "DELETE FROM rate_limits"
	    " WHERE bucket = ? AND window_start = ?", "si", bucket,
	    start) == DB_OK ? 0 : -1;
}
