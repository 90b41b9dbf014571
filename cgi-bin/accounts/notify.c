/*
 * Notifications.
 */
#include "storage/db.h"
#include "accounts/notify.h"

int
notify(struct db *db, int64_t user, const char *kind, int64_t task,
    int64_t campaign, const char *reason)
{
	return db_exec(db, NULL, NULL, "INSERT INTO notifications (user_id,"
	    " kind, task_id, campaign_id, reason)"
	    " VALUES (?, ?, NULLIF(?, 0), NULLIF(?, 0), ?)", "isiis", user,
	    kind, task, campaign, reason);
}

int
notify_unread_count(struct db *db, int64_t user, int64_t *n)
{
	struct db_result r;
	int rc;

	*n = 0;
	rc = db_query(db, &r, "SELECT COUNT(*) FROM notifications"
	    " WHERE user_id = ? AND read_at IS NULL", "i", user);
	if (rc != DB_OK)
		return rc;
	*n = db_cell_int(&r, 0, 0);
	db_result_free(&r);
	return DB_OK;
}

int
notify_mark_read(struct db *db, int64_t user)
{
	return db_exec(db, NULL, NULL, "UPDATE notifications"
	    " SET read_at = UTC_TIMESTAMP()"
	    " WHERE user_id = ? AND read_at IS NULL", "i", user);
}
