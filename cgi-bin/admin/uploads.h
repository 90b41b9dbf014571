/*
 * kaaj-admin's sweep of the upload folder: removes stored screenshots and
 * receipts that no row names.
 *
 * A page stores an upload before the transaction that names it and
 * removes it again when the transaction refuses it. Two things still
 * leave a file no row names: a process killed between the two, and a
 * database error after which the page cannot know whether its COMMIT
 * landed (it keeps the file then, since removing it could leave a row
 * naming a missing file). The sweep removes such files once they are
 * older than any request can be.
 */
#ifndef KAAJ_ADMIN_UPLOADS_H
#define KAAJ_ADMIN_UPLOADS_H

#include <stdint.h>
#include <time.h>

struct db;
struct kaaj_config;

#define UPLOADS_MIN_AGE (60 * 60)	/* seconds: older than any request */

struct uploads_swept {
	int64_t old;		/* stored files at least min_age old */
	int64_t removed;	/* of those, the ones no row named */
};

/*
 * Remove every file of the upload folders older than min_age seconds
 * that no row names, asking the database about names in batches (one
 * index look-up per name). Returns 0, or -1 after saying why on stderr
 * (what was removed until then stays counted in *out).
 */
int uploads_sweep(struct db *db, const struct kaaj_config *cfg,
    time_t min_age, struct uploads_swept *out);

/*
 * For cron: the same with UPLOADS_MIN_AGE, but at most once an hour
 * across every machine sharing the database; *ran says whether this call
 * was the one. Returns 0 or -1.
 */
int uploads_sweep_hourly(struct db *db, const struct kaaj_config *cfg,
    int *ran, struct uploads_swept *out);

#endif
