/*
 * Rate limits kept in the database, so they hold across processes and
 * machines: fixed windows of M minutes, at most N events each.
 */
#ifndef KAAJ_RATELIMIT_H
#define KAAJ_RATELIMIT_H

struct db;

/*
 * How many seconds to wait before bucket may see another event, when it
 * already had limit events in the current window of minutes; 0 when it
 * may. -1 on a database error. Counts nothing.
 */
int ratelimit_wait(struct db *db, const char *bucket, int limit,
    int minutes);

/*
 * Count one event in bucket's current window. Returns 0, or -1 on a
 * database error. One guarded statement: concurrent hits all count.
 */
int ratelimit_hit(struct db *db, const char *bucket, int minutes);

/* Forget bucket's current window (a good login clears its failures). */
int ratelimit_clear(struct db *db, const char *bucket, int minutes);

#endif
