/*
 * Fraud signals raised by an account's new address (address_signals.h).
 * Each statement reads a bounded range of one key: the address's
 * accounts by (ip, user_id) newest first, the referral chain by primary
 * key and by referred_by, each joined to user_addresses by its primary
 * key (user_id, ip).
 */
#include <stdint.h>

#include "accounts/address_signals.h"
#include "storage/db.h"

#define STR(x) #x
#define XSTR(x) STR(x)

int
address_signals(struct db *db, int64_t user_id, const char *ip)
{
	int rc;

	rc = db_exec(db, NULL, NULL, "INSERT IGNORE INTO fraud_signals"
	    " (kind, user_id, other_user_id, ip)"
	    " SELECT 'address', ?, o.user_id, o.ip FROM user_addresses o"
	    " WHERE o.ip = LEFT(?, 45) AND o.user_id <> ?"
	    " ORDER BY o.user_id DESC LIMIT " XSTR(ADDRESS_SIGNALS_MAX),
	    "isi", user_id, ip, user_id);
	if (rc != DB_OK)
		return rc;
	/* Up the chain two steps (a new row cannot be its own referrer),
	 * and down one. */
	return db_exec(db, NULL, NULL, "INSERT IGNORE INTO fraud_signals"
	    " (kind, user_id, other_user_id, ip)"
	    " SELECT 'referral', u.id, r.id, o.ip FROM users u"
	    " JOIN users p ON p.id = u.referred_by"
	    " JOIN users r ON r.id IN (p.id, p.referred_by)"
	    " JOIN user_addresses o ON o.user_id = r.id AND o.ip = LEFT(?, 45)"
	    " WHERE u.id = ?"
	    " UNION ALL (SELECT 'referral', ?, c.id, o.ip FROM users c"
	    " JOIN user_addresses o ON o.user_id = c.id AND o.ip = LEFT(?, 45)"
	    " WHERE c.referred_by = ? ORDER BY c.id DESC"
	    " LIMIT " XSTR(ADDRESS_SIGNALS_MAX) ")",
	    "siisi", ip, user_id, user_id, ip, user_id);
}
