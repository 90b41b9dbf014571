/*
 * A user's notifications.
 */
#include <stdio.h>
#include <string.h>

#include "storage/db.h"
#include "accounts/notify.h"
#include "pages/pages.h"

#define NOTIFY_LIST 100		/* notifications shown, newest first */

int
page_notifications(struct ctx *c)
{
	if (page_query_list(c, "Notes", "SELECT n.id AS Id, n.kind AS Kind,"
	    " n.task_id AS Task, c.id AS CampaignId, c.title AS Title,"
	    " n.reason AS Reason, n.created_at AS `When:time`,"
	    " n.read_at IS NULL AS Unread"
	    " FROM notifications n LEFT JOIN tasks t ON t.id = n.task_id"
	    " LEFT JOIN campaigns c"
	    " ON c.id = COALESCE(n.campaign_id, t.campaign_id)"
	    " WHERE n.user_id = ? ORDER BY n.id DESC LIMIT ?", "ii",
	    c->session.user_id, (int64_t)NOTIFY_LIST) != 0)
		return ctx_db_error(c);
	/* Seen now: the header's count goes with them. */
	if (notify_mark_read(c->app->db, c->session.user_id) != DB_OK)
		return ctx_db_error(c);
	render_set(c->hdf, "User.Unread", "0");
	c->template = "notifications.cs";
	return 200;
}
