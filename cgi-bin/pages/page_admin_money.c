/*
 * The admins' money queues: deposits to confirm or reject, withdrawals to
 * mark paid or reject with a reason. Each decision is one guarded update
 * in wallet.c, so of two admins deciding at once one wins and the other
 * is told it was decided already.
 */
#include <stdio.h>
#include <string.h>

#include "storage/db.h"
#include "front/form.h"
#include "base/log.h"
#include "pages/pages.h"
#include "money/wallet.h"

#define QUEUE_MAX 100		/* pending requests shown, oldest first */
#define DECIDED_MAX 20		/* decided requests shown, latest first */
#define REASON_MAX 500		/* characters, as deposits.reason */
#define PAYOUT_REF_MAX 100	/* characters, as withdrawals.payout_ref */

/*
 * Run the queries of a queue page of deposits (payout zero) or
 * withdrawals: pending (oldest first, at most QUEUE_MAX; Queue.More when
 * there are more) into Queue.Pending, and the latest decided into
 * Queue.Decided. Returns 200, or 503.
 */
static int
queue_page(struct ctx *c, int payout, const char *pending_sql,
    const char *decided_sql, const char *template)
{
	const struct kaaj_config *cfg = &c->app->cfg;
	struct db_result r;

	if (db_query(c->app->db, &r, pending_sql, "i",
	    (int64_t)QUEUE_MAX + 1) != DB_OK)
		return ctx_db_error(c);
	page_fill_requests(c->hdf, "Queue.Pending", &r, QUEUE_MAX, cfg,
	    payout);
	if (r.nrows > QUEUE_MAX)
		render_set(c->hdf, "Queue.More", "1");
	db_result_free(&r);
	if (db_query(c->app->db, &r, decided_sql, "i",
	    (int64_t)DECIDED_MAX) != DB_OK)
		return ctx_db_error(c);
	page_fill_requests(c->hdf, "Queue.Decided", &r, DECIDED_MAX, cfg,
	    payout);
	db_result_free(&r);
	c->template = template;
	return 200;
}

int
page_admin_deposits(struct ctx *c)
{
	return queue_page(c, 0, "SELECT d.id AS Id, u.username AS User,"
	    " d.method, d.amount AS `Amount:money`, d.txn_ref AS TxnRef,"
	    " d.receipt IS NOT NULL AS Receipt, d.created_at AS `When`"
	    " FROM deposits d JOIN users u ON u.id = d.user_id"
	    " WHERE d.status = 'pending' ORDER BY d.id LIMIT ?",
	    "SELECT d.id AS Id, u.username AS User, d.method,"
	    " d.amount AS `Amount:money`, d.txn_ref AS TxnRef,"
	    " d.receipt IS NOT NULL AS Receipt, d.status AS State,"
	    " d.reason AS Reason, a.username AS Admin, d.decided_at AS `When`"
	    " FROM deposits d JOIN users u ON u.id = d.user_id"
	    " LEFT JOIN users a ON a.id = d.decided_by"
	    " WHERE d.status <> 'pending'"
	    " ORDER BY d.decided_at DESC, d.id DESC LIMIT ?",
	    "admin_deposits.cs");
}

int
page_admin_withdrawals(struct ctx *c)
{
	return queue_page(c, 1, "SELECT w.id AS Id, u.username AS User,"
	    " w.method, w.account AS Account, w.amount AS `Amount:money`,"
	    " w.fee AS `Fee:money`, w.amount - w.fee AS `ToPay:money`,"
	    " w.created_at AS `When`"
	    " FROM withdrawals w JOIN users u ON u.id = w.user_id"
	    " WHERE w.status = 'pending' ORDER BY w.id LIMIT ?",
	    "SELECT w.id AS Id, u.username AS User, w.method,"
	    " w.account AS Account, w.amount AS `Amount:money`,"
	    " w.fee AS `Fee:money`, w.amount - w.fee AS `ToPay:money`,"
	    " w.status AS State, w.reason AS Reason,"
	    " w.payout_ref AS PayoutRef, a.username AS Admin,"
	    " w.decided_at AS `When`"
	    " FROM withdrawals w JOIN users u ON u.id = w.user_id"
	    " LEFT JOIN users a ON a.id = w.decided_by"
	    " WHERE w.status <> 'pending'"
	    " ORDER BY w.decided_at DESC, w.id DESC LIMIT ?",
	    "admin_withdrawals.cs");
}

/* The posted request id into *id: 0, or 400 when it is not one. */
static int
posted_id(struct ctx *c, int64_t *id)
{
	if ((*id = page_id(form_get(c, "id"))) > 0)
		return 0;
	c->error_detail = "bad_id";
	return 400;
}

/*
 * Check the posted text field: 1 to max characters, else it is marked
 * with Lang.Form.Error.FIELD_missing or FIELD_long. The form it came in
 * (action on request id) is the one shown with the message.
 */
static void
check_text(struct ctx *c, const char *field, size_t max, int64_t id,
    const char *action)
{
	const char *v = form_get(c, field), *p;
	char code[64];
	size_t n = 0;

	form_keep(c, field);
	/* Characters: the bytes that do not continue a UTF-8 sequence. */
	for (p = v; *p != '\0'; p++)
		n += ((unsigned char)*p & 0xc0) != 0x80;
	if (n == 0 || n > max) {
		snprintf(code, sizeof(code), "%s_%s", field, n == 0 ?
		    "missing" : "long");
		form_error(c, field, code);
		render_setf(c->hdf, "AdminForm.Id", "%lld", (long long)id);
		render_set(c->hdf, "AdminForm.Action", action);
	}
}

/*
 * Answer a decision on request id: back to page with the notice for done
 * (or "already_decided"), 404 for an unknown request, 503.
 */
static int
decided(struct ctx *c, enum wallet_result wr, const char *page,
    const char *done, int64_t id)
{
	char to[96];

	switch (wr) {
	case WALLET_OK:
		log_info(c->req->rid, "%s %lld by admin %lld", done,
		    (long long)id, (long long)c->session.user_id);
		snprintf(to, sizeof(to), "%s?notice=%s", page, done);
		return ctx_redirect(c, 303, to);
	case WALLET_NOT_PENDING:
	case WALLET_DONE_BEFORE:
		snprintf(to, sizeof(to), "%s?notice=already_decided", page);
		return ctx_redirect(c, 303, to);
	case WALLET_NOT_FOUND:
		c->error_detail = "no_request";
		return 404;
	default:
		return ctx_db_error(c);
	}
}

int
page_admin_deposit_confirm(struct ctx *c)
{
	int64_t id;
	int rc;

	if ((rc = posted_id(c, &id)) != 0)
		return rc;
	return decided(c, deposit_confirm(c->app->db, id, c->session.user_id),
	    "/admin/deposits", "deposit_confirmed", id);
}

int
page_admin_deposit_reject(struct ctx *c)
{
	int64_t id;
	int rc;

	if ((rc = posted_id(c, &id)) != 0)
		return rc;
	check_text(c, "reason", REASON_MAX, id, "reject");
	if (form_errors(c) > 0)
		return page_admin_deposits(c);
	return decided(c, deposit_reject(c->app->db, id, c->session.user_id,
	    form_get(c, "reason")), "/admin/deposits", "deposit_rejected", id);
}

int
page_admin_withdrawal_pay(struct ctx *c)
{
	int64_t id;
	int rc;

	if ((rc = posted_id(c, &id)) != 0)
		return rc;
	check_text(c, "payout_ref", PAYOUT_REF_MAX, id, "pay");
	if (form_errors(c) > 0)
		return page_admin_withdrawals(c);
	return decided(c, withdrawal_pay(c->app->db, id, c->session.user_id,
	    form_get(c, "payout_ref")), "/admin/withdrawals", "withdrawal_paid",
	    id);
}

int
page_admin_withdrawal_reject(struct ctx *c)
{
	int64_t id;
	int rc;

	if ((rc = posted_id(c, &id)) != 0)
		return rc;
	check_text(c, "reason", REASON_MAX, id, "reject");
	if (form_errors(c) > 0)
		return page_admin_withdrawals(c);
	return decided(c, withdrawal_reject(c->app->db, id, c->session.user_id,
	    form_get(c, "reason")), "/admin/withdrawals",
	    "withdrawal_rejected", id);
}
