/*
 * The double-entry ledger (tables ledger_accounts, ledger_transactions,
 * ledger_legs).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "storage/db.h"
#include "money/ledger.h"

static const char *const kind_names[] = {
	"available", "held", "escrow", "revenue", "outside"
};

const char *
ledger_kind_name(enum ledger_kind kind)
{
	return kind_names[kind];
}

/* The id of kind/owner if it exists: 1 found, 0 not, -1 error. */
static int
account_find(struct db *db, enum ledger_kind kind, int64_t owner,
    int64_t *id)
{
	struct db_result r;
	int found;

	if (db_query(db, &r, "SELECT id FROM ledger_accounts"
	    " WHERE kind = ? AND owner_id = ?", "si", kind_names[kind],
	    owner) != DB_OK)
		return -1;
	found = r.nrows == 1;
	if (found)
		*id = db_cell_int(&r, 0, 0);
	db_result_free(&r);
	return found;
}

int
ledger_account(struct db *db, enum ledger_kind kind, int64_t owner,
    int64_t *id)
{
	int found;

	if ((found = account_find(db, kind, owner, id)) != 0)
		return found == 1 ? 0 : -1;
	/* Made on first use; the unique key settles two first uses. */
	if (db_exec(db, NULL, NULL, "INSERT IGNORE INTO ledger_accounts"
	    " (kind, owner_id, may_go_negative) VALUES (?, ?, ?)", "sii",
	    kind_names[kind], owner, (int64_t)(kind == LEDGER_OUTSIDE)) !=
	    DB_OK)
		return -1;
	return account_find(db, kind, owner, id) == 1 ? 0 : -1;
}

int
ledger_balance(struct db *db, enum ledger_kind kind, int64_t owner,
    int64_t *balance)
{
	struct db_result r;

	if (db_query(db, &r, "SELECT balance FROM ledger_accounts"
	    " WHERE kind = ? AND owner_id = ?", "si", kind_names[kind],
	    owner) != DB_OK)
		return -1;
	*balance = r.nrows == 1 ? db_cell_int(&r, 0, 0) : 0;
	db_result_free(&r);
	return 0;
}

/* A resolved leg: the account's id and the amount. */
struct posting {
	int64_t account;
	int64_t amount;
};

/* Order postings by account id, so racing transactions lock alike. */
static int
posting_cmp(const void *a, const void *b)
{
	const struct posting *x = a, *y = b;

	return x->account < y->account ? -1 : x->account > y->account;
}

/* The legs are well formed: 2 to LEDGER_MAX_LEGS, none zero, sum zero. */
static int
legs_valid(const struct ledger_leg *legs, size_t n)
{
	__int128 sum = 0;
	size_t i;

	if (n < 2 || n > LEDGER_MAX_LEGS)
		return 0;
	for (i = 0; i < n; i++) {
		if (legs[i].amount == 0 || legs[i].owner < 0)
			return 0;
		sum += legs[i].amount;
	}
	return sum == 0;
}

enum ledger_result
ledger_post(struct db *db, const char *key, const char *kind,
    const char *memo, int64_t actor, const struct ledger_about *about,
    const struct ledger_leg *legs, size_t n, int64_t *txn_id)
{
	static const struct ledger_about none = { 0, 0 };
	struct posting p[LEDGER_MAX_LEGS];
	uint64_t affected, id;
	size_t i;
	int rc;

	if (!legs_valid(legs, n) || key == NULL || key[0] == '\0' ||
	    strlen(key) > LEDGER_KEY_MAX)
		return LEDGER_INVALID;
	/* The key first: a second attempt stops here, before any money. */
	if (about == NULL)
		about = &none;
	rc = db_exec(db, NULL, &id, "INSERT INTO ledger_transactions"
	    " (idem_key, kind, memo, actor_id, campaign_id, task_id)"
	    " VALUES (?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0))", "sssiii",
	    key, kind, memo != NULL ? memo : "", actor, about->campaign,
	    about->task);
	if (rc == DB_DUPLICATE)
		return LEDGER_DONE_BEFORE;
	if (rc != DB_OK)
		return LEDGER_DB_ERROR;
	for (i = 0; i < n; i++) {
		if (ledger_account(db, legs[i].kind, legs[i].owner,
		    &p[i].account) == -1)
			return LEDGER_DB_ERROR;
		p[i].amount = legs[i].amount;
	}
	qsort(p, n, sizeof(p[0]), posting_cmp);
	for (i = 0; i < n; i++) {
		/*
		 * One guarded UPDATE per leg: it moves the balance only if
		 * the result may stand, so concurrent posts cannot overdraw.
		 */
		if (db_exec(db, &affected, NULL, "UPDATE ledger_accounts"
		    " SET balance = balance + ? WHERE id = ?"
		    " AND (may_go_negative = 1 OR balance + ? >= 0)", "iii",
		    p[i].amount, p[i].account, p[i].amount) != DB_OK)
			return LEDGER_DB_ERROR;
		if (affected != 1)
			return LEDGER_SHORT;
		if (db_exec(db, NULL, NULL, "INSERT INTO ledger_legs"
		    " (txn_id, account_id, amount) VALUES (?, ?, ?)", "iii",
		    (int64_t)id, p[i].account, p[i].amount) != DB_OK)
			return LEDGER_DB_ERROR;
	}
	if (txn_id != NULL)
		*txn_id = (int64_t)id;
	return LEDGER_OK;
}

int
ledger_txn_rc(enum ledger_result lr)
{
	switch (lr) {
	case LEDGER_OK:
		return DB_OK;
	case LEDGER_DONE_BEFORE:
	case LEDGER_SHORT:
	case LEDGER_INVALID:
		return DB_ROLLBACK;
	default:
		return DB_ERROR;
	}
}

/* Print each row of a check query as one problem line; count them. */
static int
report(struct db *db, FILE *out, const char *sql, const char *what)
{
	struct db_result r;
	size_t i, j;
	int n;

	if (db_query(db, &r, sql, "") != DB_OK)
		return -1;
	for (i = 0; i < r.nrows; i++) {
		fprintf(out, "%s:", what);
		for (j = 0; j < r.ncols; j++)
			fprintf(out, " %s=%s", r.names[j],
			    db_cell(&r, i, j) != NULL ? db_cell(&r, i, j) : "NULL");
		fputc('\n', out);
	}
	n = (int)r.nrows;
	db_result_free(&r);
	return n;
}

int
ledger_check(struct db *db, FILE *out)
{
	static const struct {
		const char *what, *sql;
	} checks[] = {
		{ "legs of a transaction do not sum to zero",
		  "SELECT txn_id, SUM(amount) AS sum FROM ledger_legs"
		  " GROUP BY txn_id HAVING SUM(amount) <> 0" },
		{ "a transaction has fewer than two legs",
		  "SELECT t.id AS txn_id, t.idem_key, COUNT(l.id) AS legs"
		  " FROM ledger_transactions t"
		  " LEFT JOIN ledger_legs l ON l.txn_id = t.id"
		  " GROUP BY t.id HAVING COUNT(l.id) < 2" },
		{ "cached balance differs from the sum of legs",
		  "SELECT a.id AS account, a.kind, a.owner_id AS owner,"
		  " a.balance AS cached, COALESCE(SUM(l.amount), 0) AS legs"
		  " FROM ledger_accounts a"
		  " LEFT JOIN ledger_legs l ON l.account_id = a.id"
		  " GROUP BY a.id HAVING a.balance <> COALESCE(SUM(l.amount), 0)" },
		{ "account below zero",
		  "SELECT id AS account, kind, owner_id AS owner, balance"
		  " FROM ledger_accounts"
		  " WHERE may_go_negative = 0 AND balance < 0" },
		{ "all legs together do not sum to zero",
		  "SELECT SUM(amount) AS sum FROM ledger_legs"
		  " HAVING SUM(amount) <> 0" },
		/* users.referral_earned is shown on /referrals: the sum of
		 * the referral shares paid for the user's tasks. */
		{ "a user's referral_earned differs from the referral shares "
		  "paid for their tasks",
		  "SELECT u.id AS user, u.referral_earned AS cached,"
		  " COALESCE(x.paid, 0) AS ledger FROM users u"
		  " LEFT JOIN (SELECT k.worker_id, SUM(l.amount) AS paid"
		  "  FROM ledger_transactions t"
		  "  JOIN tasks k ON k.id = t.task_id"
		  "  JOIN ledger_legs l ON l.txn_id = t.id AND l.amount > 0"
		  "  WHERE t.kind = 'referral' GROUP BY k.worker_id) x"
		  "  ON x.worker_id = u.id"
		  " WHERE u.referral_earned <> COALESCE(x.paid, 0)" },
	};
	int n, total = 0;
	size_t i;

	for (i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
		if ((n = report(db, out, checks[i].sql, checks[i].what)) == -1)
			return -1;
		total += n;
	}
	return total;
}

int
ledger_totals(struct db *db, struct ledger_totals *t)
{
	struct db_result r;
	const char *kind;
	int64_t sum;
	size_t i;

	memset(t, 0, sizeof(*t));
	if (db_query(db, &r, "SELECT a.kind, SUM(l.amount) AS sum"
	    " FROM ledger_legs l JOIN ledger_accounts a ON a.id = l.account_id"
	    " GROUP BY a.kind", "") != DB_OK)
		return -1;
	for (i = 0; i < r.nrows; i++) {
		kind = db_value(&r, i, "kind");
		sum = db_value_int(&r, i, "sum");
		if (kind == NULL)
			continue;
		if (strcmp(kind, "escrow") == 0)
			t->escrow += sum;
		else if (strcmp(kind, "available") == 0 ||
		    strcmp(kind, "held") == 0)
			t->owed += sum;
		else if (strcmp(kind, "revenue") == 0)
			t->revenue += sum;
		else if (strcmp(kind, "outside") == 0)
			t->outside += sum;
	}
	db_result_free(&r);
	return 0;
}
