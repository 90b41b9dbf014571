/*
 * A user's notifications, and the admins' queue of disputes.
 */
#include <stdio.h>
#include <string.h>

#include "storage/db.h"
#include "market/dispute.h"
#include "front/form.h"
#include "base/log.h"
#include "market/notify.h"
#include "pages/pages.h"

#define NOTIFY_LIST 100		/* notifications shown, newest first */
#define DISPUTE_LIST 100	/* open disputes shown, oldest first */
#define DECIDED_LIST 20		/* decided disputes shown, newest first */
#define NOTE_MAX 500		/* disputes.note */

/* An admin's decision on a dispute. */
enum { DECIDE_ID, DECIDE_DECISION, DECIDE_NOTE, DECIDE_FIELDS };
static const struct form_field decide_form[DECIDE_FIELDS] = {
	[DECIDE_ID] = FORM_ID_FIELD("id"),
	[DECIDE_DECISION] = { "decision", FORM_LINE, 1, 0, 0, NULL, NULL },
	[DECIDE_NOTE] = { "note", FORM_LINE, 0, 0, NOTE_MAX, NULL, NULL }
};

int
page_notifications(struct ctx *c)
{
	struct db_result r;
	size_t i;
	HDF *row;

	if (db_query(c->app->db, &r, "SELECT n.id, n.kind, n.task_id,"
	    " c.id, c.title, n.reason, n.created_at, n.read_at IS NULL"
	    " FROM notifications n LEFT JOIN tasks t ON t.id = n.task_id"
	    " LEFT JOIN campaigns c"
	    " ON c.id = COALESCE(n.campaign_id, t.campaign_id)"
	    " WHERE n.user_id = ? ORDER BY n.id DESC LIMIT ?", "ii",
	    c->session.user_id, (int64_t)NOTIFY_LIST) != DB_OK)
		return ctx_db_error(c);
	for (i = 0; i < r.nrows; i++) {
		if ((row = page_row(c->hdf, "Notes", i)) == NULL)
			continue;
		render_set(row, "Id", db_cell(&r, i, 0));
		render_set(row, "Kind", db_cell(&r, i, 1));
		render_set(row, "Task", db_cell(&r, i, 2));
		render_set(row, "CampaignId", db_cell(&r, i, 3));
		render_set(row, "Title", db_cell(&r, i, 4));
		render_set(row, "Reason", db_cell(&r, i, 5));
		render_set(row, "When", db_cell(&r, i, 6));
		render_set(row, "Unread", db_cell(&r, i, 7));
	}
	db_result_free(&r);
	/* Seen now: the header's count goes with them. */
	if (notify_mark_read(c->app->db, c->session.user_id) != DB_OK)
		return ctx_db_error(c);
	render_set(c->hdf, "User.Unread", "0");
	c->template = "notifications.cs";
	return 200;
}

/* One dispute of r (columns as in DISPUTE_COLS) at row of list. */
static void
set_dispute_row(HDF *hdf, const char *list, const struct db_result *r,
    size_t i)
{
	static const char *const names[] = { "Id", "Task", "Message", "When",
	    "Reason", "Worker", "CampaignId", "Title", NULL, "Employer",
	    "State", "Note", "Decided" };
	size_t k;
	HDF *row;

	if ((row = page_row(hdf, list, i)) == NULL)
		return;
	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
		if (names[k] != NULL)
			render_set(row, names[k], db_cell(r, i, k));
	page_set_money(row, "Pay", db_cell_int(r, i, 8));
}

#define DISPUTE_COLS "SELECT d.id, d.task_id, d.message, d.created_at," \
	" t.reason, w.username, c.id, c.title, c.pay_per_task, o.username," \
	" d.status, d.note, d.decided_at" \
	" FROM disputes d JOIN tasks t ON t.id = d.task_id" \
	" JOIN users w ON w.id = t.worker_id" \
	" JOIN campaigns c ON c.id = t.campaign_id" \
	" JOIN users o ON o.id = c.owner_id"

int
page_admin_disputes(struct ctx *c)
{
	struct db_result r;
	size_t i;

	if (db_query(c->app->db, &r, DISPUTE_COLS " WHERE d.status = 'open'"
	    " ORDER BY d.id LIMIT ?", "i", (int64_t)DISPUTE_LIST) != DB_OK)
		return ctx_db_error(c);
	for (i = 0; i < r.nrows; i++)
		set_dispute_row(c->hdf, "Open", &r, i);
	db_result_free(&r);
	if (db_query(c->app->db, &r, DISPUTE_COLS " WHERE d.status <> 'open'"
	    " ORDER BY d.decided_at DESC, d.id DESC LIMIT ?", "i",
	    (int64_t)DECIDED_LIST) != DB_OK)
		return ctx_db_error(c);
	for (i = 0; i < r.nrows; i++)
		set_dispute_row(c->hdf, "Decided", &r, i);
	db_result_free(&r);
	c->template = "admin_disputes.cs";
	return 200;
}

int
page_admin_dispute_decide(struct ctx *c)
{
	struct form_value v[DECIDE_FIELDS];
	const char *decision, *note, *notice;
	enum market_result mr;
	int64_t id;
	int overturn, rc;
	char to[96];

	if ((rc = form_read(c, decide_form, DECIDE_FIELDS, v)) != 0)
		return rc;
	id = v[DECIDE_ID].num;
	decision = v[DECIDE_DECISION].text;
	note = v[DECIDE_NOTE].text;
	overturn = strcmp(decision, "overturn") == 0;
	/* Buttons and a length the page itself sets: not a person's typing. */
	if ((!overturn && strcmp(decision, "uphold") != 0) ||
	    !v[DECIDE_NOTE].ok) {
		c->error_detail = "bad_id";
		return 400;
	}
	mr = dispute_decide(c->app->db, id, c->session.user_id, overturn,
	    *note != '\0' ? note : NULL);
	switch (mr) {
	case MARKET_OK:
		log_info(c->req->rid, "dispute %lld %s by admin %lld",
		    (long long)id, overturn ? "overturned" : "upheld",
		    (long long)c->session.user_id);
		notice = overturn ? "dispute_overturned" : "dispute_upheld";
		break;
	case MARKET_DONE_BEFORE:
	case MARKET_WRONG_STATE:
		notice = "dispute_decided_before";
		break;
	case MARKET_SHORT:
		notice = "dispute_short";
		break;
	case MARKET_NOT_FOUND:
		c->error_detail = "no_request";
		return 404;
	default:
		return ctx_db_error(c);
	}
	snprintf(to, sizeof(to), "/admin/disputes?notice=%s", notice);
	return ctx_redirect(c, 303, to);
}
