/*
 * Referral shares over the ledger, and what a referrer's page and
 * dashboard read.
 */
#include <stdio.h>
#include <string.h>

#include "base/config.h"
#include "storage/db.h"
#include "money/referral.h"

#define USERNAME_MAX 32		/* users.username's column */

int64_t
referral_share(int64_t pay, int64_t ppm)
{
	if (pay <= 0 || ppm <= 0)
		return 0;
	/* Round down: floor(pay * ppm / 1e6), without overflow. */
	return (int64_t)((__int128)pay * ppm / 1000000);
}

/*
 * The referrer owed a share of worker's pay now: *referrer 0 when none.
 * The one statement that finds the referrer checks that they are active
 * and that the referral lasts, and takes a shared lock on both rows, so
 * a ban or a change of either waits for this transaction. DB_OK or a
 * failure.
 */
static int
referrer_owed(struct db *db, int64_t worker, int64_t days, int64_t *referrer)
{
	struct db_result r;
	int rc;

	*referrer = 0;
	rc = db_query(db, &r, "SELECT rr.id FROM users w"
	    " JOIN users rr ON rr.id = w.referred_by AND rr.status = 'active'"
	    " WHERE w.id = ? AND (? = 0"
	    " OR w.created_at >= UTC_TIMESTAMP() - INTERVAL ? DAY)"
	    " LOCK IN SHARE MODE", "iii", worker, days, days);
	if (rc != DB_OK)
		return rc;
	if (r.nrows == 1)
		*referrer = db_cell_int(&r, 0, 0);
	db_result_free(&r);
	return DB_OK;
}

enum ledger_result
referral_pay(struct db *db, int64_t campaign, int64_t task, int64_t worker,
    int64_t amount)
{
	const struct kaaj_config *cfg = db_config(db);
	struct ledger_about about = { campaign, task };
	struct ledger_leg legs[2];
	char key[LEDGER_KEY_MAX + 1];
	enum ledger_result lr;
	int64_t referrer, share;

	share = referral_share(amount, cfg->referral_ppm);
	if (share <= 0)
		return LEDGER_OK;
	if (referrer_owed(db, worker, cfg->referral_days, &referrer) != DB_OK)
		return LEDGER_DB_ERROR;
	if (referrer == 0 || referrer == worker)
		return LEDGER_OK;
	legs[0] = (struct ledger_leg){ LEDGER_REVENUE, 0, -share };
	legs[1] = (struct ledger_leg){ LEDGER_AVAILABLE, referrer, share };
	snprintf(key, sizeof(key), "task:%lld:referral", (long long)task);
	lr = ledger_post(db, key, "referral",
	    "referral share of a referred user's task pay", 0, &about, legs,
	    2, NULL);
	if (lr != LEDGER_OK)
		return lr;
	if (db_exec(db, NULL, NULL, "UPDATE users"
	    " SET referral_earned = referral_earned + ? WHERE id = ?", "ii",
	    share, worker) != DB_OK)
		return LEDGER_DB_ERROR;
	return LEDGER_OK;
}

int
referral_referrer(struct db *db, const char *username, int64_t *id,
    char *name, size_t len)
{
	struct db_result r;

	*id = 0;
	if (name != NULL && len > 0)
		name[0] = '\0';
	if (username == NULL || username[0] == '\0' ||
	    strlen(username) > USERNAME_MAX)
		return 0;
	if (db_query(db, &r, "SELECT id, username FROM users"
	    " WHERE username = ? AND status = 'active'", "s", username) !=
	    DB_OK)
		return -1;
	if (r.nrows == 1) {
		*id = db_cell_int(&r, 0, 0);
		if (name != NULL && len > 0)
			snprintf(name, len, "%s", db_cell(&r, 0, 1));
	}
	db_result_free(&r);
	return 0;
}

int
referral_summary(struct db *db, int64_t user, int64_t *referred,
    int64_t *earned)
{
	struct db_result r;

	*referred = *earned = 0;
	if (db_query(db, &r, "SELECT COUNT(*), COALESCE(SUM(referral_earned),"
	    " 0) FROM users WHERE referred_by = ?", "i", user) != DB_OK)
		return -1;
	*referred = db_cell_int(&r, 0, 0);
	*earned = db_cell_int(&r, 0, 1);
	db_result_free(&r);
	return 0;
}
