/*
 * GET /api/v1/account (docs/api.md): the key owner's name, the site's
 * currency, the balances (available, held for payouts) and the money in
 * the escrow of their campaigns, as decimal strings.
 */
#include "base/json.h"
#include "front/api.h"
#include "money/ledger.h"
#include "pages/pages.h"
#include "storage/db.h"

int
api_account(struct ctx *c)
{
	struct buf *b = &c->res->body;
	int64_t available, held, escrow;
	struct db_result r;

	if (ledger_balance(c->app->db, LEDGER_AVAILABLE, c->session.user_id,
	    &available) == -1 || ledger_balance(c->app->db, LEDGER_HELD,
	    c->session.user_id, &held) == -1)
		return ctx_db_error(c);
	if (db_query(c->app->db, &r, "SELECT COALESCE(SUM(a.balance), 0)"
	    " FROM campaigns k JOIN ledger_accounts a"
	    "  ON a.kind = 'escrow' AND a.owner_id = k.id"
	    " WHERE k.owner_id = ?", "i", c->session.user_id) != DB_OK)
		return ctx_db_error(c);
	escrow = db_cell_int(&r, 0, 0);
	db_result_free(&r);
	api_json(c);
	buf_puts(b, "{");
	json_member(b, "username", c->session.username);
	buf_puts(b, ",");
	json_member(b, "currency", c->app->cfg.currency);
	buf_puts(b, ",\"balance\":{");
	json_member_money(b, "available", available);
	buf_puts(b, ",");
	json_member_money(b, "held", held);
	buf_puts(b, "},");
	json_member_money(b, "escrow", escrow);
	buf_puts(b, "}\n");
	return 200;
}
