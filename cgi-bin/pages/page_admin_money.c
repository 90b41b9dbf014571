/*
 * The admins' money queues: deposits to confirm or reject, withdrawals to
 * mark paid or reject with a reason. Each decision is one guarded update
 * in wallet.c, so of two admins deciding at once one wins and the other
 * is told it was decided already. Deposits of different users that claim
 * one transaction ID are a conflict: the queue shows them next to each
 * other, each with the other claims, and a unique key lets at most one
 * be confirmed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "storage/db.h"
#include "front/form.h"
#include "base/log.h"
#include "pages/pages.h"
#include "money/wallet.h"

#define QUEUE_MAX 100		/* pending requests shown, oldest first */
#define DECIDED_MAX 20		/* decided requests shown, latest first */
#define PAYOUT_REF_MAX 100	/* characters, as withdrawals.payout_ref */
#define CLAIMS_MAX 20		/* other claims of an ID shown with a request */
#define FILTER_MAX 120		/* characters of the search box: an account */

/*
 * The queue's search box ?q=: a username, a payout account or transaction
 * ID, or a request number (12 or #12), digits in any script. Into q (""
 * for all) and *id (0 when q is no number). 0, or -1 when q is wrong.
 */
static int
queue_filter(struct ctx *c, char *q, size_t len, int64_t *id)
{
	const char *num;

	*id = 0;
	if (page_query_box(c, "q", q, len, FILTER_MAX, "queue_query_bad") == -1)
		return -1;
	text_ascii_digits(q);
	num = q[0] == '#' ? q + 1 : q;
	if (num[0] != '\0' && strspn(num, "0123456789") == strlen(num) &&
	    strlen(num) <= 18)
		*id = strtoll(num, NULL, 10);
	return 0;
}

/*
 * Run the queries of a queue page of deposits (payout zero) or
 * withdrawals: pending (oldest first, at most QUEUE_MAX; Queue.More when
 * there are more) into Queue.Pending, and the latest decided into
 * Queue.Decided. pending_sql takes the search box four times (q, q, q as
 * a name or reference, its number) before its limit; while it is used the
 * decided are not listed. Returns 200, or 503.
 */
static int
queue_page(struct ctx *c, int payout, const char *pending_sql,
    const char *decided_sql, const char *template)
{
	char q[FILTER_MAX * 4 + 1];
	int64_t id;
	int n;

	c->template = template;
	if (queue_filter(c, q, sizeof(q), &id) == -1)
		return 200;
	if ((n = page_query_requests(c, "Queue.Pending", QUEUE_MAX, payout,
	    pending_sql, "sssii", q, q, q, id, (int64_t)QUEUE_MAX + 1)) == -1 ||
	    (q[0] == '\0' && page_query_requests(c, "Queue.Decided",
	    DECIDED_MAX, payout, decided_sql, "i", (int64_t)DECIDED_MAX) == -1))
		return ctx_db_error(c);
	if (n > QUEUE_MAX)
		render_set(c->hdf, "Queue.More", "1");
	return 200;
}

/*
 * Under each pending deposit of the page marked Conflict, the other live
 * (pending or confirmed) requests of its method and transaction ID, as
 * Queue.Pending.N.Claims (ClaimsMore when there are more than
 * CLAIMS_MAX). 0, or -1 on a database error.
 */
static int
set_claims(struct ctx *c)
{
	HDF *row = hdf_get_obj(c->hdf, "Queue.Pending");
	char list[64];
	int n;

	for (row = row != NULL ? hdf_obj_child(row) : NULL; row != NULL;
	    row = hdf_obj_next(row)) {
		if (hdf_get_int_value(row, "Conflict", 0) != 1)
			continue;
		snprintf(list, sizeof(list), "Queue.Pending.%s.Claims",
		    hdf_obj_name(row));
		if ((n = page_query_requests(c, list, CLAIMS_MAX, 0,
		    "SELECT o.id AS Id, u.username AS User, u.id AS UserId,"
		    " o.method,"
		    " o.amount AS `Amount:money`, o.status AS State,"
		    " o.receipt IS NOT NULL AS Receipt, o.created_at AS `When:time`"
		    " FROM deposits d JOIN deposits o ON o.method = d.method"
		    " AND o.txn_ref = d.txn_ref AND o.id <> d.id"
		    " AND o.status <> 'rejected'"
		    " JOIN users u ON u.id = o.user_id"
		    " WHERE d.id = ? ORDER BY o.id LIMIT ?", "ii",
		    text_id(hdf_get_value(row, "Id", NULL)),
		    (int64_t)CLAIMS_MAX + 1)) == -1)
			return -1;
		if (n > CLAIMS_MAX)
			render_set(row, "ClaimsMore", "1");
	}
	return 0;
}

/*
 * The deposits' queue. A pending request is in Conflict when another live
 * request has its method and transaction ID; requests of one ID are listed
 * together, where the oldest of them would be.
 */
int
page_admin_deposits(struct ctx *c)
{
	int rc;

	rc = queue_page(c, 0, "SELECT d.id AS Id, u.username AS User,"
	    " u.id AS UserId,"
	    " d.method, d.amount AS `Amount:money`, d.txn_ref AS TxnRef,"
	    " d.receipt IS NOT NULL AS Receipt, d.created_at AS `When:time`,"
	    " EXISTS (SELECT 1 FROM deposits o WHERE o.method = d.method"
	    " AND o.txn_ref = d.txn_ref AND o.id <> d.id"
	    " AND o.status <> 'rejected') AS Conflict"
	    " FROM deposits d JOIN users u ON u.id = d.user_id"
	    " WHERE d.status = 'pending' AND (? = '' OR u.username = ?"
	    " OR d.txn_ref = ? OR d.id = ?)"
	    " ORDER BY (SELECT MIN(o.id) FROM deposits o"
	    " WHERE o.method = d.method AND o.txn_ref = d.txn_ref"
	    " AND o.status = 'pending'), d.id LIMIT ?",
	    "SELECT d.id AS Id, u.username AS User, u.id AS UserId,"
	    " d.method,"
	    " d.amount AS `Amount:money`, d.txn_ref AS TxnRef,"
	    " d.receipt IS NOT NULL AS Receipt, d.status AS State,"
	    " d.reason AS Reason, a.username AS Admin, d.decided_at AS `When:time`"
	    " FROM deposits d JOIN users u ON u.id = d.user_id"
	    " LEFT JOIN users a ON a.id = d.decided_by"
	    " WHERE d.status <> 'pending'"
	    " ORDER BY d.decided_at DESC, d.id DESC LIMIT ?",
	    "admin_deposits.cs");
	if (rc == 200 && set_claims(c) == -1)
		return ctx_db_error(c);
	return rc;
}

int
page_admin_withdrawals(struct ctx *c)
{
	return queue_page(c, 1, "SELECT w.id AS Id, u.username AS User,"
	    " u.id AS UserId,"
	    " w.method, w.account AS Account, w.amount AS `Amount:money`,"
	    " w.fee AS `Fee:money`, w.amount - w.fee AS `ToPay:money`,"
	    " w.created_at AS `When:time`"
	    " FROM withdrawals w JOIN users u ON u.id = w.user_id"
	    " WHERE w.status = 'pending' AND (? = '' OR u.username = ?"
	    " OR w.account = ? OR w.id = ?) ORDER BY w.id LIMIT ?",
	    "SELECT w.id AS Id, u.username AS User, u.id AS UserId,"
	    " w.method,"
	    " w.account AS Account, w.amount AS `Amount:money`,"
	    " w.fee AS `Fee:money`, w.amount - w.fee AS `ToPay:money`,"
	    " w.status AS State, w.reason AS Reason,"
	    " w.payout_ref AS PayoutRef, a.username AS Admin,"
	    " w.decided_at AS `When:time`"
	    " FROM withdrawals w JOIN users u ON u.id = w.user_id"
	    " LEFT JOIN users a ON a.id = w.decided_by"
	    " WHERE w.status <> 'pending'"
	    " ORDER BY w.decided_at DESC, w.id DESC LIMIT ?",
	    "admin_withdrawals.cs");
}

/* The decision forms: a request id and, when asked, a reason or reference. */
enum { DECIDE_ID, DECIDE_TEXT, DECIDE_FIELDS };
static const struct form_field reason_form[DECIDE_FIELDS] = {
	[DECIDE_ID] = FORM_ID_FIELD("id"),
	[DECIDE_TEXT] = { "reason", FORM_LINE, 1, 0, REASON_MAX, NULL, NULL }
};
static const struct form_field pay_form[DECIDE_FIELDS] = {
	[DECIDE_ID] = FORM_ID_FIELD("id"),
	[DECIDE_TEXT] = { "payout_ref", FORM_LINE, 1, 0, PAYOUT_REF_MAX, NULL,
	    NULL }
};

/* deposit_confirm, in the shape of the decisions that take a text. */
static enum wallet_result
confirm(struct db *db, int64_t id, int64_t admin, const char *text)
{
	(void)text;
	return deposit_confirm(db, id, admin);
}

/* One decision an admin takes on a request. */
struct decision {
	const struct form_field *form;
	size_t n;		/* fields of form: 1 (the id), or 2 */
	const char *action;	/* AdminForm.Action of the form shown again */
	int (*queue)(struct ctx *c);	/* the page shown again */
	enum wallet_result (*act)(struct db *db, int64_t id, int64_t admin,
	    const char *text);
	const char *page;	/* where to go afterwards */
	const char *done;	/* Lang.Notice key, and the log's verb */
};

/* Every decision; each is posted to its page + "/" + its action. */
static const struct decision decisions[] = {
	{ reason_form, 1, "confirm", page_admin_deposits, confirm,
	    "/admin/deposits", "deposit_confirmed" },
	{ reason_form, 2, "reject", page_admin_deposits, deposit_reject,
	    "/admin/deposits", "deposit_rejected" },
	{ pay_form, 2, "pay", page_admin_withdrawals, withdrawal_pay,
	    "/admin/withdrawals", "withdrawal_paid" },
	{ reason_form, 2, "reject", page_admin_withdrawals, withdrawal_reject,
	    "/admin/withdrawals", "withdrawal_rejected" },
};

/*
 * Take decision d on the posted request: its queue again when the text
 * is wrong (that request's form shows the message), else back to the
 * queue with the notice for done (or "already_decided"), 404 for an
 * unknown request, 503.
 */
static int
decide(struct ctx *c, const struct decision *d)
{
	struct form_value v[DECIDE_FIELDS];
	char to[96];
	int rc;

	if ((rc = form_read(c, d->form, d->n, v)) != 0)
		return rc;
	if (form_errors(c) > 0) {
		render_setf(c->hdf, "AdminForm.Id", "%lld",
		    (long long)v[DECIDE_ID].num);
		render_set(c->hdf, "AdminForm.Action", d->action);
		return d->queue(c);
	}
	switch (d->act(c->app->db, v[DECIDE_ID].num, c->session.user_id,
	    d->n > 1 ? v[DECIDE_TEXT].text : NULL)) {
	case WALLET_OK:
		log_info(c->req->rid, "%s %lld by admin %lld", d->done,
		    (long long)v[DECIDE_ID].num, (long long)c->session.user_id);
		snprintf(to, sizeof(to), "%s?notice=%s", d->page, d->done);
		return ctx_redirect(c, 303, to);
	case WALLET_NOT_PENDING:
	case WALLET_DONE_BEFORE:
		snprintf(to, sizeof(to), "%s?notice=already_decided",
		    d->page);
		return ctx_redirect(c, 303, to);
	case WALLET_REF_CONFIRMED:	/* at the request, with its claims */
		snprintf(to, sizeof(to), "%s?notice=deposit_ref_confirmed"
		    "#deposit-%lld", d->page, (long long)v[DECIDE_ID].num);
		return ctx_redirect(c, 303, to);
	case WALLET_NOT_FOUND:
		c->error_detail = "no_request";
		return 404;
	default:
		return ctx_db_error(c);
	}
}

int
page_admin_decide(struct ctx *c)
{
	const struct decision *d;
	size_t n;

	for (d = decisions; d < decisions + FORM_N(decisions); d++) {
		n = strlen(d->page);
		if (strncmp(c->req->path, d->page, n) == 0 &&
		    c->req->path[n] == '/' &&
		    strcmp(c->req->path + n + 1, d->action) == 0)
			return decide(c, d);
	}
	return 404;
}
