/*
 * What admins do to an account from /admin/users: ban and unban it, make
 * it an admin or no longer one. Each is one retried transaction that
 * makes the change and writes its audit row (accounts/audit.h) together;
 * a refused or unchanged action rolls back and leaves no row. The
 * database handle must have an actor (db_set_actor).
 */
#ifndef KAAJ_USER_ADMIN_H
#define KAAJ_USER_ADMIN_H

#include <stdint.h>

struct db;

enum user_admin_result {
	USER_ADMIN_OK = 0,
	USER_ADMIN_UNCHANGED,	/* it was so already (not banned, an admin) */
	USER_ADMIN_NOT_FOUND,
	USER_ADMIN_IS_ADMIN,	/* an admin is not banned: remove the role */
	USER_ADMIN_NOT_ACTIVE,	/* only an active account becomes admin */
	USER_ADMIN_LAST,	/* the last active admin stays one */
	USER_ADMIN_DB_ERROR
};

/*
 * Ban the account with reason (shown to them at login) and end its
 * sessions, so it is logged out at once. USER_ADMIN_IS_ADMIN for an
 * admin's account. Banning a banned account again replaces its reason.
 */
enum user_admin_result user_admin_ban(struct db *db, int64_t user,
    const char *reason);

/*
 * Lift the account's ban (users_unban). USER_ADMIN_UNCHANGED when it was
 * not banned.
 */
enum user_admin_result user_admin_unban(struct db *db, int64_t user,
    const char *reason);

/*
 * Make the account an admin (is_admin 1) or no longer one (0), for
 * reason. Every such change first updates the one row of admin_guard
 * (sql/0019), so changes of the admins run one at a time, also on a
 * Galera cluster; removing one then counts the active admins left and
 * refuses, USER_ADMIN_LAST, when none would be. USER_ADMIN_UNCHANGED when
 * the account is (not) an admin already, USER_ADMIN_NOT_ACTIVE when a
 * pending or banned account is to become one.
 */
enum user_admin_result user_admin_set_admin(struct db *db, int64_t user,
    int is_admin, const char *reason);

#endif
