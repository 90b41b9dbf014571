/*
 * Writes to the users table, one statement each (see users.h). The
 * guards (status = 'pending', status = 'banned') are in the statements, so
 * two racing requests cannot both act on a state that only one of them
 * saw.
 */
#include <stdint.h>

#include "accounts/address_signals.h"
#include "accounts/users.h"
#include "storage/db.h"

int
users_create(struct db *db, const struct user_new *u, int64_t *id)
{
	uint64_t new_id = 0;
	int rc;

	rc = db_exec(db, NULL, &new_id, "INSERT INTO users (username, email,"
	    " password_hash, country, language, is_admin, status, activated_at,"
	    " referred_by) VALUES (?, ?, ?, ?, ?, ?,"
	    " IF(?, 'active', 'pending'), IF(?, UTC_TIMESTAMP(), NULL),"
	    " NULLIF(?, 0))", "sssssiiii", u->username, u->email,
	    u->password_hash, u->country, u->language,
	    (int64_t)(u->is_admin != 0), (int64_t)u->active,
	    (int64_t)u->active, u->referred_by);
	*id = rc == DB_OK ? (int64_t)new_id : 0;
	return rc;
}

int
users_activate(struct db *db, int64_t user_id)
{
	return db_exec(db, NULL, NULL, "UPDATE users SET status = 'active',"
	    " activated_at = UTC_TIMESTAMP() WHERE id = ?"
	    " AND status = 'pending'", "i", user_id);
}

int
users_set_password(struct db *db, int64_t user_id, const char *password_hash)
{
	return db_exec(db, NULL, NULL, "UPDATE users SET password_hash = ?"
	    " WHERE id = ?", "si", password_hash, user_id);
}

int
users_reset_password(struct db *db, int64_t user_id,
    const char *password_hash)
{
	return db_exec(db, NULL, NULL, "UPDATE users SET password_hash = ?,"
	    " activated_at = COALESCE(activated_at, UTC_TIMESTAMP()),"
	    " status = IF(status = 'pending', 'active', status)"
	    " WHERE id = ?", "si", password_hash, user_id);
}

int
users_set_profile(struct db *db, int64_t user_id, const char *country,
    const char *language, const char *time_zone, const char *payout_method,
    const char *payout_account)
{
	return db_exec(db, NULL, NULL, "UPDATE users SET country = ?,"
	    " language = ?, time_zone = ?, payout_method = ?,"
	    " payout_account = ? WHERE id = ?", "sssssi", country, language,
	    time_zone, payout_method, payout_account, user_id);
}

int
users_set_language(struct db *db, int64_t user_id, const char *language)
{
	return db_exec(db, NULL, NULL, "UPDATE users SET language = ?"
	    " WHERE id = ?", "si", language, user_id);
}

int
users_set_email(struct db *db, int64_t user_id, const char *email)
{
	return db_exec(db, NULL, NULL, "UPDATE users SET email = ?"
	    " WHERE id = ?", "si", email, user_id);
}

int
users_ban(struct db *db, int64_t user_id, const char *reason)
{
	return db_exec(db, NULL, NULL, "UPDATE users SET"
	    " status = 'banned', ban_reason = ? WHERE id = ?", "si", reason,
	    user_id);
}

int
users_seen_at(struct db *db, int64_t user_id, const char *ip, int login)
{
	uint64_t affected = 0;
	int rc;

	rc = db_exec(db, &affected, NULL, "INSERT INTO user_addresses"
	    " (user_id, ip, logins) VALUES (?, LEFT(?, 45), ?)"
	    " ON DUPLICATE KEY UPDATE last_seen = CURRENT_TIMESTAMP,"
	    " logins = logins + VALUES(logins)", "isi", user_id, ip,
	    (int64_t)(login != 0));
	/* One row inserted: the account's first time on this address. */
	if (rc != DB_OK || affected != 1)
		return rc;
	return address_signals(db, user_id, ip);
}

int
users_unban(struct db *db, int64_t user_id, int *was_banned)
{
	uint64_t affected = 0;
	int rc;

	rc = db_exec(db, &affected, NULL, "UPDATE users SET ban_reason = NULL,"
	    " status = IF(activated_at IS NULL, 'pending', 'active')"
	    " WHERE id = ? AND status = 'banned'", "i", user_id);
	*was_banned = affected == 1;
	return rc;
}

int
users_set_admin(struct db *db, int64_t user_id, int is_admin, int *changed)
{
	uint64_t affected = 0;
	int rc;

	if (is_admin)
		rc = db_exec(db, &affected, NULL, "UPDATE users"
		    " SET is_admin = 1 WHERE id = ? AND is_admin = 0"
		    " AND status = 'active'", "i", user_id);
	else
		rc = db_exec(db, &affected, NULL, "UPDATE users"
		    " SET is_admin = 0 WHERE id = ? AND is_admin = 1", "i",
		    user_id);
	*changed = affected == 1;
	return rc;
}
