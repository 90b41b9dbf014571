/*
 * kaaj-admin's account commands.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "admin/admin.h"
#include "admin/admin_users.h"
#include "base/config.h"
#include "storage/db.h"
#include "accounts/audit.h"
#include "accounts/password.h"
#include "accounts/session.h"
#include "accounts/users.h"
#include "accounts/validate.h"
#include "base/text.h"

#define BAN_REASON_MAX 500	/* characters, as users.ban_reason */

/* Read one line of at most PASSWORD_MAX * 4 bytes, without its newline. */
static int
read_password(FILE *in, char *out, size_t outlen)
{
	size_t n;

	if (fgets(out, (int)outlen, in) == NULL)
		return -1;
	n = strcspn(out, "\r\n");
	if (out[n] == '\0' && n == outlen - 1)
		return -1;	/* longer than the buffer */
	out[n] = '\0';
	return 0;
}

/* An account to create, and its audit reason. */
struct new_admin {
	const struct user_new *user;
	const char *reason;
	int64_t id;
};

/* Transaction body: the account and its audit row. */
static int
create_body(struct db *db, void *arg)
{
	struct new_admin *na = arg;
	char detail[64];
	int rc;

	if ((rc = users_create(db, na->user, &na->id)) != DB_OK)
		return rc;
	snprintf(detail, sizeof(detail), "admin %s", na->user->username);
	return audit_write(db, "user.create_admin", "user", na->id,
	    na->reason, detail);
}

int
admin_create_admin(struct db *db, const struct kaaj_config *cfg,
    const char *username, const char *email, const char *reason, FILE *in)
{
	char password[PASSWORD_MAX * 4 + 2], hash[PASSWORD_HASH_MAX];
	struct user_new nu = { username, email, hash, "", "en", 1, 1, 0 };
	struct new_admin na = { &nu, reason, 0 };
	const char *why;
	int rc;

	if ((why = validate_username(username)) != NULL ||
	    (why = validate_email(email)) != NULL) {
		fprintf(stderr, "kaaj-admin: %s\n", why);
		return ADMIN_BAD_VALUE;
	}
	if (read_password(in, password, sizeof(password)) == -1) {
		fprintf(stderr, "kaaj-admin: give the password as the first "
		    "line of standard input\n");
		return ADMIN_BAD_VALUE;
	}
	if ((why = password_problem(password, username, email)) != NULL) {
		fprintf(stderr, "kaaj-admin: password refused: %s\n", why);
		sodium_memzero(password, sizeof(password));
		return ADMIN_BAD_VALUE;
	}
	if (sodium_init() < 0 || password_hash(cfg, password, hash) == -1) {
		fprintf(stderr, "kaaj-admin: cannot hash the password\n");
		sodium_memzero(password, sizeof(password));
		return ADMIN_FAILED;
	}
	sodium_memzero(password, sizeof(password));
	rc = db_txn(db, create_body, &na);
	if (rc == DB_DUPLICATE) {
		fprintf(stderr, "kaaj-admin: the username or e-mail address "
		    "is taken\n");
		return ADMIN_FAILED;
	}
	if (rc != DB_OK)
		return ADMIN_FAILED;
	printf("admin %s created\n", username);
	return ADMIN_DONE;
}

/* The id of username, or 0 after saying there is none (or -1). */
static int64_t
user_named(struct db *db, const char *username)
{
	struct db_result r;
	int64_t id;

	if (db_query(db, &r, "SELECT id FROM users WHERE username = ?", "s",
	    username) != DB_OK)
		return -1;
	id = r.nrows == 1 ? db_cell_int(&r, 0, 0) : 0;
	db_result_free(&r);
	if (id == 0)
		fprintf(stderr, "kaaj-admin: no user %s\n", username);
	return id;
}

/* A ban or its lifting, and whether the lifting found a ban. */
struct ban {
	int64_t id;
	const char *reason;
	int was_banned;
};

/* Transaction body: ban, end the sessions, write the audit row. */
static int
ban_body(struct db *db, void *arg)
{
	struct ban *b = arg;
	int rc;

	if ((rc = users_ban(db, b->id, b->reason)) != DB_OK)
		return rc;
	if (session_end_user(db, b->id, NULL) == -1)
		return DB_ERROR;
	return audit_write(db, "user.ban", "user", b->id, b->reason, NULL);
}

/* Transaction body: lift the ban; the audit row only when there was one. */
static int
unban_body(struct db *db, void *arg)
{
	struct ban *b = arg;
	int rc;

	if ((rc = users_unban(db, b->id, &b->was_banned)) != DB_OK)
		return rc;
	if (!b->was_banned)
		return DB_ROLLBACK;
	return audit_write(db, "user.unban", "user", b->id, b->reason, NULL);
}

int
admin_ban(struct db *db, const char *username, const char *reason)
{
	struct ban b = { 0, reason, 0 };

	if (reason[0] == '\0' || text_chars(reason) > BAN_REASON_MAX) {
		fprintf(stderr, "kaaj-admin: a ban needs a reason of 1 to %d "
		    "characters\n", BAN_REASON_MAX);
		return ADMIN_BAD_VALUE;
	}
	if ((b.id = user_named(db, username)) <= 0)
		return ADMIN_FAILED;
	if (db_txn(db, ban_body, &b) != DB_OK)
		return ADMIN_FAILED;
	printf("%s banned\n", username);
	return ADMIN_DONE;
}

int
admin_unban(struct db *db, const char *username, const char *reason)
{
	struct ban b = { 0, reason, 0 };
	int rc;

	if ((b.id = user_named(db, username)) <= 0)
		return ADMIN_FAILED;
	rc = db_txn(db, unban_body, &b);
	if (rc != DB_OK && rc != DB_ROLLBACK)
		return ADMIN_FAILED;
	printf(b.was_banned ? "%s unbanned\n" : "%s was not banned\n",
	    username);
	return ADMIN_DONE;
}

int
admin_user_exists(struct db *db, const char *username)
{
	struct db_result r;
	int found;

	if (db_query(db, &r, "SELECT 1 FROM users WHERE username = ?", "s",
	    username) != DB_OK) {
		fprintf(stderr, "kaaj-admin: %s\n", db_error(db));
		return -1;
	}
	found = r.nrows > 0;
	db_result_free(&r);
	return found;
}
