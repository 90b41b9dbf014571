/*
 * kaaj-admin's money commands.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "admin/admin_money.h"
#include "storage/db.h"
#include "money/ledger.h"
#include "base/money.h"
#include "money/wallet.h"

/* Why money_parse refused, in words for the command line. */
static const char *
amount_problem(enum money_parse_err e)
{
	switch (e) {
	case MONEY_EMPTY:
		return "no amount given";
	case MONEY_NEGATIVE:
		return "the amount must not be negative";
	case MONEY_PRECISION:
		return "at most 6 decimals";
	case MONEY_RANGE:
		return "the amount is too large";
	default:
		return "the amount must be a number such as 12.50";
	}
}

int
admin_credit(struct db *db, const char *username, const char *amount,
    const char *reason)
{
	unsigned char rnd[12];
	enum money_parse_err pe;
	enum wallet_result wr;
	char key[64], shown[32];
	struct db_result r;
	int64_t value, user;

	if ((pe = money_parse(amount, &value)) != MONEY_OK || value == 0) {
		fprintf(stderr, "kaaj-admin: %s: %s\n", amount,
		    pe != MONEY_OK ? amount_problem(pe) :
		    "the amount must be above zero");
		return -1;
	}
	if (reason[0] == '\0' || strlen(reason) > 200) {
		fprintf(stderr, "kaaj-admin: give a reason of 1 to 200 "
		    "characters with --reason\n");
		return -1;
	}
	if (db_query(db, &r, "SELECT id FROM users WHERE username = ?", "s",
	    username) != DB_OK)
		return -1;
	user = r.nrows == 1 ? db_cell_int(&r, 0, 0) : 0;
	db_result_free(&r);
	if (user == 0) {
		fprintf(stderr, "kaaj-admin: no user %s\n", username);
		return -1;
	}
	/* Each run is its own credit: a random key. */
	if (sodium_init() < 0)
		return -1;
	randombytes_buf(rnd, sizeof(rnd));
	memcpy(key, "credit:", 7);
	sodium_bin2hex(key + 7, sizeof(key) - 7, rnd, sizeof(rnd));
	wr = wallet_credit(db, user, value, reason, key);
	if (wr != WALLET_OK) {
		fprintf(stderr, "kaaj-admin: the credit failed\n");
		return -1;
	}
	printf("credited %s %s\n", username, money_format(value, shown,
	    sizeof(shown)));
	return 0;
}

int
admin_ledger_check(struct db *db)
{
	int problems = ledger_check(db, stdout);

	if (problems < 0)
		return -1;
	if (problems > 0) {
		fprintf(stderr, "kaaj-admin: the ledger has %d problem%s\n",
		    problems, problems == 1 ? "" : "s");
		return -1;
	}
	printf("ledger ok\n");
	return 0;
}
