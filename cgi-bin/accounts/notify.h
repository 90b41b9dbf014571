/*
 * Notifications: one row per thing that happened to a user's work or
 * money. The row names a kind ("approved", "rejected", "revise", "bonus",
 * "expired", "dispute_overturned", "dispute_upheld", "campaign_approved",
 * "campaign_rejected", "campaign_stopped" (by an admin), "withdrawal_paid",
 * "withdrawal_rejected", "deposit_confirmed", "deposit_rejected"), and
 * optionally the task, the campaign and a reason; the page shows
 * Lang.Notify.KIND with them. Here, below money and market, because both
 * tell users what happened.
 */
#ifndef KAAJ_NOTIFY_H
#define KAAJ_NOTIFY_H

#include <stdint.h>

struct db;

/*
 * Tell user about kind. task and campaign may be 0 (stored as NULL), and
 * reason NULL. Meant for the inside of the caller's db_txn, so that the
 * notice comes with the change or not at all. Returns DB_OK or a db
 * failure.
 */
int notify(struct db *db, int64_t user, const char *kind, int64_t task,
    int64_t campaign, const char *reason);

/* *n gets how many notices user has not read. Returns DB_OK or a failure. */
int notify_unread_count(struct db *db, int64_t user, int64_t *n);

/* Mark every notice of user read. Returns DB_OK or a db failure. */
int notify_mark_read(struct db *db, int64_t user);

#endif
