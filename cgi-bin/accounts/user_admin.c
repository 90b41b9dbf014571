/*
 * The admins' actions on an account (user_admin.h): the change and its
 * audit row in one transaction.
 */
#include <stdint.h>

#include "accounts/audit.h"
#include "accounts/session.h"
#include "accounts/user_admin.h"
#include "accounts/users.h"
#include "storage/db.h"

/* One action on an account, and what became of it. */
struct user_action {
	int64_t user;
	int is_admin;		/* set_admin: the new value */
	const char *reason;
	enum user_admin_result result;
};

/*
 * Read the account's is_admin and status ('a'ctive, 'p'ending, 'b'anned)
 * into *is_admin and *status, locking its row when lock is set. 1 found,
 * 0 not, or a DB_* failure.
 */
static int
account_state(struct db *db, int64_t user, int lock, int *is_admin,
    char *status)
{
	struct db_result r;
	const char *s;
	int rc;

	rc = db_query(db, &r, lock ? "SELECT is_admin, status FROM users"
	    " WHERE id = ? FOR UPDATE" : "SELECT is_admin, status FROM users"
	    " WHERE id = ?", "i", user);
	if (rc != DB_OK)
		return rc;
	if (r.nrows == 1) {
		*is_admin = db_cell_int(&r, 0, 0) != 0;
		s = db_cell(&r, 0, 1);
		*status = s != NULL ? s[0] : 'p';
	}
	rc = r.nrows == 1;
	db_result_free(&r);
	return rc;
}

/* Transaction body: check, ban, end the sessions, write the audit row. */
static int
ban_body(struct db *db, void *arg)
{
	struct user_action *a = arg;
	int rc, is_admin = 0;
	char status = 'p';

	a->result = USER_ADMIN_DB_ERROR;
	/* The row's lock keeps a concurrent "make admin" after the check. */
	if ((rc = account_state(db, a->user, 1, &is_admin, &status)) < 0)
		return rc;
	if (rc == 0 || is_admin) {
		a->result = rc == 0 ? USER_ADMIN_NOT_FOUND :
		    USER_ADMIN_IS_ADMIN;
		return DB_ROLLBACK;
	}
	if ((rc = users_ban(db, a->user, a->reason)) != DB_OK)
		return rc;
	if (session_end_user(db, a->user, NULL) == -1)
		return DB_ERROR;
	if ((rc = audit_write(db, "user.ban", "user", a->user, a->reason,
	    NULL)) != DB_OK)
		return rc;
	a->result = USER_ADMIN_OK;
	return DB_OK;
}

/* Transaction body: lift the ban; the audit row only when there was one. */
static int
unban_body(struct db *db, void *arg)
{
	struct user_action *a = arg;
	int rc, was_banned = 0, is_admin = 0;
	char status = 'p';

	a->result = USER_ADMIN_DB_ERROR;
	if ((rc = users_unban(db, a->user, &was_banned)) != DB_OK)
		return rc;
	if (!was_banned) {
		if ((rc = account_state(db, a->user, 0, &is_admin,
		    &status)) < 0)
			return rc;
		a->result = rc == 0 ? USER_ADMIN_NOT_FOUND :
		    USER_ADMIN_UNCHANGED;
		return DB_ROLLBACK;
	}
	if ((rc = audit_write(db, "user.unban", "user", a->user, a->reason,
	    NULL)) != DB_OK)
		return rc;
	a->result = USER_ADMIN_OK;
	return DB_OK;
}

/* The active admins there are now. 0 and *n, or a DB_* failure. */
static int
active_admins(struct db *db, int64_t *n)
{
	struct db_result r;
	int rc;

	if ((rc = db_query(db, &r, "SELECT COUNT(*) FROM users"
	    " WHERE is_admin = 1 AND status = 'active'", "")) != DB_OK)
		return rc;
	*n = db_cell_int(&r, 0, 0);
	db_result_free(&r);
	return DB_OK;
}

/*
 * Transaction body: take admin_guard's row, change is_admin, and when an
 * admin was removed, count those left; then the audit row.
 */
static int
set_admin_body(struct db *db, void *arg)
{
	struct user_action *a = arg;
	int rc, changed = 0, is_admin = 0;
	uint64_t guarded = 0;
	char status = 'p';
	int64_t left;

	a->result = USER_ADMIN_DB_ERROR;
	if ((rc = db_exec(db, &guarded, NULL, "UPDATE admin_guard"
	    " SET changes = changes + 1 WHERE id = 1", "")) != DB_OK)
		return rc;
	if (guarded != 1)
		return DB_ERROR;	/* sql/0019 was not applied */
	if ((rc = users_set_admin(db, a->user, a->is_admin, &changed)) !=
	    DB_OK)
		return rc;
	if (!changed) {
		if ((rc = account_state(db, a->user, 0, &is_admin,
		    &status)) < 0)
			return rc;
		a->result = rc == 0 ? USER_ADMIN_NOT_FOUND :
		    is_admin == a->is_admin ? USER_ADMIN_UNCHANGED :
		    USER_ADMIN_NOT_ACTIVE;
		return DB_ROLLBACK;
	}
	if (!a->is_admin) {
		if ((rc = active_admins(db, &left)) != DB_OK)
			return rc;
		if (left < 1) {
			a->result = USER_ADMIN_LAST;
			return DB_ROLLBACK;
		}
	}
	if ((rc = audit_write(db, a->is_admin ? "user.make_admin" :
	    "user.unmake_admin", "user", a->user, a->reason, NULL)) != DB_OK)
		return rc;
	a->result = USER_ADMIN_OK;
	return DB_OK;
}

/* Run body for a; the result it came to, or USER_ADMIN_DB_ERROR. */
static enum user_admin_result
run(struct db *db, int (*body)(struct db *, void *), struct user_action *a)
{
	int rc = db_txn(db, body, a);

	return rc == DB_OK || rc == DB_ROLLBACK ? a->result :
	    USER_ADMIN_DB_ERROR;
}

enum user_admin_result
user_admin_ban(struct db *db, int64_t user, const char *reason)
{
	struct user_action a = { user, 0, reason, USER_ADMIN_DB_ERROR };

	return run(db, ban_body, &a);
}

enum user_admin_result
user_admin_unban(struct db *db, int64_t user, const char *reason)
{
	struct user_action a = { user, 0, reason, USER_ADMIN_DB_ERROR };

	return run(db, unban_body, &a);
}

enum user_admin_result
user_admin_set_admin(struct db *db, int64_t user, int is_admin,
    const char *reason)
{
	struct user_action a = { user, is_admin != 0, reason,
	    USER_ADMIN_DB_ERROR };

	return run(db, set_admin_body, &a);
}
