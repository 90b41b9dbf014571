/*
 * Rate limits kept in the database, so they hold across processes and
 * machines: fixed windows of M minutes, at most N events each.
 *
 * An attempt is counted before it is judged ("raise first, then
 * compare"): ratelimit_take counts it and says whether it is within the
 * limit in one statement, so forty guesses sent at once for a limit of
 * five let exactly five through. An attempt that turns out not to count
 * (a right password) is given back.
 */
#ifndef KAAJ_RATELIMIT_H
#define KAAJ_RATELIMIT_H

struct db;

/*
 * Count one event in bucket's current window of minutes. Returns 0 when
 * it is within limit (among the first limit events of the window, in the
 * order the database counted them), else the seconds until the window
 * ends (at least 1); -1 on a database error.
 */
int ratelimit_take(struct db *db, const char *bucket, int limit,
    int minutes);

/* Uncount one event of bucket's current window. Returns 0 or -1. */
int ratelimit_give_back(struct db *db, const char *bucket, int minutes);

/* Forget bucket's current window (a good login clears its failures). */
int ratelimit_clear(struct db *db, const char *bucket, int minutes);

#endif
