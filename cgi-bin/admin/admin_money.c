/*
 * kaaj-admin's money commands.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "admin/admin.h"
#include "admin/admin_money.h"
#include "storage/db.h"
#include "money/ledger.h"
#include "base/money.h"
#include "base/text.h"
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

/* Non-zero when key is 1 to CREDIT_KEY_MAX printable ASCII, no spaces. */
static int
key_valid(const char *key)
{
	size_t n = strlen(key);

	return n > 0 && n <= CREDIT_KEY_MAX && text_is_printable_ascii(key) &&
	    strchr(key, ' ') == NULL;
}

int
admin_credit(struct db *db, const char *username, const char *amount,
    const char *reason, const char *given_key)
{
	unsigned char rnd[12];
	enum money_parse_err pe;
	enum wallet_result wr;
	char key[8 + CREDIT_KEY_MAX], shown[32];
	struct db_result r;
	int64_t value, user;

	if ((pe = money_parse(amount, &value)) != MONEY_OK || value == 0) {
		fprintf(stderr, "kaaj-admin: %s: %s\n", amount,
		    pe != MONEY_OK ? amount_problem(pe) :
		    "the amount must be above zero");
		return ADMIN_BAD_VALUE;
	}
	if (reason[0] == '\0' || text_chars(reason) > CREDIT_REASON_MAX) {
		fprintf(stderr, "kaaj-admin: give a reason of 1 to %d "
		    "characters with --reason\n", CREDIT_REASON_MAX);
		return ADMIN_BAD_VALUE;
	}
	if (given_key != NULL && !key_valid(given_key)) {
		fprintf(stderr, "kaaj-admin: --key needs 1 to %d printable "
		    "characters without spaces\n", CREDIT_KEY_MAX);
		return ADMIN_BAD_VALUE;
	}
	if (db_query(db, &r, "SELECT id FROM users WHERE username = ?", "s",
	    username) != DB_OK)
		return ADMIN_FAILED;
	user = r.nrows == 1 ? db_cell_int(&r, 0, 0) : 0;
	db_result_free(&r);
	if (user == 0) {
		fprintf(stderr, "kaaj-admin: no user %s\n", username);
		return ADMIN_FAILED;
	}
	/* Without --key, each run is its own credit: a random key. */
	if (given_key != NULL)
		snprintf(key, sizeof(key), "credit:%s", given_key);
	else {
		if (sodium_init() < 0)
			return ADMIN_FAILED;
		randombytes_buf(rnd, sizeof(rnd));
		memcpy(key, "credit:", 7);
		sodium_bin2hex(key + 7, sizeof(key) - 7, rnd, sizeof(rnd));
	}
	wr = wallet_credit(db, user, value, reason, key);
	if (wr == WALLET_DONE_BEFORE) {
		printf("key %s was used before: nothing credited\n",
		    given_key != NULL ? given_key : key + 7);
		return ADMIN_DONE;
	}
	if (wr != WALLET_OK) {
		fprintf(stderr, "kaaj-admin: the credit failed\n");
		return ADMIN_FAILED;
	}
	printf("credited %s %s\n", username, money_format(value, shown,
	    sizeof(shown)));
	return ADMIN_DONE;
}

/* The ledger's totals, one per line: "total KIND AMOUNT". */
static int
print_totals(struct db *db)
{
	struct ledger_totals t;
	char shown[32];

	if (ledger_totals(db, &t) == -1)
		return -1;
	printf("total escrow %s\n", money_format(t.escrow, shown,
	    sizeof(shown)));
	printf("total owed %s\n", money_format(t.owed, shown, sizeof(shown)));
	printf("total revenue %s\n", money_format(t.revenue, shown,
	    sizeof(shown)));
	printf("total outside %s\n", money_format(t.outside, shown,
	    sizeof(shown)));
	return 0;
}

int
admin_ledger_check(struct db *db)
{
	int problems = ledger_check(db, stdout);

	if (problems < 0 || print_totals(db) == -1)
		return -1;
	if (problems > 0) {
		fprintf(stderr, "kaaj-admin: the ledger has %d problem%s\n",
		    problems, problems == 1 ? "" : "s");
		return -1;
	}
	printf("ledger ok\n");
	return 0;
}
