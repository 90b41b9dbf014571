/*
 * The admins' view of outgoing mail: how much waits, the mails that
 * failed (out of tries: the sendmail command kept refusing them) with
 * their last error, the mails that wait longer than they should (tried
 * and refused, or not sent at all: kaaj-admin cron may not run), and
 * sending a failed mail again (mail_queue_retry: a guarded update, so two
 * clicks queue it once). The mails' texts are not shown: they hold
 * people's links.
 */
#include <stdio.h>

#include "accounts/mail_queue.h"
#include "base/log.h"
#include "front/form.h"
#include "pages/pages.h"
#include "storage/db.h"

#define LIST_MAX 100		/* rows of each list */
#define LATE_MINUTES 15		/* unsent this long after queued: late */

/* An admin's "send again" of one failed mail. */
enum { RETRY_ID, RETRY_FIELDS };
static const struct form_field retry_form[RETRY_FIELDS] = {
	[RETRY_ID] = FORM_ID_FIELD("id")
};

/* A mail as the lists show it: never its body. */
#define MAIL_COLS "SELECT id AS Id, recipient AS Recipient," \
	" subject AS Subject, attempts AS Attempts, last_error AS Error," \
	" status AS State, created_at AS `Created:time`," \
	" next_attempt_at AS `NextTry:time` FROM mail_queue"

int
page_admin_mail(struct ctx *c)
{
	struct db_result r;

	if (db_query(c->app->db, &r, "SELECT"
	    " (SELECT COUNT(*) FROM mail_queue"
	    " WHERE status IN ('queued', 'sending')) AS Waiting,"
	    " (SELECT COUNT(*) FROM mail_queue WHERE status = 'failed')"
	    " AS Failed,"
	    " (SELECT COUNT(*) FROM mail_queue WHERE status = 'sent') AS Sent",
	    "") != DB_OK)
		return ctx_db_error(c);
	page_fill(page_node(c->hdf, "Mail"), &r, 0);
	db_result_free(&r);
	render_setf(c->hdf, "Mail.LateMinutes", "%d", LATE_MINUTES);
	render_setf(c->hdf, "Mail.MaxAttempts", "%d",
	    c->app->cfg.mail_max_attempts);
	if (page_query_list(c, "Failed", MAIL_COLS " WHERE status = 'failed'"
	    " ORDER BY id DESC LIMIT ?", "i", (int64_t)LIST_MAX) != 0)
		return ctx_db_error(c);
	if (page_query_list(c, "Late", MAIL_COLS
	    " WHERE status IN ('queued', 'sending') AND (attempts > 0"
	    " OR created_at < UTC_TIMESTAMP() - INTERVAL ? MINUTE)"
	    " ORDER BY id LIMIT ?", "ii", (int64_t)LATE_MINUTES,
	    (int64_t)LIST_MAX) != 0)
		return ctx_db_error(c);
	c->template = "admin_mail.cs";
	return 200;
}

int
page_admin_mail_retry(struct ctx *c)
{
	struct form_value v[RETRY_FIELDS];
	int rc;

	if ((rc = form_read(c, retry_form, RETRY_FIELDS, v)) != 0)
		return rc;
	switch (mail_queue_retry(c->app->db, v[RETRY_ID].num)) {
	case 1:
		log_info(c->req->rid, "mail %lld queued again by admin %lld",
		    (long long)v[RETRY_ID].num,
		    (long long)c->session.user_id);
		return ctx_redirect(c, 303, "/admin/mail?notice=mail_requeued");
	case 0:
		return ctx_redirect(c, 303,
		    "/admin/mail?notice=mail_not_failed");
	default:
		return ctx_db_error(c);
	}
}
