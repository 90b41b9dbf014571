/*
 * A user's statement: the ledger lines of their available balance, newest
 * first, each with the balance after it; as pages (keyset pagination by
 * leg id) and as one CSV file. Both read the lines with the same queries,
 * so the file and the pages agree line for line.
 *
 * Each page costs two statements: the lines, then the balance after the
 * first of them as the sum of the account's legs up to it. Every leg of an
 * account is written together with a guarded update of that account's
 * row, so its legs commit in the order of their ids, and a line that
 * commits between the two statements lies above the page and changes
 * neither.
 */
#include <stdio.h>
#include <string.h>

#include "base/csv.h"
#include "storage/db.h"
#include "base/money.h"
#include "base/timezone.h"
#include "pages/pages.h"

#define STATEMENT_PAGE 50	/* lines on a page */
#define CSV_CHUNK 500		/* lines read at once for the file */

/*
 * The columns of a line: leg id, date, kind, memo, amount, and what it
 * belongs to: the campaign's title, and whether the user may open the
 * task (its worker) or the campaign (its owner); for a referral share,
 * the referred user whose task earned it (Friend), named instead of the
 * employer's task. Three joins by primary key, so naming the task or the
 * friend costs no query per line.
 */
#define LINES_SQL "SELECT l.id AS Id, t.created_at AS `When:time`," \
	" t.kind AS Kind, t.memo AS Memo, l.amount," \
	" t.task_id AS TaskId, t.campaign_id AS CampaignId, c.title AS Title," \
	" k.worker_id = a.owner_id AS MyTask," \
	" c.owner_id = a.owner_id AS MyCampaign, f.username AS Friend" \
	" FROM ledger_legs l" \
	" JOIN ledger_accounts a ON a.id = l.account_id" \
	" JOIN ledger_transactions t ON t.id = l.txn_id" \
	" LEFT JOIN campaigns c ON c.id = t.campaign_id" \
	" LEFT JOIN tasks k ON k.id = t.task_id" \
	" LEFT JOIN users f ON f.id = k.worker_id AND t.kind = 'referral'" \
	" WHERE a.kind = 'available' AND a.owner_id = ?"

/*
 * Read at most limit lines of user's statement below leg before (0: from
 * the newest) into *rows, newest first. Returns DB_OK or a failure.
 */
static int
lines_read(struct db *db, int64_t user, int64_t before, int64_t limit,
    struct db_result *rows)
{
	if (before > 0)
		return db_query(db, rows, LINES_SQL " AND l.id < ?"
		    " ORDER BY l.id DESC LIMIT ?", "iii", user, before, limit);
	return db_query(db, rows, LINES_SQL " ORDER BY l.id DESC LIMIT ?",
	    "ii", user, limit);
}

/* The balance after leg: the sum of user's legs up to it. 0 or -1. */
static int
balance_after(struct db *db, int64_t user, int64_t leg, int64_t *balance)
{
	struct db_result r;

	if (db_query(db, &r, "SELECT COALESCE(SUM(l.amount), 0)"
	    " FROM ledger_legs l JOIN ledger_accounts a ON a.id = l.account_id"
	    " WHERE a.kind = 'available' AND a.owner_id = ? AND l.id <= ?",
	    "ii", user, leg) != DB_OK)
		return -1;
	*balance = db_cell_int(&r, 0, 0);
	db_result_free(&r);
	return 0;
}

/*
 * Read one page of lines below before and the balance after the first.
 * Returns 0 (the caller frees *rows) or -1.
 */
static int
page_read(struct db *db, int64_t user, int64_t before, int64_t limit,
    struct db_result *rows, int64_t *balance)
{
	if (lines_read(db, user, before, limit, rows) != DB_OK)
		return -1;
	*balance = 0;
	if (rows->nrows > 0 && balance_after(db, user,
	    db_value_int(rows, 0, "Id"), balance) == -1) {
		db_result_free(rows);
		return -1;
	}
	return 0;
}

int
page_statement(struct ctx *c)
{
	int64_t before, balance, amount;
	struct db_result r;
	char text[32];
	size_t i, shown;
	HDF *row;

	if ((before = text_id(param_get(&c->req->query, "before"))) == -1) {
		c->error_detail = "bad_page";
		return 400;
	}
	if (page_read(c->app->db, c->session.user_id, before,
	    STATEMENT_PAGE + 1, &r, &balance) == -1)
		return ctx_db_error(c);
	shown = r.nrows > STATEMENT_PAGE ? STATEMENT_PAGE : r.nrows;
	for (i = 0; i < shown; i++) {
		amount = db_value_int(&r, i, "amount");
		if ((row = page_row(c->hdf, "Statement.Lines", i)) != NULL) {
			page_fill(row, &r, i);
			money_format(amount, text, sizeof(text));
			render_setf(row, "Amount", "%s%s", amount > 0 ? "+" :
			    "", text);
			render_setf(row, "In", "%d", amount > 0);
			page_set_money(row, "Balance", balance);
		}
		balance -= amount;
	}
	if (r.nrows > STATEMENT_PAGE)
		render_set(c->hdf, "Statement.Next",
		    db_value(&r, shown - 1, "Id"));
	if (before > 0)
		render_set(c->hdf, "Statement.Paged", "1");
	db_result_free(&r);
	c->template = "statement.cs";
	return 200;
}

/*
 * Append every line of user's statement to out as CSV, newest first and
 * with the balances the pages show. Returns 0, or -1 on a database error
 * or when out of memory.
 */
static int
csv_write(struct db *db, int64_t user, struct buf *out)
{
	char amount[32], balance[32], when[96], desc[320];
	const char *friend;
	int64_t before, bal;
	struct db_result r;
	size_t i, n;
	int rc;

	rc = buf_puts(out, "date,kind,description,amount,balance\r\n");
	if (page_read(db, user, 0, CSV_CHUNK, &r, &bal) == -1)
		return -1;
	for (;;) {
		for (i = 0; i < r.nrows; i++) {
			/* The date as the page shows it, in the user's zone. */
			if (tz_local_time(db_value(&r, i, "When:time"), when,
			    sizeof(when)) == -1)
				snprintf(when, sizeof(when), "%s",
				    db_value(&r, i, "When:time"));
			rc |= buf_printf(out, "%s,", when);
			rc |= csv_put_text(out, db_value(&r, i, "Kind"));
			rc |= buf_puts(out, ",");
			/* A referral share names the friend, as the page. */
			friend = db_value(&r, i, "Friend");
			snprintf(desc, sizeof(desc), "%s%s%s",
			    db_value(&r, i, "Memo"), friend != NULL ? ": " :
			    "", friend != NULL ? friend : "");
			rc |= csv_put_text(out, desc);
			rc |= buf_printf(out, ",%s,%s\r\n",
			    money_format(db_value_int(&r, i, "amount"), amount,
			    sizeof(amount)), money_format(bal, balance,
			    sizeof(balance)));
			bal -= db_value_int(&r, i, "amount");
		}
		n = r.nrows;
		before = n > 0 ? db_value_int(&r, n - 1, "Id") : 0;
		db_result_free(&r);
		if (n < CSV_CHUNK)
			return rc == 0 ? 0 : -1;
		if (lines_read(db, user, before, CSV_CHUNK, &r) != DB_OK)
			return -1;
	}
}

int
page_statement_csv(struct ctx *c)
{
	buf_reset(&c->res->body);
	if (csv_write(c->app->db, c->session.user_id, &c->res->body) == -1) {
		buf_reset(&c->res->body);
		return ctx_db_error(c);
	}
	c->res->content_type = "text/csv; charset=utf-8";
	response_header(c->res, "Content-Disposition",
	    "attachment; filename=\"statement.csv\"");
	c->template = NULL;
	return 200;
}
