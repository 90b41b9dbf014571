/*
 * A user's wallet: the balances, the deposit and withdrawal forms, the
 * user's own requests and the receipts of deposits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "storage/db.h"
#include "money/fees.h"
#include "front/form.h"
#include "money/ledger.h"
#include "base/log.h"
#include "base/money.h"
#include "pages/pages.h"
#include "base/upload.h"
#include "accounts/validate.h"
#include "money/wallet.h"

#define WALLET_LIST 20		/* requests of each kind the page shows */
#define TXN_REF_MAX 100		/* deposits.txn_ref */

/* The methods the forms offer, and the withdrawal fee rule. */
static void
set_methods(struct ctx *c)
{
	const struct kaaj_config *cfg = &c->app->cfg;

	page_set_methods(c);
	if (cfg->fee_withdrawal_ppm > 0)
		page_set_percent(c->hdf, "Wallet.FeePercent",
		    cfg->fee_withdrawal_ppm);
	if (cfg->fee_withdrawal_fixed > 0)
		page_set_money(c->hdf, "Wallet.FeeFixed",
		    cfg->fee_withdrawal_fixed);
}

/*
 * What the withdrawal form starts with: the payout details saved in the
 * user's settings, when that method is still offered. 0 or -1.
 */
static int
set_payout_defaults(struct ctx *c)
{
	struct db_result r;
	const char *method;

	if (db_query(c->app->db, &r, "SELECT payout_method, payout_account"
	    " FROM users WHERE id = ?", "i", c->session.user_id) != DB_OK)
		return -1;
	method = db_cell(&r, 0, 0);
	if (r.nrows == 1 && config_payout(&c->app->cfg, method) != NULL) {
		render_set(c->hdf, "WithdrawDefaults.method", method);
		render_set(c->hdf, "WithdrawDefaults.account",
		    db_cell(&r, 0, 1));
	}
	db_result_free(&r);
	return 0;
}

/* The user's latest deposit and withdrawal requests. 0 or -1. */
static int
set_requests(struct ctx *c)
{
	if (page_query_requests(c, "MyDeposits", WALLET_LIST, 0,
	    "SELECT id AS Id, method, amount AS `Amount:money`,"
	    " txn_ref AS TxnRef, receipt IS NOT NULL AS Receipt,"
	    " status AS State, reason AS Reason, created_at AS `When:time`"
	    " FROM deposits WHERE user_id = ? ORDER BY id DESC LIMIT ?", "ii",
	    c->session.user_id, (int64_t)WALLET_LIST) == -1)
		return -1;
	if (page_query_requests(c, "MyWithdrawals", WALLET_LIST, 1,
	    "SELECT id AS Id, method, account AS Account,"
	    " amount AS `Amount:money`, fee AS `Fee:money`,"
	    " amount - fee AS `Receive:money`, status AS State,"
	    " reason AS Reason, payout_ref AS PayoutRef, created_at AS `When:time`"
	    " FROM withdrawals WHERE user_id = ? ORDER BY id DESC LIMIT ?",
	    "ii", c->session.user_id, (int64_t)WALLET_LIST) == -1)
		return -1;
	return 0;
}

/*
 * The wallet page; posted names the form ("deposit", "withdraw") shown
 * again with what was typed and what is wrong, or is NULL. Returns 200,
 * or 503 with c->error_detail set.
 */
static int
wallet_page(struct ctx *c, const char *posted)
{
	int withdraw = posted != NULL && strcmp(posted, "withdraw") == 0;
	int64_t available, held;

	if (ledger_balance(c->app->db, LEDGER_AVAILABLE, c->session.user_id,
	    &available) == -1 || ledger_balance(c->app->db, LEDGER_HELD,
	    c->session.user_id, &held) == -1 ||
	    (!withdraw && set_payout_defaults(c) == -1) ||
	    set_requests(c) == -1)
		return ctx_db_error(c);
	page_set_money(c->hdf, "Wallet.Available", available);
	page_set_money(c->hdf, "Wallet.Held", held);
	set_methods(c);
	if (posted != NULL)
		render_set(c->hdf, "Wallet.Posted", posted);
	page_set_form_key(c, "Wallet.RequestKey", "request_key", withdraw);
	c->template = "wallet.cs";
	return 200;
}

int
page_wallet(struct ctx *c)
{
	return wallet_page(c, NULL);
}

/* The deposit form. */
enum { DEP_METHOD, DEP_AMOUNT, DEP_TXN_REF, DEP_FIELDS };
static const struct form_field deposit_form[DEP_FIELDS] = {
	[DEP_METHOD] = { "method", FORM_LINE, 0, 0, 0, NULL, NULL },
	[DEP_AMOUNT] = { "amount", FORM_MONEY, 1, 1, 0, NULL, NULL },
	[DEP_TXN_REF] = { "txn_ref", FORM_ASCII, 1, 0, TXN_REF_MAX, NULL,
	    NULL }
};

/* The withdrawal form. */
enum { WD_METHOD, WD_ACCOUNT, WD_AMOUNT, WD_KEY, WD_FIELDS };
static const struct form_field withdraw_form[WD_FIELDS] = {
	[WD_METHOD] = { "method", FORM_LINE, 0, 0, 0, NULL, NULL },
	[WD_ACCOUNT] = { "account", FORM_LINE, 1, 0, 0, "payout_account",
	    validate_payout_account },
	[WD_AMOUNT] = { "amount", FORM_MONEY, 1, 1, 0, NULL, NULL },
	[WD_KEY] = { "request_key", FORM_KEY, 1, 0, 0, NULL, NULL }
};

/*
 * Store the receipt screenshot when one was sent: name gets its stored
 * name, or "" when there is none. Returns 0, or -1 with the field marked.
 */
static int
store_receipt(struct ctx *c, char name[UPLOAD_NAME_MAX])
{
	const struct upload *u = upload_get(&c->req->files, "receipt");
	const char *why;

	name[0] = '\0';
	if (u == NULL || u->len == 0)
		return 0;
	if (upload_store(&c->app->cfg, "receipts", u->data, u->len, name,
	    &why) == -1) {
		name[0] = '\0';
		form_error(c, "receipt", why);
		return -1;
	}
	return 0;
}

int
page_wallet_deposit(struct ctx *c)
{
	struct form_value v[DEP_FIELDS];
	const struct config_deposit *d;
	const char *method, *txn_ref;
	char receipt[UPLOAD_NAME_MAX];
	enum wallet_result wr;
	struct db_result r;
	int64_t amount, id;
	int used;

	receipt[0] = '\0';
	form_read(c, deposit_form, DEP_FIELDS, v);
	method = v[DEP_METHOD].text;
	amount = v[DEP_AMOUNT].num;
	txn_ref = v[DEP_TXN_REF].text;
	if ((d = config_deposit(&c->app->cfg, method)) == NULL)
		form_error(c, "method", "deposit_method_unknown");
	if (v[DEP_AMOUNT].ok && d != NULL && amount < d->min)
		form_error_amount(c, "amount", "deposit_below_min", d->min);
	if (form_errors(c) > 0)
		return wallet_page(c, "deposit");
	/*
	 * The user's own live request of this ID refuses it (another user's
	 * makes a conflict for the admins instead). Say so before a receipt
	 * is stored; the unique key live_ref still decides.
	 */
	if (db_query(c->app->db, &r, "SELECT 1 FROM deposits"
	    " WHERE user_id = ? AND method = ? AND live_ref = ?", "iss",
	    c->session.user_id, method, txn_ref) != DB_OK)
		return ctx_db_error(c);
	used = r.nrows > 0;
	db_result_free(&r);
	if (used)
		form_error(c, "txn_ref", "txn_ref_used");
	else
		store_receipt(c, receipt);
	if (form_errors(c) > 0)
		return wallet_page(c, "deposit");
	wr = deposit_request(c->app->db, c->session.user_id, method, amount,
	    txn_ref, receipt[0] != '\0' ? receipt : NULL, &id);
	/*
	 * A receipt no request kept is not kept either; after a database
	 * error the request may have been stored all the same, so the sweep
	 * decides (admin/uploads.h).
	 */
	if (wr != WALLET_OK && wr != WALLET_DB_ERROR && receipt[0] != '\0')
		upload_remove(&c->app->cfg, "receipts", receipt);
	if (wr == WALLET_DUPLICATE_REF) {
		form_error(c, "txn_ref", "txn_ref_used");
		return wallet_page(c, "deposit");
	}
	if (wr != WALLET_OK)
		return ctx_db_error(c);
	log_info(c->req->rid, "deposit %lld requested by user %lld",
	    (long long)id, (long long)c->session.user_id);
	return ctx_redirect(c, 303, "/wallet?notice=deposit_sent");
}

int
page_wallet_withdraw(struct ctx *c)
{
	const struct kaaj_config *cfg = &c->app->cfg;
	struct form_value v[WD_FIELDS];
	const char *method, *account, *key;
	const struct config_payout *p;
	enum wallet_result wr;
	int64_t amount, fee = 0, id, balance;

	form_read(c, withdraw_form, WD_FIELDS, v);
	method = v[WD_METHOD].text;
	account = v[WD_ACCOUNT].text;
	amount = v[WD_AMOUNT].num;
	key = v[WD_KEY].text;
	if ((p = config_payout(cfg, method)) == NULL)
		form_error(c, "method", "payout_method_unknown");
	if (v[WD_AMOUNT].ok && p != NULL) {
		fee = fee_withdrawal(cfg, amount);
		if (amount < p->min)
			form_error_amount(c, "amount", "withdrawal_below_min",
			    p->min);
		else if (amount > p->max)
			form_error_amount(c, "amount", "withdrawal_above_max",
			    p->max);
		else if (amount <= fee)
			form_error_amount(c, "amount", "amount_below_fee", fee);
	}
	if (form_errors(c) > 0)
		return wallet_page(c, "withdraw");
	wr = withdrawal_request(c->app->db, c->session.user_id, method,
	    account, amount, fee, key, &id);
	switch (wr) {
	case WALLET_OK:
		log_info(c->req->rid, "withdrawal %lld requested by user %lld",
		    (long long)id, (long long)c->session.user_id);
		/* FALLTHROUGH */
	case WALLET_DONE_BEFORE:	/* the same form sent twice */
		return ctx_redirect(c, 303, "/wallet?notice=withdrawal_sent");
	case WALLET_SHORT:
		if (ledger_balance(c->app->db, LEDGER_AVAILABLE,
		    c->session.user_id, &balance) == -1)
			break;
		form_error_amount(c, "amount", "balance_short", balance);
		return wallet_page(c, "withdraw");
	default:
		break;
	}
	return ctx_db_error(c);
}

int
page_receipt(struct ctx *c)
{
	struct db_result r;
	char name[UPLOAD_NAME_MAX];
	int allowed;

	if (db_query(c->app->db, &r, "SELECT user_id, receipt FROM deposits"
	    " WHERE id = ?", "i", c->path_id) != DB_OK)
		return ctx_db_error(c);
	/* Someone else's receipt is "not found": its existence is private. */
	allowed = r.nrows == 1 && db_value(&r, 0, "receipt") != NULL &&
	    (db_value_int(&r, 0, "user_id") == c->session.user_id ||
	    c->session.is_admin);
	if (allowed)
		snprintf(name, sizeof(name), "%s", db_value(&r, 0, "receipt"));
	db_result_free(&r);
	if (!allowed)
		return 404;
	return page_send_image(c, "receipts", name, "receipt");
}
